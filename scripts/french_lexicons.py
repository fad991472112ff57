"""Write the two imported French sentiment lexicons from their PyPI distributions.

Why imported lists: influscope's own French list (``lexicons/fr.txt``, ~500
stems) leaves most French tweets without a single sentiment word, so the DEFT
2017 validation set was scored neutral two times in three. Two openly licensed
lists on PyPI cover far more words:

- ``textblob-fr`` 0.2.0 (package MIT; its ``fr-sentiment.xml`` is marked
  PDDL, by Tom De Smedt and Walter Daelemans): ~5,000 adjectives with a
  polarity in [-1, 1], scaled here ×4 to VADER's [-4, 4].
- ``vaderSentiment-fr`` 1.3.4 (MIT, VADER's licence; lexicon translated by
  Olivier Deprez and Thomas Ek): ~9,000 words already on VADER's scale.

They are written as data files rather than installed as dependencies:
``textblob-fr`` would bring TextBlob and NLTK for one XML file, and
``vaderSentiment-fr`` installs GPL packages (fuzzywuzzy, Unidecode) influscope
does not use. Each output file starts with its source, version, digest and
licence (the MIT notice is also in NOTICE). Only single words made of letters
are kept (no spaces, apostrophes, digits or punctuation: the tokenizer never
produces those, and VADER's untranslated slang such as "143" is no French word),
folded as :func:`influscope.enrich.text.fold_word` folds them; when two
forms fold alike, textblob-fr keeps its first and vaderSentiment-fr its last
(the order each package's own reader would apply).

Usage: ``pip download --no-deps textblob-fr==0.2.0 vaderSentiment-fr==1.3.4 -d DIR``
then ``python scripts/french_lexicons.py DIR``.
"""

from __future__ import annotations

import hashlib
import re
import sys
import tarfile
import zipfile
from pathlib import Path

from influscope.enrich.text import fold_word

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "src" / "influscope" / "enrich" / "lexicons"
TEXTBLOB = "textblob_fr-0.2.0-py2.py3-none-any.whl"
VADER_FR = "vaderSentiment_fr-1.3.4.tar.gz"
WORD = re.compile(r"^[^\W\d_]+$")  # letters only: VADER slang such as "143" is no French word
XML_WORD = re.compile(r'<word form="([^"]+)"[^>]*polarity="([-0-9.]+)"')


def textblob_entries(archive: Path) -> dict[str, float]:
    """Folded adjective → polarity × 4, first form wins; zero polarity left out."""
    with zipfile.ZipFile(archive) as wheel:
        xml = wheel.read("textblob_fr/fr-sentiment.xml").decode("utf-8")
    out: dict[str, float] = {}
    for match in XML_WORD.finditer(xml):
        word, polarity = fold_word(match.group(1)), float(match.group(2))
        if polarity != 0 and WORD.match(word):
            out.setdefault(word, round(polarity * 4, 2))
    return out


def vader_fr_entries(archive: Path) -> dict[str, float]:
    """Folded word → valence from ``fr_lexicon.txt`` (``word->valence`` lines), last wins."""
    with tarfile.open(archive) as tar:
        member = tar.extractfile("vaderSentiment_fr-1.3.4/vaderSentiment_fr/fr_lexicon.txt")
        assert member is not None
        text = member.read().decode("utf-8")
    out: dict[str, float] = {}
    for line in text.splitlines():
        word, _, value = line.rpartition("->")
        word = fold_word(word.strip().rstrip(","))
        try:
            valence = float(value)
        except ValueError:
            continue
        if WORD.match(word):
            out[word] = valence
    return out


def write(name: str, header: str, archive: Path, entries: dict[str, float]) -> None:
    """One lexicon file: a commented header, then ``word<TAB>valence`` sorted by word."""
    digest = hashlib.sha256(archive.read_bytes()).hexdigest()
    lines = [f"# {line}" if line else "#" for line in header.strip().splitlines()]
    lines.append(f"# Source archive: {archive.name} (sha256 {digest}).")
    lines += [f"{word}\t{value:g}" for word, value in sorted(entries.items())]
    (OUT / name).write_text("\n".join(lines) + "\n", encoding="utf-8")


TEXTBLOB_HEADER = """
French adjectives with a polarity, from the PyPI package textblob-fr 0.2.0
(textblob_fr/fr-sentiment.xml, by Tom De Smedt and Walter Daelemans, marked
license="PDDL": public domain). Polarity in [-1, 1] scaled x4 to VADER's range;
folded (no accents, lower case). Written by scripts/french_lexicons.py.
"""

VADER_FR_HEADER = """
French translation of VADER's lexicon, from the PyPI package vaderSentiment-fr
1.3.4 (vaderSentiment_fr/fr_lexicon.txt, by Olivier Deprez and Thomas Ek),
under the MIT License: Copyright (c) 2016 C.J. Hutto. Permission is hereby
granted, free of charge, to any person obtaining a copy of this software and
associated documentation files (the "Software"), to deal in the Software
without restriction, including without limitation the rights to use, copy,
modify, merge, publish, distribute, sublicense, and/or sell copies of the
Software, and to permit persons to whom the Software is furnished to do so,
subject to the following conditions: The above copyright notice and this
permission notice shall be included in all copies or substantial portions of
the Software. THE SOFTWARE IS PROVIDED "AS IS", WITHOUT WARRANTY OF ANY KIND,
EXPRESS OR IMPLIED, INCLUDING BUT NOT LIMITED TO THE WARRANTIES OF
MERCHANTABILITY, FITNESS FOR A PARTICULAR PURPOSE AND NONINFRINGEMENT. IN NO
EVENT SHALL THE AUTHORS OR COPYRIGHT HOLDERS BE LIABLE FOR ANY CLAIM, DAMAGES
OR OTHER LIABILITY, WHETHER IN AN ACTION OF CONTRACT, TORT OR OTHERWISE,
ARISING FROM, OUT OF OR IN CONNECTION WITH THE SOFTWARE OR THE USE OR OTHER
DEALINGS IN THE SOFTWARE.
Single words only, folded (no accents, lower case). Written by
scripts/french_lexicons.py.
"""


def main() -> None:
    """Read both archives from the folder given and write the two lexicon files."""
    folder = Path(sys.argv[1])
    write(
        "fr_textblob.txt", TEXTBLOB_HEADER, folder / TEXTBLOB, textblob_entries(folder / TEXTBLOB)
    )
    write("fr_vader.txt", VADER_FR_HEADER, folder / VADER_FR, vader_fr_entries(folder / VADER_FR))


if __name__ == "__main__":
    main()
