"""Brand attribution derived on read (a lake) gives the rows the store materialises."""

from __future__ import annotations

import orjson
import pytest

from influscope.enrich.brands import TABLE, attribution_table
from influscope.enrich.search import search_table
from influscope.query.ibis_compiler import IbisCompiler
from influscope.query.parser import parse
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
    {"id": "6", "author": "f", "text": "Globex news", "lang": "de"},
]


# The same brands, with an exclusion that reads a document column (lang): the
# stored rows are then matched over the documents, not the stored forms alone.
CONFIG_LANG = CONFIG.replace(
    """exclude = '"Globex Arena"'""", """exclude = '"Globex Arena" OR lang:de'"""
)


@pytest.mark.parametrize("config_text", [CONFIG, CONFIG_LANG], ids=["forms-alone", "documents"])
def test_attribution_table_equals_the_stored_rows(tmp_path, config_text):
    Workspace.init(tmp_path / "ws").close()
    config = tmp_path / "ws" / "influscope.toml"
    config.write_text(config.read_text() + config_text)
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
    german = ("twitter:6", "Globex", "alias") in {key(r) for r in stored}
    assert german == (config_text == CONFIG)  # excluded by lang:de in CONFIG_LANG only


def test_forms_alone_only_when_no_rule_reads_a_document_column(tmp_path):
    Workspace.init(tmp_path / "ws").close()
    with Workspace.open(tmp_path / "ws") as ws:
        forms = search_table(ws.store)
        compiler = IbisCompiler(search=forms)
        alone = compiler.forms_alone(forms, parse('"acme" OR #acme OR @acme OR domain:acme.com'))
        assert alone is not None and set(alone.columns) == {
            "doc_id",
            "_q_text",
            "_q_tags",
            "_q_mentions",
        }
        for query in ("acme AND lang:fr", "NOT platform:twitter", "author:bob", "url:acme"):
            assert compiler.forms_alone(forms, parse(query)) is None
