"""The control endpoint of the process holding the store: a small HTTP app on a Unix socket.

The socket lives in the workspace (``.influscope/control.sock``, in a 0700
folder, itself mode 0600), so only the workspace's owner can reach it and no
token is needed. ``POST /cli`` runs any command line sent by another
``influscope`` process (:mod:`.forward`) in a thread of this one, on the store
this process holds, and streams back what it prints and its exit status: the
same verb code, the same output, as if it had opened the store itself. Its
reads run beside the watch loop and the API (each thread reads on its own
store handle); its writes take the store's write lock like theirs.

A socket left by a killed process is detected on start (nothing answers on it)
and replaced; a clean exit removes it with the holder record.
"""

from __future__ import annotations

import base64
import contextlib
import hashlib
import logging
import os
import queue
import socket
import tempfile
import threading
import time
import traceback
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import anyio
import orjson
import uvicorn
from fastapi import FastAPI
from pydantic import BaseModel
from starlette.responses import Response, StreamingResponse

from influscope import __version__
from influscope.errors import N_, StoreError
from influscope.serve.cli import terminal
from influscope.serve.cli.app import main
from influscope.store import holder
from influscope.workspace import Workspace

log = logging.getLogger("influscope.serve")

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
            N_(
                "{folder} is not a private folder of this user; the control socket cannot go there."
            ),
            N_("Remove it, or open the workspace from a shorter path."),
            folder=str(folder),
        )
    digest = hashlib.sha256(str(root.resolve()).encode()).hexdigest()[:16]
    return folder / f"{digest}.sock"


def _answer(value: Any, status: int = 200) -> Response:
    return Response(orjson.dumps(value), status_code=status, media_type="application/json")


class Order(BaseModel):
    """A command sent by another ``influscope`` process (see :mod:`.forward`)."""

    argv: list[str]
    cwd: str
    lang: str
    env: dict[str, str] = {}
    tty: dict[str, bool] = {}
    width: dict[str, int] = {}
    colors: dict[str, str | None] = {}
    answers: list[str] = []


def create_control_app(ws: Workspace, kind: str) -> FastAPI:
    """The control app over an opened workspace, for the ``kind`` of process holding it."""
    app = FastAPI(title="influscope control", version=__version__, openapi_url=None, docs_url=None)
    app.state.holder = {"pid": os.getpid(), "kind": kind, "workspace": str(ws.root)}

    @app.get("/holder")
    def who() -> Response:
        """Which process answers (pid and kind)."""
        return _answer(app.state.holder)

    @app.post("/cli")
    async def cli(order: Order) -> StreamingResponse:
        """Run a command line here, as if typed in the client's terminal; stream its output."""
        frames: queue.Queue[bytes | None] = queue.Queue()
        session = terminal.Session(
            workspace=ws,
            cwd=Path(order.cwd),
            lang=order.lang,
            send_out=lambda text: frames.put(orjson.dumps({"out": text}) + b"\n"),
            send_err=lambda text: frames.put(orjson.dumps({"err": text}) + b"\n"),
            send_bytes=lambda data: frames.put(
                orjson.dumps({"bytes": base64.b64encode(data).decode()}) + b"\n"
            ),
            tty=order.tty,
            width=order.width,
            colors=order.colors,
            env=order.env,
            answers=list(order.answers),
        )
        worker = threading.Thread(
            target=_run, args=(session, order.argv, frames), name="influscope-cli", daemon=True
        )
        worker.start()

        async def stream() -> AsyncIterator[bytes]:
            try:
                while True:
                    frame = await anyio.to_thread.run_sync(frames.get)
                    if frame is None:
                        return
                    yield frame
            finally:
                if worker.is_alive():  # the client went away: stop the command
                    session.cancelled.set()
                    ws.store.interrupt(worker)

        return StreamingResponse(stream(), media_type="application/x-ndjson")

    return app


def _run(session: terminal.Session, argv: list[str], frames: queue.Queue[bytes | None]) -> None:
    """Run one forwarded command line in this thread; its last frame is the exit status."""
    terminal.enter(session)
    code = 1
    try:
        code = main(argv, session.lang)
    except terminal.NeedsInput as question:
        ask = {
            "label": question.label,
            "hide": question.hide,
            "confirm": question.confirm,
            "yes_no": question.yes_no,
        }
        frames.put(orjson.dumps({"ask": ask}) + b"\n")
    except terminal.Cancelled:
        code = 130
    except BaseException:  # a bug in the verb: its traceback to the client, as a direct run
        session.send_err(traceback.format_exc())
        log.exception("forwarded command %s failed", argv)
    finally:
        terminal.leave()
        frames.put(orjson.dumps({"exit": code}) + b"\n")
        frames.put(None)


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
                N_("Cannot create the control socket {path}: {reason}"),
                N_("The workspace folder must be writable by the process holding the store."),
                path=str(self.path),
                reason=str(exc),
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
                raise StoreError(
                    N_("The control socket {path} could not be served."), path=str(self.path)
                )
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
            N_("Another process answers on the control socket {path}."),
            N_("Is another influscope process serving this workspace? Stop it first."),
            path=str(self.path),
        )

    def _remove_socket(self) -> None:
        with contextlib.suppress(OSError):
            if self._inode is not None and self.path.stat().st_ino == self._inode:
                self.path.unlink()
