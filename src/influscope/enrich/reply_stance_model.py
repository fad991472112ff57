"""The learned reply-stance model: the reply's words, then what its thread says around it.

Two stages, because a reply's stance is read against its thread ("yes!" is
support under a claim and deny under a denial; Kochkina et al. 2017 won
RumourEval with a model of the branch):

1. **Text**: word 1–2-grams and character 2–5-grams (TF-IDF, sublinear) of
   the folded reply, plus :func:`~influscope.enrich.reply_stance.context_features`,
   into a linear SVM (``embeddings``: plus the post's sentence embedding). It
   scores the reply, and also its parent and its thread's source (each scored
   as a post of its own).
2. **Thread**: a histogram gradient boosting over those three score vectors,
   the mean score of the other posts of the thread in the batch, and the
   context features. Its training scores are out-of-fold (grouped: a post is
   never scored by a text model that saw its group — its thread, or its event
   when the caller gives groups), so stage 2 learns from scores like those it
   will see.

Neither stage is class-balanced: comments are the majority of real threads
and accuracy should reflect that; macro-F1 is reported beside it so a
majority-class model cannot hide. ``C`` of the SVM is chosen, when asked, by
grouped cross-validation inside the training data only
(:func:`choose_c`).
"""

from __future__ import annotations

import hashlib
from collections import defaultdict
from typing import Any

import numpy as np
from numpy.typing import NDArray
from scipy import sparse
from sklearn import __version__ as sklearn_version
from sklearn.ensemble import HistGradientBoostingClassifier
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.metrics import accuracy_score
from sklearn.model_selection import GroupKFold
from sklearn.svm import LinearSVC

from influscope.enrich import embeddings as encoder
from influscope.enrich.learned import TrainResult, check_labels, scores
from influscope.enrich.reply_stance import Reply, context_features, fold
from influscope.errors import N_, InputError, MissingExtra

C_GRID = (0.03, 0.1, 0.3)
# How much the sentence-embedding block counts beside the TF-IDF columns.
EMBEDDING_WEIGHT = 1.0
INNER_FOLDS = 5


class TextStage:
    """Stage 1 (module doc): TF-IDF of the reply and its context features, a linear SVM.

    With ``embeddings``, the post's sentence embedding joins the features
    (:mod:`influscope.enrich.embeddings`).
    """

    embeddings = False  # models saved before the option read their text only

    def __init__(self, C: float = 0.1, embeddings: bool = False) -> None:  # noqa: N803
        self.embeddings = embeddings
        self.words = TfidfVectorizer(
            preprocessor=fold, ngram_range=(1, 2), sublinear_tf=True, min_df=2
        )
        self.chars = TfidfVectorizer(
            preprocessor=fold, analyzer="char_wb", ngram_range=(2, 5), sublinear_tf=True, min_df=2
        )
        self.svm = LinearSVC(C=C, random_state=0)

    def _matrix(self, replies: list[Reply], fit: bool) -> Any:
        texts = [r.text for r in replies]
        blocks = [sparse.csr_matrix(np.array([context_features(r) for r in replies]))]
        if self.embeddings:
            blocks.append(sparse.csr_matrix(encoder.features(texts, EMBEDDING_WEIGHT)))
        if fit:
            ngrams = [self.words.fit_transform(texts), self.chars.fit_transform(texts)]
        else:
            ngrams = [self.words.transform(texts), self.chars.transform(texts)]
        return sparse.hstack(ngrams + blocks).tocsr()

    def fit(self, replies: list[Reply], labels: list[str]) -> TextStage:
        """Learn from labelled posts."""
        self.svm.fit(self._matrix(replies, fit=True), labels)
        return self

    @property
    def classes(self) -> list[str]:
        """The stances, in the order of the score columns."""
        return [str(c) for c in self.svm.classes_]

    def scores(self, replies: list[Reply]) -> NDArray[np.float64]:
        """One margin per stance for each post."""
        return np.asarray(self.svm.decision_function(self._matrix(replies, fit=False)))


def _folds(groups: list[Any], k: int = INNER_FOLDS) -> list[tuple[NDArray[Any], NDArray[Any]]]:
    distinct = len(set(groups))
    if distinct < 2:
        raise ValueError("out-of-fold scores need at least two groups")
    splitter = GroupKFold(n_splits=min(k, distinct))
    return list(splitter.split(np.zeros(len(groups)), groups=groups))


def _thread_means(replies: list[Reply], own: NDArray[np.float64]) -> NDArray[np.float64]:
    """The mean score of the other posts of each post's thread, and their log count."""
    totals: dict[str, NDArray[np.float64]] = defaultdict(lambda: np.zeros(own.shape[1]))
    counts: dict[str, int] = defaultdict(int)
    for reply, row in zip(replies, own, strict=True):
        if reply.thread:
            totals[reply.thread] += row
            counts[reply.thread] += 1
    out = np.zeros((len(replies), own.shape[1] + 1))
    for i, reply in enumerate(replies):
        others = counts[reply.thread] - 1 if reply.thread else 0
        if others > 0:
            out[i, :-1] = (totals[reply.thread] - own[i]) / others
        out[i, -1] = np.log1p(others)
    return out


def stacked_features(
    replies: list[Reply], own: NDArray[np.float64], parent: NDArray[np.float64],
    source: NDArray[np.float64],
) -> NDArray[np.float64]:  # fmt: skip
    """Stage 2's input: the three score vectors, the thread's mean, the context features."""
    context = np.array([context_features(r) for r in replies])
    return np.hstack([own, parent, source, _thread_means(replies, own), context])


