"""Classifiers learned from a team's own labels: any categorical field, French or English.

A few hundred labelled posts beat any generic model on a company's own
questions ("is this post for or against our position on the climate axis?").
The model is deliberately simple and strong on short social text: word
uni/bigrams plus character 2–5-grams (which catch French inflections and
English misspellings alike), TF-IDF with sublinear counts, the French and
English sentiment lexicons' scores as four extra features, and a
class-balanced linear SVM (as accurate as a logistic regression here and
ten times faster to train; its margins, squashed by a softmax, give the score). Text is folded first (lower case, no
accents, elisions split, URLs and @mentions replaced by placeholders) so
``L'Élysée`` and ``l elysee`` are one feature. With the ``embeddings`` extra,
``train(..., embeddings=True)`` also tries sentence embeddings, alone or beside
the n-grams (:mod:`influscope.enrich.embeddings`), and keeps what
cross-validation on the field's own labels prefers.

Quality is measured by stratified k-fold cross-validation (macro-F1, the
metric that does not let a majority class hide failures on the others) and
stored with the model; the model's version is a hash of its labels and
settings, so re-training on the same labels is a no-op for ``enrich``.
"""

from __future__ import annotations

import hashlib
import re
from collections import Counter
from dataclasses import dataclass
from typing import Any

import numpy as np
import pyarrow as pa
from scipy import sparse

from influscope.enrich import embeddings as encoder
from influscope.enrich.sentiment import score
from influscope.enrich.text import fold_word
from influscope.errors import N_, InputError, MissingExtra

URL = re.compile(r"https?://\S+|www\.\S+")
MENTION = re.compile(r"@[\w.]+")
ELISION = re.compile(r"\b(l|d|j|m|n|s|t|c|qu|jusqu|lorsqu|puisqu)'")
SETTINGS: dict[str, Any] = {
    "word_ngrams": (1, 2),
    "char_ngrams": (2, 5),
    "C": 0.5,
    "folds": 5,
    "lexicon_weight": 1.0,
}
MIN_PER_CLASS = 2


def normalise(text: str | None) -> str:
    """Fold a text for the classifier (see the module docstring)."""
    folded = fold_word(text or "")
    folded = URL.sub(" _url_ ", folded)
    folded = MENTION.sub(" _user_ ", folded)
    return ELISION.sub(r"\1 ", folded.replace("#semst", ""))


def lexicon_features(texts: Any) -> Any:
    """Four dense columns: the English and the French lexicon's compound, split by sign.

    A few hundred labels rarely contain every word of praise or complaint; the
    lexicons know thousands, so their scores are features the model can lean
    on (both languages' scores are given: the model needs no language id).
    Measured on DEFT 2017 train -> val: macro-F1 0.62 without, 0.66 with.
    """
    text = pa.array([str(t) for t in texts], pa.string())
    weight = SETTINGS["lexicon_weight"]
    columns = []
    for lang in ("en", "fr"):
        compound = score(text, pa.array([lang] * len(text), pa.string()))
        columns += [np.maximum(compound, 0.0), np.maximum(-compound, 0.0)]
    return sparse.csr_matrix(np.stack(columns, axis=1) * weight)


@dataclass(frozen=True)
class Variant:
    """One candidate model: which features, whether the lexicon scores join, the SVM's C.

    ``features`` is ``ngrams`` (word + character TF-IDF), ``embeddings``
    (sentence embeddings alone, :mod:`influscope.enrich.embeddings`) or
    ``both`` (the TF-IDF columns beside the embedding block, weighted by
    ``EMBEDDING_WEIGHT``).
    """

    features: str = "ngrams"
    lexicon: bool = True
    C: float = SETTINGS["C"]  # noqa: N815 (the usual name)

    def describe(self) -> str:
        """A short name for the metrics: ``ngrams+lexicon C=0.5``."""
        return f"{self.features}{'+lexicon' if self.lexicon else ''} C={self.C:g}"


