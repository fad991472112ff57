"""Acceptance: kill -9 during an import, then the same command again: exact counts, no duplicates."""

from __future__ import annotations

import gzip
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import duckdb
import orjson
import pytest

from influscope.workspace import Workspace

pytestmark = pytest.mark.slow


def _posts(path: Path, n: int, gz: bool = False) -> None:
    opener = gzip.open if gz else open
    with opener(path, "wb") as handle:
        chunk = []
        for i in range(n):
            chunk.append(
                orjson.dumps(
                    {
                        "id": str(i),
                        "platform": "twitter",
                        "author": f"user{i % 5000}",
                        "text": f"post {i} about l'usine du futur @user{(i * 7) % 5000} #tag{i % 50}",
                        "published_at": f"2026-08-{1 + i % 28:02d}T10:00:00Z",
                        "likes": i % 100,
                    }
                )
            )
            if len(chunk) == 50_000:
                handle.write(b"\n".join(chunk) + b"\n")
                chunk = []
        if chunk:
            handle.write(b"\n".join(chunk) + b"\n")


def _import(ws: Path, path: Path) -> subprocess.Popen[bytes]:
    code = "from influscope.serve.cli.app import main; main()"
    return subprocess.Popen(
        [sys.executable, "-c", code, "-w", str(ws), "ingest", "file", str(path)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )


# The same import through the Python API, noting each committed batch in a file
# (the progress callback runs after a batch's transaction commits).
WATCHED = """
import sys
from pathlib import Path
from influscope.workspace import Workspace
log = Path(sys.argv[3])
with Workspace.open(sys.argv[1]) as ws:
    ws.ingest.files([sys.argv[2]], progress=lambda done, total: log.write_text(str(done)))
"""


def _watched_import(ws: Path, path: Path, log: Path) -> subprocess.Popen[bytes]:
    return subprocess.Popen(
        [sys.executable, "-c", WATCHED, str(ws), str(path), str(log)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )


def _counts(ws: Path) -> tuple[int, int]:
    con = duckdb.connect(str(ws / "influscope.duckdb"), read_only=True)
    try:
        row = con.execute("SELECT count(*), count(DISTINCT doc_id) FROM documents").fetchone()
        return int(row[0]), int(row[1])
    finally:
        con.close()


def _kill_when(proc: subprocess.Popen[bytes], ready, timeout: float = 120) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            pytest.fail("the import finished before it could be killed; make the input larger")
        if ready():
            break
        time.sleep(0.05)
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait()


@pytest.mark.parametrize(
    ("n", "gz"), [(1_000_000, False), (120_000, True)], ids=["bulk-1M", "batches-gz"]
)
def test_kill_then_rerun_gives_exact_counts(tmp_path, n, gz):
    ws = tmp_path / "ws"
    Workspace.init(ws).close()
    data = tmp_path / ("posts.jsonl.gz" if gz else "posts.jsonl")
    _posts(data, n, gz=gz)
    start = time.monotonic()
    if gz:
        # Kill once two batches have committed, mid-file.
        log = tmp_path / "committed"
        proc = _watched_import(ws, data, log)
        _kill_when(proc, lambda: log.exists() and int(log.read_text() or 0) >= 40_000)
    else:
        proc = _import(ws, data)
        # One transaction: kill while the engine is writing it.
        _kill_when(proc, lambda: time.monotonic() - start > 1.5)
    rerun = _import(ws, data)
    _, err = rerun.communicate(timeout=600)
    assert rerun.returncode == 0, err.decode()
    assert _counts(ws) == (n, n)
    if gz:
        assert b"Resumed" in err  # committed batches were skipped, not redone
    # And once more: nothing changes.
    again = _import(ws, data)
    _, err = again.communicate(timeout=600)
    assert again.returncode == 0, err.decode()
    assert _counts(ws) == (n, n)
    assert b"0 documents added" in err
