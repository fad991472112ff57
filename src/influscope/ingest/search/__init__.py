"""Search inputs of the journey: query demand and result pages (SERPs).

Each preset reads one export shape record by record with its line number and
maps each record to a row of ``search_demand`` or ``serp``; a bad record becomes
a :class:`~influscope.model.RowError` naming file, line and field, never a
crash and never a silent drop (see :func:`read_rows`).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any

from influscope.ingest.batch import FieldError
from influscope.ingest.checks import check_row
from influscope.ingest.files.readers import payload
from influscope.model import RowError


@dataclass
class SearchRows:
    """Rows mapped from one file, and the records rejected with their place."""

    rows: list[dict[str, Any]] = field(default_factory=list)
    errors: list[RowError] = field(default_factory=list)
    records: int = 0


def read_rows(
    label: str,
    records: Iterator[tuple[int, dict[str, Any]]],
    mapper: Callable[[dict[str, Any]], list[dict[str, Any]]],
) -> SearchRows:
    """Map every record; collect the rows and the line-numbered errors."""
    result = SearchRows()
    for line, record in records:
        result.records += 1
        error = record.get("__error__")
        if error is not None:
            field_name, raw = record.get("__field__"), record.get("__raw__")
            result.errors.append(RowError(label, line, field_name, str(error), raw))
            continue
        try:
            rows = mapper(record)
            for row in rows:
                check_row(row)
            result.rows.extend(rows)
        except FieldError as exc:
            raw = payload(record)
            result.errors.append(RowError(label, line, exc.field, exc.reason, str(raw)[:2000]))
    return result
