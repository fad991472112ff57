"""Sentiment out of the box: a vectorised lexicon scorer for French and English.

Why a lexicon: it works offline with nothing to download, explains itself
(each word's valence is in a text file) and scores a million posts in
seconds. English uses VADER's lexicon (shipped by ``vaderSentiment``) plus a
customer-service list written for influscope (``lexicons/en_service.txt``:
"delayed", "still waiting"… are complaints VADER misses). French uses
``lexicons/fr.txt`` (written for influscope), matched on Snowball stems so
inflections share an entry.

fr.txt leaves two French tweets in three without a sentiment word. Two openly
licensed lists imported from PyPI packages by ``scripts/french_lexicons.py``
cover far more (textblob-fr's adjectives, PDDL; vaderSentiment-fr's
translation of VADER, MIT), but they are noisy: translation and accent
folding give valence to the words of factual news ("sur" from "sûr",
"source", "consacre", "pratique"). ``[enrich] sentiment_french_lists = true``
reads them under fr.txt, word for word, and only in documents that carry a
cue of their own (FRENCH_GATE: a word of fr.txt or an emoji, or two imported
words). It is off by default (``bench/sentiment_select.py``, 21 variants
measured leave-one-set-out on four labelled sets): it lifts French opinion
tweets (DEFT validation macro-F1 0.517 → 0.572 through the product; DEFT
train+val as one workspace 0.511 → 0.575) but reads much of the demo's
factual French news as positive (hand labels 0.896 → 0.778 at scale 20,000,
90 of 248 neutral documents read positive), and the best held-out mean it
reached under the demo's guard was no better than fr.txt alone's (0.602
against 0.603).

A workspace's brands are not sentiment words: the words of its brands' names,
aliases, handles and domains (``[[brands]]``, own and competitors) are blanked
where they appear as a phrase, for the lexicon and for the adapter alike, so a
company called "Ardent" or "Free" does not colour every post that names it,
and no brand's name learns the tone of its coverage.

The rules follow VADER's: a negator among the three previous tokens flips and
damps a word (×-0.74), a booster before it strengthens it, a contrast word
("but", "mais") halves what comes before it and raises what follows, and
exclamation marks add emphasis. The sum is squashed to a compound score in
[-1, 1]; beyond ±THRESHOLD it is positive/negative, else neutral. All of it
runs on flattened Arrow/NumPy token arrays, one pass per batch.

When ``[enrich] sentiment_model`` names a Hugging Face model (the
``transformers`` extra), :mod:`influscope.enrich.transformers_sentiment`
takes over under the same producer name.
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from functools import lru_cache
from importlib import resources
from typing import Any

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from influscope.config import Brand, Config
from influscope.enrich import adapt as adapt_module
from influscope.enrich.base import EnrichContext, Enricher, EnricherBase, result_table
from influscope.enrich.sentiment_tokens import (
    CONTRACTION_RE,
    NOISE_RE,
    SPLIT_RE,
    Tokens,
    tokenize,
    without_phrases,
)
from influscope.enrich.stopwords import FRENCH as FRENCH_STOP_WORDS
from influscope.enrich.text import combine_text, fold_word, stem

THRESHOLD = 0.05  # VADER's own convention for its compound score
NEGATION = -0.74
BOOST = 0.293
# Negativity bias: a negative word weighs more than a positive one. A complaint
# often thanks or says please ("thanks for nothing", "please help") while one
# negative word carries the message; 1.5 is a commonly used weight for it.
NEGATIVITY = 1.5
EMOJI_VALENCE = {"emojipos": 2.0, "emojineg": -2.0}
NEGATORS = {
    "fr": {"ne", "n", "pas", "jamais", "rien", "aucun", "aucune", "sans", "ni", "non"},
    "en": {
        "not", "no", "never", "nothing", "nobody", "none", "neither", "nor", "nowhere",
        "without", "cannot", "t", "dont", "cant", "wont", "isnt", "arent", "wasnt",
        "didnt", "doesnt", "havent", "hasnt", "couldnt", "shouldnt", "wouldnt", "aint",
        "rarely", "seldom",
    },
}  # fmt: skip
BOOSTERS_FR = {
    "tres": BOOST, "trop": BOOST, "vraiment": BOOST, "tellement": BOOST, "hyper": BOOST,
    "extremement": BOOST, "totalement": BOOST, "completement": BOOST, "absolument": BOOST,
    "si": BOOST, "tant": BOOST, "archi": BOOST, "peu": -BOOST, "assez": -BOOST / 2,
}  # fmt: skip
CONTRAST = {"but", "however", "mais", "cependant", "pourtant", "toutefois"}


# The imported French lists, read under fr.txt when ``[enrich]
# sentiment_french_lists`` is on (the last one read winning where two share a
# word; fr.txt wins over both). Off by default: see the module docstring.
FRENCH_LISTS = ("fr_vader.txt", "fr_textblob.txt")
# The cues that let an imported word count in a document: "lexicon" (a word
# of fr.txt or an emoji), "bang" (an exclamation mark), "negation",
# "booster", "pair" (two imported words or more); "always" counts them
# everywhere (no gate).
FRENCH_GATE: tuple[str, ...] = ("lexicon", "pair")
# Leave out imported entries whose folded form is a French function word.
DROP_FUNCTION_WORDS = False
# Keep only the imported words every list gives, with the same sign (their
# mean valence): two independent sources agreeing is less likely a
# translation accident.
CONSENSUS = False
CUES = ("always", "lexicon", "bang", "negation", "booster", "pair")


def _read_lexicon(name: str) -> dict[str, float]:
    text = resources.files("influscope.enrich.lexicons").joinpath(name).read_text("utf-8")
    entries = {}
    for line in text.splitlines():
        if line and not line.startswith("#"):
            word, value = line.split("\t")[:2]
            entries[fold_word(word)] = float(value)
    return entries


@lru_cache(maxsize=16)
def lexicons(
    french: tuple[str, ...] = (),
    drop_function_words: bool = DROP_FUNCTION_WORDS,
    consensus: bool = CONSENSUS,
) -> dict[str, Any]:
    """Both languages' valences, negators, boosters and a version hash of them all.

    ``french`` names the imported French lists read under fr.txt, kept apart
    (``fr_imported``) so the scorer can gate them; ``drop_function_words``
    leaves out their entries that fold to a French function word;
    ``consensus`` keeps the words every list gives with one sign. The
    selection bench compares other choices; the product uses the defaults.
    """
    from vaderSentiment import vaderSentiment as vader

    english: dict[str, float] = {}
    vader_file = resources.files("vaderSentiment").joinpath("vader_lexicon.txt")
    for line in vader_file.read_text("utf-8").splitlines():
        parts = line.split("\t")
        if len(parts) >= 2 and " " not in parts[0]:
            english[fold_word(parts[0])] = float(parts[1])
    english.update(_read_lexicon("en_service.txt"))
    english.update(EMOJI_VALENCE)
    french_words = _read_lexicon("fr.txt")
    french_stems = dict(zip(stem(list(french_words), "fr"), french_words.values(), strict=True))
    french_core = {**EMOJI_VALENCE, **french_words}
    lists = [_read_lexicon(name) for name in french]
    imported: dict[str, float] = {}
    for entries in lists:
        imported.update(entries)
    if consensus:
        imported = {
            w: float(np.mean([e[w] for e in lists]))
            for w in imported
            if all(w in e for e in lists) and len({np.sign(e[w]) for e in lists}) == 1
        }
    function_words = set(FRENCH_STOP_WORDS) if drop_function_words else set()
    imported = {
        w: v for w, v in imported.items() if w not in french_core and w not in function_words
    }
    boosters = {
        "en": {fold_word(w): v for w, v in vader.BOOSTER_DICT.items() if " " not in w},
        "fr": BOOSTERS_FR,
    }
    digest = hashlib.sha256(
        repr(
            (sorted(english.items()), sorted(french_core.items()), sorted(imported.items()),
             sorted(NEGATORS["en"]), sorted(NEGATORS["fr"]), sorted(boosters["en"].items()),
             sorted(BOOSTERS_FR.items()), sorted(CONTRAST), THRESHOLD, NEGATIVITY,
             CONTRACTION_RE, NOISE_RE, SPLIT_RE)
        ).encode()
    ).hexdigest()[:10]  # fmt: skip
    return {
        "en": english,
        "fr": french_core,
        "fr_imported": imported,
        "fr_stems": french_stems,
        "boosters": boosters,
        "version": f"lexicon-{digest}",
    }


class _Valences:
    """Per-language token → (valence, imported valence, negator, booster, contrast) lookups."""

    def __init__(self, lang: str, lex: dict[str, Any]) -> None:
        self.lang = lang
        self.words: dict[str, float] = lex[lang]
        self.imported: dict[str, float] = lex["fr_imported"] if lang == "fr" else {}
        self.stems: dict[str, float] = lex["fr_stems"] if lang == "fr" else {}
        self.negators = NEGATORS[lang]
        self.boosters: dict[str, float] = lex["boosters"][lang]
        self.cache: dict[str, tuple[float, float, bool, float, bool]] = {}

    def lookup(self, words: list[str]) -> np.ndarray:
        """A (len(words), 5) array: valence, imported valence, negator, booster, contrast.

        The imported valence is only set where the core lexicon (fr.txt, its
        stems, emoji) has none.
        """
        if len(self.cache) > 500_000:
            self.cache.clear()
        unknown = [w for w in words if w not in self.cache]
        if unknown:
            stems = stem(unknown, self.lang) if self.stems else unknown
            for word, root in zip(unknown, stems, strict=True):
                valence = self.words.get(word)
                if valence is None:
                    valence = self.stems.get(root, 0.0) if self.stems else 0.0
                imported = self.imported.get(word, 0.0) if valence == 0.0 else 0.0
                self.cache[word] = (
                    valence,
                    imported,
                    word in self.negators,
                    self.boosters.get(word, 0.0),
                    word in CONTRAST,
                )
        cache = self.cache
        return np.array([cache[w] for w in words], dtype=np.float64).reshape(-1, 5)


@lru_cache(maxsize=64)
def valences(
    lang: str,
    french: tuple[str, ...] = (),
    drop_function_words: bool = DROP_FUNCTION_WORDS,
    consensus: bool = CONSENSUS,
) -> _Valences:
    """The cached lookup for ``fr`` or ``en`` (the other arguments: see :func:`lexicons`)."""
    return _Valences(lang, lexicons(french, drop_function_words, consensus))


def score(
    text: pa.ChunkedArray | pa.Array,
    langs: pa.ChunkedArray | pa.Array,
    tokens: Tokens | None = None,
    french: tuple[str, ...] = (),
    gate: tuple[str, ...] = FRENCH_GATE,
    drop_function_words: bool = DROP_FUNCTION_WORDS,
    consensus: bool = CONSENSUS,
) -> np.ndarray:
    """Compound sentiment in [-1, 1] for each text (French lexicon where lang is fr).

    ``tokens`` is :func:`~influscope.enrich.sentiment_tokens.tokenize` of
    ``text`` when the caller already has it (the enricher shares it with the
    adapter, brands blanked); it is computed here otherwise. ``gate`` lists
    the cues (:data:`CUES`) that let an imported French word count in a
    document; ``french``, ``drop_function_words``, ``consensus``: see :func:`lexicons`.
    """
    n = len(text)
    if n == 0:
        return np.zeros(0)
    if tokens is None:
        tokens = tokenize(text)
    doc = tokens.doc
    is_fr_doc = pc.fill_null(pc.equal(langs, "fr"), False).to_numpy(zero_copy_only=False)
    english = valences("en").lookup(tokens.words)
    in_french = (
        valences("fr", french, drop_function_words, consensus).lookup(tokens.words)
        if is_fr_doc.any()
        else english
    )
    index = tokens.index
    features = np.where(is_fr_doc[doc][:, None], in_french[index], english[index])
    valence, imported, negator, booster, contrast = (features[:, i] for i in range(5))
    bangs = pc.count_substring(pc.fill_null(text, ""), "!").to_numpy(zero_copy_only=False)
    if imported.any():
        allowed = _cued(gate, valence, imported, negator, booster, bangs, doc, n)
        valence = valence + np.where(allowed[doc], imported, 0.0)
    total = _combine(valence, negator.astype(bool), booster, contrast.astype(bool), doc, n)
    total += np.sign(total) * 0.292 * np.minimum(bangs, 4)
    compound: np.ndarray = total / np.sqrt(total * total + 15.0)
    return compound


def _cued(
    gate: tuple[str, ...],
    valence: np.ndarray,
    imported: np.ndarray,
    negator: np.ndarray,
    booster: np.ndarray,
    bangs: np.ndarray,
    doc: np.ndarray,
    n: int,
) -> np.ndarray:
    """Per document: whether it carries one of the ``gate`` cues (imported words then count)."""
    if "always" in gate:
        return np.ones(n, dtype=bool)
    cued = np.zeros(n, dtype=bool)
    per_token = {"lexicon": valence != 0, "negation": negator != 0, "booster": booster != 0}
    for cue in gate:
        if cue == "bang":
            cued |= np.asarray(bangs) > 0
        elif cue == "pair":
            cued |= np.bincount(doc, weights=imported != 0, minlength=n) >= 2
        else:
            cued |= np.bincount(doc, weights=per_token[cue], minlength=n) > 0
    return cued


def _combine(
    valence: np.ndarray,
    negator: np.ndarray,
    booster: np.ndarray,
    contrast: np.ndarray,
    doc: np.ndarray,
    n: int,
) -> np.ndarray:
    """Apply negation, boosters and contrast within each document, then sum per document."""
    size = len(valence)
    negated = np.zeros(size, dtype=bool)
    boost = np.zeros(size)
    for k, decay in ((1, 1.0), (2, 0.95), (3, 0.9)):
        if size <= k:
            break
        same = doc[k:] == doc[:-k]
        negated[k:] |= negator[:-k] & same
        if k < 3:
            boost[k:] += np.where(same, booster[:-k] * decay, 0.0)
    value = valence + np.sign(valence) * boost
    value = np.where(value < 0, value * NEGATIVITY, value)
    value = np.where(negated, value * NEGATION, value)
    # Contrast: before the first "but" of a document ×0.5, after it ×1.5.
    seen = np.cumsum(contrast)
    starts = np.searchsorted(doc, np.arange(n))
    before_doc = np.concatenate([[0], seen])[starts]
    seen_here = seen - before_doc[doc]
    doc_has = np.bincount(doc, weights=contrast, minlength=n)[doc] > 0
    factor = np.where(doc_has & (seen_here == 0), 0.5, np.where(seen_here > 0, 1.5, 1.0))
    return np.bincount(doc, weights=value * factor, minlength=n)


def labels(compound: np.ndarray, threshold: float = THRESHOLD) -> list[str]:
    """Positive / neutral / negative from compound scores."""
    out = np.where(
        compound >= threshold, "positive", np.where(compound <= -threshold, "negative", "neutral")
    )
    return out.tolist()  # type: ignore[no-any-return]


def brand_phrases(brands: Sequence[Brand]) -> tuple[tuple[str, ...], ...]:
    """The workspace's brand vocabulary as token phrases, for :func:`without_phrases`.

    Every brand's name, aliases, handles (without "@": a handle written as
    plain text or a hashtag) and domains, tokenised as the scorer tokenises
    a post; sorted and de-duplicated so the enricher's version depends on
    the vocabulary only.
    """
    forms = [
        form.lstrip("@")
        for brand in brands
        for form in (brand.name, *brand.aliases, *brand.handles, *brand.domains)
    ]
    if not forms:
        return ()
    tokens = tokenize(pa.array(forms))
    phrases: set[tuple[str, ...]] = set()
    for row in range(len(forms)):
        ids = tokens.index[tokens.doc == row]
        phrase = tuple(w for w in (tokens.words[i] for i in ids) if w)
        if phrase:
            phrases.add(phrase)
    return tuple(sorted(phrases))


class SentimentEnricher(EnricherBase):
    """Positive / neutral / negative with a score, French and English, offline.

    The lexicon scores every document; unless ``adapt`` is off, a model
    fitted on this workspace's own lexicon seeds (:mod:`influscope.enrich.adapt`)
    then chooses the label, so complaint data gets the words its public uses.

    Example:
        >>> SentimentEnricher().fields
        ('sentiment',)
    """

    name = "sentiment"
    subject = "document"
    fields = ("sentiment",)
    columns = ("doc_id", "text", "title", "lang")
    requires = ("language",)

    def __init__(
        self,
        threshold: float = THRESHOLD,
        adapt: bool = True,
        brands: tuple[tuple[str, ...], ...] = (),
        french_lists: bool = False,
    ) -> None:
        self.threshold = threshold
        self.adapt = adapt
        self.brands = brands
        self.french: tuple[str, ...] = FRENCH_LISTS if french_lists else ()
        self._adapter: adapt_module.Adapter | None = None
        self._fitted = False

    @classmethod
    def from_config(cls, config: Config) -> Enricher:
        """The lexicon scorer, or the transformers one when a model is configured."""
        settings = config.enrich
        model = settings.sentiment_model
        if model:
            from influscope.enrich.transformers_sentiment import TransformersSentiment

            return TransformersSentiment(model, batch_size=settings.transformers_batch_size)
        return cls(
            settings.sentiment_threshold,
            settings.sentiment_adapt,
            brand_phrases(config.brands),
            settings.sentiment_french_lists,
        )

    @property
    def version(self) -> str:
        """Changes whenever a lexicon, a rule constant, the threshold or the adapter changes."""
        base = f"{lexicons(self.french)['version']}-t{self.threshold:g}"
        if self.french:
            base += "-g" + "+".join(FRENCH_GATE)
        if self.brands:
            base += "-b" + hashlib.sha256(repr(self.brands).encode()).hexdigest()[:6]
        if not self.adapt:
            return base
        digest = hashlib.sha256(repr(adapt_module.SETTINGS).encode()).hexdigest()[:6]
        return f"{base}-a{digest}"

    def score(self, text: pa.ChunkedArray | pa.Array, langs: Any, tokens: Tokens) -> np.ndarray:
        """The lexicon's compound with this enricher's French lists (see :func:`score`)."""
        return score(text, langs, tokens, self.french)

    def adapter(self, context: EnrichContext) -> adapt_module.Adapter | None:
        """The workspace's adapter, fitted once per enricher on the store's sample."""
        if not self._fitted:
            with context.store.lock:
                sample = context.store.to_arrow(adapt_module.sample_expr(context.store))
            text = combine_text(sample)
            tokens = without_phrases(tokenize(text), self.brands)
            compound = self.score(text, sample.column("lang"), tokens)
            self._adapter = adapt_module.fit(tokens, compound)
            self._fitted = True
        return self._adapter

    def run(self, context: EnrichContext, rows: pa.Table) -> pa.Table:
        """Score each row; the adapter (when on and fitted) chooses the label."""
        text = combine_text(rows)
        tokens = without_phrases(tokenize(text), self.brands)
        compound = self.score(text, rows.column("lang"), tokens)
        adapter = self.adapter(context) if self.adapt else None
        if adapter is None:
            values, scores = labels(compound, self.threshold), compound
        else:
            values, scores = adapter.predict(tokens, compound, self.threshold)
        return result_table(rows.column("doc_id"), "sentiment", values, scores)
