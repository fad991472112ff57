"""Rows repeating a key in one write: the row kept does not depend on the order they come in."""

from __future__ import annotations

import pyarrow as pa


def _actors(rows):
    return pa.Table.from_pylist(rows)


def test_repeated_keys_keep_the_same_row_whatever_their_order(workspace):
    """Same key, same collected_at, different content: the upsert used to keep any one of them."""
    base = {"platform": "twitter", "collected_at": None, "source_run": "r"}
    rows = [
        {**base, "actor_id": "twitter:ana", "name": "Ana", "followers": 10},
        {**base, "actor_id": "twitter:ana", "name": "Ana B.", "followers": 900},
        {**base, "actor_id": "twitter:ana", "name": "Ana", "followers": 50},
    ]
    kept = set()
    for order in (rows, rows[::-1], [rows[1], rows[0], rows[2]], [rows[2], rows[0], rows[1]]):
        with workspace.store.transaction() as writer:
            writer.con.execute("DELETE FROM actors")
            count = writer.upsert("actors", _actors(order))
        assert count.inserted == 1
        stored = workspace.store.to_arrow(workspace.store.table("actors")).to_pylist()
        kept.add((stored[0]["name"], stored[0]["followers"]))
    assert len(kept) == 1, kept