# Without embeddings: the lexicon's scores with or without (the choice of the last rounds).
NGRAM_VARIANTS = (Variant("ngrams", True), Variant("ngrams", False))
# With embeddings: the same two, embeddings alone over a C grid around the
# SVM's usual 1, and both feature sets in one model. Chosen per field by
# cross-validation on its own labels, never on held-out data.
EMBEDDING_VARIANTS = NGRAM_VARIANTS + (
    Variant("embeddings", False, 0.3),
    Variant("embeddings", False, 1.0),
    Variant("embeddings", False, 3.0),
    Variant("both", False, 0.5),
)
EMBEDDING_WEIGHT = 2.0


def _ngram_steps(lexicon: bool) -> list[tuple[str, Any]]:
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.preprocessing import FunctionTransformer

    steps: list[tuple[str, Any]] = [
        (
            "words",
            TfidfVectorizer(
                preprocessor=normalise,
                token_pattern=r"(?u)[#\w][\w-]*",
                ngram_range=SETTINGS["word_ngrams"],
                sublinear_tf=True,
                min_df=1,
            ),
        ),
        (
            "chars",
            TfidfVectorizer(
                preprocessor=normalise,
                analyzer="char_wb",
                ngram_range=SETTINGS["char_ngrams"],
                sublinear_tf=True,
                min_df=2,
            ),
        ),
    ]
    if lexicon:
        steps.append(("lexicon", FunctionTransformer(lexicon_features, accept_sparse=True)))
    return steps


def build_model(
    C: float = 0.5,  # noqa: N803 (the usual name)
    lexicon: bool = True,
    features: str = "ngrams",
) -> Any:
    """The scikit-learn pipeline of a :class:`Variant`: its features, a balanced linear SVM."""
    try:
        from sklearn.pipeline import FeatureUnion, make_pipeline
        from sklearn.preprocessing import FunctionTransformer
        from sklearn.svm import LinearSVC
    except ImportError as exc:  # pragma: no cover - a core dependency
        raise MissingExtra("scikit-learn", "core", "Training classifiers") from exc
    steps = _ngram_steps(lexicon) if features in ("ngrams", "both") else []
    if features in ("embeddings", "both"):
        weight = EMBEDDING_WEIGHT if features == "both" else 1.0
        steps.append(
            ("embeddings", FunctionTransformer(encoder.features, kw_args={"weight": weight}))
        )
    if not steps:
        raise ValueError(f"unknown features {features!r}")
    classifier = LinearSVC(C=C, class_weight="balanced", random_state=0)
    return make_pipeline(FeatureUnion(steps), classifier)


@dataclass
class TrainResult:
    """A fitted model with its cross-validated quality."""

    model: Any
    metrics: dict[str, Any]
    version: str


def check_labels(labels: list[str], folds: int) -> int:
    """The number of folds usable with these labels (raises when training is impossible)."""
    counts = Counter(labels)
    if len(counts) < 2:
        raise InputError(
            N_("Training needs at least two different values; got {counts}."),
            N_("Label documents with at least two values (e.g. favor and against)."),
            counts=str(dict(counts)),
        )
    smallest = min(counts.values())
    if smallest < MIN_PER_CLASS:
        rare = [v for v, c in counts.items() if c < MIN_PER_CLASS]
        raise InputError(
            N_("Too few labels for {values} (need at least {minimum} each)."),
            N_("Label more documents with these values, or merge them into another value."),
            values=", ".join(map(repr, rare)),
            minimum=MIN_PER_CLASS,
        )
    return max(2, min(folds, smallest))


def cross_validate(
    texts: list[str],
    labels: list[str],
    folds: int = 5,
    seed: int = 0,
    variant: Variant | None = None,
) -> dict[str, Any]:
    """Stratified k-fold predictions scored with accuracy, macro-F1 and per-class F1.

    ``variant`` is the model to score (default: n-grams with the lexicon's scores).
    """
    from sklearn.model_selection import StratifiedKFold, cross_val_predict

    chosen = variant or Variant()
    k = check_labels(labels, folds)
    splitter = StratifiedKFold(n_splits=k, shuffle=True, random_state=seed)
    model = build_model(chosen.C, chosen.lexicon, chosen.features)
    predicted = cross_val_predict(model, texts, labels, cv=splitter)
    return {
        "folds": k,
        "lexicon_features": chosen.lexicon,
        "features": chosen.features,
        "C": chosen.C,
        **scores(labels, list(predicted)),
    }


