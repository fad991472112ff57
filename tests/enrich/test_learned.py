"""Labels → train → enrich → export, through the CLI and the workspace."""

from __future__ import annotations

import csv
import io

import orjson

from influscope.enrich.labels import read_labels
from influscope.workspace import Workspace
from tests.enrich.helpers import ENRICH_CONFIG, corpus, stance_labels, write_jsonl


def write_labels(path, rows, extra=()):
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(["doc_id", "field", "value"])
        writer.writerows([*rows, *extra])
    return path


def test_label_file_errors_carry_line_numbers(tmp_path):
    path = write_labels(
        tmp_path / "l.csv",
        [("twitter:1", "sentiment", "positive"), ("", "sentiment", "x"), ("twitter:2", "Bad Field", "x"),
         ("twitter:3", "stance:climate", ""), ("twitter:1", "sentiment", "negative"), ("twitter:4", "text", "x")],
    )  # fmt: skip
    parsed = read_labels(path)
    assert [(e.line, e.field) for e in parsed.errors] == [
        (3, "doc_id"), (4, "field"), (5, "value"), (6, "doc_id"), (7, "field"),
    ]  # fmt: skip
    assert parsed.rows == [
        {"doc_id": "twitter:1", "field": "sentiment", "value": "negative", "source_line": 6}
    ]
    bad_header = tmp_path / "h.csv"
    bad_header.write_text("id,label\n1,x\n", encoding="utf-8")
    try:
        read_labels(bad_header)
    except Exception as error:  # noqa: BLE001
        assert "h.csv:1" in str(error) and "doc_id" in str(error)
    else:
        raise AssertionError("a header without doc_id must be refused")


def test_label_train_enrich_export(cli, tmp_path):
    assert cli("init", str(cli.root), workspace=None)[0] == 0
    (cli.root / "influscope.toml").write_text(ENRICH_CONFIG, encoding="utf-8")
    posts = corpus(80)
    assert cli("ingest", "file", str(write_jsonl(tmp_path / "p.jsonl", posts)))[0] == 0
    assert cli("enrich")[0] == 0

    labels = stance_labels(posts)
    sentiment = [("twitter:p1", "sentiment", "negative")]  # overrides the lexicon's positive guess
    path = write_labels(
        tmp_path / "labels.csv", labels + sentiment, [("twitter:nope", "sentiment", "x")]
    )
    code, _, err = cli("label", "docs", str(path))
    assert code == 1  # one bad line, reported with its line number; the others are stored
    assert f"labels.csv:{len(labels) + 3}" in err and "twitter:nope" in err
    assert f"{len(labels) + 1} labels stored" in err and "; 1 line rejected." in err
    code, _, err = cli("--lang", "fr", "label", "docs", str(path))  # in number, in French too
    assert f"{len(labels) + 1} étiquettes enregistrées" in err and "1 ligne rejetée." in err
    assert "aucun document 'twitter:nope' dans l'espace de travail" in err

    code, out, err = cli("train", "stance:climate", "--format", "json")
    assert code == 0, err
    metrics = orjson.loads(out)
    assert metrics["labels"] == len(labels) and metrics["folds"] == 5
    assert metrics["macro_f1"] > 0.8  # the two sides use disjoint vocabularies
    assert cli("train", "unlabelled")[0] == 2  # a usage error: nothing labelled
    code, out, _ = cli("--lang", "fr", "train", "stance:climate")  # the table for a person
    text = " ".join(out.split())  # the title wraps on a narrow table
    assert code == 0 and "Classe" in text and "Étiquettes" in text
    assert "validation croisée à 5 plis" in text and "labels" not in text
    code, _, err = cli("train", "sentiment")
    assert code == 1 and "at least two different values" in err

    code, out, err = cli("enrich", "--format", "json")
    assert code == 0, err
    steps = {s["name"]: s for s in orjson.loads(out)}
    assert steps["learned:stance:climate"]["done"] == len(posts)
    assert steps["sentiment"]["done"] == 0  # incremental: nothing new for the lexicon

    code, out, err = cli("export", "documents", "--fields", "doc_id,sentiment,stance:climate,paid")
    assert code == 0, err
    exported = {r["doc_id"]: r for r in csv.DictReader(io.StringIO(out))}
    assert len(exported) == len(posts)
    for doc_id, _, value in labels:
        assert exported[doc_id]["stance:climate"] == value
    unlabelled = [f"twitter:c{i}" for i in range(80) if i % 3]
    truth = {f"twitter:c{i}": "favor" if i % 4 < 2 else "against" for i in range(80)}
    right = sum(exported[d]["stance:climate"] == truth[d] for d in unlabelled)
    assert right / len(unlabelled) > 0.7  # half are favor: chance is 0.5
    assert exported["twitter:p1"]["paid"] == "true"

    with Workspace.open(cli.root) as ws:
        models = ws.enrich.models()
        e = ws.store.table("enrichments")
        producers = set(ws.store.to_arrow(e.select("producer").distinct()).column(0).to_pylist())
    assert [m["field"] for m in models] == ["stance:climate"]
    assert models[0]["metrics"]["macro_f1"] == metrics["macro_f1"]
    assert (cli.root / models[0]["path"]).exists()
    assert "learned:stance:climate" in producers
