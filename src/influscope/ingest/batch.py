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

from influscope.model import RowError

TS = pa.timestamp("us")
STR_LIST = pa.list_(pa.string())

DOCUMENT_SCHEMA = pa.schema(
    [
        ("doc_id", pa.string()),
        ("platform", pa.string()),
        ("native_id", pa.string()),
        ("author_id", pa.string()),
        ("published_at", TS),
        ("text", pa.string()),
        ("title", pa.string()),
        ("url", pa.string()),
        ("lang", pa.string()),
        ("likes", pa.int64()),
        ("shares", pa.int64()),
        ("replies", pa.int64()),
        ("views", pa.int64()),
        ("reply_to", pa.string()),
        ("repost_of", pa.string()),
        ("quote_of", pa.string()),
        ("hashtags", STR_LIST),
        ("mentions", STR_LIST),
        ("raw", pa.string()),
        ("source_run", pa.string()),
        ("collected_at", TS),
    ]
)

ACTOR_SCHEMA = pa.schema(
    [
        ("actor_id", pa.string()),
        ("platform", pa.string()),
        ("handle", pa.string()),
        ("name", pa.string()),
        ("bio", pa.string()),
        ("followers", pa.int64()),
        ("homepage", pa.string()),
        ("verified", pa.bool_()),
        ("kind", pa.string()),
        ("kind_source", pa.string()),
        ("attrs", pa.string()),
        ("raw", pa.string()),
        ("source_run", pa.string()),
        ("collected_at", TS),
    ]
)

INTERACTION_SCHEMA = pa.schema(
    [
        ("src", pa.string()),
        ("dst", pa.string()),
        ("kind", pa.string()),
        ("doc_id", pa.string()),
        ("at", TS),
        ("weight", pa.float64()),
        ("source_run", pa.string()),
    ]
)

LINK_SCHEMA = pa.schema([("doc_id", pa.string()), ("url", pa.string()), ("domain", pa.string())])


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
        """The batch as Arrow tables stamped with the run and collection time."""
        for row in self.documents:
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
            "documents": table(self.documents, DOCUMENT_SCHEMA),
            "actors": table(self.actors, ACTOR_SCHEMA),
            "interactions": table(self.interactions, INTERACTION_SCHEMA),
            "links": table(self.links, LINK_SCHEMA),
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
