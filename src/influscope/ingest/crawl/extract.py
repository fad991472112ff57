"""From a fetched page to a document: main text (trafilatura), title, date, outlinks.

Outlinks are what a reader can go on to: ``<a href>``, and what the page
embeds (``<iframe src>``, ``<embed src>``, ``<video>/<audio>`` sources). They
are resolved against ``<base href>`` or the final URL, kept when http(s), and
canonicalised so one page linked ten ways is one node of the journey.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urljoin

from lxml import html as lxml_html

from influscope.ingest.urls import canonical_url, web_entity

HTML_TYPES = ("text/html", "application/xhtml+xml")


@dataclass
class Extracted:
    """The readable content of a page and where it leads."""

    title: str | None
    text: str | None
    published: str | None
    lang: str | None
    outlinks: list[str] = field(default_factory=list)


def is_html(content_type: str, body: bytes) -> bool:
    """Whether a response is an HTML page (by type, or by its first bytes when untyped)."""
    kind = content_type.split(";", 1)[0].strip().lower()
    if kind:
        return kind in HTML_TYPES
    head = body[:512].lstrip().lower()
    return head.startswith((b"<!doctype html", b"<html"))


def decode(body: bytes, content_type: str) -> str:
    """Text of an HTML body: the declared charset, else UTF-8 with replacement."""
    charset = "utf-8"
    for part in content_type.split(";")[1:]:
        key, _, value = part.strip().partition("=")
        if key.lower() == "charset" and value:
            charset = value.strip("\"' ")
    try:
        return body.decode(charset, "replace")
    except LookupError:
        return body.decode("utf-8", "replace")


def outlinks(html: str, base_url: str) -> list[str]:
    """Canonical http(s) URLs a page links to or embeds, in page order, without duplicates."""
    try:
        tree = lxml_html.fromstring(html)
    except (ValueError, TypeError, lxml_html.etree.ParserError):
        return []
    base = base_url
    for href in tree.xpath("//base/@href")[:1]:
        base = urljoin(base_url, str(href).strip())
    found: dict[str, None] = {}
    own = canonical_url(base_url)
    targets = tree.xpath(
        "//a/@href | //iframe/@src | //embed/@src | //video/@src | //audio/@src "
        "| //video/source/@src | //audio/source/@src"
    )
    for raw in targets:
        value = str(raw).strip()
        if not value or value.startswith(("#", "javascript:", "mailto:", "tel:", "data:")):
            continue
        absolute = urljoin(base, value)
        if not absolute.lower().startswith(("http://", "https://")):
            continue
        url = canonical_url(absolute)
        if url != own and web_entity(url):
            found[url] = None
    return list(found)


def extract(html: str, url: str) -> Extracted:
    """Main text and metadata by trafilatura; outlinks from the whole page."""
    import trafilatura  # noqa: PLC0415 - slow to import (~0.9 s), declared heavy

    text: str | None = None
    title: str | None = None
    published: str | None = None
    lang: str | None = None
    try:
        document: Any = trafilatura.bare_extraction(
            html, url=url, include_comments=False, with_metadata=True
        )
    except Exception:  # trafilatura raises many parser errors on hostile pages
        document = None
    if document is not None:
        data = document if isinstance(document, dict) else document.as_dict()
        text = data.get("text") or None
        title = data.get("title") or None
        published = data.get("date") or None
        lang = data.get("language") or None
    if title is None:
        title = _title(html)
    return Extracted(
        title=title, text=text, published=published, lang=lang, outlinks=outlinks(html, url)
    )


def _title(html: str) -> str | None:
    try:
        titles = lxml_html.fromstring(html).xpath("//title/text()")
    except (ValueError, TypeError, lxml_html.etree.ParserError):
        return None
    return str(titles[0]).strip() or None if titles else None
