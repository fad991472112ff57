"""Redirects, credentials, size caps and robots.txt in the one HTTP client (loopback servers)."""

from __future__ import annotations

import gzip
import re

import pytest

from influscope.ingest.http import HttpClient, HttpFailed, HttpRefused, RobotsDisallowed
from influscope.ingest.platforms.sources import build_connector
from tests.ingest.apiserver import ApiServer, as_json
from tests.ingest.site_server import Site

SECRETS = {"Authorization": "Bearer T0KEN", "Cookie": "session=C00KIE", "X-Trace": "kept"}


@pytest.fixture
def other():
    """A second server, reached by another name (localhost) than the first (127.0.0.1)."""
    server = ApiServer()
    server.routes["/landing"] = lambda r: as_json({"landed": True})
    yield server
    server.close()


def _elsewhere(server: ApiServer) -> str:
    return f"http://localhost:{server.httpd.server_port}/landing"


def test_a_redirect_to_another_host_drops_credentials(api_server, other):
    api_server.routes["/start"] = lambda r: (302, {"Location": _elsewhere(other)}, b"")
    with HttpClient(allow_private=True, retries=0) as client:
        answer = client.get(api_server.url + "/start", headers=SECRETS, params={"key": "K3Y"})
        assert answer.json() == {"landed": True} and answer.redirects == 1
        client.get(api_server.url + "/start", auth=("user", "pa55"))
    sent = api_server.requests("/start")
    assert sent[0].headers["authorization"] == "Bearer T0KEN" and sent[0].query == {"key": "K3Y"}
    assert sent[1].headers["authorization"].startswith("Basic ")
    landed = other.requests("/landing")
    assert len(landed) == 2
    for request in landed:
        assert "authorization" not in request.headers and "cookie" not in request.headers
    assert landed[0].headers["x-trace"] == "kept"
    assert landed[0].query == {}  # the API key given as a parameter stayed home


def test_another_port_is_another_site_but_a_same_site_redirect_keeps_credentials(api_server, other):
    api_server.routes["/port"] = lambda r: (
        307,
        {"Location": f"http://127.0.0.1:{other.httpd.server_port}/landing"},
        b"",
    )
    api_server.routes["/same"] = lambda r: (302, {"Location": "/echo"}, b"")
    api_server.routes["/echo"] = lambda r: as_json({})
    with HttpClient(allow_private=True, retries=0) as client:
        client.get(api_server.url + "/port", headers=SECRETS)
        client.get(api_server.url + "/same", headers=SECRETS)
    assert "authorization" not in other.requests("/landing")[0].headers
    assert api_server.requests("/echo")[0].headers["authorization"] == "Bearer T0KEN"


def test_a_body_is_not_resent_to_another_site(api_server, other):
    api_server.routes["/login"] = lambda r: (307, {"Location": _elsewhere(other)}, b"")
    with HttpClient(allow_private=True, retries=0) as client:
        with pytest.raises(HttpRefused, match="redirected to another site"):
            client.post(api_server.url + "/login", json={"password": "pa55"})
    assert other.log == []


def test_the_mastodon_connector_token_does_not_follow_a_redirect(api_server, other):
    api_server.routes["/api/v1/timelines/tag/usine"] = lambda r: (
        302,
        {"Location": f"http://localhost:{other.httpd.server_port}/api/v1/timelines/tag/usine"},
        b"",
    )
    other.routes["/api/v1/timelines/tag/usine"] = lambda r: as_json([])
    options = {"instance": api_server.url, "hashtag": "usine", "token": "T0KEN"}
    connector = build_connector("m", "mastodon", options | {"allow_private": True}, env={})
    assert list(connector.fetch(None)) == []
    assert api_server.log[0].headers["authorization"] == "Bearer T0KEN"
    (landed,) = other.log
    assert "authorization" not in landed.headers


def test_redirect_loops_and_long_chains_are_refused(api_server):
    for n in range(6):
        api_server.routes[f"/r{n}"] = lambda r, n=n: (302, {"Location": f"/r{n + 1}"}, b"")
    with Site() as site, HttpClient(allow_private=True, retries=0, max_redirects=3) as client:
        with pytest.raises(HttpRefused, match="redirect loop: back to .*/loop1"):
            client.get(site.url + "/loop1")
        with pytest.raises(HttpRefused, match="too many redirects: more than 3 from"):
            client.get(api_server.url + "/r0")
    assert site.paths() == ["/loop1", "/loop2"]
    assert [r.path for r in api_server.log] == ["/r0", "/r1", "/r2", "/r3"]


def test_bodies_are_capped_while_streaming(api_server):
    bomb = gzip.compress(b"\0" * 5_000_000)  # 5 MB once decoded, ~5 kB on the wire
    api_server.routes["/bomb"] = lambda r: (200, {"Content-Encoding": "gzip"}, bomb)
    with Site() as site, HttpClient(allow_private=True, retries=0, max_bytes=1_000_000) as client:
        with pytest.raises(HttpRefused, match="too large: 10485760 bytes declared"):
            client.get(site.url + "/big")
        with pytest.raises(HttpRefused, match="over 1000000 bytes, download aborted"):
            client.get(site.url + "/big-chunked")
        with pytest.raises(HttpRefused, match="download aborted"):
            client.get(api_server.url + "/bomb")
    with HttpClient(allow_private=True, retries=0, max_bytes=6_000_000) as client:
        assert len(client.get(api_server.url + "/bomb").content) == 5_000_000


def test_robots_txt_is_opt_in_and_read_once_per_site():
    with Site() as site:
        with HttpClient(allow_private=True, retries=0) as plain:
            assert plain.get(site.url + "/private/secret.html").status_code == 200
        assert site.paths() == ["/private/secret.html"]
        site.requests.clear()
        with HttpClient(allow_private=True, retries=0, robots=True) as polite:
            with pytest.raises(RobotsDisallowed, match="disallowed by robots.txt"):
                polite.get(site.url + "/private/secret.html")
            assert polite.get(site.url + "/a.html").status_code == 200
        assert site.paths() == ["/robots.txt", "/a.html"]


def test_crawl_delay_paces_the_requests_to_a_site(api_server):
    api_server.routes["/robots.txt"] = lambda r: (200, {}, b"User-agent: *\nCrawl-delay: 2\n")
    api_server.routes["/x"] = lambda r: as_json({})
    now = [100.0]
    slept: list[float] = []

    def sleep(seconds: float) -> None:
        slept.append(seconds)
        now[0] += seconds

    with HttpClient(
        allow_private=True, retries=0, robots=True, clock=lambda: now[0], sleep=sleep
    ) as client:
        client.get(api_server.url + "/x")
        client.get(api_server.url + "/x")
        client.get(api_server.url + "/x")
    assert slept == [2.0, 2.0]
    assert [r.path for r in api_server.log] == ["/robots.txt", "/x", "/x", "/x"]


@pytest.mark.parametrize(
    "location", ["http://[::1/x", "http://example.org:99999/", "gopher://example.org/"]
)
def test_a_malformed_redirect_ends_as_a_reason_not_a_crash(api_server, location):
    # httpx itself rejects some Location headers (a failure), the client the rest (a refusal).
    api_server.routes["/go"] = lambda r: (302, {"Location": location}, b"")
    with HttpClient(retries=0, allow_private=True) as client:
        with pytest.raises((HttpRefused, HttpFailed)) as info:
            client.get(api_server.url + "/go")
    assert re.search(r"invalid|not an http", info.value.reason, re.IGNORECASE)
    assert [r.path for r in api_server.log] == ["/go"]
