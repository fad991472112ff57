"""The run log: one row per command in ``runs``, rejected items in ``run_errors``.

Every derived row carries the ``run_id`` that produced it, so "where does this
number come from" always has an answer, and ``influscope status`` can show the
last runs with their errors.
"""

from __future__ import annotations

import hashlib
import uuid
from datetime import UTC, datetime
from typing import Any

import orjson

from influscope.errors import Phrase
from influscope.model import RowError
from influscope.store.writer import Writer


def now() -> datetime:
    """The current time as naive UTC (the store's convention)."""
    return datetime.now(UTC).replace(tzinfo=None)


def new_run_id() -> str:
    """A sortable, unique run id: UTC time plus a random suffix."""
    return now().strftime("%Y%m%dT%H%M%S") + "-" + uuid.uuid4().hex[:8]


def start_run(writer: Writer, run_id: str, command: str, params: dict[str, Any]) -> None:
    """Record that a command started."""
    text = orjson.dumps(params, default=str, option=orjson.OPT_SORT_KEYS).decode()
    writer.insert(
        "runs",
        [
            {
                "run_id": run_id,
                "command": command,
                "params": text,
                "params_hash": hashlib.sha256(text.encode()).hexdigest()[:16],
                "started_at": now(),
                "status": "running",
                "errors": 0,
            }
        ],
    )


def finish_run(
    writer: Writer, run_id: str, status: str, counts: dict[str, Any], errors: int
) -> None:
    """Record how a command ended."""
    writer.update(
        "runs",
        {"run_id": run_id},
        {
            "finished_at": now(),
            "status": status,
            "counts": orjson.dumps(counts, default=str).decode(),
            "errors": errors,
        },
    )


def log_errors(writer: Writer, run_id: str, first_seq: int, errors: list[RowError]) -> None:
    """Append rejected items to the run's error log."""
    writer.insert(
        "run_errors",
        [
            {
                "run_id": run_id,
                "seq": first_seq + i,
                "file": e.file,
                "line": e.line,
                "field": e.field,
                "reason": e.reason,
                "raw": e.raw[:2000] if e.raw else None,
                "reason_phrase": e.reason.dumps() if isinstance(e.reason, Phrase) else None,
            }
            for i, e in enumerate(errors)
        ],
    )
