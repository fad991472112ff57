from __future__ import annotations

import base64

import pytest

from influscope.errors import ConfigError, SourceError
from tests.ingest.apiserver import as_json, payload
from tests.ingest.sources_helpers import reopen, source_workspace

REDDIT = payload("reddit.json")
YT = payload("youtube.json")


def _reddit_source(api_server, **options):
    return {
        "name": "r-france",
        "connector": "reddit",
        "options": {
            "subreddit": "r/france",
            "auth_url": api_server.url + "/api/v1/access_token",
            "api_url": api_server.url,
            **options,
        },
    }


def test_reddit_oauth_new_paginates_and_resumes(api_server, tmp_path):
    state = {"round": 1}
    api_server.routes["/api/v1/access_token"] = lambda r: as_json(REDDIT["token"])

    def new(request):
        if state["round"] == 2:
            return as_json(REDDIT["new_again"])
        if request.query.get("after") == "t3_rd0003":
            return as_json(REDDIT["new_page2"])
        return as_json(REDDIT["new_page1"], headers={"x-ratelimit-remaining": "99.0"})

    api_server.routes["/r/france/new"] = new
    ws = source_workspace(tmp_path / "ws", [_reddit_source(api_server)])
    env = {"REDDIT_CLIENT_ID": "cid", "REDDIT_CLIENT_SECRET": "csecret"}
    first = ws.ingest.poll("r-france", env=env)
    token_request = api_server.requests("/api/v1/access_token")[0]
    assert (
        token_request.headers["authorization"]
        == "Basic " + base64.b64encode(b"cid:csecret").decode()
    )
    assert token_request.body == b"grant_type=client_credentials"
    assert (
        api_server.requests("/r/france/new")[0].headers["authorization"] == "bearer app-token-123"
    )
    assert first.fetched == 4 and first.rejected == 1
    assert first.errors[0].field == "created_utc"
    assert first.cursor == "1709290000.0"
    assert first.rate_limits["127.0.0.1"]["x-ratelimit-remaining"] == "99.0"
    docs = {d["doc_id"] for d in ws.store.to_arrow(ws.store.table("documents")).to_pylist()}
    assert docs == {"reddit:t3_rd0004", "reddit:t3_rd0003", "reddit:t3_rd0002"}
    links = ws.store.to_arrow(ws.store.table("links")).to_pylist()
    assert {"reddit:t3_rd0003"} == {row["doc_id"] for row in links}
    state["round"] = 2
    ws = reopen(ws)
    second = ws.ingest.poll("r-france", env=env)
    assert second.fetched == 1  # rd0004 is not newer than the cursor
    assert second.cursor == "1709300000.0"
    assert ws.store.count("documents") == 4
    ws.close()


def test_reddit_missing_credentials_names_them(api_server, tmp_path):
    ws = source_workspace(tmp_path / "ws", [_reddit_source(api_server)])
    with pytest.raises(ConfigError) as info:
        ws.ingest.poll("r-france", env={})
    assert "options.client_id" in info.value.hint and "REDDIT_CLIENT_ID" in info.value.hint
    ws.close()


def _youtube_routes(api_server, state):
    def search(request):
        state.setdefault("search", []).append(dict(request.query))
        if request.query.get("publishedAfter"):
            return as_json({"items": []})
        if request.query.get("pageToken") == "CAUQAA":
            return as_json(YT["search_page2"])
        return as_json(YT["search_page1"])

    def videos(request):
        ids = request.query["id"].split(",")
        return as_json({"items": [YT["videos"][i] for i in ids]})

    def comments(request):
        body = YT["comments"].get(request.query["videoId"], {"items": []})
        return as_json(body, 403 if "error" in body else 200)

    api_server.routes["/youtube/v3/search"] = search
    api_server.routes["/youtube/v3/videos"] = videos
    api_server.routes["/youtube/v3/commentThreads"] = comments


def test_youtube_search_statistics_and_comments(api_server, tmp_path):
    state: dict = {}
    _youtube_routes(api_server, state)
    source = {
        "name": "yt",
        "connector": "youtube",
        "options": {"query": "usine du futur", "base_url": api_server.url + "/youtube/v3"},
    }
    ws = source_workspace(tmp_path / "ws", [source])
    summary = ws.ingest.poll("yt", env={"YOUTUBE_API_KEY": "k-123"})
    assert state["search"][0]["key"] == "k-123" and state["search"][0]["order"] == "date"
    # 3 videos (one malformed) + 2 comments; the video with comments disabled has none
    assert summary.fetched == 5 and summary.rejected == 1
    assert summary.errors[0].field == "snippet.channelId"
    assert summary.cursor == "2024-03-02T08:00:00Z"
    docs = {d["doc_id"]: d for d in ws.store.to_arrow(ws.store.table("documents")).to_pylist()}
    video = docs["youtube:vidAcme0002"]
    assert (
        video["views"] == 15000
        and video["likes"] == 120
        and video["author_id"] == "youtube:ucacmeofficiel123"
    )
    comment = docs["youtube:UgzC1"]
    assert comment["reply_to"] == "youtube:vidAcme0002"
    edges = {
        (e["kind"], e["src"], e["dst"])
        for e in ws.store.to_arrow(ws.store.table("interactions")).to_pylist()
    }
    assert ("reply", "youtube:ucviewerbbb222", "youtube:ucacmeofficiel123") in edges
    assert "k-123" not in str(summary)  # the key never leaks into summaries
    ws = reopen(ws)
    again = ws.ingest.poll("yt", env={"YOUTUBE_API_KEY": "k-123"})
    assert state["search"][-1]["publishedAfter"] == "2024-03-02T08:00:00Z"
    assert again.fetched == 0
    ws.close()


def test_youtube_missing_key_and_quota_errors(api_server, tmp_path):
    source = {
        "name": "yt",
        "connector": "youtube",
        "options": {"query": "x", "base_url": api_server.url + "/yt"},
    }
    ws = source_workspace(tmp_path / "ws", [source])
    with pytest.raises(ConfigError) as info:
        ws.ingest.poll("yt", env={})
    assert "YOUTUBE_API_KEY" in info.value.hint
    api_server.routes["/yt/search"] = lambda r: as_json({"error": {"code": 400}}, 400)
    with pytest.raises(SourceError, match="HTTP 400"):
        ws.ingest.poll("yt", env={"YOUTUBE_API_KEY": "AIza-secret-key"})
    error = ws.ingest.check("yt")[0].last_error
    assert "AIza-secret-key" not in error and "key=***" in error
    ws.close()
