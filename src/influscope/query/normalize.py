r"""Text normalisation shared by both query compilers: one definition, two engines.

A query matches *tokens*, not characters: text is lower-cased, accents and
ligatures are folded (``Élysée`` → ``elysee``, ``œuvre`` → ``oeuvre``), French
elided articles are dropped (``l'usine`` → ``usine``, ``jusqu'ici`` → ``ici``)
and every run of characters that is neither a letter nor a digit becomes one
space. The result is padded with spaces, so a word is `` word `` and a phrase
is a substring search — the cheapest operation every engine has.

The steps are written once here as data (a translation table and two regular
expressions) and applied by :func:`normalize` in Python and by
:mod:`influscope.query.ibis_compiler` with Ibis' built-in ``lower``,
``replace``, ``translate`` and ``re_replace``. The regexes use ``\pL``/``\pN``
(RE2 on DuckDB, Java on Spark; Python's ``re`` spells the same class
``[\W_]``). They need no back-references, whose replacement syntax differs
between engines (``\1`` on DuckDB, ``$1`` on Spark).
"""

from __future__ import annotations

import re
import unicodedata
from typing import Final

#: French articles and conjunctions that elide before a vowel (l'usine, qu'il…).
ELIDED: Final[tuple[str, ...]] = (
    "jusqu",
    "lorsqu",
    "puisqu",
    "quoiqu",
    "qu",
    "l",
    "d",
    "j",
    "m",
    "n",
    "s",
    "t",
    "c",
)
APOSTROPHES: Final[str] = "\u2019\u02bc\u2018`\u00b4"

# Engine-side patterns (RE2 / Java): a non-alphanumeric, then an elided word
# and its apostrophe; and runs of non-alphanumerics.
ELISION_RE: Final[str] = r"(^|[^\pL\pN])(" + "|".join(ELIDED) + r")'"
NONWORD_RE: Final[str] = r"[^\pL\pN]+"
# The same two patterns for Python's ``re`` (``[\W_]`` = not str.isalnum()).
_PY_ELISION = re.compile(r"(?:^|[\W_])(?:" + "|".join(ELIDED) + r")'")
_PY_NONWORD = re.compile(r"[\W_]+")
_PY_MENTION_JUNK = re.compile(r"^@+| +")
MENTION_JUNK_RE: Final[str] = r"^@+| +"


def _fold_tables() -> tuple[str, str, tuple[tuple[str, str], ...]]:
    """Build the accent-folding table from Unicode decompositions (Latin blocks)."""
    source: list[str] = []
    target: list[str] = []
    multi: list[tuple[str, str]] = [("œ", "oe"), ("æ", "ae"), ("ß", "ss"), ("ĳ", "ij")]
    manual = {"ø": "o", "đ": "d", "ł": "l", "ħ": "h", "ŧ": "t", "ı": "i", "ð": "d", "þ": "t"}
    done = {pair[0] for pair in multi}
    for code in [*range(0x00C0, 0x0250), *range(0x1E00, 0x1F00)]:
        char = chr(code)
        if char in done or not char.islower():
            continue
        if char in manual:
            base = manual[char]
        else:
            decomposed = unicodedata.normalize("NFKD", char)
            base = "".join(c for c in decomposed if not unicodedata.combining(c))
        if len(base) == 1 and base != char and base.isascii():
            source.append(char)
            target.append(base)
    for apostrophe in APOSTROPHES:
        source.append(apostrophe)
        target.append("'")
    # Combining marks (decomposed accents) are deleted: present in FROM, absent in TO.
    deleted = "".join(chr(c) for c in range(0x0300, 0x0370))
    return "".join(source), "".join(target) + deleted, tuple(multi)


_FROM, _TO_AND_DELETED, LIGATURES = _fold_tables()
#: ``translate(text, FOLD_FROM, FOLD_TO)``: characters of FOLD_FROM beyond the
#: length of FOLD_TO are deleted (DuckDB, Spark and PostgreSQL agree on this).
FOLD_FROM: Final[str] = _FROM + _TO_AND_DELETED[len(_FROM) :]
FOLD_TO: Final[str] = _TO_AND_DELETED[: len(_FROM)]
_PY_TABLE = str.maketrans(FOLD_FROM[: len(FOLD_TO)], FOLD_TO, FOLD_FROM[len(FOLD_TO) :])


def fold(text: str) -> str:
    """Lower-case and fold accents and ligatures (no tokenisation).

    >>> fold("Élysée Œuvre")
    'elysee oeuvre'
    """
    text = text.lower()
    for ligature, replacement in LIGATURES:
        text = text.replace(ligature, replacement)
    return text.translate(_PY_TABLE)


def normalize(text: str | None) -> str:
    """Tokens of a text joined by single spaces (see module doc).

    >>> normalize("L'Usine du FUTUR, d'Élysée!")
    'usine du futur elysee'
    """
    folded = _PY_ELISION.sub(" ", fold(text or ""))
    return _PY_NONWORD.sub(" ", folded).strip(" ")


def tokens(text: str | None) -> list[str]:
    """The normalised tokens of a text.

    >>> tokens("Qu'il l'usine 4.0")
    ['il', 'usine', '4', '0']
    """
    normal = normalize(text)
    return normal.split(" ") if normal else []


def padded(title: str | None, text: str | None) -> str:
    """The searchable form of a document: `` title | text `` (a phrase never spans the bar)."""
    return f" {normalize(title)} | {normalize(text)} "


def tag_key(tag: str) -> str:
    """A hashtag as compared: folded, without non-alphanumerics (``#Industrie-4.0`` → ``industrie40``)."""
    return _PY_NONWORD.sub("", fold(tag.lstrip("#")))


def mention_key(handle: str) -> str:
    """A handle as compared: folded, without leading ``@`` nor spaces."""
    return _PY_MENTION_JUNK.sub("", fold(handle))


def padded_list(values: list[str] | None, key: str) -> str:
    """Hashtags (``key="tag"``) or mentions (``key="mention"``) as `` a b c ``."""
    convert = tag_key if key == "tag" else mention_key
    return " " + " ".join(convert(v) for v in (values or [])) + " "
