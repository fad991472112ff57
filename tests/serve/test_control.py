"""The control socket: stale sockets, the holder record, errors across it, the wire format."""

from __future__ import annotations

import os
import signal
import socket
import stat
import subprocess
import sys
from datetime import date, datetime, timedelta
from decimal import Decimal
from pathlib import Path

import pytest

from influscope.errors import NotFound, StoreError, UsageError
from influscope.serve.control import wire
from influscope.serve.control.client import ControlClient
from influscope.serve.control.server import MAX_SOCKET_PATH, ControlServer, socket_path
from influscope.store import holder
from influscope.workspace import Workspace

# A process that takes the control socket and records itself as holder, then is killed -9.
SQUATTER = """
import socket, sys, time
from pathlib import Path
from influscope.store import holder
root, path = Path(sys.argv[1]), sys.argv[2]
sock = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
sock.bind(path)
sock.listen(1)
holder.record(root, "watch", path)
print("ready", flush=True)
time.sleep(60)
"""


def test_a_socket_left_by_a_killed_process_is_replaced(workspace):
    path = socket_path(workspace.root)
    squatter = subprocess.Popen(
        [sys.executable, "-c", SQUATTER, str(workspace.root), str(path)],
        stdout=subprocess.PIPE,
        text=True,
    )
    assert squatter.stdout.readline().strip() == "ready"
    assert holder.read(workspace.root)["pid"] == squatter.pid
    squatter.send_signal(signal.SIGKILL)
    squatter.wait(10)
    assert path.exists() and holder.read(workspace.root) is None  # stale: its pid is gone
    with ControlServer(workspace, "watch"):
        assert stat.S_IMODE(path.stat().st_mode) == 0o600
        assert stat.S_IMODE(path.parent.stat().st_mode) == 0o700
        record = holder.read(workspace.root)
        assert record["kind"] == "watch" and record["socket"] == str(path)
        with ControlClient(record) as client:
            answering = wire.loads(client.http.get("/holder").content)
            assert answering["pid"] == os.getpid() and answering["kind"] == "watch"
            assert client.alerts.list() == []
            assert client.data.status().tables["documents"] == 0
            with pytest.raises(NotFound, match="No alert 'nope'"):
                client.alerts.ack("nope", "alice")
    assert not path.exists() and holder.read(workspace.root) is None


def test_a_live_socket_is_not_taken_over(workspace):
    path = socket_path(workspace.root)
    other = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    other.bind(str(path))
    other.listen(1)
    try:
        with pytest.raises(StoreError, match="Another process answers"):
            ControlServer(workspace, "serve").start()
        assert path.exists()
    finally:
        other.close()


def test_errors_cross_the_socket_with_their_class(workspace):
    with workspace.store.transaction() as writer:
        writer.insert(
            "alerts",
            [{"alert_id": "a1", "rule": "r", "key": "k", "severity": "info", "state": "new",
              "fired_at": datetime(2026, 3, 2, 10, 0), "window_start": datetime(2026, 3, 2, 9)}],
        )  # fmt: skip
    with ControlServer(workspace, "serve") as server:
        with ControlClient(holder.read(workspace.root)) as client:
            assert client.alerts.ack("a1", "bob")["state_by"] == "bob"
            with pytest.raises(UsageError, match="cannot become acked") as caught:
                client.alerts.ack("a1", "bob")
            assert caught.value.exit_code == 2 and caught.value.hint
            listed = client.alerts.list(state="acked")
            assert listed == workspace.alerts.list(state="acked")
            assert isinstance(listed[0]["fired_at"], datetime)
        assert server.path.exists()


def test_client_of_a_dead_holder_says_so(tmp_path):
    record = {"pid": 1, "kind": "watch", "socket": str(tmp_path / "gone.sock")}
    with ControlClient(record) as client, pytest.raises(StoreError, match="did not answer"):
        client.alerts.list()


def test_deep_workspaces_get_a_short_socket_path(tmp_path):
    deep = tmp_path.joinpath(*["a-rather-long-folder-name"] * 5)
    deep.mkdir(parents=True)
    path = socket_path(deep)
    assert len(str(path)) <= MAX_SOCKET_PATH and path.parent != deep / ".influscope"
    assert path == socket_path(deep) != socket_path(tmp_path)


def test_wire_keeps_the_types_the_cli_renders():
    value = {
        "at": datetime(2026, 3, 2, 10, 0, 1, 500),
        "day": date(2026, 3, 2),
        "wait": timedelta(minutes=15),
        "amount": Decimal("1.50"),
        "nested": [{"at": datetime(2026, 1, 1)}, None, 1.5, "text"],
        "odd": Path("/x"),
    }
    back = wire.loads(wire.dumps(value))
    assert back == value | {"odd": "/x"}


def test_workspace_open_names_the_holder(tmp_path):
    ws = Workspace.init(tmp_path / "ws")
    holder.record(ws.root, "watch", "/nowhere.sock")
    try:
        script = (
            "import sys\nfrom influscope.workspace import Workspace\n"
            "from influscope.errors import StoreBusy\n"
            "try:\n    Workspace.open(sys.argv[1], read_only=True)\n"
            "except StoreBusy as e:\n    print(e.holder['kind'], e.holder['pid'], e.message)\n"
        )
        out = subprocess.run(
            [sys.executable, "-c", script, str(ws.root)], capture_output=True, text=True
        )
    finally:
        ws.close()
    assert out.stdout.startswith(f"watch {os.getpid()} "), out.stderr
    assert f"'influscope watch' (pid {os.getpid()})" in out.stdout
