from __future__ import annotations

import pytest

from influscope.errors import ConfigError
from tests.ingest.apiserver import as_json, payload
from tests.ingest.sources_helpers import reopen, source_workspace

PAGES = payload("mastodon_tag.json")
TAG = "/api/v1/timelines/tag/usinedufutur"


def _route(api_server, throttle_once: bool = True):
    state = {"throttled": not throttle_once}

    def handle(request):
        if request.query.get("min_id") == "113000000000000005":
            if not state["throttled"]:
                state["throttled"] = True
                return as_json({"error": "Too many requests"}, 429, {"Retry-After": "0"})
            return as_json(PAGES["newer_page"], headers={"X-RateLimit-Remaining": "297"})
        if request.query.get("min_id"):
            return as_json([])
        if request.query.get("max_id") == "113000000000000004":
            return as_json(PAGES["older_page"])
        return as_json(PAGES["first_page"], headers={"X-RateLimit-Remaining": "299"})

    api_server.routes[TAG] = handle


def test_hashtag_timeline_paginates_resumes_and_survives_429(api_server, tmp_path):
    _route(api_server)
    source = {
        "name": "masto",
        "connector": "mastodon",
        "options": {"instance": api_server.url, "hashtag": "#usinedufutur", "limit": 2},
    }
    ws = source_workspace(tmp_path / "ws", [source])
    first = ws.ingest.poll("masto")
    assert first.fetched == 3 and first.rejected == 0
    assert first.cursor == "113000000000000005"
    requests = api_server.requests(TAG)
    assert requests[0].query == {"limit": "2"}
    assert requests[1].query == {"limit": "2", "max_id": "113000000000000004"}
    ws = reopen(ws)  # a restart resumes from the stored cursor
    second = ws.ingest.poll("masto")
    assert second.fetched == 2 and second.rejected == 1  # a status without account
    assert second.errors[0].field == "account"
    assert second.retries == 1  # the 429
    assert second.cursor == "113000000000000007"
    assert second.rate_limits["127.0.0.1"]["x-ratelimit-remaining"] == "297"
    docs = {d["doc_id"]: d for d in ws.store.to_arrow(ws.store.table("documents")).to_pylist()}
    assert set(docs) == {f"mastodon:11300000000000000{i}" for i in (3, 4, 5, 7)}
    assert docs["mastodon:113000000000000004"]["author_id"] == "mastodon:marc@mastodon.social"
    assert docs["mastodon:113000000000000007"]["reply_to"] == "mastodon:113000000000000005"
    assert '"acct":"lea"' in docs["mastodon:113000000000000005"]["raw"]  # verbatim
    third = ws.ingest.poll("masto")
    assert third.fetched == 0 and third.cursor == "113000000000000007"
    assert api_server.requests(TAG)[-1].query["min_id"] == "113000000000000007"
    (check,) = ws.ingest.check()
    assert check.health == "ok" and check.cursor == "113000000000000007"
    assert check.rate_limits
    ws.close()


def test_search_without_token_names_the_option_and_env_var(tmp_path, monkeypatch):
    monkeypatch.delenv("MASTODON_TOKEN", raising=False)
    source = {
        "name": "s",
        "connector": "mastodon",
        "options": {"instance": "https://x.example", "query": "acme"},
    }
    ws = source_workspace(tmp_path / "ws", [source])
    with pytest.raises(ConfigError) as info:
        ws.ingest.poll("s")
    assert "options.token" in info.value.hint and "MASTODON_TOKEN" in info.value.hint
    (check,) = ws.ingest.check()
    assert check.health == "failing"
    ws.close()


def test_search_with_token_from_env(api_server, tmp_path):
    api_server.routes["/api/v2/search"] = lambda r: as_json(
        {"accounts": [], "hashtags": [], "statuses": PAGES["older_page"]}
    )
    source = {
        "name": "s",
        "connector": "mastodon",
        "options": {"instance": api_server.url, "query": "acme"},
    }
    ws = source_workspace(tmp_path / "ws", [source])
    summary = ws.ingest.poll("s", env={"MASTODON_TOKEN": "secret-token"})
    assert summary.fetched == 1
    request = api_server.requests("/api/v2/search")[0]
    assert request.headers["authorization"] == "Bearer secret-token"
    assert request.query["q"] == "acme" and request.query["type"] == "statuses"
    ws.close()


def test_a_poll_that_dies_midway_commits_nothing_and_the_next_one_completes(api_server, tmp_path):
    state = {"down": True}

    def handle(request):
        if request.query.get("max_id"):
            if state["down"]:
                return 500, {}, b"internal error"
            return as_json(PAGES["older_page"])
        return as_json(PAGES["first_page"])

    api_server.routes[TAG] = handle
    source = {
        "name": "masto",
        "connector": "mastodon",
        "options": {
            "instance": api_server.url,
            "hashtag": "usinedufutur",
            "limit": 2,
            "retries": 1,
        },
    }
    ws = source_workspace(tmp_path / "ws", [source])
    with pytest.raises(Exception, match="HTTP 500"):
        ws.ingest.poll("masto")
    assert ws.store.count("documents") == 0  # page 1 was fetched but not committed alone
    assert ws.ingest.check()[0].cursor is None
    state["down"] = False
    ws = reopen(ws)
    summary = ws.ingest.poll("masto")
    assert summary.fetched == 3 and ws.store.count("documents") == 3
    ws.ingest.poll("masto")
    assert ws.store.count("documents") == 3
    ws.close()
