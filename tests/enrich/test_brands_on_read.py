"""Brand attribution derived on read (a lake) gives the rows the store materialises."""

from __future__ import annotations

import orjson

from influscope.enrich.brands import TABLE, attribution_table
from influscope.workspace import Workspace

CONFIG = """
[[brands]]
name = "Acme"
aliases = ["Acme"]
handles = ["@acme"]
domains = ["acme.com"]

[[brands]]
name = "Globex"
aliases = ["Globex"]
exclude = '"Globex Arena"'
"""

POSTS = [
    {"id": "1", "author": "a", "text": "Acme rocks"},
    {"id": "2", "author": "b", "text": "hi @acme, see https://www.acme.com/x"},
    {"id": "3", "author": "c", "text": "Globex and Acme"},
    {"id": "4", "author": "d", "text": "Concert at the Globex Arena"},
    {"id": "5", "author": "e", "text": "nothing"},
]


def test_attribution_table_equals_the_stored_rows(tmp_path):
    Workspace.init(tmp_path / "ws").close()
    config = tmp_path / "ws" / "influscope.toml"
    config.write_text(config.read_text() + CONFIG)
    posts = tmp_path / "posts.jsonl"
    posts.write_text("\n".join(orjson.dumps(p | {"platform": "twitter"}).decode() for p in POSTS))
    with Workspace.open(tmp_path / "ws") as ws:
        ws.ingest.files([posts])
        store = ws.store
        stored = store.to_arrow(store.table(TABLE).select("doc_id", "brand", "via")).to_pylist()
        derived = attribution_table(store, ws.config.brands, "x").select("doc_id", "brand", "via")
        found = store.to_arrow(derived).to_pylist()

    def key(row):
        return (row["doc_id"], row["brand"], row["via"])

    assert sorted(found, key=key) == sorted(stored, key=key)
    assert {key(r) for r in stored} >= {
        ("twitter:2", "Acme", "handle"),
        ("twitter:2", "Acme", "domain"),
        ("twitter:3", "Globex", "alias"),
    }
    assert not any(r["doc_id"] == "twitter:4" for r in stored)  # excluded: Globex Arena
