from __future__ import annotations

from tests.ingest.apiserver import as_json, payload
from tests.ingest.sources_helpers import reopen, source_workspace

DATA = payload("bluesky.json")
SEARCH = "/xrpc/app.bsky.feed.searchPosts"
FEED = "/xrpc/app.bsky.feed.getAuthorFeed"
SESSION = "/xrpc/com.atproto.server.createSession"


def test_search_posts_paginates_retries_5xx_and_resumes_since_cursor(api_server, tmp_path):
    state = {"failed": False}

    def search(request):
        if request.query.get("since"):
            return as_json(DATA["search_new"])
        if request.query.get("cursor") == "page2":
            if not state["failed"]:
                state["failed"] = True
                return 502, {}, b"bad gateway"
            return as_json(DATA["search_page2"])
        return as_json(DATA["search_page1"], headers={"RateLimit-Remaining": "2999"})

    api_server.routes[SEARCH] = search
    source = {
        "name": "bsky",
        "connector": "bluesky",
        "options": {"base_url": api_server.url, "query": "usine du futur", "limit": 2},
    }
    ws = source_workspace(tmp_path / "ws", [source])
    first = ws.ingest.poll("bsky")
    assert first.fetched == 4 and first.rejected == 1
    assert first.errors[0].field == "record"
    assert first.retries == 1
    assert first.cursor == "2024-03-01T12:03:00.000Z"
    assert api_server.requests(SEARCH)[0].query["sort"] == "latest"
    assert api_server.requests(SEARCH)[0].query["q"] == "usine du futur"
    assert ws.store.count("documents") == 3
    ws = reopen(ws)
    second = ws.ingest.poll("bsky")
    assert api_server.requests(SEARCH)[-1].query["since"] == "2024-03-01T12:03:00.000Z"
    assert second.fetched == 1 and second.cursor == "2024-03-01T13:00:00.000Z"
    assert ws.store.count("documents") == 4
    assert "authorization" not in api_server.requests(SEARCH)[0].headers
    ws.close()


def test_author_feed_with_session_auth_stops_at_cursor(api_server, tmp_path):
    api_server.routes[SESSION] = lambda r: as_json(
        {"did": "did:plc:me", "handle": "me.bsky.social", "accessJwt": "jwt-abc", "refreshJwt": "r"}
    )
    api_server.routes[FEED] = lambda r: as_json(
        {"feed": []} if r.query.get("cursor") == "older" else DATA["author_feed"]
    )
    source = {
        "name": "acme-feed",
        "connector": "bluesky",
        "options": {
            "pds_url": api_server.url,
            "actor": "acme-industrie.fr",
            "identifier": "me.bsky.social",
        },
    }
    ws = source_workspace(tmp_path / "ws", [source])
    summary = ws.ingest.poll("acme-feed", env={"BLUESKY_APP_PASSWORD": "app-pass"})
    login = api_server.requests(SESSION)[0]
    assert b'"password": "app-pass"' in login.body or b'"password":"app-pass"' in login.body
    assert api_server.requests(FEED)[0].headers["authorization"] == "Bearer jwt-abc"
    assert summary.fetched == 3
    assert api_server.requests(FEED)[1].query["cursor"] == "older"  # paged until empty
    # newest item time (the post of 2024-03-02) is the cursor
    assert summary.cursor == "2024-03-02T09:00:00.000Z"
    docs = {d["doc_id"]: d for d in ws.store.to_arrow(ws.store.table("documents")).to_pylist()}
    repost = [d for d in docs.values() if d["repost_of"]]
    assert len(repost) == 1 and repost[0]["author_id"] == "bluesky:acme-industrie.fr"
    edges = ws.store.to_arrow(ws.store.table("interactions")).to_pylist()
    assert {(e["kind"], e["src"], e["dst"]) for e in edges} >= {
        ("repost", "bluesky:acme-industrie.fr", "bluesky:alice.bsky.social")
    }
    # the next poll reads the same page but stops at the cursor: nothing new
    again = ws.ingest.poll("acme-feed", env={"BLUESKY_APP_PASSWORD": "app-pass"})
    assert again.fetched == 0
    assert len(api_server.requests(FEED)) == 3  # no second page requested this time
    ws.close()
