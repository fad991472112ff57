"""Who holds the store: the record a long-running process leaves beside the database.

DuckDB lets one process open a database file for writing, and while it does no
other process can open it at all, not even read-only. The long-running
processes (``influscope watch`` and ``influscope serve``) therefore write a
small record in ``<workspace>/.influscope/holder.json``: their pid, their kind
and the path of the control socket through which they answer for the store.
A command that finds the store locked reads it to name the holder, and the CLI
uses it to send alert and status commands to that process instead.

A record whose process is gone (``kill -9``) is ignored, and replaced by the
next holder.
"""

from __future__ import annotations

import os
import re
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import orjson
import psutil

from influscope.errors import N_, StoreBusy

CONTROL_DIR = ".influscope"
HOLDER_FILE = "holder.json"
_DUCKDB_PID = re.compile(r"\(PID (\d+)\)")


def control_dir(root: Path) -> Path:
    """``<workspace>/.influscope``, created private (mode 0700) when missing."""
    folder = root / CONTROL_DIR
    folder.mkdir(mode=0o700, exist_ok=True)
    return folder


def record(root: Path, kind: str, socket: str) -> dict[str, Any]:
    """Write this process's holder record (atomically: a reader never sees half of it)."""
    holder = {
        "pid": os.getpid(),
        "kind": kind,
        "socket": socket,
        "since": datetime.now(UTC).isoformat(timespec="seconds"),
    }
    folder = control_dir(root)
    scratch = folder / f".{HOLDER_FILE}.{os.getpid()}"
    fd = os.open(scratch, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "wb") as handle:
        handle.write(orjson.dumps(holder))
    os.replace(scratch, folder / HOLDER_FILE)
    return holder


def read(root: Path) -> dict[str, Any] | None:
    """The holder record, or None when there is none or its process is gone."""
    try:
        holder = orjson.loads((root / CONTROL_DIR / HOLDER_FILE).read_bytes())
    except (OSError, orjson.JSONDecodeError):
        return None
    pid = holder.get("pid") if isinstance(holder, dict) else None
    if not isinstance(pid, int) or not psutil.pid_exists(pid):
        return None
    found: dict[str, Any] = holder
    return found


def clear(root: Path) -> None:
    """Remove the holder record if this process wrote it (a successor's record stays)."""
    path = root / CONTROL_DIR / HOLDER_FILE
    try:
        if orjson.loads(path.read_bytes()).get("pid") == os.getpid():
            path.unlink()
    except (OSError, orjson.JSONDecodeError, AttributeError):
        return


def is_lock_conflict(error: Exception) -> bool:
    """Whether a DuckDB error on open means another process holds the file."""
    text = str(error)
    return "Could not set lock" in text or "Conflicting lock" in text


def busy_error(path: Path, error: Exception) -> StoreBusy:
    """The error for a store another process holds, naming that process when it can."""
    found = _DUCKDB_PID.search(str(error))
    locker = int(found.group(1)) if found else None
    holder = read(path.parent)
    if holder is not None and locker is not None and holder["pid"] != locker:
        holder = None  # the record is someone else's: trust DuckDB's pid
    if holder is None:
        message = (
            N_("The store {path} is held open for writing by another process (pid {pid}).")
            if locker
            else N_("The store {path} is held open for writing by another process.")
        )
        return StoreBusy(
            message,
            N_(
                "It may be an import or another command still running: let it finish, or stop it, "
                "and run this command again."
            ),
            path=str(path),
            pid=str(locker),
        )
    pid, kind = holder["pid"], holder["kind"]
    return StoreBusy(
        N_(
            "The store {path} is in use by 'influscope {kind}' (pid {pid}), "
            "which holds it open for writing."
        ),
        N_(
            "'influscope alerts', 'status' and 'sources list|check' go through that process; "
            "for this command stop it first (Ctrl-C in its terminal, or kill -TERM {pid}) "
            "and run the command again."
        ),
        holder,
        path=str(path),
        kind=str(kind),
        pid=str(pid),
    )
