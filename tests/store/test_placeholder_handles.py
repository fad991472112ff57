"""Anonymised exports' "@user" placeholders make no actor, mention or repost, on both paths."""

from __future__ import annotations

import pytest

from influscope.workspace import Workspace
from tests.store.paths import posts_file

ROWS = [
    {"id": "1", "platform": "twitter", "author": "alice", "text": "@user hello @bob"},
    {"id": "2", "platform": "twitter", "author": "bob", "text": "RT @USER: so true @url"},
    {"id": "3", "platform": "twitter", "author": "carol", "text": "@user thanks @Alice"},
    {"id": "4", "platform": "twitter", "author": "dave", "text": "RT @carol: @user said it"},
]


@pytest.mark.parametrize("path_kind", ["bulk", "record"])
def test_placeholders_are_not_accounts(tmp_path, path_kind):
    path = posts_file(tmp_path, ROWS, path_kind)
    with Workspace.init(tmp_path / "ws") as ws:
        ws.ingest.files([path])
        actors = {r["actor_id"] for r in ws.store.to_arrow(ws.store.table("actors")).to_pylist()}
        edges = ws.store.to_arrow(ws.store.table("interactions")).to_pylist()
        docs = ws.store.to_arrow(ws.store.table("documents")).to_pylist()
    assert actors == {"twitter:alice", "twitter:bob", "twitter:carol", "twitter:dave"}
    assert sorted((e["src"], e["dst"], e["kind"]) for e in edges) == [
        ("twitter:alice", "twitter:bob", "mention"),
        ("twitter:carol", "twitter:alice", "mention"),
        ("twitter:dave", "twitter:carol", "mention"),
        ("twitter:dave", "twitter:carol", "repost"),
    ]
    mentions = {r["native_id"]: r["mentions"] for r in docs}
    assert mentions == {"1": ["bob"], "2": [], "3": ["alice"], "4": ["carol"]}
