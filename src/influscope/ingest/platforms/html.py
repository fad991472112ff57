"""HTML fragments (Mastodon statuses, RSS summaries) to plain text plus their links.

Mastodon renders a long link as three spans (hidden scheme, visible start,
hidden tail) and relies on CSS to show an ellipsis; concatenating every text
node therefore gives the full URL back, which is what mention, hashtag and link
extraction need. Paragraphs and line breaks become newlines; scripts and
styles are dropped.
"""

from __future__ import annotations

from html.parser import HTMLParser

_BLOCKS = {"p", "div", "li", "blockquote", "h1", "h2", "h3", "h4", "h5", "h6", "tr"}
_SKIP = {"script", "style", "template"}


class _Text(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.links: list[tuple[str, str]] = []  # (href, class)
        self._skip = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _SKIP:
            self._skip += 1
        elif tag == "br":
            self.parts.append("\n")
        elif tag in _BLOCKS and self.parts and not self.parts[-1].endswith("\n"):
            self.parts.append("\n")
        elif tag == "a":
            values = dict(attrs)
            if values.get("href"):
                self.links.append((values["href"] or "", values.get("class") or ""))

    def handle_endtag(self, tag: str) -> None:
        if tag in _SKIP and self._skip:
            self._skip -= 1
        elif tag in _BLOCKS:
            self.parts.append("\n")

    def handle_data(self, data: str) -> None:
        if not self._skip:
            self.parts.append(data)


def html_text(fragment: str | None) -> tuple[str, list[str]]:
    """Plain text of an HTML fragment and the hrefs of its ordinary links.

    Links classed ``mention`` or ``hashtag`` (Mastodon's markup) are left out of
    the hrefs: they are people and tags, not pages.

    >>> html_text('<p>Hi <a href="https://x.org/a" rel="nofollow">x.org/a</a></p>')
    ('Hi x.org/a', ['https://x.org/a'])
    """
    if not fragment:
        return "", []
    parser = _Text()
    parser.feed(fragment)
    parser.close()
    text = "".join(parser.parts)
    lines = [" ".join(line.split()) for line in text.split("\n")]
    cleaned = "\n".join(lines).strip()
    while "\n\n\n" in cleaned:
        cleaned = cleaned.replace("\n\n\n", "\n\n")
    hrefs = [
        href
        for href, cls in parser.links
        if "mention" not in cls.split() and "hashtag" not in cls.split()
    ]
    return cleaned, hrefs
