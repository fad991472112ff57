"""The one message catalogue is complete and up to date (issue 13, item 1).

Fails when a marked sentence is missing from the template (run ``make i18n``),
when a French entry is missing, fuzzy or loses a ``{field}``, when the shipped
``.mo`` is not the compiled ``.po``, or when a message table creeps back in.
"""

from __future__ import annotations

import io
import re
import shlex
import string
import subprocess
import sys
from pathlib import Path

from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po

from influscope.serve import i18n, labels
from influscope.serve.web import words

ROOT = Path(__file__).resolve().parents[2]
LOCALE = ROOT / "src/influscope/serve/locale"
PO = LOCALE / "fr/LC_MESSAGES/influscope.po"
MO = LOCALE / "fr/LC_MESSAGES/influscope.mo"


def _read(path: Path):
    with path.open("rb") as handle:
        return read_po(handle)


def _keys(catalog) -> dict[tuple[str | None, str], set[str]]:
    return {
        (m.context, m.id if isinstance(m.id, str) else m.id[0]): {p for p, _ in m.locations}
        for m in catalog
        if m.id
    }


def _fields(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name}


def test_template_matches_the_sources(tmp_path):
    """Extracting again (the Makefile's command and keywords) gives the committed template."""
    makefile = (ROOT / "Makefile").read_text()
    keywords = shlex.split(re.search(r"^BABEL_KEYWORDS := (.*)$", makefile, re.M).group(1))
    out = tmp_path / "fresh.pot"
    pybabel = Path(sys.executable).with_name("pybabel")
    command = [str(pybabel), "-q", "extract", "-F", "babel.cfg", *keywords]
    command += ["--add-location=file", "--sort-output", "-o", str(out), "."]
    subprocess.run(command, cwd=ROOT, check=True)
    fresh, committed = _keys(_read(out)), _keys(_read(LOCALE / "influscope.pot"))
    assert set(fresh) - set(committed) == set(), "new sentences: run make i18n"
    assert set(committed) - set(fresh) == set(), "sentences gone from the code: run make i18n"
    assert fresh == committed, "sentences moved between files: run make i18n"


def test_french_translates_every_sentence_with_the_same_fields():
    template, french = _keys(_read(LOCALE / "influscope.pot")), _read(PO)
    entries = {(m.context, m.id if isinstance(m.id, str) else m.id[0]): m for m in french if m.id}
    assert set(template) <= set(entries), "run make i18n"
    problems = []
    for key in template:
        message = entries[key]
        strings = message.string if isinstance(message.string, tuple) else (message.string,)
        if message.fuzzy or not all(strings):
            problems.append(f"untranslated: {key}")
        ids = message.id if isinstance(message.id, tuple) else (message.id,)
        if any(_fields(s) != _fields(ids[-1]) for s in strings if s):
            problems.append(f"fields differ: {key}")
    assert problems == []


def test_shipped_mo_is_the_compiled_po():
    compiled = io.BytesIO()
    write_mo(compiled, _read(PO))
    assert MO.read_bytes() == compiled.getvalue(), "run make i18n"


def test_no_message_table_outside_the_catalogue():
    """The old per-area tables ({'en': ..., 'fr': ...}) are gone: one way to translate."""
    source = ROOT / "src/influscope/serve"
    pattern = re.compile(r"""\{\s*["']en["']\s*:\s*["'].*["']\s*,\s*["']fr["']\s*:""")
    offenders = [
        str(path.relative_to(ROOT))
        for path in sorted(source.rglob("*"))
        if path.suffix in (".py", ".js", ".html") and pattern.search(path.read_text())
    ]
    assert offenders == []


def test_labels_and_script_sentences_resolve_in_both_languages():
    french = labels.tables("fr")
    assert french["role"]["risk_hotspot"] == "foyer de risque"
    assert french["state"]["acked"] == "pris en charge"
    assert labels.tables("en")["role"]["risk_hotspot"] == "risk hotspot"
    sentences = words.script_messages()
    assert "Nothing to show." in sentences
    page = words.for_page("fr")
    assert page["messages"]["Nothing to show."] == "Rien à afficher."
    assert page["format"]["decimal"] == "," and words.for_page("en")["format"]["group"] == ","


def test_numbers_in_messages_follow_the_language():
    message = "{rows} rows written to {path}."
    assert i18n.t(message, "fr", rows=20000, path="x") == "20\u202f000 lignes écrites dans x."
    assert i18n.t(message, "en", rows=20000, path="x") == "20,000 rows written to x."


def test_every_sentence_of_the_scripts_reaches_the_page():
    """Each ``t('…')`` of the dashboard's modules is extracted, so the page embeds it.

    Babel's JavaScript extractor skips a call inside a template literal's
    ``${…}``; such a sentence would stay English on a French page.
    """
    known = set(words.script_messages())
    call = re.compile(r"""\bt\(\s*(?:'((?:[^'\\]|\\.)*)'|"((?:[^"\\]|\\.)*)")""")
    missing = []
    for path in sorted((ROOT / "src/influscope/serve/web/static/js").rglob("*.js")):
        for found in call.finditer(path.read_text(encoding="utf-8")):
            message = found.group(1) if found.group(1) is not None else found.group(2)
            message = message.replace("\\'", "'").replace('\\"', '"')
            if message not in known:
                missing.append(f"{path.name}: {message!r}")
    assert not missing, f"move t() out of ${{…}}, then run make i18n: {missing}"
