"""Terms a person can read: lemmas with their accents, no fragments, handles or query words.

Themes and community labels are read by a communication team, in French or
English, so their terms must be words of the data's language:

- **lemmas, not stems**: words are grouped by lemma (simplemma, offline, one
  dictionary per language: "usines" and "usine" are one term, and so are
  "flights" and "flight"), where Snowball stems gave "usin" or "decarbon";
- **accents kept**: words are compared folded (stop words, the axis's own
  query words) but shown as written ("décarbonation", "hydrogène");
- **no fragments**: a term has at least three letters; elisions (l', d',
  qu') and English contractions (n't, 've, 's) are cut before splitting,
  so "I've" leaves nothing behind instead of "ve";
- **no handles, URLs or query words**: @handles and links are removed, and so
  are the words of the query that defines the axis (every document of an
  axis contains them; they tell nothing about it);
- **no brand names**: the workspace's brands (names, aliases, handles written
  as words) are what a theme is said *about*, and share of voice counts them
  already; as phrases they are blanked where they appear ("Marine Le Pen"
  left "marine pen" as a theme), and a blank breaks a two-word phrase. Only
  the phrase goes: "France" still counts in a workspace citing "Air France".

A term is shown as its lemma when the lemma occurs as a word in the data
("flight" for flight/flights), else as its most frequent written form
("cancelled" rather than the dictionary's "cancell"). Two-word phrases of
consecutive content words are terms too, shown as most often written.

Example:
    >>> terms = Terms(exclude=["usine du futur"])
    >>> terms.document("L'usine du futur : décarbonation et hydrogène, les usines d'Europe", "fr")
    ['décarbonation', 'hydrogène', 'europe', 'décarbonation hydrogène', 'hydrogène europe']
    >>> terms.display("décarbonation")
    'décarbonation'
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from functools import lru_cache

import simplemma

from influscope.config import Brand
from influscope.enrich.stopwords import stop_words
from influscope.enrich.text import fold_word

MIN_LETTERS = 3
LANGUAGES = ("fr", "en")
URL = re.compile(r"https?://\S+|www\.\S+", re.IGNORECASE)
HANDLE = re.compile(r"(?<![\w@])@[\w.]+")
APOSTROPHE = re.compile(r"[’‘ʼ`´]")
ELISION = re.compile(r"\b(?:l|d|j|m|n|s|t|c|qu|jusqu|lorsqu|puisqu|quoiqu)'", re.IGNORECASE)
CONTRACTION = re.compile(r"(?:n't|'s|'ve|'re|'ll|'d|'m)\b", re.IGNORECASE)
WORD = re.compile(r"[^\W\d_][\w-]*", re.UNICODE)
# Pieces of contractions, auxiliary and modal verbs' lemmas (which stop-word
# lists hold only in some forms) and chat noise that survive as words of 3+ letters.
NOISE = frozenset(
    """don doesn didn isn wasn aren weren won wouldn couldn shouldn haven hasn
    avoir pouvoir vouloir devoir aller falloir
    get got gonna wanna just""".split()
)


def language(lang: str | None) -> str:
    """The lemmatiser language of a document: French or English (the default)."""
    return "fr" if (lang or "").lower().startswith("fr") else "en"


@lru_cache(maxsize=200_000)
def lemma(word: str, lang: str) -> str:
    """The lemma of a lower-case word (simplemma; the word itself when unknown)."""
    found = simplemma.lemmatize(word, lang=lang).lower()
    return found if sum(ch.isalpha() for ch in found) >= MIN_LETTERS else word


def words(text: str) -> list[str]:
    """Lower-case words of a text, accents kept: no URL, handle, elision or contraction."""
    clean = unicodedata.normalize("NFC", text or "").lower()
    clean = APOSTROPHE.sub("'", URL.sub(" ", clean))
    clean = HANDLE.sub(" ", clean)
    clean = CONTRACTION.sub(" ", ELISION.sub(" ", clean)).replace("'", " ")
    return [w.strip("-") for w in WORD.findall(clean) if w.strip("-")]


def folded_words(text: str) -> tuple[str, ...]:
    """A text's words folded (case, accents): how a name is compared wherever it appears.

    >>> folded_words("Marine Le Pen"), folded_words("#MarineLePen")
    (('marine', 'le', 'pen'), ('marinelepen',))
    """
    return tuple(fold_word(word) for word in words(text))


class Terms:
    """Turns documents into terms (lemmas and phrases) and remembers how to show them."""

    def __init__(self, exclude: Iterable[str] = (), names: Iterable[str] = ()) -> None:
        """Words never to return, and phrases blanked where they appear.

        ``exclude``: the axis's query terms (each word of them; ``immigr*``
        leaves out every word it matches); ``names``: the brands' names
        (:func:`brand_names`), blanked only as whole phrases.
        """
        self.excluded: set[str] = set()
        prefixes: set[str] = set()
        for item in exclude:
            if item.endswith("*") and " " not in item:
                prefixes.update(fold_word(word) for word in words(item[:-1]))
                continue
            for word in words(item):
                self.excluded.add(fold_word(word))
        self.prefixes = tuple(sorted(p for p in prefixes if p))
        # Phrases by their first folded word, longest first ("marine le pen" before "le pen").
        self.names: dict[str, list[tuple[str, ...]]] = defaultdict(list)
        for phrase in sorted({folded_words(n) for n in names}, key=len):
            if phrase:
                self.names[phrase[0]].insert(0, phrase)
        self.stops = stop_words()
        self.surfaces: dict[str, Counter[str]] = defaultdict(Counter)
        self.seen: set[str] = set()

    def keep(self, word: str, root: str) -> bool:
        """Whether a word (and its lemma) may be a term."""
        if sum(ch.isalpha() for ch in word) < MIN_LETTERS or word in NOISE or root in NOISE:
            return False
        folded, folded_root = fold_word(word), fold_word(root)
        if folded in self.stops or folded_root in self.stops:
            return False
        if folded in self.excluded or folded_root in self.excluded:
            return False
        return not (folded.startswith(self.prefixes) or folded_root.startswith(self.prefixes))

    def document(self, text: str, lang: str | None) -> list[str]:
        """The terms of one document: its content lemmas, then two-lemma phrases."""
        code = language(lang)
        roots: list[str] = []
        written: list[str] = []
        # A blanked name ends a run of words: no phrase spans it.
        breaks: set[int] = set()
        found = words(text)
        blanked = self._blanked(found)
        for i, word in enumerate(found):
            if i in blanked:
                if roots:
                    breaks.add(len(roots))
                continue
            self.seen.add(word)
            root = lemma(word, code)
            if self.keep(word, root):
                roots.append(root)
                written.append(word)
                self.surfaces[root][word] += 1
        phrases = []
        for i in range(len(roots) - 1):
            if roots[i] != roots[i + 1] and i + 1 not in breaks:
                phrase = f"{roots[i]} {roots[i + 1]}"
                phrases.append(phrase)
                self.surfaces[phrase][f"{written[i]} {written[i + 1]}"] += 1
        return roots + phrases

    def _blanked(self, found: list[str]) -> set[int]:
        """Positions of ``found`` inside an occurrence of one of :attr:`names`."""
        if not self.names:
            return set()
        folded = [fold_word(w) for w in found]
        out: set[int] = set()
        for i, word in enumerate(folded):
            for phrase in self.names.get(word, ()):
                if tuple(folded[i : i + len(phrase)]) == phrase:
                    out.update(range(i, i + len(phrase)))
                    break
        return out

    def display(self, term: str) -> str:
        """How a term is shown: its lemma when the data uses it, else its usual written form."""
        if " " not in term and term in self.seen:
            return term
        forms = self.surfaces.get(term)
        if not forms:
            return term
        return min(forms.items(), key=lambda item: (-item[1], item[0]))[0]


def brand_names(brands: Sequence[Brand]) -> list[str]:
    """What names the workspace's brands in text: names, aliases, handles without "@" (sorted)."""
    forms = {
        form.lstrip("@").rstrip("*").strip()
        for brand in brands
        for form in (brand.name, *brand.aliases, *brand.handles)
    }
    return sorted(form for form in forms if form)


def label(terms: list[str], max_words: int = 4) -> str:
    """A label of 2–4 distinct words from ranked display terms (no word repeated).

    >>> label(["lost luggage", "luggage", "refund", "hold", "customer service"])
    'lost luggage · refund · hold'
    >>> label(["usine"])
    'usine'
    """
    chosen: list[str] = []
    used: set[str] = set()
    count = 0
    for term in terms:
        parts = term.split()
        if any(fold_word(p) in used for p in parts):
            continue
        if count and count + len(parts) > max_words:
            continue
        chosen.append(term)
        used |= {fold_word(p) for p in parts}
        count += len(parts)
        if count >= max_words or len(chosen) == 3:
            break
    return " · ".join(chosen)


def distinct(terms: list[str]) -> list[str]:
    """Ranked display terms without repeats: a term whose words are all shown already goes.

    >>> distinct(["usine futur", "usine", "robot", "futur robot", "robot"])
    ['usine futur', 'robot']
    """
    shown: set[str] = set()
    out = []
    for term in terms:
        parts = {fold_word(p) for p in term.split()}
        if parts <= shown:
            continue
        out.append(term)
        shown |= parts
    return out
