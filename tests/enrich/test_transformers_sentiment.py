"""The Hugging Face loading path, with a tiny random model built here (no download)."""

from __future__ import annotations

import pytest

from influscope.enrich.transformers_sentiment import map_labels
from influscope.workspace import Workspace
from tests.enrich.helpers import corpus, write_jsonl


def test_label_mapping():
    assert map_labels({0: "NEGATIVE", 1: "POSITIVE"}) == ["negative", "positive"]
    assert map_labels({0: "LABEL_0", 1: "LABEL_1", 2: "LABEL_2"}) == [
        "negative",
        "neutral",
        "positive",
    ]
    stars = {i: f"{i + 1} stars" for i in range(5)}
    assert map_labels(stars) == ["negative", "negative", "neutral", "positive", "positive"]


def tiny_model(folder):
    torch = pytest.importorskip("torch")
    transformers = pytest.importorskip("transformers")
    folder.mkdir()
    words = [
        "[PAD]",
        "[UNK]",
        "[CLS]",
        "[SEP]",
        "[MASK]",
        "great",
        "bad",
        "merci",
        "nul",
        "the",
        "le",
    ]
    (folder / "vocab.txt").write_text("\n".join(words) + "\n", encoding="utf-8")
    tokenizer = transformers.BertTokenizerFast(vocab_file=str(folder / "vocab.txt"))
    config = transformers.BertConfig(
        vocab_size=len(words), hidden_size=16, num_hidden_layers=1, num_attention_heads=2,
        intermediate_size=32, max_position_embeddings=64, num_labels=3,
        id2label={0: "negative", 1: "neutral", 2: "positive"},
        label2id={"negative": 0, "neutral": 1, "positive": 2},
    )  # fmt: skip
    torch.manual_seed(0)
    model = transformers.BertForSequenceClassification(config)
    model.save_pretrained(folder)
    tokenizer.save_pretrained(folder)
    return folder


def test_a_named_local_model_replaces_the_lexicon(tmp_path):
    folder = tiny_model(tmp_path / "tiny-model")
    config = f'[enrich]\nskip = ["entities"]\nsentiment_model = "{folder}"\n'
    with Workspace.init(tmp_path / "ws", config) as ws:
        ws.ingest.files([write_jsonl(tmp_path / "p.jsonl", corpus(6))])
        summary = ws.enrich.run(only="sentiment")
        step = summary.enrichers[0]
        assert step.version.startswith("transformers-")
        assert step.done == ws.store.count("documents")
        e = ws.store.table("enrichments")
        rows = ws.store.to_arrow(e.filter(e.field == "sentiment")).to_pylist()
    assert {r["value"] for r in rows} <= {"negative", "neutral", "positive"}
    assert all(-1.0 <= r["score"] <= 1.0 for r in rows)
    assert len(rows) == step.done


def test_missing_model_folder_is_a_config_error(tmp_path):
    pytest.importorskip("torch")
    pytest.importorskip("transformers")
    config = f'[enrich]\nsentiment_model = "{tmp_path / "absent"}"\n'
    with Workspace.init(tmp_path / "ws", config) as ws:
        ws.ingest.files([write_jsonl(tmp_path / "p.jsonl", corpus(2))])
        from influscope.errors import ConfigError

        with pytest.raises(ConfigError, match="Cannot load the sentiment model"):
            ws.enrich.run(only="sentiment")
