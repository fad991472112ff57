r"""Text normalisation shared by both query compilers: one definition, two engines.

A query matches *tokens*, not characters: text is lower-cased, accents and
ligatures are folded (``Élysée`` → ``elysee``, ``œuvre`` → ``oeuvre``), French
elided articles are dropped (``l'usine`` → ``usine``, ``jusqu'ici`` → ``ici``)
and every run of characters that is neither a letter nor a digit becomes one
space. The result is padded with spaces, so a word is `` word `` and a phrase
is a substring search — the cheapest operation every engine has.

The steps are written once here as data (ligatures, a small translation table,
one regular expression) and applied by :func:`normalize` in Python and by
:mod:`influscope.query.ibis_compiler` with Ibis' built-in ``lower``,
``replace``, ``translate`` and ``re_replace``, plus DuckDB's ``strip_accents``
(canonical decomposition, combining marks removed — :func:`strip_accents` here
does the same with :mod:`unicodedata`). The regex uses ``\pL``/``\pN`` (RE2 on
DuckDB, Java on Spark; Python's ``re`` spells the same class ``[\W_]``) and
needs no back-references, whose replacement syntax differs between engines
(``\1`` on DuckDB, ``$1`` on Spark). Known gaps: Python's ``str.lower`` and
the engine's ``lower`` may disagree on a few special letters (``İ``), and the
two Unicode databases may differ in version.
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

# One pass turns every run of non-alphanumerics into one space and drops the
# elided words that follow it (or start the text): "l'usine" -> " usine".
# The run is tried before "^" so no engine meets an empty match and a
# non-empty one at the same place. Engine side: RE2 (DuckDB) / Java (Spark).
_ELIDED = "|".join(ELIDED)
SEPARATOR_RE: Final[str] = rf"(?:[^\pL\pN]+|^)(?:(?:{_ELIDED})'[^\pL\pN]*)*"
TAG_JUNK_RE: Final[str] = r"[^\pL\pN]+"
# The same two replacements as the engines run them on a text: a run that is
# exactly one space, with no elision after it, already is what it would become,
# so these patterns leave it alone. Same result; but a replace costs per match,
# and most runs in a text are single spaces (half the regex time at 1M posts).
# A run holding anything but spaces is taken whole (the trailing star is greedy,
# as in the patterns above), then two or more spaces, then one space (or the
# start) followed by elided words.
_NON_SPACE_RUN = r"[^\pL\pN]*[^\pL\pN ][^\pL\pN]*"
_ELISIONS = rf"(?:(?:{_ELIDED})'[^\pL\pN]*)"
TEXT_SEPARATOR_RE: Final[str] = rf"{_NON_SPACE_RUN}{_ELISIONS}*|  +{_ELISIONS}*|(?: |^){_ELISIONS}+"
TEXT_JUNK_RE: Final[str] = rf"{_NON_SPACE_RUN}|  +"
MENTION_JUNK_RE: Final[str] = r"^@+| +"
# The same patterns for Python's ``re`` (``[\W_]`` = not str.isalnum()).
_PY_SEPARATOR = re.compile(rf"(?:[\W_]+|^)(?:(?:{_ELIDED})'[\W_]*)*")
_PY_TAG_JUNK = re.compile(r"[\W_]+")
_PY_MENTION_JUNK = re.compile(MENTION_JUNK_RE)

#: Multi-letter folds, applied with ``replace`` (no Unicode decomposition gives them).
LIGATURES: Final[tuple[tuple[str, str], ...]] = (("œ", "oe"), ("æ", "ae"), ("ß", "ss"), ("ĳ", "ij"))
#: Letters without a decomposition, and apostrophe look-alikes, folded with ``translate``.
FOLD_FROM: Final[str] = "øđłħŧıðþ" + APOSTROPHES
FOLD_TO: Final[str] = "odlhtidt" + "'" * len(APOSTROPHES)
_PY_TABLE = str.maketrans(FOLD_FROM, FOLD_TO)
_MARKS = frozenset({"Mn", "Mc", "Me"})


def _latin_table() -> tuple[str, str]:
    """Accented Latin letters and their base letter (for engines without strip_accents)."""
    source, target = [], []
    for code in [*range(0x00C0, 0x0250), *range(0x1E00, 0x1F00)]:
        char = chr(code)
        if not char.islower():
            continue
        decomposed = unicodedata.normalize("NFD", char)
        base = "".join(c for c in decomposed if unicodedata.category(c) not in _MARKS)
        if len(base) == 1 and base != char:
            source.append(char)
            target.append(base)
    return "".join(source), "".join(target)


#: ``translate`` tables standing in for ``strip_accents`` on engines that lack it
#: (Spark): they cover Latin letters only, so there "й" keeps its breve.
LATIN_FROM, LATIN_TO = _latin_table()


def strip_accents(text: str) -> str:
    """Remove combining marks after canonical decomposition, like DuckDB's strip_accents."""
    if text.isascii():
        return text
    decomposed = unicodedata.normalize("NFD", text)
    kept = "".join(c for c in decomposed if unicodedata.category(c) not in _MARKS)
    return unicodedata.normalize("NFC", kept)


def fold(text: str) -> str:
    """Lower-case and fold accents and ligatures (no tokenisation).

    >>> fold("Élysée Œuvre")
    'elysee oeuvre'
    """
    text = text.lower()
    for ligature, replacement in LIGATURES:
        text = text.replace(ligature, replacement)
    return strip_accents(text).translate(_PY_TABLE)


def normalize(text: str | None) -> str:
    """Tokens of a text joined by single spaces (see module doc).

    >>> normalize("L'Usine du FUTUR, d'Élysée!")
    'usine du futur elysee'
    """
    return _PY_SEPARATOR.sub(" ", fold(text or "")).strip(" ")


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
    return _PY_TAG_JUNK.sub("", fold(tag))


def mention_key(handle: str) -> str:
    """A handle as compared: folded, without leading ``@`` nor spaces."""
    return _PY_MENTION_JUNK.sub("", fold(handle))


def padded_list(values: list[str] | None, key: str) -> str:
    """Hashtags (``key="tag"``) or mentions (``key="mention"``) as `` a b c ``."""
    convert = tag_key if key == "tag" else mention_key
    return " " + " ".join(convert(v) for v in (values or [])) + " "
