from __future__ import annotations

from datetime import datetime

from tests.ingest.presets_helpers import (
    PRESETS,
    counts,
    docs_by_id,
    edges,
    rows,
    run_errors,
    run_import,
)

P1 = "bluesky:at://did:plc:alice111/app.bsky.feed.post/3kabc111"
P2 = "bluesky:at://did:plc:bob222/app.bsky.feed.post/3kabc222"


def test_bluesky_post_views_and_feed_items(cli):
    code, err = run_import(cli, PRESETS / "bluesky.jsonl", "bluesky")
    assert code == 1
    assert {(e.line, e.field) for e in run_errors(cli.root)} == {(4, "uri")}
    docs = docs_by_id(cli.root)
    repost_id = "bluesky:at://did:plc:acme333/app.bsky.feed.repost/bafyreia1"
    assert set(docs) == {P1, P2, repost_id}
    first = docs[P1]
    assert first["mentions"] == ["acme-industrie.fr"]  # read from the facet's byte range
    assert first["hashtags"] == ["industrie40"]
    assert first["likes"] == 12 and first["shares"] == 4 and first["lang"] == "fr"
    assert first["url"] == "https://bsky.app/profile/alice.bsky.social/post/3kabc111"
    second = docs[P2]
    assert second["published_at"] == datetime(2024, 2, 20, 10, 0)
    assert second["reply_to"] == P1
    assert second["quote_of"] == "bluesky:at://did:plc:acme333/app.bsky.feed.post/3kacme01"
    assert docs[repost_id]["repost_of"] == P1
    found = edges(cli.root)
    assert ("mention", "bluesky:alice.bsky.social", "bluesky:acme-industrie.fr") in found
    assert ("reply", "bluesky:bob-usine.fr", "bluesky:alice.bsky.social") in found
    assert ("quote", "bluesky:bob-usine.fr", "bluesky:acme-industrie.fr") in found
    assert ("repost", "bluesky:acme-industrie.fr", "bluesky:alice.bsky.social") in found
    assert ("link", "bluesky:alice.bsky.social", "web:lea-robot.eu") in found
    actors = {a["actor_id"]: a for a in rows(cli.root, "actors")}
    assert actors["bluesky:alice.bsky.social"]["name"] == "Alice Ingé"
    before = counts(cli.root)
    run_import(cli, PRESETS / "bluesky.jsonl", "bluesky")
    assert counts(cli.root) == before
