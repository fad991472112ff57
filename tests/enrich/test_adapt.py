"""The workspace-adapted sentiment: lexicon seeds teach a linear model the workspace's words."""

from __future__ import annotations

import numpy as np
import pyarrow as pa

from influscope.enrich import adapt
from influscope.enrich.base import EnrichContext
from influscope.enrich.sentiment import THRESHOLD, SentimentEnricher, labels, score
from influscope.enrich.sentiment_tokens import tokenize

NEGATIVE = ["awful service", "terrible support", "worst company ever", "horrible experience"]
POSITIVE = ["great service", "wonderful support", "best company ever", "lovely experience"]
NEUTRAL = ["the parcel page", "the shop opens", "new catalogue today", "see the store page"]


def corpus(n: int = 120):
    """Seeds of each class; 'kafkaesque' (no lexicon valence) always beside negative words."""
    texts = []
    for i in range(n):
        texts.append(f"{NEGATIVE[i % 4]} kafkaesque queue {i}")
        texts.append(f"{POSITIVE[i % 4]} smooth {i}")
        texts.append(f"{NEUTRAL[i % 4]} {i}")
    return texts


def test_adapter_learns_a_word_the_lexicon_lacks():
    texts = corpus()
    text = pa.array(texts)
    compound = score(text, pa.array(["en"] * len(texts)))
    model = adapt.fit(tokenize(text), compound)
    assert model is not None
    probe = pa.array(["kafkaesque queue today", "the parcel page"])
    probe_compound = score(probe, pa.array(["en", "en"]))
    assert labels(probe_compound) == ["neutral", "neutral"]  # the lexicon alone cannot tell
    values, signed = model.predict(tokenize(probe), probe_compound, THRESHOLD)
    assert values == ["negative", "neutral"]
    assert signed[0] < 0


def test_adapter_declines_without_seeds_of_every_class():
    texts = pa.array(["awful service"] * 50 + ["the parcel"] * 50)
    assert adapt.fit(tokenize(texts), score(texts, pa.array(["en"] * 100))) is None


def test_gathered_scores_equal_the_models_own_on_the_sparse_features():
    """The fast path (weights gathered per n-gram) is scikit-learn's predict_log_proba."""
    texts = corpus(60) + ["awful awful service", "", "won't fly again with you"]
    tokens = tokenize(pa.array(texts))
    model = adapt.fit(tokens, score(pa.array(texts), pa.array(["en"] * len(texts))))
    assert model is not None
    expected = model.model.predict_log_proba(adapt.features(tokens))
    assert np.allclose(model.log_proba(tokens), expected, rtol=1e-9, atol=1e-12)


def test_sentiment_enricher_fits_on_the_workspace(workspace):
    texts = corpus()
    docs = pa.table(
        {
            "doc_id": [f"t:{i}" for i in range(len(texts))],
            "platform": ["t"] * len(texts),
            "native_id": [str(i) for i in range(len(texts))],
            "text": texts,
            "lang": ["en"] * len(texts),
        }
    )
    with workspace.store.transaction() as writer:
        writer.upsert("documents", docs)
    context = EnrichContext(workspace.config, workspace.store, "run-1", workspace.root)
    probe = pa.table(
        {
            "doc_id": ["p1", "p2"],
            "text": ["kafkaesque queue today", "great service"],
            "title": pa.array([None, None], pa.string()),
            "lang": ["en", "en"],
        }
    )
    adapted = SentimentEnricher().run(context, probe).column("value").to_pylist()
    plain = SentimentEnricher(adapt=False).run(context, probe).column("value").to_pylist()
    assert adapted == ["negative", "positive"]
    assert plain == ["neutral", "positive"]
    again = SentimentEnricher().run(context, probe).column("score").to_numpy()
    first = SentimentEnricher().run(context, probe).column("score").to_numpy()
    assert np.array_equal(again, first)  # same workspace, same labels and scores


def test_balance_one_is_scikit_learns_balanced_weighting_and_zero_follows_the_seeds():
    """BALANCE 1 weighs classes as class_weight="balanced"; 0 leaves the seeds' own mix."""
    from sklearn.linear_model import SGDClassifier

    texts = corpus(60) + [f"awful terrible service {i}" for i in range(90)]
    tokens = tokenize(pa.array(texts))
    compound = score(pa.array(texts), pa.array(["en"] * len(texts)))
    y = adapt.seeds(compound)
    rows = np.flatnonzero(y >= 0)
    matrix, target = adapt.features(tokens)[rows], y[rows]
    assert np.bincount(target).tolist() == [150, 60, 60]
    reference = SGDClassifier(
        loss="log_loss", alpha=1e-4, max_iter=adapt.EPOCHS, tol=None,
        class_weight="balanced", random_state=0,
    ).fit(matrix, target)  # fmt: skip
    balanced = adapt.train(matrix, target, alpha=1e-4, balance=1.0)
    assert np.allclose(balanced.coef_, reference.coef_)
    mixed = adapt.train(matrix, target, alpha=1e-4, balance=0.0)
    assert not np.allclose(mixed.coef_, reference.coef_)
    # With the seeds' own mix the majority class wins more of the undecided rows.
    empty = sparse_rows(matrix.shape[1])
    assert mixed.predict_proba(empty)[0, 0] > balanced.predict_proba(empty)[0, 0]


def sparse_rows(width: int):
    """One all-zero feature row: the model's answer is its intercepts alone."""
    from scipy import sparse

    return sparse.csr_matrix((1, width))


def test_adapter_never_silences_a_document_the_lexicon_reads_as_opinion():
    """Topic words learned as neutral do not turn the lexicon's positive into neutral."""
    texts = [f"metro line station schedule update {i}" for i in range(300)]
    texts += [f"great wonderful {i}" for i in range(40)]
    texts += [f"awful terrible {i}" for i in range(40)]
    tokens = tokenize(pa.array(texts))
    model = adapt.fit(tokens, score(pa.array(texts), pa.array(["en"] * len(texts))))
    assert model is not None
    probe = pa.array(["good metro line station schedule update", "metro line station schedule"])
    probe_tokens = tokenize(probe)
    compound = score(probe, pa.array(["en", "en"]))
    assert labels(compound) == ["positive", "neutral"]
    # The model alone, lexicon compound added, calls the first neutral ...
    logp = model.log_proba(probe_tokens)
    logp[:, 2] += model.weight * compound
    logp[:, 0] -= model.weight * compound
    assert logp[0].argmax() == adapt.CLASSES.index("neutral")
    # ... and the adapter keeps the lexicon's label and score for it.
    values, signed = model.predict(probe_tokens, compound, THRESHOLD)
    assert values == ["positive", "neutral"]
    assert signed[0] == compound[0]
