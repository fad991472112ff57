"""While ``influscope watch`` runs, the on-call person can still list and acknowledge alerts.

The watch holds the DuckDB store for writing (no other process can open it),
so the CLI goes through the watch's control socket; an acknowledged alert is
not escalated to the next person of the rota, and an unacknowledged one is.
"""

from __future__ import annotations

import json
import os
import subprocess
import time

import pytest

from influscope.serve.control.server import socket_path
from influscope.workspace import Workspace
from tests.watch.helpers import (
    ESCALATE_SECONDS,
    WebhookReceiver,
    escalations,
    influscope,
    oncall_config,
    run_cli,
    stop_process,
    write_burst,
)


def _first_notification(hook: WebhookReceiver, proc: subprocess.Popen, log) -> dict:
    deadline = time.monotonic() + 60
    while not hook.received:
        assert proc.poll() is None, log.read_text()[-3000:]
        assert time.monotonic() < deadline, "no notification: " + log.read_text()[-3000:]
        time.sleep(0.05)
    return hook.received[0]


@pytest.mark.parametrize("acknowledge", [True, False], ids=["acked", "not-acked"])
def test_ack_through_the_running_watch_stops_escalation(tmp_path, acknowledge):
    root = tmp_path / "ws"
    with WebhookReceiver() as hook:
        Workspace.init(root, oncall_config(hook.url)).close()
        write_burst(root)
        log = tmp_path / "watch.log"
        proc = subprocess.Popen(
            influscope("-w", str(root), "watch"),
            stdout=log.open("wb"),
            stderr=subprocess.STDOUT,
            env=os.environ | {"PYTHONUNBUFFERED": "1"},
        )
        try:
            first = _first_notification(hook, proc, log)
            fired = time.monotonic()
            alert_id = first["body"]["alert_id"]
            assert "(on call: alice)" in first["body"]["text"] and first["key"].endswith(":0")
            if acknowledge:
                acked = run_cli("-w", str(root), "alerts", "ack", alert_id, "--by", "alice")
                took = time.monotonic() - fired
                assert acked.returncode == 0, acked.stderr
                assert f"{alert_id}: acknowledged by alice" in acked.stderr
                assert took < ESCALATE_SECONDS, f"ack took {took:.1f}s: too late to judge"
            else:
                # A command that must hold the store itself names the process holding it.
                busy = run_cli("-w", str(root), "watch")
                assert busy.returncode == 1
                assert f"in use by 'influscope watch' (pid {proc.pid})" in busy.stderr
                assert "kill -TERM" in busy.stderr
            listed = run_cli("-w", str(root), "alerts", "list", "--format", "json")
            assert listed.returncode == 0, listed.stderr
            state = "acked" if acknowledge else "new"
            assert [(a["alert_id"], a["state"]) for a in json.loads(listed.stdout)] == [
                (alert_id, state)
            ]
            deadline = fired + ESCALATE_SECONDS + (2.5 if acknowledge else 15)
            while time.monotonic() < deadline and not escalations(hook):
                assert proc.poll() is None, log.read_text()[-3000:]
                time.sleep(0.1)
        finally:
            if proc.poll() is None:
                assert stop_process(proc) == 0, log.read_text()[-3000:]
        assert not socket_path(root).exists(), "control socket left behind by a clean exit"
        # The same command prints the same thing once the store is opened directly.
        direct = run_cli("-w", str(root), "alerts", "list", "--format", "json")
        assert direct.returncode == 0 and direct.stdout == listed.stdout
        if acknowledge:
            assert escalations(hook) == []
        else:
            sent = escalations(hook)
            assert len(sent) == 1 and "(on call: bob)" in sent[0]["body"]["text"]
            assert sent[0]["key"] == f"{alert_id}:1"
