"""Per-source health of the live connectors (table ``source_state``, migration 0006).

The watch loop and ``influscope sources check`` read it; each poll writes one
row update, in its own small transaction after the batch (a failed poll must
still be recorded, and it wrote no batch). An error is stored with its URLs
redacted: ``sources check`` shows it, and a feed URL may carry a token.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

import orjson

from influscope.ingest.redact import redact_text
from influscope.store.engine import Store
from influscope.store.writer import Writer


def _ensure(writer: Writer, name: str, connector: str) -> None:
    writer.con.execute(
        "INSERT INTO source_state (name, connector) VALUES (?, ?) "
        "ON CONFLICT (name) DO UPDATE SET connector = excluded.connector",
        [name, connector],
    )


def record_success(
    writer: Writer,
    name: str,
    connector: str,
    at: datetime,
    fetched: int,
    rejected: int,
    rate_limits: dict[str, Any],
    every: timedelta,
) -> None:
    """Record a poll that completed (possibly with rejected items)."""
    _ensure(writer, name, connector)
    writer.con.execute(
        "UPDATE source_state SET last_run_at = ?, last_success_at = ?, last_fetched = ?, "
        "last_rejected = ?, total_fetched = coalesce(total_fetched, 0) + ?, "
        "runs = coalesce(runs, 0) + 1, rate_limits = coalesce(?, rate_limits), next_run_at = ? "
        "WHERE name = ?",
        [
            at,
            at,
            fetched,
            rejected,
            fetched,
            orjson.dumps(rate_limits).decode() if rate_limits else None,
            at + every,
            name,
        ],
    )


def record_failure(
    writer: Writer, name: str, connector: str, at: datetime, error: str, every: timedelta
) -> None:
    """Record a poll that failed (network, credentials, API error)."""
    _ensure(writer, name, connector)
    writer.con.execute(
        "UPDATE source_state SET last_run_at = ?, last_error_at = ?, last_error = ?, "
        "runs = coalesce(runs, 0) + 1, failures = coalesce(failures, 0) + 1, next_run_at = ? "
        "WHERE name = ?",
        [at, at, redact_text(error), at + every, name],
    )


def states(store: Store) -> dict[str, dict[str, Any]]:
    """Every recorded source state, with its cursor, keyed by source name."""
    with store.snapshot() as con:
        cur = con.execute(
            "SELECT s.*, c.value AS cursor, c.updated_at AS cursor_updated_at "
            "FROM source_state s LEFT JOIN cursors c ON c.name = 'source:' || s.name"
        )
        columns = [d[0] for d in cur.description]
        rows = [dict(zip(columns, row, strict=True)) for row in cur.fetchall()]
    for row in rows:
        if row.get("rate_limits"):
            row["rate_limits"] = orjson.loads(row["rate_limits"])
    return {row["name"]: row for row in rows}


def cursor(store: Store, name: str) -> str | None:
    """The committed cursor of a source."""
    return store.cursor("source:" + name)
