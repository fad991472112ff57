"""What the imports of :class:`~influscope.workspace.ingest.IngestService` return.

One frozen dataclass per kind of import, so the CLI, the API (their schemas in
the OpenAPI document), the control socket and Python callers read the same
fields. Rejected records are summarised here; the run's error log keeps them all.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any, Literal

from influscope.model import RowError

Health = Literal["ok", "failing", "never run", "unknown connector", "served by watch"]


@dataclass(frozen=True)
class Written:
    """Rows a write inserted and updated in one table."""

    inserted: int
    updated: int


@dataclass(frozen=True)
class RowProblem:
    """A rejected record: where it was and why (the run's error log has them all)."""

    file: str | None
    line: int | None
    field: str | None
    reason: str

    @classmethod
    def of(cls, error: RowError) -> RowProblem:
        """The summary of a row error."""
        return cls(error.file, error.line, error.field, error.reason)


@dataclass(frozen=True)
class PollResult:
    """What one poll of a live source did; ``run_id`` marks the rows it wrote (``source_run``)."""

    source: str
    connector: str
    fetched: int
    rejected: int
    cursor_before: str | None
    cursor: str | None
    documents: Written
    requests: int
    retries: int
    rate_limits: dict[str, dict[str, str]]
    errors: list[RowProblem]
    run_id: str


@dataclass(frozen=True)
class SourceInfo:
    """A configured ``[[sources]]`` entry, its secrets masked."""

    name: str
    connector: str
    every: str
    enabled: bool
    options: dict[str, Any]


@dataclass(frozen=True)
class SourceHealth:
    """How a live source is doing: last success and error, cursor, next run, rate limits."""

    name: str
    connector: str
    enabled: bool
    health: Health
    last_success_at: datetime | None
    last_error_at: datetime | None
    last_error: str | None
    last_fetched: int | None
    total_fetched: int | None
    cursor: str | None
    next_run_at: datetime | None
    due: bool
    rate_limits: dict[str, Any] | None


@dataclass(frozen=True)
class TableImport:
    """An actor table imported (labels, roster, offline notes)."""

    rows: int
    inserted: int
    updated: int
    rejected: int
    errors: list[RowProblem]


@dataclass(frozen=True)
class GraphImport:
    """An actor network imported: its size, what it wrote per table, what it dropped.

    Every record of the file(s) is accounted for: ``node_rows`` = ``nodes_accepted``
    + node rejects; ``edge_rows`` = ``edges`` + ``duplicate_edges`` (summed into
    their repeat) + ``self_loops`` (dropped) + edge rejects. ``nodes`` counts the
    actors written, stubs for edge ends no node row names included.
    """

    node_rows: int
    edge_rows: int
    nodes_accepted: int
    nodes: int
    edges: int
    duplicate_edges: int
    self_loops: int
    rejected: int
    written: dict[str, Written]
    errors: list[RowProblem]


@dataclass(frozen=True)
class SearchImport:
    """Search demand, result pages or observed transitions imported from one file.

    ``repeated``: rows whose key (query, locale and period for demand) an
    earlier row of the file already had; the last is kept (transitions: summed).
    """

    file: str
    preset: str
    records: int
    rows: int
    inserted: int
    updated: int
    rejected: int
    errors: list[RowError]
    repeated: int = 0


@dataclass(frozen=True)
class CrawlResult:
    """What a crawl did: pages fetched, skipped, failed; URLs queued; links; why skipped."""

    seeds: int
    fetched: int
    skipped: int
    failed: int
    queued: int
    links: int
    reasons: dict[str, int]
