"""Reply stance toward a claim: support, deny, query or comment (RumourEval's four classes).

A reply or a quote reacts to a claim: it backs it (*support*), contradicts
it (*deny*), asks for evidence (*query*) or just talks (*comment*). Two ways
to tell them apart:

- **the offline default** (:func:`cue_stance`): cue phrases in French and
  English — a denial ("c'est faux", "fake news", "démenti", "hoax", "not
  true"), a question (a question mark, "is this true", "source ?"), an
  endorsement ("confirmed", "c'est officiel") — checked in that order, and
  *comment* otherwise. No download, no training; it is what a workspace gets
  before anyone labels replies.
- **the learned model** (:func:`build_model`), trained from labelled replies
  through the usual ``influscope label docs`` / ``influscope train
  reply_stance`` flow: word and character TF-IDF of the reply, the same of
  its parent (what it answers), and the context flags the text alone does not
  carry — whether the post is the claim itself (a source post states its
  claim: support), whether it answers the source directly, whether it asks,
  links, or denies by cue. A multinomial logistic regression (not
  class-balanced: comments are the majority in real threads and accuracy
  should reflect that; macro-F1 is reported beside it so a majority-class
  model cannot hide).

Measured on RumourEval 2017 traindev, leave-one-event-out: see
``tests/analyze/crisis/test_realdata_rumours.py`` and docs/concepts/alerts.md.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import numpy as np
from scipy import sparse
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import LogisticRegression

from influscope.enrich.text import fold_word

STANCES = ("support", "deny", "query", "comment")
URL = re.compile(r"https?://\S+|www\.\S+")
MENTION = re.compile(r"@[\w.]+")
DENY = re.compile(
    r"\b(c ?est faux|faux|fausse|fake|fakes|fake ?news|intox|infox|dementi|dementie|demenți|"
    r"rumeur|rumeurs|montage|pas vrai|n est pas vrai|mensonge de la rumeur|hoax|false|not true|"
    r"untrue|debunked|denied|denies|deny|misleading|fact ?check|setting the record straight|"
    r"no evidence|not closing|ne ferme pas|aucune fermeture|verifiez vos sources|stop aux rumeurs)\b"
)
QUERY = re.compile(
    r"(\?|\b(is (this|it|that) (true|real|confirmed)|really|any (proof|source|evidence)|"
    r"source svp|des sources|vraiment|est[- ]ce (vrai|confirme)|confirm(ed)? by whom)\b)"
)
SUPPORT = re.compile(
    r"\b(confirmed|confirms|breaking|officially|c est officiel|confirme|confirmee|it s true|"
    r"c est vrai|indeed|exactly|scandal|scandale|honte)\b"
)


def fold(text: str | None) -> str:
    """Lower case without accents, apostrophes as spaces, links and handles as placeholders."""
    folded = fold_word(URL.sub(" _url_ ", MENTION.sub(" _user_ ", text or "")))
    return folded.replace("'", " ").replace("’", " ")


def cue_stance(text: str | None) -> str:
    """The offline default (module doc).

    >>> cue_stance("C'est faux : l'usine ne ferme pas"), cue_stance("Is this true?")
    ('deny', 'query')
    >>> cue_stance("Breaking: confirmed by the police"), cue_stance("So sad")
    ('support', 'comment')
    """
    folded = fold(text)
    if DENY.search(folded):
        return "deny"
    if QUERY.search(folded):
        return "query"
    if SUPPORT.search(folded):
        return "support"
    return "comment"


def row_stance(labels: dict[str, str]) -> Callable[[dict[str, Any]], str]:
    """The stance of a post (a window row): its learned label when it has one, else the cues.

    ``labels`` are the workspace's ``reply_stance`` values by document id
    (what ``influscope label docs`` / ``train reply_stance`` / ``enrich``
    produce); posts without one fall back to :func:`cue_stance`.

    >>> stance = row_stance({"d1": "support"})
    >>> stance({"doc_id": "d1", "text": "fake!"}), stance({"doc_id": "d2", "text": "fake!"})
    ('support', 'deny')
    """

    def stance(row: dict[str, Any]) -> str:
        found = labels.get(str(row.get("doc_id")))
        return found if found in STANCES else cue_stance(str(row.get("text") or ""))

    return stance


@dataclass(frozen=True)
class Reply:
    """A post to classify with its context: its own text, its parent's, and its place in the thread."""

    text: str
    parent_text: str = ""
    is_source: bool = False
    answers_source: bool = False


def context_flags(reply: Reply) -> list[float]:
    """The flags the learned model adds to the words (module doc)."""
    folded = fold(reply.text)
    return [
        float(reply.is_source),
        float(reply.answers_source),
        float("?" in reply.text),
        float(bool(URL.search(reply.text))),
        float(bool(DENY.search(folded))),
        float(bool(QUERY.search(folded))),
        float(bool(SUPPORT.search(folded))),
        min(len(reply.text), 280) / 280.0,
    ]


class ReplyStanceModel:
    """TF-IDF of reply and parent plus context flags, and a logistic regression (module doc)."""

    def __init__(self, C: float = 1.0, flag_weight: float = 3.0) -> None:  # noqa: N803
        self.words = TfidfVectorizer(
            preprocessor=fold, ngram_range=(1, 2), sublinear_tf=True, min_df=2
        )
        self.chars = TfidfVectorizer(
            preprocessor=fold, analyzer="char_wb", ngram_range=(2, 5), sublinear_tf=True, min_df=2
        )
        self.parent = TfidfVectorizer(preprocessor=fold, sublinear_tf=True, min_df=2)
        self.flag_weight = flag_weight
        self.classifier = LogisticRegression(C=C, max_iter=3000)

    def _matrix(self, replies: list[Reply], fit: bool) -> Any:
        texts = [r.text for r in replies]
        parents = [r.parent_text for r in replies]
        flags = sparse.csr_matrix(np.array([context_flags(r) for r in replies]) * self.flag_weight)
        if fit:
            parts = [
                self.words.fit_transform(texts),
                self.chars.fit_transform(texts),
                self.parent.fit_transform(parents) * 0.5,
            ]
        else:
            parts = [
                self.words.transform(texts),
                self.chars.transform(texts),
                self.parent.transform(parents) * 0.5,
            ]
        return sparse.hstack([*parts, flags]).tocsr()

    def fit(self, replies: list[Reply], labels: list[str]) -> ReplyStanceModel:
        """Learn from labelled replies."""
        self.classifier.fit(self._matrix(replies, fit=True), labels)
        return self

    def predict(self, replies: list[Reply]) -> list[str]:
        """The stance of each reply."""
        if not replies:
            return []
        return [str(v) for v in self.classifier.predict(self._matrix(replies, fit=False))]


def build_model(C: float = 1.0) -> ReplyStanceModel:  # noqa: N803
    """A fresh learned model (``influscope train reply_stance``)."""
    return ReplyStanceModel(C=C)