class ReplyStanceModel:
    """The two-stage model of the module doc; ``fit`` then ``predict``."""

    embeddings = False  # models saved before the option read their text only

    def __init__(self, C: float = 0.1, seed: int = 0, embeddings: bool = False) -> None:  # noqa: N803
        self.C = C
        self.seed = seed
        self.embeddings = embeddings
        self.text = TextStage(C, embeddings)
        self.thread = HistGradientBoostingClassifier(
            learning_rate=0.05, max_iter=200, max_leaf_nodes=15, random_state=seed
        )

    @staticmethod
    def _score_all(stage: TextStage, replies: list[Reply]) -> list[NDArray[np.float64]]:
        return [
            stage.scores(replies),
            stage.scores([r.parent() for r in replies]),
            stage.scores([r.source() for r in replies]),
        ]

    def fit(
        self, replies: list[Reply], labels: list[str], groups: list[Any] | None = None
    ) -> ReplyStanceModel:
        """Learn both stages; ``groups`` (default: each post's thread) keep stage 2's scores honest."""
        keys = groups if groups is not None else [r.thread or r.source_text for r in replies]
        y = np.array(labels)
        self.text.fit(replies, labels)
        out_of_fold = [np.zeros((len(replies), len(self.text.classes))) for _ in range(3)]
        for train, test in _folds(keys):
            inner = TextStage(self.C, self.embeddings).fit(
                [replies[i] for i in train], list(y[train])
            )
            if inner.classes != self.text.classes:
                raise ValueError("every stance needs labels in every fold")
            for whole, part in zip(
                out_of_fold, self._score_all(inner, [replies[i] for i in test]), strict=True
            ):
                whole[test] = part
        self.thread.fit(stacked_features(replies, *out_of_fold), y)
        return self

    def predict(self, replies: list[Reply]) -> list[str]:
        """The stance of each post (its thread's posts in the same batch help)."""
        if not replies:
            return []
        features = stacked_features(replies, *self._score_all(self.text, replies))
        return [str(v) for v in self.thread.predict(features)]

    def predict_proba(self, replies: list[Reply]) -> NDArray[np.float64]:
        """Probabilities per stance (columns in ``classes_`` order)."""
        features = stacked_features(replies, *self._score_all(self.text, replies))
        return np.asarray(self.thread.predict_proba(features))

    @property
    def classes_(self) -> list[str]:
        """The stances the model knows."""
        return [str(c) for c in self.thread.classes_]


def choose_c(
    replies: list[Reply],
    labels: list[str],
    groups: list[Any],
    grid: tuple[float, ...] = C_GRID,
    embeddings: bool = False,
) -> float:
    """The SVM's C with the best grouped cross-validated accuracy of the text stage.

    Only the data given is read: in a leave-one-event-out evaluation, pass the
    training events and their names, never the held-out one.
    """
    y = np.array(labels)
    best, chosen = -1.0, grid[0]
    for c in grid:
        predicted = np.empty(len(y), dtype=object)
        for train, test in _folds(groups):
            stage = TextStage(c, embeddings).fit([replies[i] for i in train], list(y[train]))
            margins = stage.scores([replies[i] for i in test])
            predicted[test] = np.array(stage.classes)[margins.argmax(axis=1)]
        accuracy = float(accuracy_score(y, predicted))
        if accuracy > best:
            best, chosen = accuracy, c
    return chosen


def build_model(C: float = 0.1, embeddings: bool = False) -> ReplyStanceModel:  # noqa: N803
    """A fresh learned model (``influscope train reply_stance``)."""
    return ReplyStanceModel(C=C, embeddings=embeddings)


def train_replies(
    replies: list[Reply],
    labels: list[str],
    folds: int = 5,
    seed: int = 0,
    embeddings: bool = False,
) -> TrainResult:
    """Cross-validate grouped by thread, then fit on every label (``influscope train reply_stance``).

    Folds keep a thread whole (its posts share words and context: splitting
    it would flatter the score). The version hashes the posts, their
    context, the labels and the settings, so training again on the same
    labels is a no-op for ``enrich``.
    """
    if embeddings and not encoder.available():
        raise MissingExtra(encoder.PACKAGE, "embeddings", encoder.PURPOSE)
    check_labels(labels, folds)
    groups = [r.thread or r.source_text or r.text for r in replies]
    distinct = len(set(groups))
    if distinct < 2:
        raise InputError(
            N_("Reply stance needs labelled posts from at least two threads."),
            N_("Label replies of another conversation too."),
        )
    y = np.array(labels)
    predicted = np.empty(len(y), dtype=object)
    k = min(folds, distinct)
    for train, test in GroupKFold(n_splits=k).split(np.zeros(len(y)), groups=groups):
        try:
            model = build_model(embeddings=embeddings).fit(
                [replies[i] for i in train], list(y[train])
            )
        except ValueError as error:
            raise InputError(
                N_("Too few labels to cross-validate reply stance: {reason}."),
                N_("Label more replies of each stance, in more threads."),
                reason=str(error),
            ) from error
        predicted[test] = model.predict([replies[i] for i in test])
    metrics: dict[str, Any] = {
        "folds": k,
        "features": "ngrams+embeddings" if embeddings else "ngrams",
        **scores(labels, list(predicted)),
    }
    model = build_model(embeddings=embeddings).fit(replies, labels)
    digest = hashlib.sha256()
    for reply, label in sorted(zip(replies, labels, strict=True), key=repr):
        digest.update(repr(reply).encode("utf-8", "replace") + b"\x00" + label.encode() + b"\x01")
    digest.update(repr(("reply-stance", model.C, sklearn_version)).encode())
    if embeddings:
        digest.update(repr((EMBEDDING_WEIGHT, encoder.version())).encode())
    metrics["labels"] = len(labels)
    metrics["classes"] = sorted(set(labels))
    return TrainResult(model, metrics, digest.hexdigest()[:12])
