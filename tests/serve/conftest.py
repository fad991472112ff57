"""Fixtures of the web tests: a demo-like workspace with users, an app, a live server."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from influscope.workspace import Workspace
from tests.loopback import served
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
    app = create_app(site.ws, job_wait=120)
    yield app
    app.state.jobs.stop()  # before the module's workspace closes under a running job


@pytest.fixture
def client(app):
    from fastapi.testclient import TestClient

    return TestClient(app, raise_server_exceptions=False)


@pytest.fixture(scope="module")
def server(app) -> Iterator[str]:
    """The app served by uvicorn on a loopback port, in a thread."""
    with served(app) as base:
        yield base


ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts"