def scores(gold: list[str], predicted: list[str]) -> dict[str, Any]:
    """Accuracy, macro-F1 and F1 per class."""
    from sklearn.metrics import accuracy_score, f1_score

    classes = sorted(set(gold) | set(predicted))
    per_class = f1_score(gold, predicted, labels=classes, average=None, zero_division=0)
    return {
        "accuracy": float(accuracy_score(gold, predicted)),
        "macro_f1": float(f1_score(gold, predicted, average="macro", zero_division=0)),
        "f1": {c: float(f) for c, f in zip(classes, per_class, strict=True)},
        "support": dict(Counter(gold)),
    }


def train(
    texts: list[str],
    labels: list[str],
    folds: int = 5,
    seed: int = 0,
    embeddings: bool = False,
) -> TrainResult:
    """Cross-validate each candidate variant, then fit the best on every label.

    The candidates are chosen here, on these labels only, by the same
    cross-validation (macro-F1; a tie keeps the earlier, cheaper one):

    - whether the sentiment lexicon's scores are features: they help a
      sentiment field (DEFT 2017 train -> val macro-F1 0.62 without, 0.66
      with) and hurt a stance one, where praise and anger point either way;
    - with ``embeddings`` (the ``embeddings`` extra), sentence embeddings
      alone (three values of C) or beside the n-grams: they carry what a few
      hundred labels cannot (SemEval-2016 stance, held-out 20 %: F_avg 0.668
      with n-grams, see docs/how-to/enrich.md for the embedding figures). They
      cost an encoder pass per document, at training and at every ``enrich``.

    The metrics stored are those of the chosen variant, so they are slightly
    optimistic; the realdata tests score held-out labels that took no part in
    the choice. The version hashes the labels, the settings and the encoder.

    Example:
        >>> result = train(texts, labels, embeddings=True)  # doctest: +SKIP
        >>> result.metrics["features"], result.metrics["macro_f1"]  # doctest: +SKIP
    """
    import sklearn

    if embeddings and not encoder.available():
        raise MissingExtra(encoder.PACKAGE, "embeddings", encoder.PURPOSE)
    variants = EMBEDDING_VARIANTS if embeddings else NGRAM_VARIANTS
    tried = [cross_validate(texts, labels, folds, seed, variant=v) for v in variants]
    best = max(range(len(tried)), key=lambda i: (tried[i]["macro_f1"], -i))
    metrics = tried[best]
    chosen = variants[best]
    model = build_model(chosen.C, chosen.lexicon, chosen.features)
    model.fit(texts, labels)
    digest = hashlib.sha256()
    for text, label in sorted(zip(texts, labels, strict=True)):
        digest.update(text.encode("utf-8", "replace") + b"\x00" + label.encode() + b"\x01")
    digest.update(repr((SETTINGS, sklearn.__version__)).encode())
    if embeddings:
        digest.update(repr((EMBEDDING_VARIANTS, EMBEDDING_WEIGHT, encoder.version())).encode())
    metrics["labels"] = len(labels)
    metrics["classes"] = sorted(set(labels))
    metrics["variant"] = chosen.describe()
    metrics["candidates"] = {
        v.describe(): round(m["macro_f1"], 4) for v, m in zip(variants, tried, strict=True)
    }
    return TrainResult(model, metrics, digest.hexdigest()[:12])


def predict(model: Any, texts: list[str]) -> tuple[list[str], np.ndarray]:
    """Predicted values and a confidence in [0, 1] (softmax of the SVM margins)."""
    if not texts:
        return [], np.zeros(0)
    if hasattr(model, "predict_proba"):
        weights = model.predict_proba(texts)
    else:
        margins = np.asarray(model.decision_function(texts), dtype=np.float64)
        if margins.ndim == 1:  # two classes: one margin, positive for classes_[1]
            margins = np.stack([-margins, margins], axis=1)
        weights = np.exp(margins - margins.max(axis=1, keepdims=True))
        weights /= weights.sum(axis=1, keepdims=True)
    best = weights.argmax(axis=1)
    classes = model.classes_
    return [str(classes[i]) for i in best], weights.max(axis=1)
