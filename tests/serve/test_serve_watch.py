"""``influscope serve --watch``: the dashboard's inbox acknowledges alerts of the running watch.

One process serves the API, watches the sources and holds the store; the API's
answer cache sees the watch's writes, an alert acknowledged through the API is
not escalated, and the CLI's commands run through the control socket.
"""

from __future__ import annotations

import json
import os
import subprocess
import time

import httpx

from influscope.serve.control.server import socket_path
from influscope.workspace import Workspace
from tests.watch.helpers import (
    ESCALATE_SECONDS,
    WebhookReceiver,
    escalations,
    free_port,
    influscope,
    oncall_config,
    run_cli,
    stop_process,
    write_burst,
)


def _wait(predicate, proc: subprocess.Popen, log, what: str, timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while not predicate():
        assert proc.poll() is None, log.read_text()[-3000:]
        assert time.monotonic() < deadline, f"{what}: " + log.read_text()[-3000:]
        time.sleep(0.05)


def _up(url: str) -> bool:
    try:
        return httpx.get(url, timeout=1).status_code == 200
    except httpx.HTTPError:
        return False


def test_serve_watch_acks_through_the_api_and_stops_escalation(tmp_path):
    root, port, push = tmp_path / "ws", free_port(), free_port()
    base = f"http://127.0.0.1:{port}"
    extra = f"""
[[sources]]
name = "forwarded"
connector = "push"
options = {{ port = {push}, token = "push-token" }}
[server]
watch = true
"""
    with WebhookReceiver() as hook:
        ws = Workspace.init(root, oncall_config(hook.url, extra))
        token = ws.accounts.add("alice", "analyst", token=True).token
        ws.close()
        auth = {"Authorization": f"Bearer {token}"}
        log = tmp_path / "serve.log"
        proc = subprocess.Popen(
            influscope("-w", str(root), "serve", "--port", str(port)),
            stdout=log.open("wb"),
            stderr=subprocess.STDOUT,
            env=os.environ | {"PYTHONUNBUFFERED": "1"},
        )
        try:
            _wait(lambda: _up(f"{base}/api/health"), proc, log, "API never came up")

            def overview() -> dict:
                return httpx.get(f"{base}/api/overview", headers=auth, timeout=30).json()

            # Computed by a job (202 until it is done), then in the answer cache.
            _wait(lambda: overview().get("documents") == 0, proc, log, "no overview")
            write_burst(root)  # the watch's file source picks it up within a second
            _wait(lambda: hook.received, proc, log, "no notification")
            fired = time.monotonic()
            alert_id = hook.received[0]["body"]["alert_id"]
            answer = httpx.post(f"{base}/api/alerts/{alert_id}/ack", headers=auth, timeout=30)
            assert answer.status_code == 200, answer.text
            assert time.monotonic() - fired < ESCALATE_SECONDS, "ack too late to judge"
            # The cached overview is refreshed by a job after the watch's writes and the
            # ack (the previous answer, or 202, meanwhile: never a wait): it shows both.
            _wait(
                # the burst's 5 posts and the later one that closes its episode
                lambda: (o := overview()).get("documents") == 6 and o.get("open_alerts") == 0,
                proc,
                log,
                "the overview never showed the watch's documents and the acknowledged alert",
            )
            shown = httpx.get(f"{base}/api/alerts/{alert_id}", headers=auth, timeout=30).json()
            assert shown["state"] == "acked" and shown["state_by"] == "alice"
            # The push endpoint of the watch is served from this process too.
            posts = [
                {"id": f"f{i}", "platform": "web", "author": f"u{i}", "text": f"note {i}",
                 "published_at": "2026-03-02T10:00:00Z"}
                for i in range(3)
            ]  # fmt: skip
            pushed = httpx.post(
                f"http://127.0.0.1:{push}/v1/posts",
                json=posts,
                headers={"Authorization": "Bearer push-token"},
                timeout=30,
            )
            assert pushed.status_code == 200 and pushed.json()["accepted"] == 3, pushed.text
            # The CLI reaches the store through the serve process...
            remote = run_cli("-w", str(root), "alerts", "list", "--format", "csv")
            assert remote.returncode == 0 and f"{alert_id},acked," in remote.stdout, remote.stderr
            status = run_cli("-w", str(root), "status", "--format", "json")
            assert json.loads(status.stdout)["tables"]["documents"] == 9, status.stderr
            exported = run_cli("-w", str(root), "export", "documents", "--format", "jsonl")
            assert exported.returncode == 0, exported.stderr
            assert len(exported.stdout.splitlines()) == 9
            # ...and a command that must hold the store itself names it.
            busy = run_cli("-w", str(root), "watch")
            assert busy.returncode == 1
            assert f"in use by 'influscope serve' (pid {proc.pid})" in busy.stderr
            _wait(
                lambda: time.monotonic() > fired + ESCALATE_SECONDS + 2.5 or escalations(hook),
                proc,
                log,
                "",
            )
        finally:
            stop_process(proc)
        assert proc.returncode == 0, log.read_text()[-3000:]
        assert escalations(hook) == [] and len(hook.received) == 1
        assert not socket_path(root).exists()
        # Opened directly, the store says the same as the serve process did.
        direct = run_cli("-w", str(root), "alerts", "list", "--format", "csv")
        assert direct.returncode == 0 and direct.stdout == remote.stdout
