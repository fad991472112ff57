"""Every page in French and in English, read as a person would (issue 13, item 1 and 2).

Each page is opened in both languages in headless Chromium, screenshotted into
``test-artifacts/pages/``, and its visible text (the DOM's text nodes and the
charts' SVG text) is checked against the message catalogue: a French page fails
on any sentence or value label that the catalogue gives differently in English,
an English page on any French one. Every page also fails on a raw id
(``twitter:user1``), a snake_case key, JSON, a ``||`` scope or an ``undefined``.
The documents page must not overflow at 1440 px nor at 390 px, and an emoji must
draw in colour (the project's set-up installs Noto Color Emoji).
"""

from __future__ import annotations

import re
import string
from pathlib import Path

import pytest
from babel.messages.pofile import read_po
from PIL import Image

from influscope.serve import i18n
from tests.serve import webdata
from tests.serve.conftest import ARTIFACTS, PASSWORD, PATIENCE_MS, wait_ready

pytestmark = pytest.mark.browser
SHOTS = ARTIFACTS / "pages"
PO = Path(i18n.__file__).parent / "locale/fr/LC_MESSAGES/influscope.po"
# The text a person reads: text nodes outside user data (posts, names, bios, notes,
# links, the other language's name in the header), and the charts' SVG text.
VISIBLE_TEXT = """() => {
  const skip = 'script, style, .doc-text, .bio, a.actor, a.doc-url, .explanation[data-stored], [lang]:not(html), datalist, option[hidden]';
  const out = [];
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const parent = node.parentElement;
    if (!parent || parent.closest(skip)) continue;
    const style = getComputedStyle(parent);
    if (style.display === 'none' || style.visibility === 'hidden') continue;
    const text = node.textContent.trim();
    if (text) out.push(text);
  }
  for (const node of document.querySelectorAll('[placeholder], [title], [aria-label]')) {
    for (const name of ['placeholder', 'title', 'aria-label']) {
      const value = node.getAttribute(name);
      if (value && !node.closest(skip)) out.push(value.trim());
    }
  }
  return out;
}"""
PIECES = re.compile(r"\s+·\s+|\s+/\s+|\s+—\s+|\s+–\s+|:\s+|,\s+|\s+→\s+|\(|\)")
RAW = [
    (re.compile(r"\b(?:twitter|bluesky|mastodon|reddit|youtube|web|rss):[\w.]+"), "raw id"),
    (re.compile(r"\b[a-z]+_[a-z_]+\b"), "snake_case key"),
    (re.compile(r"[{\[]\s*\"|\"\s*:\s*[\"\d\[{]"), "JSON"),
    (re.compile(r"\|\|"), "raw scope"),
    (re.compile(r"\b(?:undefined|NaN|null|\[object Object\])\b"), "placeholder value"),
]


# Numbers written the other language's way: a French page has no decimal point, no
# "76.0%" and no "20,000"; an English page no "20 000" (narrow space), no "76,0 %".
NUMBERS = {
    "fr": [
        (re.compile(r"\d\.\d"), "decimal point"),
        (re.compile(r"\d%"), "percent without a space"),
        (re.compile(r"\d,\d{3},\d{3}\b"), "English grouping"),
    ],
    "en": [
        (re.compile(r"\d[\u202f\xa0 ]\d{3}\b"), "French grouping"),
        (re.compile(r"\d[\u202f\xa0 ]%"), "space before percent"),
        (re.compile(r"\b\d+,\d{1,2}\b(?![\d,])"), "decimal comma"),
    ],
}


def _numbers(texts: list[str], lang: str) -> list[str]:
    """Numbers on a page formatted for the other language (the browser's locale leaking)."""
    return sorted(
        {f"{why}: {text!r}" for text in texts for rx, why in NUMBERS[lang] if rx.search(text)}
    )


def _pattern(message: str) -> re.Pattern[str]:
    """A catalogue message as a regex over a whole text: its {fields} match anything."""
    parts = []
    for literal, field, _, _ in string.Formatter().parse(message):
        parts.append(re.escape(literal))
        if field is not None:
            parts.append(".+?")
    return re.compile("^" + "".join(parts) + "$")


