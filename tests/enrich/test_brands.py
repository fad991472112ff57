"""Brand attribution: aliases, handles, domains, exclusions; on import, on demand, as an enricher."""

from __future__ import annotations

import csv
import io

import orjson
import pytest

from influscope.enrich.base import EnrichContext
from influscope.enrich.brands import BrandsEnricher, config_hash
from influscope.errors import ConfigError
from influscope.workspace import Workspace

CONFIG = """
[[brands]]
name = "United"
aliases = ["United Airlines"]
handles = ["@united"]
domains = ["united.com"]
exclude = '"united nations" OR "manchester united"'

[[brands]]
name = "Élysée"
aliases = ["Palais de l'Élysée"]
handles = ["@Elysee"]
"""

POSTS = [
    {"id": "1", "platform": "twitter", "author": "a", "text": "Flying United Airlines today"},
    {"id": "2", "platform": "twitter", "author": "b", "text": "thanks @united for nothing"},
    {"id": "3", "platform": "web", "author": "blog.fr", "url": "https://blog.fr/p",
     "text": "see https://www.united.com/en/deals and more"},
    {"id": "4", "platform": "twitter", "author": "c",
     "text": "United Airlines sponsors the United Nations summit"},
    {"id": "5", "platform": "mastodon", "author": "d", "text": "visite au palais de l’elysee @elysee"},
    {"id": "6", "platform": "twitter", "author": "e", "text": "nothing to see here, united we stand"},
]  # fmt: skip


def _write(path, posts):
    path.write_text("\n".join(orjson.dumps(p).decode() for p in posts) + "\n")
    return path


@pytest.fixture
def ws(tmp_path):
    workspace = Workspace.init(tmp_path / "ws")
    workspace.close()
    config = tmp_path / "ws" / "influscope.toml"
    config.write_text(config.read_text() + CONFIG)
    workspace = Workspace.open(tmp_path / "ws")
    yield workspace
    workspace.close()


def _rows(ws):
    table = ws.store.to_arrow(ws.store.table("document_brands"))
    return {(r["doc_id"], r["brand"], r["via"]) for r in table.to_pylist()}


def test_import_attributes_each_way_and_applies_exclusions(ws, tmp_path):
    summary = ws.ingest.files([_write(tmp_path / "posts.jsonl", POSTS)])
    assert summary.records == len(POSTS)
    assert _rows(ws) == {
        ("twitter:1", "United", "alias"),
        ("twitter:2", "United", "handle"),
        ("web:3", "United", "domain"),
        ("mastodon:5", "Élysée", "alias"),
        ("mastodon:5", "Élysée", "handle"),
    }
    out = io.BytesIO()
    ws.data.export("documents", out, fmt="csv", fields=["doc_id", "brands"])
    exported = {
        r["doc_id"]: r["brands"] for r in csv.DictReader(io.StringIO(out.getvalue().decode()))
    }
    assert exported["twitter:1"] == '["United"]'
    assert exported["mastodon:5"] == '["Élysée"]'
    assert exported["twitter:4"] == "[]"
    full = io.BytesIO()
    ws.data.export("documents", full, fmt="jsonl")
    first = orjson.loads(full.getvalue().splitlines()[0])
    assert "brands" in first and "text" in first


def test_new_imports_attribute_only_new_documents_until_brands_change(ws, tmp_path):
    ws.ingest.files([_write(tmp_path / "a.jsonl", POSTS[:3])])
    ws.ingest.files([_write(tmp_path / "b.jsonl", POSTS[3:])])
    runs = ws.store.to_arrow(ws.store.table("runs").order_by("started_at"))["counts"].to_pylist()
    last = orjson.loads(runs[-1])["brands"]
    assert last["mode"] == "new" and last["documents"] == 3
    assert len(_rows(ws)) == 5
    # Editing the brands config makes the next attribution redo everything.
    config = ws.root / "influscope.toml"
    config.write_text(
        config.read_text().replace('exclude = \'"united nations" OR "manchester united"\'', "")
    )
    ws.close()
    with Workspace.open(ws.root) as again:
        counts = again.sov.attribute_brands()
        assert counts.mode == "all" and counts.documents == 6
        assert ("twitter:4", "United", "alias") in _rows(again)


def test_the_enricher_redoes_documents_when_the_brands_change(ws, tmp_path):
    ws.ingest.files([_write(tmp_path / "posts.jsonl", POSTS)])
    enricher = BrandsEnricher.from_config(ws.config)
    assert enricher.version.endswith(config_hash(ws.config.brands))
    changed = ws.config.model_copy(deep=True)
    changed.brands[0].aliases.append("Manchester")
    assert BrandsEnricher.from_config(changed).version != enricher.version
    rows = ws.store.to_arrow(ws.store.table("documents").select("doc_id"))
    result = enricher.run(EnrichContext(ws.config, ws.store, "run-x"), rows)
    values = dict(zip(result["subject_id"].to_pylist(), result["value"].to_pylist(), strict=True))
    assert values["twitter:1"] == '["United"]' and values["twitter:6"] == "[]"
    with ws.store.transaction() as writer:
        writer.delete("document_brands", "doc_id", ["twitter:1"])
    with ws.store.transaction() as writer:
        enricher.persist(writer, rows, result)
    assert ("twitter:1", "United", "alias") in _rows(ws)


def test_a_malformed_config_query_names_file_line_key_and_column(tmp_path):
    workspace = Workspace.init(tmp_path / "bad")
    workspace.close()
    config = tmp_path / "bad" / "influscope.toml"
    text = config.read_text() + "\n[[axes]]\nname = \"x\"\nquery = 'usine AND (futur OR'\n"
    config.write_text(text)
    line = text.splitlines().index("query = 'usine AND (futur OR'") + 1
    with pytest.raises(ConfigError) as caught:
        Workspace.open(tmp_path / "bad")
    message = caught.value.message
    assert f"influscope.toml:{line}:" in message
    assert "key 'axes.0.query'" in message
    assert "column 20: expected a term after OR" in message
