"""One tokenisation of a batch for both the sentiment lexicon and the workspace adapter.

The lexicon (:mod:`.sentiment`) and the adapter (:mod:`.adapt`) read the same
words. Splitting a batch is the costly part of both (regular expressions over
every text, folding accents), so it is done once here and both consume the
result: the lexicon looks each distinct word up, the adapter hashes each
distinct word. Doing it twice cost as much as the lexicon itself and kept
the adapted default under the throughput the issue asks for.

Steps: lower case; ``won't``/``can't`` kept as one negator token (``wont``,
``cant``) rather than the positive word "won" followed by a stray "t"; URLs
and @mentions dropped; emoji and emoticons turned into the tokens
``emojipos``/``emojineg``; one split on anything that is not a letter, digit,
``#`` or ``_`` (apostrophes split French elisions: ``l'usine`` → ``l``,
``usine``); accents folded and the leading ``#`` of hashtags dropped on the
distinct tokens only (``#fail`` reads as ``fail``).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from influscope.enrich.text import MENTION_RE, URL_RE, fold_word

POSITIVE_EMOJI = (
    r"[\x{1F600}-\x{1F60D}\x{1F617}-\x{1F61B}\x{1F642}\x{1F643}\x{1F44D}\x{1F44F}"
    r"\x{1F64C}\x{1F64F}\x{2764}\x{1F495}-\x{1F49F}\x{1F60E}\x{1F970}\x{1F929}\x{2728}\x{1F389}]"
    r"|(?:^|\s)(?::-?\)|:-?d|;-?\)|<3|\^\^)(?:\s|$)"
)
NEGATIVE_EMOJI = (
    r"[\x{1F612}\x{1F614}-\x{1F616}\x{1F61E}-\x{1F62B}\x{1F62D}\x{1F630}\x{1F631}\x{1F641}"
    r"\x{1F644}\x{1F44E}\x{1F92C}\x{1F621}\x{1F620}\x{1F624}\x{1F494}\x{1F926}]"
    r"|(?:^|\s)(?::-?\(|:'\(|:-?/|>:\()(?:\s|$)"
)
NOISE_RE = f"{URL_RE}|{MENTION_RE}"
CONTRACTION_RE = r"n['\x{2019}]t\b"
SPLIT_RE = r"[^\p{L}\p{N}#_]+"


@dataclass(frozen=True)
class Tokens:
    """A batch's tokens: ``words[index[i]]`` is token i, of document ``doc[i]`` (ascending)."""

    n: int
    doc: np.ndarray
    index: np.ndarray
    words: list[str]


@lru_cache(maxsize=200_000)
def _folded(word: str) -> str:
    return fold_word(word).lstrip("#")


def tokenize(text: pa.ChunkedArray | pa.Array) -> Tokens:
    """The tokens of every text (nulls read as empty), as the module docstring describes."""
    n = len(text)
    lowered = pc.utf8_lower(pc.fill_null(text, ""))
    lowered = pc.replace_substring_regex(lowered, CONTRACTION_RE, "nt")
    cleaned = pc.replace_substring_regex(lowered, NOISE_RE, " ")
    cleaned = pc.replace_substring_regex(cleaned, POSITIVE_EMOJI, " emojipos ")
    cleaned = pc.replace_substring_regex(cleaned, NEGATIVE_EMOJI, " emojineg ")
    lists = pc.split_pattern_regex(cleaned, SPLIT_RE)
    flat = pc.list_flatten(lists)
    if isinstance(flat, pa.ChunkedArray):
        flat = flat.combine_chunks()
    doc = np.asarray(pc.list_parent_indices(lists).to_numpy(), dtype=np.int64)
    encoded = pc.dictionary_encode(flat)
    index = np.asarray(encoded.indices.to_numpy(zero_copy_only=False), dtype=np.int64)
    words = [_folded(w) for w in encoded.dictionary.to_pylist()]
    return Tokens(n, doc, index, words)


def without_phrases(tokens: Tokens, phrases: tuple[tuple[str, ...], ...]) -> Tokens:
    """``tokens`` with every occurrence of a phrase (folded words in a row) blanked.

    Blanked tokens point to the empty word, which has no valence and which
    the adapter skips, but they keep their place: a negator three words
    before a sentiment word still reaches it across a blanked brand name.
    Used for a workspace's brand names (:func:`influscope.enrich.sentiment.brand_phrases`).
    """
    size = len(tokens.index)
    if not phrases or size == 0:
        return tokens
    position = {w: i for i, w in enumerate(tokens.words)}
    index, doc = tokens.index, tokens.doc
    hit = np.zeros(size, dtype=bool)
    for phrase in phrases:
        ids = [position.get(w) for w in phrase]
        k = len(ids)
        if k == 0 or k > size or any(i is None for i in ids):
            continue
        last = size - k + 1
        match = index[:last] == ids[0]
        for j in range(1, k):
            match &= (index[j : last + j] == ids[j]) & (doc[j : last + j] == doc[:last])
        starts = np.flatnonzero(match)
        for j in range(k):
            hit[starts + j] = True
    if not hit.any():
        return tokens
    words = tokens.words
    blank = position.get("")
    if blank is None:
        blank, words = len(words), [*words, ""]
    return Tokens(tokens.n, doc, np.where(hit, blank, index), words)
