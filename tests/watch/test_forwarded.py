"""While ``influscope watch`` holds the store, every command runs through it, with the same output.

Real processes: a watch started as a user would, then ``sov``, ``map``,
``report``, ``export``, ``ingest`` and ``status`` typed in another folder with
relative paths; each exits 0, writes its files where it was asked, and prints
what the same command prints once the watch is stopped. ``erase`` asks its
question on this side and runs with the answer given here.
"""

from __future__ import annotations

import json
import os
import subprocess
import time
from pathlib import Path

import orjson
import pytest

from influscope.store import holder
from tests.serve import webdata
from tests.watch.helpers import influscope, stop_process


def _run(cwd: Path, *args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess:
    return subprocess.run(
        influscope(*args),
        cwd=cwd,
        capture_output=True,
        text=True,
        timeout=300,
        stdin=subprocess.DEVNULL,
        env=os.environ | {"COLUMNS": "100"} | (env or {}),
    )


def _run_with_input(cwd: Path, answer: str, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        influscope(*args), cwd=cwd, capture_output=True, text=True, timeout=300, input=answer
    )


def _wait_for_holder(root: Path, proc: subprocess.Popen, log: Path) -> dict:
    deadline = time.monotonic() + 120
    while True:
        found = holder.read(root)
        if found and found.get("socket") and found["pid"] == proc.pid:
            return found
        assert proc.poll() is None, log.read_text()[-3000:]
        assert time.monotonic() < deadline, "the watch never served its socket"
        time.sleep(0.1)


@pytest.fixture
def workspace(tmp_path: Path) -> Path:
    root = tmp_path / "ws"
    webdata.build(root, actors=30).close()
    return root


def test_commands_run_through_the_running_watch(workspace: Path, tmp_path: Path):
    here = tmp_path / "desk"  # the folder the commands are typed in: relative paths
    here.mkdir()
    posts = [
        {"id": f"n{i}", "platform": "twitter", "author": f"late{i}", "text": "Acme usine du futur",
         "published_at": "2026-11-20T10:00:00Z"}
        for i in range(7)
    ]  # fmt: skip
    (here / "late.jsonl").write_bytes(b"\n".join(orjson.dumps(p) for p in posts) + b"\n")
    ws = str(workspace)
    # What the commands print with the store opened directly (enriched first, so
    # that the watch finds nothing to change before the forwarded commands run).
    assert _run(here, "-w", ws, "enrich").returncode == 0
    expected = {
        "json": _run(here, "-w", ws, "sov", "--axis", "usine", "--format", "json").stdout,
        "table": _run(here, "-w", ws, "sov", "--axis", "usine").stdout,
        "error": _run(here, "-w", ws, "actor", "twitter:nobody").stderr,
    }
    log = tmp_path / "watch.log"
    watch = subprocess.Popen(
        influscope("-w", ws, "watch"),
        stdout=log.open("wb"),
        stderr=subprocess.STDOUT,
        env=os.environ | {"PYTHONUNBUFFERED": "1"},
    )
    try:
        _wait_for_holder(workspace, watch, log)
        sov = _run(here, "-w", ws, "sov", "--axis", "usine", "--format", "json")
        assert sov.returncode == 0, sov.stderr
        assert sov.stdout == expected["json"]
        assert {row["brand"] for row in json.loads(sov.stdout)} >= {"Acme", "Rival"}
        table = _run(here, "-w", ws, "sov", "--axis", "usine")  # rich table, client's width
        assert table.returncode == 0 and table.stdout == expected["table"], table.stderr
        missing = _run(here, "-w", ws, "actor", "twitter:nobody")
        assert missing.returncode == 1 and missing.stderr == expected["error"]  # errors too
        mapped = _run(here, "-w", ws, "map", "--format", "csv", "-o", "m.csv")
        assert mapped.returncode == 0, mapped.stderr
        table = (here / "m.csv").read_text(encoding="utf-8").splitlines()
        assert table[0].startswith("actor_id,") and len(table) > 30, table[:3]
        assert f"{len(table) - 1} actors written to" in mapped.stderr and mapped.stdout == ""
        report = _run(here, "-w", ws, "report", "-o", "report.html")
        assert report.returncode == 0, report.stderr
        assert "<html" in (here / "report.html").read_text(encoding="utf-8").lower()
        exported = _run(here, "-w", ws, "export", "actors", "--format", "jsonl", "-o", "a.jsonl")
        assert exported.returncode == 0, exported.stderr
        during_export = (here / "a.jsonl").read_text(encoding="utf-8")
        ingest = _run(here, "-w", ws, "ingest", "file", "late.jsonl", "--platform", "twitter")
        assert ingest.returncode == 0, ingest.stderr
        # A question crosses the socket: asked here, answered here, the command run again there.
        refused = _run_with_input(here, "n\n", "-w", ws, "erase", "twitter:late6")
        assert refused.returncode == 130, refused.stderr
        assert "Erase twitter:late6 and all their data" in refused.stderr
        answered = _run_with_input(here, "y\n", "-w", ws, "erase", "twitter:nobody")
        assert answered.returncode == 1 and "No actor 'twitter:nobody'" in answered.stderr
        status = _run(here, "-w", ws, "status", "--format", "json")
        assert status.returncode == 0, status.stderr
        assert watch.poll() is None, log.read_text()[-3000:]
    finally:
        if watch.poll() is None:
            assert stop_process(watch) == 0, log.read_text()[-3000:]
    assert holder.read(workspace) is None
    direct = _run(here, "-w", ws, "status", "--format", "json")
    # The watch's own cycle enriches the forwarded posts and evaluates its rules whenever
    # it runs, so those tables may grow between the read through it and the read after it.
    cycle = {"enrichments", "alerts"}
    counted = {k: v for k, v in json.loads(status.stdout)["tables"].items() if k not in cycle}
    assert counted == {
        k: v for k, v in json.loads(direct.stdout)["tables"].items() if k not in cycle
    }
    assert counted["documents"] == 30 * 3 + 1 + len(posts)  # the forwarded ingest landed
    _run(here, "-w", ws, "export", "actors", "--format", "jsonl", "-o", "b.jsonl")
    after = [json.loads(x)["actor_id"] for x in (here / "b.jsonl").read_text().splitlines()]
    before = [json.loads(x)["actor_id"] for x in during_export.splitlines()]
    assert set(before) < set(after) and set(after) - set(before) == {
        f"twitter:late{i}" for i in range(7)
    }
