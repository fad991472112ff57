"""One way to select an axis' documents: on the stored folded forms when current, same answer.

The forms make an axis filter over a million documents take seconds instead
of minutes; these tests pin that using them changes neither which documents
match nor the documents' schema (the map unions the matches with the
documents that echo them, and a union refuses a NOT NULL id beside a nullable one).
"""

from __future__ import annotations

from pathlib import Path

from influscope.enrich import search
from influscope.enrich.axis_filter import matching
from influscope.query.ibis_compiler import filter_documents
from influscope.workspace import Workspace
from tests.enrich.helpers import ENRICH_CONFIG, corpus, write_jsonl


def test_matching_on_stored_forms_equals_folding_on_the_fly(tmp_path: Path) -> None:
    ws = Workspace.init(tmp_path / "ws")
    (ws.root / "influscope.toml").write_text(ENRICH_CONFIG, encoding="utf-8")
    ws.close()
    with Workspace.open(tmp_path / "ws") as ws:
        ws.ingest.files([write_jsonl(tmp_path / "p.jsonl", corpus(60))])
        store, axis = ws.store, ws.config.axes[0]
        on_the_fly = filter_documents(
            store.table("documents"), axis.query, store.table("links"), portable=False
        )
        assert search.forms_if_current(store) is None  # nothing read them yet: not current
        folded = matching(store, axis.query)  # folds on the fly, writes nothing
        assert not search.is_current(store)
        search.refresh(store)  # what the importer and the share of voice do
        stored = matching(store, axis.query)
        assert search.forms_if_current(store) is not None
        assert folded.schema() == store.table("documents").schema()
        docs = store.table("documents")
        assert stored.schema() == docs.schema()
        fly_ids = sorted(store.to_arrow(on_the_fly.select("doc_id")).column(0).to_pylist())
        ids = sorted(store.to_arrow(stored.select("doc_id")).column(0).to_pylist())
        assert ids == fly_ids and 0 < len(ids) < store.count("documents")
        echoes = docs.filter(docs.repost_of.isin(stored.doc_id)).select("doc_id")
        both = stored.select("doc_id").union(echoes)  # raised before the schema was kept
        assert store.to_arrow(both.count().as_table()).column(0)[0].as_py() >= len(ids)
