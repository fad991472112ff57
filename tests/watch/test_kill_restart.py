"""Kill -9 of ``influscope watch`` mid-cycle, then restart: nothing lost, duplicated or sent twice."""

from __future__ import annotations

import gzip
import os
import signal
import subprocess
import sys
import threading
import time
from datetime import UTC, datetime
from pathlib import Path

import httpx
import orjson
import pytest

from influscope.workspace import Workspace
from tests.watch.helpers import WebhookReceiver, free_port, stop_process

TOKEN = "kill-test-token"
# Gzipped, so the backlog takes the batched record path (seconds, resumable by
# cursor) rather than the engine's bulk path (a fraction of a second): the kill
# lands inside the import, and the restart's catch-up stays small.
FILE_POSTS = 25_000
WORDS = "alpha bravo charlie delta echo foxtrot golf hotel india juliet kilo lima mike".split()


def _words(i: int) -> str:
    out = []
    while True:
        out.append(WORDS[i % len(WORDS)])
        i //= len(WORDS)
        if not i:
            return " ".join(out)


BURSTS = 3


def _start(root: Path, log: Path) -> subprocess.Popen:
    exe = Path(sys.executable).parent / "influscope"
    return subprocess.Popen(
        [str(exe), "-w", str(root), "watch"],
        stdout=log.open("ab"),
        stderr=subprocess.STDOUT,
        env=os.environ | {"PYTHONUNBUFFERED": "1"},
    )


def _wait_health(port: int, proc: subprocess.Popen, timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        assert proc.poll() is None, "watch exited early"
        try:
            if httpx.get(f"http://127.0.0.1:{port}/health", timeout=1).status_code == 200:
                return
        except httpx.HTTPError:
            time.sleep(0.1)
    raise AssertionError("push endpoint never came up")


def _push(port: int, posts: list[dict]) -> bool:
    try:
        answer = httpx.post(
            f"http://127.0.0.1:{port}/v1/posts",
            content=orjson.dumps(posts),
            headers={"Authorization": f"Bearer {TOKEN}", "Content-Type": "application/json"},
            timeout=60,
        )
    except httpx.HTTPError:
        return False
    return answer.status_code == 200


@pytest.mark.slow
def test_kill_minus_9_then_restart_loses_and_repeats_nothing(tmp_path):
    port = free_port()
    now = datetime.now(UTC).isoformat()
    with WebhookReceiver() as hook:
        config = f"""
[workspace]
name = "kill-test"
[watch]
tick = 0.3
[[sources]]
name = "forwarded"
connector = "push"
options = {{ port = {port}, token = "{TOKEN}" }}
[[sources]]
name = "backlog"
connector = "file"
every = "1h"
options = {{ path = "backlog.jsonl.gz" }}
[[alerts]]
name = "coordinated"
detector = "coordination"
options = {{ seconds = 60, min_accounts = 5 }}
[[channels]]
name = "chat"
kind = "webhook"
options = {{ url = "{hook.url}", allow_private = true }}
"""
        ws = Workspace.init(tmp_path / "ws", config)
        ws.close()
        lines = [
            orjson.dumps(
                {
                    "id": f"f{i}",
                    "platform": "web",
                    "author": f"user{i % 5000}",
                    "text": f"post {_words(i)} about {_words(i * 7919)}",
                    "published_at": now,
                }
            )
            for i in range(FILE_POSTS)
        ]
        (tmp_path / "ws" / "backlog.jsonl.gz").write_bytes(gzip.compress(b"\n".join(lines) + b"\n"))
        batches = [
            [
                {
                    "id": f"b{b}-{i}",
                    "platform": "mastodon",
                    "author": f"acct{b}-{i}",
                    "text": f"Coordinated message {WORDS[b]}: everyone repeat that the brand lies",
                    "published_at": now,
                }
                for i in range(6)
            ]
            for b in range(BURSTS)
        ] + [
            [
                {
                    "id": f"n{b}-{i}",
                    "platform": "mastodon",
                    "author": f"n{i}",
                    "text": f"note {b} {i}",
                    "published_at": now,
                }
                for i in range(200)
            ]
            for b in range(10)
        ]
        log = tmp_path / "watch.log"
        proc = _start(tmp_path / "ws", log)
        acked: list[int] = []
        try:
            _wait_health(port, proc)

            def first_pushes() -> None:
                for index, batch in enumerate(batches[:6]):
                    if _push(port, batch):
                        acked.append(index)

            pusher = threading.Thread(target=first_pushes, daemon=True)
            pusher.start()
            deadline = time.monotonic() + 60
            while b"source backlog: running" not in log.read_bytes():
                assert time.monotonic() < deadline
                time.sleep(0.02)
            time.sleep(0.3)
            proc.send_signal(signal.SIGKILL)
            proc.wait(10)
            pusher.join(30)
            proc = _start(tmp_path / "ws", log)
            _wait_health(port, proc)
            for index, batch in enumerate(batches):
                if index not in acked:
                    assert _push(port, batch)
            deadline = time.monotonic() + 60
            while time.monotonic() < deadline and len({r["key"] for r in hook.received}) < BURSTS:
                time.sleep(0.2)
            time.sleep(1.0)
        finally:
            stop_process(proc)
        assert proc.returncode == 0, log.read_text()[-3000:]
        ws = Workspace.open(tmp_path / "ws")
        pushed = sum(len(b) for b in batches)
        assert ws.store.count("documents") == FILE_POSTS + pushed
        alerts = ws.alerts.list()
        assert len(alerts) == BURSTS
        keys = [r["key"] for r in hook.received]
        assert len(keys) == len(set(keys)) == BURSTS, keys
        assert {k.split(":")[0] for k in keys} == {a["alert_id"] for a in alerts}
        # The kill really hit a cycle: an import run never finished, and a later one did.
        runs = ws.store.to_arrow(ws.store.table("runs")).to_pylist()
        imports = [r for r in runs if r["command"] == "ingest file"]
        assert any(r["status"] == "running" for r in imports), imports
        assert any(r["status"] == "ok" for r in imports), imports
        ws.close()
