from __future__ import annotations

import json

import pytest

from influscope.errors import SourceError
from tests.ingest.presets_helpers import PRESETS
from tests.ingest.sources_helpers import reopen, source_workspace

FEED = (PRESETS / "feed.xml").read_bytes()


def _feed_route(api_server, state):
    def handle(request):
        state["calls"] += 1
        if state.get("fail"):
            return 500, {}, b"boom"
        if request.headers.get("if-none-match") == '"v1"':
            return 304, {"ETag": '"v1"'}, b""
        headers = {
            "Content-Type": "application/rss+xml",
            "ETag": '"v1"',
            "Last-Modified": "Wed, 21 Feb 2024 10:00:00 GMT",
        }
        return 200, headers, FEED

    api_server.routes["/feed.xml"] = handle


def test_rss_conditional_get_cursor_and_health(api_server, tmp_path, cli):
    state = {"calls": 0}
    _feed_route(api_server, state)
    ws = source_workspace(
        tmp_path / "ws",
        [{"name": "news", "connector": "rss", "options": {"url": api_server.url + "/feed.xml"}}],
    )
    summary = ws.ingest.poll("news")
    assert summary.fetched == 3 and summary.rejected == 1
    assert summary.errors[0].field == "published"
    assert summary.documents.inserted == 2
    assert json.loads(summary.cursor)["etag"] == '"v1"'
    assert ws.store.count("documents") == 2
    docs = ws.store.table("documents")
    assert docs.filter(docs.source_run == summary.run_id).count().execute() == 2
    # a restarted process sends the stored validators and gets 304
    ws = reopen(ws)
    summary = ws.ingest.poll("news")
    assert summary.fetched == 0
    last = api_server.requests("/feed.xml")[-1]
    assert last.headers["if-none-match"] == '"v1"'
    assert last.headers["if-modified-since"] == "Wed, 21 Feb 2024 10:00:00 GMT"
    (check,) = ws.ingest.check("news")
    assert check.health == "ok"
    assert json.loads(check.cursor)["etag"] == '"v1"'
    assert (check.next_run_at - check.last_success_at).total_seconds() == 600
    assert check.due is False  # polled just now, every 10m
    # a failure is recorded and shown, and the cursor is kept
    state["fail"] = True
    with pytest.raises(SourceError, match="HTTP 500"):
        ws.ingest.poll("news")
    (check,) = ws.ingest.check()
    assert check.health == "failing" and "HTTP 500" in check.last_error
    assert json.loads(check.cursor)["etag"] == '"v1"'
    ws.close()
    # the CLI shows the same, and exits 1 while the source fails
    code, out, _ = cli("sources", "check", "--format", "json", workspace=tmp_path / "ws")
    assert code == 1
    assert json.loads(out)[0]["health"] == "failing"
    code, out, _ = cli("sources", "list", "--format", "json", workspace=tmp_path / "ws")
    assert code == 0 and json.loads(out)[0]["connector"] == "rss"


def test_sources_list_masks_secrets(tmp_path):
    ws = source_workspace(
        tmp_path / "ws",
        [
            {
                "name": "m",
                "connector": "mastodon",
                "options": {"instance": "https://x", "token": "abc"},
            }
        ],
    )
    (listed,) = ws.ingest.sources()
    assert listed.options["token"] == "***"
    (check,) = ws.ingest.check()
    assert check.health == "never run" and check.due is True
    ws.close()


def test_sources_poll_cli_prints_the_summary(api_server, tmp_path, cli):
    _feed_route(api_server, {"calls": 0})
    source_workspace(
        tmp_path / "ws",
        [{"name": "news", "connector": "rss", "options": {"url": api_server.url + "/feed.xml"}}],
    ).close()
    code, out, err = cli("sources", "poll", "news", workspace=tmp_path / "ws")
    assert code == 1  # one entry without a date was rejected
    summary = json.loads(out)
    assert summary["fetched"] == 3 and summary["documents"]["inserted"] == 2
    assert "rejected" in err
    code, out, _ = cli("sources", "check", "news", "--format", "json", workspace=tmp_path / "ws")
    assert code == 0 and json.loads(out)[0]["health"] == "ok"
