"""The control endpoint of the process holding the store: a small HTTP app on a Unix socket.

The socket lives in the workspace (``.influscope/control.sock``, in a 0700
folder, itself mode 0600), so only the workspace's owner can reach it and no
token is needed. Every action is the service method the CLI would call
itself, run under the store's lock, so it is serialised with the watch loop's
and the API's own work on the same connection.

A socket left by a killed process is detected on start (nothing answers on it)
and replaced; a clean exit removes it with the holder record.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import socket
import tempfile
import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import Annotated, Any

import uvicorn
from fastapi import Body, FastAPI, Query, Request
from starlette.responses import Response

from influscope import __version__
from influscope.errors import InfluscopeError, StoreError
from influscope.options import AlertState
from influscope.serve.control import wire
from influscope.store import holder
from influscope.workspace import Workspace

SOCKET_NAME = "control.sock"
# sun_path holds 108 bytes on Linux (104 on macOS): a deeper workspace gets its
# socket in a private folder of the temporary directory instead.
MAX_SOCKET_PATH = 100


def socket_path(root: Path) -> Path:
    """Where the control socket of the workspace at ``root`` lives."""
    inside = holder.control_dir(root.resolve()) / SOCKET_NAME
    if len(str(inside)) <= MAX_SOCKET_PATH:
        return inside
    folder = Path(tempfile.gettempdir()) / f"influscope-{os.getuid()}"
    folder.mkdir(mode=0o700, exist_ok=True)
    owner = folder.stat()
    if owner.st_uid != os.getuid() or owner.st_mode & 0o077:
        raise StoreError(
            f"{folder} is not a private folder of this user; the control socket cannot go there.",
            "Remove it, or open the workspace from a shorter path.",
        )
    digest = hashlib.sha256(str(root.resolve()).encode()).hexdigest()[:16]
    return folder / f"{digest}.sock"


def _answer(value: Any, status: int = 200) -> Response:
    return Response(wire.dumps(value), status_code=status, media_type="application/json")


def create_control_app(ws: Workspace, kind: str) -> FastAPI:
    """The control app over an opened workspace, for the ``kind`` of process holding it."""
    app = FastAPI(title="influscope control", version=__version__, openapi_url=None, docs_url=None)
    app.state.holder = {"pid": os.getpid(), "kind": kind, "workspace": str(ws.root)}

    def run(action: Callable[..., object], *args: Any) -> Response:
        with ws.store.lock:
            return _answer(action(*args))

    @app.exception_handler(InfluscopeError)
    async def failed(request: Request, error: InfluscopeError) -> Response:
        return _answer(error.to_dict() | {"kind": type(error).__name__}, error.status)

    @app.get("/holder")
    def who() -> Response:
        """Which process answers (pid and kind)."""
        return _answer(app.state.holder)

    @app.get("/alerts")
    def alerts(
        state: AlertState | None = None, limit: Annotated[int, Query(ge=1)] = 50
    ) -> Response:
        """Alerts, newest first."""
        return run(ws.alerts.list, state, limit)

    @app.get("/alerts/{alert_id}")
    def alert(alert_id: str) -> Response:
        """One alert with its evidence and deliveries."""
        return run(ws.alerts.get, alert_id)

    @app.post("/alerts/{alert_id}/ack")
    def ack(alert_id: str, by: Annotated[str, Body(embed=True)]) -> Response:
        """Acknowledge an alert in the name of ``by`` (stops its escalation)."""
        return run(ws.alerts.ack, alert_id, by)

    @app.post("/alerts/{alert_id}/close")
    def close(alert_id: str, by: Annotated[str, Body(embed=True)]) -> Response:
        """Close an alert in the name of ``by``."""
        return run(ws.alerts.close, alert_id, by)

    @app.get("/status")
    def status() -> Response:
        """What the workspace holds and the last runs."""
        return run(ws.data.status)

    @app.get("/runs/errors")
    def run_errors(run_id: str | None = None) -> Response:
        """The error log of a run (default: the last one with errors)."""
        return run(ws.data.run_errors, run_id)

    @app.get("/sources")
    def sources() -> Response:
        """The configured sources (secrets masked)."""
        return run(ws.ingest.sources)

    @app.get("/sources/health")
    def sources_health(name: str | None = None) -> Response:
        """Each source's health, cursor and next run."""
        return run(ws.ingest.check, name)

    return app


class ControlServer:
    """Serves :func:`create_control_app` on the workspace's socket from a background thread.

    Example:
        >>> with ControlServer(ws, "watch"):  # doctest: +SKIP
        ...     ws.alerts.watch(stop=stop)
    """

    def __init__(self, ws: Workspace, kind: str) -> None:
        self.ws = ws
        self.kind = kind
        self.path = socket_path(ws.root)
        self.server: Any = None
        self.thread: threading.Thread | None = None
        self._inode: int | None = None

    def start(self, timeout: float = 10.0) -> None:
        """Bind the socket (replacing a stale one), serve it, and record this process as holder."""
        self._clear_stale()
        sock = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        try:
            sock.bind(str(self.path))
            os.chmod(self.path, 0o600)
        except OSError as exc:
            sock.close()
            raise StoreError(
                f"Cannot create the control socket {self.path}: {exc}",
                "The workspace folder must be writable by the process holding the store.",
            ) from exc
        self._inode = self.path.stat().st_ino
        sock.listen(64)
        config = uvicorn.Config(
            create_control_app(self.ws, self.kind),
            log_level="warning",
            access_log=False,
            lifespan="off",
        )
        self.server = uvicorn.Server(config)
        self.thread = threading.Thread(
            target=self.server.run,
            kwargs={"sockets": [sock]},
            name="influscope-control",
            daemon=True,
        )
        self.thread.start()
        deadline = time.monotonic() + timeout
        while not self.server.started:
            if not self.thread.is_alive() or time.monotonic() > deadline:
                self._remove_socket()
                raise StoreError(f"The control socket {self.path} could not be served.")
            time.sleep(0.01)
        holder.record(self.ws.root, self.kind, str(self.path))

    def stop(self) -> None:
        """Stop serving; remove the socket and the holder record (if still ours)."""
        holder.clear(self.ws.root)
        if self.server is not None:
            self.server.should_exit = True
        if self.thread is not None:
            self.thread.join(timeout=10)
        self._remove_socket()

    def __enter__(self) -> ControlServer:
        self.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.stop()

    def _clear_stale(self) -> None:
        """Remove a socket nobody answers on (left by a killed process)."""
        if not self.path.exists() and not self.path.is_symlink():
            return
        probe = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        probe.settimeout(1.0)
        try:
            probe.connect(str(self.path))
        except OSError:
            self.path.unlink(missing_ok=True)  # stale: its process is gone
            return
        finally:
            probe.close()
        raise StoreError(
            f"Another process answers on the control socket {self.path}.",
            "Is another influscope process serving this workspace? Stop it first.",
        )

    def _remove_socket(self) -> None:
        with contextlib.suppress(OSError):
            if self._inode is not None and self.path.stat().st_ino == self._inode:
                self.path.unlink()