def _letters(message: str) -> int:
    """How many letters a message has outside its {fields}."""
    literal = "".join(part for part, _, _, _ in string.Formatter().parse(message))
    return sum(c.isalpha() for c in literal)


def _catalogue() -> dict[str, list[tuple[str, re.Pattern[str]]]]:
    """Per language, the messages that must not appear on a page of the other language."""
    with PO.open("rb") as handle:
        french = read_po(handle)
    found: dict[str, list[tuple[str, re.Pattern[str]]]] = {"en": [], "fr": []}
    for message in french:
        if not message.id or isinstance(message.id, tuple):
            continue
        english, translated = str(message.id), str(message.string)
        if english.strip().lower() == translated.strip().lower() or len(english) < 3:
            continue
        if _letters(english) < 3:  # all fields ("{method} {url}: {reason}."): no language in it
            continue
        found["en"].append((english, _pattern(english)))
        found["fr"].append((translated, _pattern(translated)))
    return found


CATALOGUE = _catalogue()


def _foreign(texts: list[str], lang: str) -> list[str]:
    """The texts (or parts of them) that are catalogue messages of the other language."""
    other = CATALOGUE["en" if lang == "fr" else "fr"]
    hits = []
    for text in texts:
        pieces = [text, *(p.strip() for p in PIECES.split(text) if p and p.strip())]
        for piece in pieces:
            for message, pattern in other:
                if pattern.match(piece):
                    hits.append(f"{piece!r} (catalogue: {message!r})")
    return sorted(set(hits))


def _raw(texts: list[str]) -> list[str]:
    return sorted({f"{why}: {text!r}" for text in texts for rx, why in RAW if rx.search(text)})


@pytest.fixture(scope="module")
def signed_in(browser, server):
    context = browser.new_context(base_url=server, viewport={"width": 1440, "height": 900})
    context.set_default_timeout(PATIENCE_MS)
    page = context.new_page()
    page.problems = []
    page.on("pageerror", lambda error: page.problems.append(str(error)))
    page.goto("/")
    page.fill("input[name=name]", "ana")
    page.fill("input[name=password]", PASSWORD)
    page.click("#login-button")
    page.wait_for_url("**/")
    yield page
    context.close()


def _open(page, path: str, lang: str, shot: str) -> list[str]:
    page.goto(f"{path}{'&' if '?' in path else '?'}lang={lang}")
    wait_ready(page, f"{lang} {shot}")
    page.wait_for_load_state("networkidle")
    page.wait_for_function(
        "() => [...document.querySelectorAll('.chart')].every((c) => c.dataset.rendered || c.querySelector('.error'))",
        timeout=PATIENCE_MS,
    )
    for details in page.locator("details").all():
        details.evaluate("(node) => { node.open = true; }")
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / f"{lang}-{shot}.png"), full_page=True)
    assert page.evaluate("() => document.documentElement.lang") == lang
    assert page.problems == [], page.problems
    return page.evaluate(VISIBLE_TEXT)


PAGES = [
    ("/", "overview"),
    ("/axes/usine", "axis"),
    ("/map", "map"),
    ("/journey", "journey"),
    ("/influence", "influence"),
    ("/alerts", "alerts"),
    ("/crisis", "crisis"),
    ("/documents", "documents"),
    ("/sources", "sources"),
    ("/actors/twitter:user3", "actor"),
    (f"/actors/{webdata.XSS_ACTOR}", "actor-notes"),
]


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_every_page_speaks_one_language_and_shows_no_raw_data(signed_in, lang):
    problems = {}
    for path, shot in PAGES:
        texts = _open(signed_in, path, lang, shot)
        assert len(texts) > 5, (shot, texts)
        found = _foreign(texts, lang) + _raw(texts) + _numbers(texts, lang)
        if found:
            problems[shot] = found
        assert signed_in.locator(".error").count() == 0, (
            shot,
            signed_in.locator(".error").all_inner_texts(),
        )
    assert problems == {}, "\n".join(f"{k}: {v}" for k, v in problems.items())


