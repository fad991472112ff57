"""Running the API process: uvicorn, the control socket and, with ``--watch``, the watch loop.

``influscope serve`` holds the store for writing as long as it runs, so it
serves the control socket (the CLI's alert and status commands go through it).
With ``--watch`` (or ``[server] watch = true``) the watch loop runs in a
background thread of the same process: it writes through the same store object,
so the API's answer cache (keyed by the store's write counter) sees its writes,
and the dashboard's alerts inbox can acknowledge an alert while watching.

SIGTERM and Ctrl-C stop uvicorn first (it handles them while it serves), then
the watch loop (its ``stop`` event), then the control socket; the workspace is
closed by the caller.
"""

from __future__ import annotations

import logging
import signal
import threading
from pathlib import Path
from typing import Any

import uvicorn

from influscope.serve.control.server import ControlServer
from influscope.workspace import Workspace

log = logging.getLogger("influscope.serve")


class ApiProcess:
    """The API served by uvicorn in the foreground, with the watch loop beside it when asked.

    Example:
        >>> ApiProcess(ws, app, "127.0.0.1", 8000, watch=True).run()  # doctest: +SKIP
    """

    def __init__(
        self,
        ws: Workspace,
        app: Any,
        host: str,
        port: int,
        *,
        watch: bool = False,
        certfile: Path | None = None,
        keyfile: Path | None = None,
    ) -> None:
        self.ws = ws
        self.watch = watch
        self.stop = threading.Event()
        self.failure: BaseException | None = None
        config = uvicorn.Config(
            app,
            host=host,
            port=port,
            log_level="warning",
            ssl_certfile=str(certfile) if certfile else None,
            ssl_keyfile=str(keyfile) if keyfile else None,
        )
        self.server = uvicorn.Server(config)

    def _watch(self) -> None:
        try:
            self.ws.alerts.watch(stop=self.stop)
        except BaseException as exc:  # reported by run(); the server must not outlive it silently
            log.exception("the watch loop failed")
            self.failure = exc
        finally:
            if not self.stop.is_set():
                self.server.should_exit = True  # the watch ended by itself: stop serving too

    def _on_signal(self, signum: int, frame: Any) -> None:
        # Outside uvicorn's own handling (before it starts, and when it re-raises
        # the signal it caught after shutting down): stop the watch, not the
        # process, so the loop ends between steps and the store closes cleanly.
        self.stop.set()
        self.server.should_exit = True

    def run(self) -> None:
        """Serve until SIGTERM/Ctrl-C (or the watch loop fails); raises the watch's error if any."""
        signals = (signal.SIGTERM, signal.SIGINT)
        previous = {sig: signal.signal(sig, self._on_signal) for sig in signals}
        watcher = threading.Thread(target=self._watch, name="influscope-watch", daemon=True)
        try:
            with ControlServer(self.ws, "serve"):
                if self.watch:
                    watcher.start()
                try:
                    self.server.run()
                finally:
                    self.stop.set()
                    if watcher.is_alive():
                        watcher.join(timeout=60)
        finally:
            for sig, handler in previous.items():
                signal.signal(sig, handler)
        if self.failure is not None:
            raise self.failure
