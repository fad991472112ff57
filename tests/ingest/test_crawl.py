"""The crawler against a local site on loopback: robots, rate limit, traps, safety, resume."""

from __future__ import annotations

import socket

import pytest

from influscope.config import parse_config
from influscope.ingest.http import HostRateLimiter, is_public_address
from influscope.workspace import Workspace
from tests.ingest.site_server import Site

CONFIG = """
[journey.crawl]
delay = 0.05
timeout = 0.8
max_bytes = 1000000
max_redirects = 3
"""


@pytest.fixture
def ws(tmp_path):
    workspace = Workspace.init(tmp_path / "crawl", CONFIG)
    yield workspace
    workspace.close()


def frontier(ws):
    rows = ws.store.to_arrow(ws.store.table("crawl_frontier")).to_pylist()
    return {r["url"].split("/", 3)[-1]: r for r in rows}


def test_crawl_a_local_site(ws):
    with Site() as site:
        summary = ws.ingest.crawl([site.url + "/"], depth=1, max_pages=50, allow_private=True)
        paths = site.paths()
    states = frontier(ws)
    # robots.txt read first and honoured
    assert paths[0] == "/robots.txt"
    assert "/private/secret.html" not in paths
    assert states["private/secret.html"]["state"] == "skipped"
    assert "robots" in states["private/secret.html"]["reason"]
    # pages at depth <= 1 fetched; what they link to is beyond the depth: not even queued
    assert states["a.html"]["state"] == "fetched" and states["b.html"]["state"] == "fetched"
    assert "c.html" not in states and "/c.html" not in paths
    # traps
    assert states["loop1"]["state"] == "failed" and "loop" in states["loop1"]["reason"]
    assert states["big"]["state"] == "failed" and "too large" in states["big"]["reason"]
    assert (
        states["big-chunked"]["state"] == "failed" and "aborted" in states["big-chunked"]["reason"]
    )
    assert states["slow"]["reason"] == "timeout"
    assert states["missing"]["reason"] == "HTTP 404"
    assert states["data.json"]["state"] == "skipped"
    assert states["moved"]["final_url"].endswith("/a.html")
    social = ws.store.to_arrow(ws.store.table("crawl_frontier")).to_pylist()
    assert any(
        r["url"] == "https://twitter.com/JDupont" and r["state"] == "skipped" for r in social
    )
    assert summary.fetched >= 4 and summary.failed >= 5
    # pages stored as web documents by their site, links derived as interactions
    docs = {d["doc_id"]: d for d in ws.store.to_arrow(ws.store.table("documents")).to_pylist()}
    home = docs[f"web:{site.url}/"]
    assert home["author_id"] == "web:127.0.0.1" and home["platform"] == "web"
    assert "usine du futur" in (home["text"] or "").lower()
    assert "usine du futur" in home["title"].lower()
    links = {
        r["url"]
        for r in ws.store.to_arrow(ws.store.table("links")).to_pylist()
        if r["doc_id"] == f"web:{site.url}/"
    }
    assert f"{site.url}/a.html" in links and "https://twitter.com/JDupont" in links
    assert f"{site.url}/b.html" in links  # the iframe counts as an embed
    edges = ws.store.to_arrow(ws.store.table("interactions")).to_pylist()
    assert any(e["kind"] == "link" and e["dst"] == "web:lemonde.fr" for e in edges)


def test_rate_limit_per_host_is_observed(tmp_path):
    ws = Workspace.init(tmp_path / "slow", CONFIG.replace("delay = 0.05", "delay = 0.25"))
    with ws, Site() as site:
        ws.ingest.crawl([site.url + "/a.html"], depth=1, max_pages=5, allow_private=True)
        times = [t for _, t in site.requests]
    assert len(times) >= 3
    gaps = [b - a for a, b in zip(times, times[1:], strict=False)]
    # The server stamps arrivals, which jitter under load (a first request
    # delayed by connection set-up shortens the span); the span between the
    # first and last request is what the limiter guarantees, within 0.1 s of
    # jitter — without a limiter it would be a few milliseconds — and no two
    # may burst.
    assert times[-1] - times[0] >= (len(times) - 1) * 0.25 - 0.1
    assert min(gaps) >= 0.1
    assert max(gaps) < 2.0


def test_private_addresses_are_refused_by_default(ws):
    with Site() as site:
        summary = ws.ingest.crawl([site.url + "/"], depth=1, max_pages=5)
        assert site.requests == []
    state = frontier(ws)[""]
    assert state["state"] == "failed" and "private address" in state["reason"]
    assert summary.fetched == 0


@pytest.mark.parametrize(
    ("address", "public"),
    [("8.8.8.8", True), ("127.0.0.1", False), ("10.0.0.1", False), ("169.254.169.254", False),
     ("::1", False), ("fe80::1", False), ("::ffff:127.0.0.1", False), ("0.0.0.0", False),
     ("2606:4700:4700::1111", True), ("100.64.0.1", False), ("224.0.0.1", False)],
)  # fmt: skip
def test_address_policy(address, public):
    assert is_public_address(address) is public


