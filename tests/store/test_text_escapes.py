"""X posts' HTML escapes are undone at import, identically on the bulk and the record path."""

from __future__ import annotations

import pytest

from influscope.ingest.escapes import unescape_row
from influscope.workspace import Workspace
from tests.store.paths import posts_file

CASES = [
    ("twitter", "I &lt;3 you &amp; me &gt; them", "I <3 you & me > them"),
    ("twitter", "&amp;lt; is how one writes it", "&lt; is how one writes it"),
    ("x", "fish &amp; chips", "fish & chips"),
    ("mastodon", "fish &amp; chips", "fish &amp; chips"),  # another platform's text as written
    ("twitter", "nothing escaped & fine", "nothing escaped & fine"),
    ("twitter", "see https://e.fr/a?x=1&amp;y=2 now", "see https://e.fr/a?x=1&y=2 now"),
]


@pytest.mark.parametrize("path_kind", ["bulk", "record"])
def test_x_escapes_are_undone_on_both_paths(tmp_path, path_kind):
    rows = [
        {"id": str(i), "platform": platform, "author": "someone", "text": text}
        for i, (platform, text, _) in enumerate(CASES)
    ]
    path = posts_file(tmp_path, rows, path_kind)
    with Workspace.init(tmp_path / "ws") as ws:
        ws.ingest.files([path])
        rows = ws.store.to_arrow(ws.store.table("documents")).to_pylist()
        links = ws.store.to_arrow(ws.store.table("links")).to_pylist()
        again = ws.ingest.files([path])  # the same file again: nothing changed
    found = {int(r["native_id"]): r["text"] for r in rows}
    assert found == {i: expected for i, (_, _, expected) in enumerate(CASES)}
    assert [link["url"] for link in links] == ["https://e.fr/a?x=1&y=2"]
    assert again.counts["documents"] == {"inserted": 0, "updated": 0}


def test_only_x_rows_with_text_change():
    rows = [
        {"platform": "twitter", "text": "a &amp; b"},
        {"platform": "twitter", "text": None},
        {"platform": "web", "text": "a &amp; b"},
        {"platform": None, "text": "a &amp; b"},
    ]
    for row in rows:
        unescape_row(row)
    assert [r["text"] for r in rows] == ["a & b", None, "a &amp; b", "a &amp; b"]
