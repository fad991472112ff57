"""Real servers on loopback for the tests: a free port, and an ASGI app served by uvicorn.

The web, account, crisis and fuzzing tests all talk to a live server over real
HTTP (a TestClient would skip uvicorn's request handling); one way to start it
keeps the start-up wait and the shutdown the same everywhere.
"""

from __future__ import annotations

import socket
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import httpx


def free_port() -> int:
    """A TCP port free on 127.0.0.1 right now (the server binds it just after)."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@contextmanager
def served(app: Any, *, wait: float = 20.0, log_level: str = "warning") -> Iterator[str]:
    """Serve ``app`` with uvicorn in a thread; yield its base URL once /api/health answers.

    The wait is generous because a loaded CI machine can take seconds to start
    the thread; the server is stopped and joined on exit.
    """
    import uvicorn

    port = free_port()
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level=log_level))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + wait
    while True:
        try:
            if httpx.get(base + "/api/health", timeout=1).status_code == 200:
                break
        except httpx.HTTPError:
            pass
        if time.monotonic() > deadline:
            server.should_exit = True
            raise RuntimeError(f"the test server on {base} never answered /api/health")
        time.sleep(0.05)
    try:
        yield base
    finally:
        server.should_exit = True
        thread.join(timeout=10)
