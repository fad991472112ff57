from __future__ import annotations

import pytest


@pytest.fixture
def api_server():
    """A loopback HTTP server replaying recorded API payloads (see apiserver.py)."""
    from tests.ingest.apiserver import ApiServer

    server = ApiServer()
    yield server
    server.close()