def test_the_check_catches_the_other_language():
    """The catalogue check itself: English words on a French page are found, and back."""
    assert _foreign(["Open alerts on this axis: 3", "allié"], "fr") == [
        "'Open alerts on this axis: 3' (catalogue: 'Open alerts on this axis: {count}')"
    ]
    assert _foreign(["Alertes ouvertes sur cet axe : 3"], "en")
    assert _foreign(["allié / neutre — elles divergent"], "en")
    assert _numbers(["20,000,000 documents", "76.0%", "0.5"], "fr") and not (
        _numbers(["20\u202f000 documents", "76,0\xa0%", "0,218", "4 mars 2025, 15:30"], "fr")
    )
    assert _numbers(["20\u202f000", "76,0\xa0%", "0,5"], "en") and not (
        _numbers(["20,000", "76.0%", "Mar 4, 2025, 3:30 PM", "1,234,567"], "en")
    )
    assert _raw(["twitter:user1", "kind_source", '{"actor_id": 1}', "decarbonation||"]) and not (
        _raw(["@user1", "Acme usine du futur", "20 000"])
    )


def test_axis_title_shows_the_label_and_overview_agrees_with_axis_cards(signed_in, site):
    _open(signed_in, "/axes/usine", "fr", "axis-title")
    assert signed_in.inner_text("#axis-title") == "Axe : L'usine du futur"
    _open(signed_in, "/", "fr", "overview-alerts")
    open_alerts = site.ws.alerts.list(state="new", limit=1000)
    total = signed_in.inner_text(".card.kpi:nth-child(3) .big")
    assert total == str(len(open_alerts))
    card = signed_in.inner_text("article.card.axis[data-axis='usine'] .axis-alerts")
    on_axis = [a for a in open_alerts if "axis:usine" in str(a.get("key")).split()]
    assert len(on_axis) == 1 and len(open_alerts) == 2  # the data: one brand alert, one axis alert
    assert card == f"Alertes ouvertes sur cet axe : {len(on_axis)}"
    note = signed_in.inner_text(".card.kpi:nth-child(3) .muted")
    assert note.startswith(f"{len(open_alerts) - len(on_axis)} sur une marque")


@pytest.mark.parametrize("width", [1440, 390])
def test_documents_page_fits_the_screen(browser, server, width):
    context = browser.new_context(base_url=server, viewport={"width": width, "height": 900})
    context.set_default_timeout(PATIENCE_MS)
    page = context.new_page()
    page.goto("/")
    page.fill("input[name=name]", "ana")
    page.fill("input[name=password]", PASSWORD)
    page.click("#login-button")
    page.wait_for_url("**/")
    for lang in ("fr", "en"):
        _open_plain = page.goto(f"/documents?lang={lang}")
        assert _open_plain.status == 200
        wait_ready(page, f"{lang} documents at {width} px")
        SHOTS.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(SHOTS / f"{lang}-documents-{width}px.png"), full_page=True)
        overflow = page.evaluate(
            "() => document.documentElement.scrollWidth - document.documentElement.clientWidth"
        )
        assert overflow <= 0, (width, lang, overflow)
    context.close()


def test_emoji_draw_in_colour(browser, server, tmp_path):
    """An emoji in a post draws with the emoji font (colour pixels), not as an empty box."""
    context = browser.new_context(base_url=server, viewport={"width": 600, "height": 200})
    context.set_default_timeout(PATIENCE_MS)
    page = context.new_page()
    page.set_content(
        '<p id="e" style="font: 64px sans-serif; margin: 0; display: inline-block">😀🚀</p>'
    )
    shot = SHOTS / "emoji.png"
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.locator("#e").screenshot(path=str(shot))
    context.close()
    image = Image.open(shot).convert("RGB")
    coloured = sum(1 for r, g, b in image.get_flattened_data() if max(r, g, b) - min(r, g, b) > 60)
    assert coloured > 500, coloured
