"""One sentiment label per document: every consumer reads the label store.chosen picks.

The default enricher and a learned model disagree on two posts; the negative
series of the alerts, share of voice's positive counts, the sentiment mix
(raw and counted), the exports and the map's stance inputs must all read the
learned label for those posts and the default one elsewhere.
"""

from __future__ import annotations

import io
from datetime import datetime

import orjson
import pyarrow as pa
import pyarrow.csv as pacsv
import pytest

from influscope.analyze.alerts.series import negative_ids
from influscope.analyze.map.targets import document_labels, own_target
from influscope.analyze.sov import counts as sov_counts
from influscope.store import browse
from influscope.store.chosen import chosen_values, document_sentiment
from influscope.store.exports import export_table
from influscope.workspace import Workspace

CONFIG = """
[[brands]]
name = "Acme"
own = true
aliases = ["Acme"]

[[brands]]
name = "Globex"
aliases = ["Globex"]
"""
POSTS = [
    {"id": "1", "author": "a", "text": "Acme again", "published_at": "2024-01-01T10:00:00Z"},
    {"id": "2", "author": "a", "text": "Acme and Globex", "published_at": "2024-01-01T11:00:00Z"},
    {"id": "3", "author": "b", "text": "Globex news", "published_at": "2024-01-02T10:00:00Z"},
    {"id": "4", "author": "b", "text": "Acme today", "published_at": "2024-01-02T12:00:00Z"},
]
DEFAULT = {"1": "positive", "2": "negative", "3": "negative", "4": "positive"}
LEARNED = {"1": "negative", "3": "positive"}
CHOSEN = {"twitter:1": "negative", "twitter:2": "negative", "twitter:3": "positive", "twitter:4": "positive"}  # fmt: skip


def _row(doc, value, producer, when):
    return {
        "subject": "document",
        "subject_id": f"twitter:{doc}",
        "field": "sentiment",
        "value": value,
        "score": 0.5,
        "producer": producer,
        "producer_version": "1",
        "run_id": "r",
        "created_at": when,
    }


@pytest.fixture
def ws(tmp_path):
    Workspace.init(tmp_path / "ws").close()
    config = tmp_path / "ws" / "influscope.toml"
    config.write_text(config.read_text() + CONFIG)
    posts = tmp_path / "posts.jsonl"
    posts.write_text("\n".join(orjson.dumps(p | {"platform": "twitter"}).decode() for p in POSTS))
    workspace = Workspace.open(tmp_path / "ws")
    workspace.ingest.files([posts])
    # The default label is written *after* the learned one: newest must not beat learned.
    rows = [_row(d, v, "learned:sentiment", datetime(2024, 2, 1)) for d, v in LEARNED.items()]
    rows += [_row(d, v, "sentiment", datetime(2024, 3, 1)) for d, v in DEFAULT.items()]
    with workspace.store.transaction() as writer:
        writer.upsert("enrichments", pa.Table.from_pylist(rows))
    yield workspace
    workspace.close()


def test_the_chosen_label_prefers_learned_then_newest(ws):
    table = ws.store.to_arrow(document_sentiment(ws.store))
    assert (
        dict(zip(table["doc_id"].to_pylist(), table["sentiment"].to_pylist(), strict=True))
        == CHOSEN
    )
    producers = ws.store.to_arrow(chosen_values(ws.store, "sentiment"))
    by_doc = dict(
        zip(producers["subject_id"].to_pylist(), producers["producer"].to_pylist(), strict=True)
    )
    assert by_doc["twitter:1"] == "learned:sentiment" and by_doc["twitter:2"] == "sentiment"


def test_every_consumer_reads_the_same_label(ws):
    negative = set(
        ws.store.to_arrow(negative_ids(ws.store).name("doc_id").as_table())["doc_id"].to_pylist()
    )
    assert negative == {d for d, v in CHOSEN.items() if v == "negative"}

    sov = {r.brand: r for r in ws.sov.share_of_voice()}
    assert sov["Acme"].positive == 1 and sov["Acme"].rated == 3  # posts 1, 2, 4
    assert sov["Globex"].positive == 1 and sov["Globex"].rated == 2  # posts 2, 3

    expected_mix = {"negative": 2, "positive": 2}
    raw = {r["value"]: r["count"] for r in browse.field_mix(ws.store, "sentiment")}
    counted = {r["value"]: r["count"] for r in sov_counts.sentiment_mix(ws.store, ws.config)}
    assert raw == expected_mix and counted == expected_mix

    out = io.BytesIO()
    export_table(ws.store, "documents", out, fields=["doc_id", "sentiment"])
    exported = pacsv.read_csv(io.BytesIO(out.getvalue())).to_pylist()
    assert {r["doc_id"]: r["sentiment"] for r in exported} == CHOSEN

    # The map's stance toward Acme reads the chosen label of the posts citing Acme (1, 2, 4).
    labels = ws.store.to_arrow(document_labels(ws.store, own_target(ws.config))).to_pylist()
    stance_inputs: dict[tuple[str, str], int] = {}
    for r in labels:
        key = (r["author_id"], r["label"])
        stance_inputs[key] = stance_inputs.get(key, 0) + 1
    assert stance_inputs == {
        ("twitter:a", "negative"): 2,
        ("twitter:b", "positive"): 1,
    }
