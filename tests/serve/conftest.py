"""Fixtures of the web tests: a demo-like workspace with users, an app, a live server."""

from __future__ import annotations

import socket
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import httpx
import pytest

from influscope.workspace import Workspace
from tests.serve import webdata

PASSWORD = "correct horse battery"


@dataclass
class Site:
    """A workspace with users and their tokens."""

    ws: Workspace
    tokens: dict[str, str]

    def auth(self, role: str) -> dict[str, str]:
        return {"Authorization": f"Bearer {self.tokens[role]}"}


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Site]:
    ws = webdata.build(tmp_path_factory.mktemp("web") / "ws")
    tokens = {}
    for name, role in (("ada", "admin"), ("ana", "analyst"), ("vic", "viewer")):
        tokens[role] = ws.accounts.add(name, role, token=True, password=PASSWORD).token
    yield Site(ws, tokens)
    ws.close()


@pytest.fixture(scope="module")
def app(site: Site):
    from influscope.serve.api.app import create_app

    # Generous: these tests read answers, the job tests check the 202 path.
    return create_app(site.ws, job_wait=120)


@pytest.fixture
def client(app):
    from fastapi.testclient import TestClient

    return TestClient(app, raise_server_exceptions=False)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@pytest.fixture(scope="module")
def server(app) -> Iterator[str]:
    """The app served by uvicorn on a loopback port, in a thread."""
    import uvicorn

    port = free_port()
    config = uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning")
    instance = uvicorn.Server(config)
    thread = threading.Thread(target=instance.run, daemon=True)
    thread.start()
    base = f"http://127.0.0.1:{port}"
    for _ in range(100):
        try:
            if httpx.get(base + "/api/health", timeout=1).status_code == 200:
                break
        except httpx.HTTPError:
            time.sleep(0.05)
    yield base
    instance.should_exit = True
    thread.join(timeout=5)


ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts"
