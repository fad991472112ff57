"""The unit that flows from ingest to the store: canonical rows of one slice of input.

A batch carries documents, actors, explicit interactions and links (when the
source gives them, e.g. X API entities), plus the items it rejected with their
place. ``position`` says how far into the input the batch reaches, so the
runner can record a cursor in the same transaction as the rows.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

import pyarrow as pa

from influscope import model
from influscope.errors import Phrase
from influscope.ingest.escapes import unescape_row
from influscope.model import RowError

# The Arrow schemas of the four tables a batch fills, from the model.
SCHEMAS = {
    name: model.spec(name).arrow_schema()
    for name in ("documents", "actors", "interactions", "links")
}


def table(rows: list[dict[str, Any]], schema: pa.Schema) -> pa.Table:
    """Build an Arrow table from row dicts, filling absent fields with nulls."""
    return pa.Table.from_pylist(rows, schema=schema)


@dataclass
class Batch:
    """Canonical rows read from one slice of an input, plus what was rejected."""

    documents: list[dict[str, Any]] = field(default_factory=list)
    actors: list[dict[str, Any]] = field(default_factory=list)
    interactions: list[dict[str, Any]] = field(default_factory=list)
    links: list[dict[str, Any]] = field(default_factory=list)
    errors: list[RowError] = field(default_factory=list)
    position: int = 0
    items: int = 0

    def arrow(self, run_id: str, collected_at: datetime) -> dict[str, pa.Table]:
        """The batch as Arrow tables stamped with the run and collection time.

        X posts' text is unescaped here, where every record path meets
        (:mod:`influscope.ingest.escapes`).
        """
        for row in self.documents:
            unescape_row(row)
            row.setdefault("source_run", run_id)
            row.setdefault("collected_at", collected_at)
            if row.get("collected_at") is None:
                row["collected_at"] = collected_at
        for row in self.actors:
            row.setdefault("source_run", run_id)
            if row.get("collected_at") is None:
                row["collected_at"] = collected_at
        for row in self.interactions:
            row.setdefault("source_run", run_id)
            row.setdefault("weight", 1.0)
            if row.get("doc_id") is None:
                row["doc_id"] = ""
        return {
            "documents": table(self.documents, SCHEMAS["documents"]),
            "actors": table(self.actors, SCHEMAS["actors"]),
            "interactions": table(self.interactions, SCHEMAS["interactions"]),
            "links": table(self.links, SCHEMAS["links"]),
        }


@dataclass
class Mapped:
    """What one source record becomes: usually one document and its author."""

    documents: list[dict[str, Any]] = field(default_factory=list)
    actors: list[dict[str, Any]] = field(default_factory=list)
    interactions: list[dict[str, Any]] = field(default_factory=list)
    links: list[dict[str, Any]] = field(default_factory=list)


class FieldError(ValueError):
    """A record's field cannot be mapped; the runner logs it with the file and line."""

    def __init__(self, field_name: str | None, reason: str) -> None:
        super().__init__(reason)
        self.field = field_name
        self.reason = reason

    @classmethod
    def of(cls, field_name: str | None, error: Exception) -> FieldError:
        """The error of a field whose value raised ``error`` (its :class:`Phrase` kept, to be translated)."""
        given = error.args[0] if error.args else None
        return cls(field_name, given if isinstance(given, Phrase) else str(error))
