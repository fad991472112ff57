"""The control socket: stale sockets, the holder record, errors across it, the wire format."""

from __future__ import annotations

import os
import signal
import socket
import stat
import subprocess
import sys

import httpx
import pytest

from influscope.errors import StoreError
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
        transport = httpx.HTTPTransport(uds=str(path))
        with httpx.Client(transport=transport, base_url="http://influscope") as client:
            answering = client.get("/holder").json()
            assert answering["pid"] == os.getpid() and answering["kind"] == "watch"
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


def test_deep_workspaces_get_a_short_socket_path(tmp_path):
    deep = tmp_path.joinpath(*["a-rather-long-folder-name"] * 5)
    deep.mkdir(parents=True)
    path = socket_path(deep)
    assert len(str(path)) <= MAX_SOCKET_PATH and path.parent != deep / ".influscope"
    assert path == socket_path(deep) != socket_path(tmp_path)


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
