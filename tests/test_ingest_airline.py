"""Acceptance: the airline tweets import (issue: foundation)."""

from __future__ import annotations

import pytest

from tests.conftest import shared_path

AIRLINE_ARGS = [
    "--format", "csv", "--platform", "twitter",
    "--map", "id=tweet_id", "--map", "text=text", "--map", "author=name",
    "--map", "published_at=tweet_created", "--map", "shares=retweet_count",
]  # fmt: skip


@pytest.mark.realdata
def test_airline_import_is_complete_and_idempotent(cli):
    tweets = shared_path("datasets", "twitter_us_airline_sentiment", "Tweets.csv")
    assert cli("init", str(cli.root), workspace=None)[0] == 0
    code, _, err = cli("ingest", "file", str(tweets), *AIRLINE_ARGS)
    assert code == 0, err
    from influscope.workspace import Workspace

    with Workspace.open(cli.root) as ws:
        first = {t: ws.store.count(t) for t in ("documents", "actors", "interactions", "links")}
        docs = ws.store.table("documents")
        distinct = docs.native_id.nunique().execute()
        mentions = ws.store.table("interactions")
        mention_count = mentions.filter(mentions.kind == "mention").count().execute()
        united = mentions.filter((mentions.kind == "mention") & (mentions.dst == "twitter:united"))
        united_count = united.count().execute()
    assert first["documents"] == 14_485
    assert distinct == 14_485
    assert mention_count > 14_000  # nearly every tweet @-mentions an airline
    assert united_count > 3_000
    code, _, err = cli("ingest", "file", str(tweets), *AIRLINE_ARGS)
    assert code == 0, err
    with Workspace.open(cli.root) as ws:
        second = {t: ws.store.count(t) for t in ("documents", "actors", "interactions", "links")}
    assert second == first