def test_a_killed_crawl_resumes_where_it_stopped(ws):
    with Site() as site:
        first = ws.ingest.crawl([site.url + "/a.html"], depth=2, max_pages=1, allow_private=True)
        assert first.fetched == 1
        second = ws.ingest.crawl([], depth=2, max_pages=10, allow_private=True)
        paths = site.paths()
    assert paths.count("/a.html") == 1
    assert second.fetched >= 2 and "/c.html" in paths
    assert frontier(ws)["c.html"]["state"] == "fetched"


def test_rate_limiter_honours_the_larger_delay():
    now = [0.0]
    slept = []

    def sleep(seconds):
        slept.append(seconds)
        now[0] += seconds

    limiter = HostRateLimiter(1.0, clock=lambda: now[0], sleep=sleep)
    limiter.wait("https://a.example/1")
    limiter.wait("https://a.example/2", delay=3.0)
    limiter.wait("https://b.example/1")
    limiter.wait("https://a.example/3")
    assert slept == [1.0, 3.0]


def test_config_rejects_bad_ctr():
    with pytest.raises(Exception, match="ctr"):
        parse_config("[journey]\nctr = [0.9, 0.5]\n")


def test_cli_crawl_from_serp(cli, tmp_path):
    with Site() as site:
        serp = tmp_path / "serp.csv"
        serp.write_text(
            "query,captured_at,rank,url,title,snippet,engine\n"
            f"usine,2026-09-01T00:00:00Z,1,{site.url}/a.html,A,,google\n"
        )
        assert cli("init", str(cli.root), workspace=None)[0] == 0
        (cli.root / "influscope.toml").write_text(CONFIG)
        assert cli("ingest", "serp", str(serp))[0] == 0
        code, out, err = cli(
            "crawl", "--from-serp", "--depth", "0", "--allow-private", "--format", "json"
        )
        assert code == 0, err
        assert site.paths() == ["/robots.txt", "/a.html"]
    import orjson

    assert orjson.loads(out)["fetched"] == 1


def test_robots_and_rate_limit_apply_to_redirect_hops(ws):
    with Site() as site:
        summary = ws.ingest.crawl(
            [site.url + "/to-secret"], depth=0, max_pages=5, allow_private=True
        )
        paths = site.paths()
    assert paths == ["/robots.txt", "/to-secret"]
    state = frontier(ws)["to-secret"]
    assert state["state"] == "skipped" and "robots" in state["reason"]
    assert summary.skipped == 1


def _states(ws):
    return {r["url"]: r for r in ws.store.to_arrow(ws.store.table("crawl_frontier")).to_pylist()}


def test_ipv6_literal_seeds_keep_their_brackets_and_are_guarded(ws):
    with Site(host="::1") as site:
        port = site.server.server_address[1]
        refused = ws.ingest.crawl([f"http://[0:0:0:0:0:0:0:1]:{port}/a.html"], depth=0, max_pages=5)
        assert site.requests == []
        fetched = ws.ingest.crawl([f"{site.url}/a.html"], depth=0, max_pages=5, allow_private=True)
        paths = site.paths()
    states = _states(ws)
    bad = states[f"http://[0:0:0:0:0:0:0:1]:{port}/a.html"]
    assert bad["state"] == "failed" and "private address refused" in bad["reason"]
    assert "loopback" in bad["reason"] and refused.failed == 1
    assert paths == ["/robots.txt", "/a.html"] and fetched.fetched == 1
    assert states[f"http://[::1]:{port}/a.html"]["state"] == "fetched"
    docs = ws.store.to_arrow(ws.store.table("documents")).to_pylist()
    assert [d["url"] for d in docs] == [f"http://[::1]:{port}/a.html"]


def test_bad_urls_are_recorded_as_failed_and_never_poison_later_crawls(ws):
    with socket.socket(socket.AF_INET6) as probe:  # a port nobody listens on
        probe.bind(("::1", 0))
        closed = probe.getsockname()[1]
    bad = [
        f"http://[0:0:0:0:0:0:0:1]:{closed}/a",
        "http://[::1/broken",
        "http://exa mple.com/",
        "ftp://example.org/x",
        "http://0177.0.0.1/",
    ]
    first = ws.ingest.crawl(bad, depth=0, max_pages=20, allow_private=True)
    assert first.failed == len(bad) and first.fetched == 0
    states = _states(ws)
    assert len(states) == len(bad)
    for row in states.values():
        assert row["state"] == "failed" and row["reason"], row
    with Site() as site:
        second = ws.ingest.crawl([site.url + "/a.html"], depth=0, max_pages=5, allow_private=True)
    assert second.fetched == 1 and second.failed == 0
    assert {r["state"] for r in _states(ws).values()} == {"failed", "fetched"}
