"""The scope of an answer: an axis and a period, and what the data holds inside it.

A report, ``influscope sov --period`` and ``influscope status --axis
--period`` answer for the same scope, so they say the same numbers: the
period is parsed once here (a year ``2015`` or a month ``2015-02``, as UTC
half-open ranges of days), the documents in scope are counted once here, and
the period a report shows is the one the data covers (first and last
publication in scope), never the day the report was written.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

import ibis.expr.types as ir

from influscope.config import Axis
from influscope.enrich.search import current_forms
from influscope.errors import UsageError
from influscope.query.ibis_compiler import filter_documents

PERIOD_PATTERN = re.compile(r"^(\d{4})(?:-(\d{2}))?$")


@dataclass(frozen=True)
class Period:
    """A year or a month: the days ``start`` (included) to ``end`` (excluded), UTC."""

    name: str
    start: date
    end: date


@dataclass(frozen=True)
class ScopeCount:
    """Documents in scope and the publication dates they span (None when there are none)."""

    axis: str | None
    period: str | None
    documents: int
    first: datetime | None
    last: datetime | None


def parse_period(text: str | None) -> Period | None:
    """``2015`` or ``2015-02`` as a :class:`Period`; None for None; a UsageError otherwise."""
    if text is None:
        return None
    found = PERIOD_PATTERN.match(text.strip())
    month = int(found.group(2)) if found and found.group(2) else None
    if found is None or (month is not None and not 1 <= month <= 12):
        raise UsageError(
            f"Period {text!r} is neither a year nor a month.",
            "Give a year (2015) or a month (2015-02).",
        )
    year = int(found.group(1))
    if month is None:
        return Period(text.strip(), date(year, 1, 1), date(year + 1, 1, 1))
    following = date(year + 1, 1, 1) if month == 12 else date(year, month + 1, 1)
    return Period(text.strip(), date(year, month, 1), following)


def in_period(day: ir.Value, period: Period | None) -> ir.BooleanValue | None:
    """A filter keeping the rows whose ``day`` (a date) falls in ``period``."""
    if period is None:
        return None
    kept: ir.BooleanValue = (day >= period.start) & (day < period.end)
    return kept


def scoped_documents(store: Any, axis: Axis | None, period: Period | None) -> ir.Table:
    """The documents matching the axis query (all without an axis) published in the period."""
    docs: ir.Table = store.table("documents")
    if axis is not None:
        docs = filter_documents(docs, axis.query, store.table("links"), search=current_forms(store))
    kept = in_period(docs.published_at.date(), period)
    return docs if kept is None else docs.filter(kept)


def count_scope(store: Any, axis: Axis | None, period: Period | None) -> ScopeCount:
    """How many documents are in scope, and their first and last publication."""
    docs = scoped_documents(store, axis, period)
    row = store.to_arrow(
        docs.aggregate(
            documents=docs.doc_id.count(),
            first=docs.published_at.min(),
            last=docs.published_at.max(),
        )
    ).to_pylist()[0]
    return ScopeCount(
        axis=axis.name if axis is not None else None,
        period=period.name if period is not None else None,
        documents=int(row["documents"] or 0),
        first=row["first"],
        last=row["last"],
    )
