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
- **the learned model** (:mod:`influscope.enrich.reply_stance_model`),
  trained from labelled replies through the usual ``influscope label docs``
  / ``influscope train reply_stance`` flow, reads a :class:`Reply`: the post
  with its thread context (its parent, the thread's source, its depth and
  delays), described by :func:`context_features`.

Measured on RumourEval 2017 traindev, leave-one-event-out: ``bench/rumours.py``
and BENCHMARKS.md.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable
from dataclasses import dataclass, replace
from functools import cache, lru_cache
from typing import Any

from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

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


NEGATION = re.compile(
    r"\b(not|no|never|nothing|nobody|none|nor|cannot|can t|don t|doesn t|isn t|wasn t|aren t|"
    r"won t|didn t|haven t|hasn t|shouldn t|wouldn t|couldn t|ne|pas|jamais|rien|aucun|aucune)\b"
)
DOUBT = re.compile(
    r"\b(doubt\w*|unconfirmed|unverified|rumou?rs?|speculat\w*|hoax|fake|false|lies?|lying|liar|"
    r"wrong|bullshit|bs|misinform\w*|alleged\w*|apparently|reportedly|skeptic\w*|sceptic\w*|"
    r"proof|evidence|sources?|citation|verify|debunk\w*|untrue|fabricat\w*|photoshop\w*|satire|"
    r"propaganda|douteux|doute|pretendu\w*|soi-disant|preuves?|intox|rumeurs?)\b"
)
AGREE = re.compile(
    r"\b(yes|yeah|yep|true|indeed|exactly|confirmed|confirms|official|officially|right|correct|"
    r"agree|absolutely|definitely|breaking|reports?|reported|according|oui|vrai|exactement|"
    r"confirme|officiel|selon)\b"
)
ASKS = re.compile(
    r"^(what|why|how|who|where|when|is|are|was|were|did|does|do|can|could|would|really|sure|"
    r"pourquoi|comment|qui|ou|quand|est ce|vraiment)\b"
)


@cache
def _vader() -> SentimentIntensityAnalyzer:
    """VADER's analyser, built once on first use (it reads its lexicon file)."""
    return SentimentIntensityAnalyzer()


@dataclass(frozen=True)
class Reply:
    """A post to classify with its context: its text, its parent's and the thread's source.

    ``depth`` is 0 for the source, 1 for a direct answer; the delays are
    seconds after the parent and after the source (None when unknown);
    ``thread`` names the conversation (posts of one thread inform each other).
    """

    text: str
    parent_text: str = ""
    is_source: bool = False
    answers_source: bool = False
    source_text: str = ""
    depth: int | None = None
    seconds_after_parent: float | None = None
    seconds_after_source: float | None = None
    thread: str = ""

    @property
    def level(self) -> int:
        """Depth in the thread, guessed from the flags when not given."""
        if self.depth is not None:
            return self.depth
        return 0 if self.is_source else 1 if self.answers_source else 2

    def parent(self) -> Reply:
        """The parent as a post of its own (its own parent unknown), to score it alike."""
        level = max(self.level - 1, 0)
        return replace(
            self,
            text=self.parent_text,
            parent_text="",
            is_source=level == 0,
            answers_source=level == 1,
            depth=level,
            seconds_after_parent=None,
            seconds_after_source=None,
        )

    def source(self) -> Reply:
        """The thread's source as a post of its own."""
        return Reply(self.source_text or self.text, is_source=True, depth=0, thread=self.thread)


def _overlap(a: str, b: str) -> float:
    """Jaccard similarity of two folded texts' word sets (what a reply repeats of a post)."""
    left, right = set(a.split()), set(b.split())
    return len(left & right) / max(len(left | right), 1)


def _log_delay(seconds: float | None) -> float:
    return math.log1p(max(seconds or 0.0, 0.0)) / 12.0


@lru_cache(maxsize=1 << 16)
def context_features(reply: Reply) -> tuple[float, ...]:
    """What the words alone do not carry: place in the thread, cues, punctuation, similarity.

    Position (source, answers the source, depth), the cue lexicons (deny,
    query, support; negation, doubt, agreement in English and French),
    punctuation (``?``, ``!``), links, mentions, hashtags, capitals, length,
    VADER sentiment, whether the parent asked or denied, the reply's word
    overlap with its parent and with the source, and the delays. Cached:
    both stages and every fold read the same posts (VADER is the slow part).
    """
    text, folded = reply.text, fold(reply.text)
    parent = fold(reply.parent_text)
    words = [w for w in folded.split() if not w.startswith("_")]
    vader = _vader().polarity_scores(text)
    level = reply.level
    return (
        float(reply.is_source),
        float(reply.answers_source),
        min(level, 5) / 5.0,
        float(level >= 2),
        float("?" in text),
        min(text.count("?"), 3) / 3.0,
        float("!" in text),
        float(bool(URL.search(text))),
        float(bool(DENY.search(folded))),
        float(bool(QUERY.search(folded))),
        float(bool(SUPPORT.search(folded))),
        float(bool(NEGATION.search(folded))),
        float(bool(DOUBT.search(folded))),
        float(bool(AGREE.search(folded))),
        float(bool(ASKS.match(" ".join(words)))),
        min(len(words), 40) / 40.0,
        vader["compound"],
        vader["pos"],
        vader["neg"],
        float("?" in reply.parent_text),
        float(bool(DENY.search(parent))),
        float(bool(NEGATION.search(parent))),
        _log_delay(reply.seconds_after_parent),
        _log_delay(reply.seconds_after_source),
        text.count("@") / 5.0,
        text.count("#") / 3.0,
        sum(c.isupper() for c in text) / max(len(text), 1),
        _overlap(folded, parent),
        _overlap(folded, fold(reply.source_text)),
    )
