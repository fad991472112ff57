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

# How long a browser test waits for a page to be ready. A page's answers are
# computed by the server's job threads, which run at a lower priority
# (``jobs.JOB_NICENESS``): on a CI machine busy with the other test worker and
# Chromium they measured 24 s for the first axis page (1 s idle). The bound
# catches a page that never gets ready; speed is measured in bench/.
PATIENCE_MS = 180_000


def wait_ready(page, what: str) -> None:
    """Wait until the page's script finished, and fail naming the page if it failed.

    ``main.js`` sets ``data-ready`` to ``1`` when the page's module ended, to
    ``error`` when it threw: waiting for either fails at once on an error
    (with the messages the page shows) instead of timing out.
    """
    page.wait_for_function(
        "() => ['1', 'error'].includes(document.body.dataset.ready)", timeout=PATIENCE_MS
    )
    state = page.evaluate("() => document.body.dataset.ready")
    assert state == "1", (what, page.url, page.locator(".error").all_inner_texts())
