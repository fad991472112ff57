"""Mentions and hashtags found in text, identically on the bulk and the record path."""

from __future__ import annotations

import gzip

import orjson
import pytest

from influscope.workspace import Workspace

CASES = [
    ("twitter", "RT @Bob: hi", ["bob"], []),
    ("twitter", ".@United thanks", ["united"], []),
    ("twitter", "@united-rebooked me", ["united"], []),
    ("twitter", "@united...do better", ["united"], []),
    ("twitter", "mail bob@example.org or café@x.fr", [], []),
    ("twitter", "see @alice.bsky.social", ["alice.bsky.social"], []),
    ("mastodon", "hi @user@mastodon.social and @bob", ["user@mastodon.social", "bob"], []),
    ("twitter", "@A @a @B", ["a", "b"], []),
    ("twitter", "#2015 #l33t #Été #_x #été", [], ["l33t", "été", "_x"]),
    ("twitter", "a&#39;b http://x.fr/#anchor x#y", [], []),
]


@pytest.mark.parametrize("path_kind", ["bulk", "record"])
def test_mentions_and_hashtags(tmp_path, path_kind):
    lines = [
        orjson.dumps({"id": str(i), "platform": platform, "author": "someone", "text": text})
        for i, (platform, text, _, _) in enumerate(CASES)
    ]
    path = tmp_path / "posts.jsonl"
    path.write_bytes(b"\n".join(lines) + b"\n")
    if path_kind == "record":  # gzip takes the record path
        zipped = tmp_path / "posts.jsonl.gz"
        zipped.write_bytes(gzip.compress(path.read_bytes()))
        path = zipped
    with Workspace.init(tmp_path / "ws") as ws:
        ws.ingest.files([path])
        rows = ws.store.to_arrow(ws.store.table("documents")).to_pylist()
    found = {int(r["native_id"]): (r["mentions"], r["hashtags"]) for r in rows}
    for i, (_, text, mentions, hashtags) in enumerate(CASES):
        assert found[i] == (mentions, hashtags), text
