"""Mentions and hashtags found in text, identically on the bulk and the record path."""

from __future__ import annotations

import pytest

from influscope.workspace import Workspace
from tests.store.paths import posts_file

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
    rows = [
        {"id": str(i), "platform": platform, "author": "someone", "text": text}
        for i, (platform, text, _, _) in enumerate(CASES)
    ]
    path = posts_file(tmp_path, rows, path_kind)
    with Workspace.init(tmp_path / "ws") as ws:
        ws.ingest.files([path])
        rows = ws.store.to_arrow(ws.store.table("documents")).to_pylist()
    found = {int(r["native_id"]): (r["mentions"], r["hashtags"]) for r in rows}
    for i, (_, text, mentions, hashtags) in enumerate(CASES):
        assert found[i] == (mentions, hashtags), text
