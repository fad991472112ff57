"""Text normalisation shared by the enrichers, vectorised over Arrow arrays.

French and English social text needs the same few steps before any lookup:
drop URLs, lower-case, fold accents (``Élysée`` = ``elysee``), split French
elisions (``l'usine`` → ``l usine``, ``n'est`` → ``n est``) and keep hashtags
and emoji as tokens. Doing this with Arrow compute kernels keeps a million
short posts in the seconds, not minutes.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

import pyarrow as pa
import pyarrow.compute as pc

URL_RE = r"(?i)\bhttps?://\S+|\bwww\.\S+"
MENTION_RE = r"(?:^|\s)@[\w.]+"
# Typographic apostrophes become plain ones, so elisions split the same way.
APOSTROPHES = r"[\x{2019}\x{2018}\x{02BC}`\x{00B4}]"
ELISION_RE = r"(?i)\b(l|d|j|m|n|s|t|c|qu|jusqu|lorsqu|puisqu|quoiqu)'"


def combine_text(rows: pa.Table) -> pa.ChunkedArray:
    """Title and text of each row joined by a newline (nulls read as empty)."""
    text = rows.column("text").cast(pa.string()) if "text" in rows.column_names else None
    title = rows.column("title").cast(pa.string()) if "title" in rows.column_names else None
    if text is None and title is None:
        return pa.chunked_array([pa.array([""] * rows.num_rows, pa.string())])
    if title is None:
        return pc.fill_null(text, "")
    if text is None:
        return pc.fill_null(title, "")
    return pc.binary_join_element_wise(pc.fill_null(title, ""), pc.fill_null(text, ""), "\n")


def strip_noise(text: pa.ChunkedArray | pa.Array, *, mentions: bool = True) -> pa.ChunkedArray:
    """Remove URLs (and @mentions) and collapse white space."""
    out = pc.replace_substring_regex(text, URL_RE, " ")
    if mentions:
        out = pc.replace_substring_regex(out, MENTION_RE, " ")
    out = pc.replace_substring_regex(out, r"\s+", " ")
    return pc.utf8_trim_whitespace(out)


def fold(text: pa.ChunkedArray | pa.Array) -> pa.ChunkedArray:
    """Lower-case, fold accents and split elisions (``L'Élysée`` → ``l elysee``)."""
    out = pc.utf8_lower(text)
    out = pc.replace_substring_regex(out, APOSTROPHES, "'")
    out = pc.utf8_normalize(out, "NFKD")
    out = pc.replace_substring_regex(out, r"\p{Mn}+", "")
    return pc.replace_substring_regex(out, ELISION_RE, r"\1 ")


def tokens(text: pa.ChunkedArray | pa.Array) -> pa.ChunkedArray:
    """Split folded text into word tokens (hashtags keep their ``#``)."""
    cleaned = pc.replace_substring_regex(text, r"[^\p{L}\p{N}#_'\s]+", " ")
    cleaned = pc.replace_substring_regex(cleaned, r"'", " ")
    cleaned = pc.utf8_trim_whitespace(pc.replace_substring_regex(cleaned, r"\s+", " "))
    return pc.split_pattern(cleaned, " ")


def fold_word(word: str) -> str:
    """The Python twin of :func:`fold` for one word (lexicon entries)."""
    decomposed = unicodedata.normalize("NFKD", word.lower().replace("\u2019", "'"))
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


@lru_cache(maxsize=4)
def stemmer(lang: str) -> object:
    """A Snowball stemmer for ``en`` or ``fr`` (other languages: English)."""
    import snowballstemmer

    return snowballstemmer.stemmer("french" if lang == "fr" else "english")


def stem(words: list[str], lang: str) -> list[str]:
    """Stem folded words (Snowball)."""
    return stemmer(lang).stemWords(words)  # type: ignore[attr-defined, no-any-return]


WORD_RE = re.compile(r"[#\w][\w'-]*", re.UNICODE)


def python_tokens(text: str) -> list[str]:
    """The Python twin of :func:`tokens` for one string (training, themes)."""
    folded = fold_word(text)
    folded = re.sub(r"https?://\S+|www\.\S+", " ", folded)
    folded = re.sub(ELISION_RE.replace("(?i)", ""), r"\1 ", folded)
    return [w.strip("'-") for w in WORD_RE.findall(folded.replace("'", " ")) if w.strip("'-")]
