"""RSS and Atom: feed entries as web documents whose author is the site.

For the influence map, what speaks in a feed is the *site* (the web entity:
host without ``www.``), not the byline, so an entry's author is
``web:<domain>`` of its link (or of the feed's link), the unit Hyphe and the
journey use. A document is named by the canonical URL of the entry, so the
same article read from a feed, a crawl or a vendor export is one document.
Links inside the summary/content HTML are explicit links.
"""

from __future__ import annotations

import calendar
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import feedparser
import orjson

from influscope import ids
from influscope.errors import N_, InputError, Phrase, SourceError
from influscope.ingest.batch import FieldError, Mapped
from influscope.ingest.files.containers import open_binary
from influscope.ingest.http import redact_url
from influscope.ingest.platforms.common import Preset, dumps, link_rows, when
from influscope.ingest.platforms.connector import Connector
from influscope.ingest.platforms.html import html_text
from influscope.ingest.urls import canonical_url, web_entity

PLATFORM = ids.WEB


def parse_feed(data: bytes) -> Any:
    """Parse feed bytes with feedparser (no network access).

    feedparser reports a malformed feed as ``bozo``, except one whose XML
    prolog names its encoding with bytes that are not UTF-8 (it raises
    UnicodeDecodeError, found by fuzzing): that one is reported the same way.
    """
    try:
        return feedparser.parse(data)
    except UnicodeDecodeError as exc:
        return {"bozo": 1, "bozo_exception": exc, "entries": []}


def _moment(entry: dict[str, Any]) -> datetime | None:
    for key in ("published_parsed", "updated_parsed", "created_parsed"):
        parsed = entry.get(key)
        if parsed:
            return datetime.fromtimestamp(calendar.timegm(parsed), UTC).replace(tzinfo=None)
    for key in ("published", "updated", "created"):
        if entry.get(key):
            moment: datetime | None = when(key, entry[key], required=False)
            return moment
    return None


def map_entry(entry: dict[str, Any], feed: dict[str, Any], raw: str | None = None) -> Mapped:
    """Map one feedparser entry; ``feed`` is the feed's own metadata (title, link)."""
    link = entry.get("link") or ""
    ident = entry.get("id") or entry.get("guid")
    if not link and not ident:
        raise FieldError("link", Phrase(N_("entry has neither a link nor an id")))
    native = canonical_url(link) if link else str(ident)
    domain = web_entity(link) or web_entity(str(feed.get("link") or ""))
    if not domain:
        raise FieldError(
            "link", Phrase(N_("cannot tell the site of {link}"), link=repr(link or ident))
        )
    author = ids.web_actor_id(domain)
    doc_id = ids.doc_id(PLATFORM, native)
    html = ""
    if entry.get("content"):
        html = " ".join(str(c.get("value") or "") for c in entry["content"])
    html = html or str(entry.get("summary") or "")
    text, hrefs = html_text(html)
    published = _moment(entry)
    if published is None:
        raise FieldError("published", Phrase(N_("entry has no date (published/updated)")))
    byline = entry.get("author")
    doc = {
        "doc_id": doc_id,
        "platform": PLATFORM,
        "native_id": native,
        "author_id": author,
        "published_at": published,
        "title": html_text(str(entry.get("title") or ""))[0] or None,
        "text": text or None,
        "url": link or None,
        "lang": (entry.get("language") or feed.get("language") or None),
        "hashtags": [str(t.get("term")).lower() for t in entry.get("tags") or [] if t.get("term")]
        or None,
        "raw": raw or dumps({"entry": entry, "byline": byline}),
    }
    if doc["lang"]:
        doc["lang"] = str(doc["lang"]).split("-")[0].lower()
    actor = {
        "actor_id": author,
        "platform": PLATFORM,
        "handle": domain,
        "name": (feed.get("title") if web_entity(str(feed.get("link") or "")) == domain else None)
        or domain,
        "homepage": f"https://{domain}/",
    }
    return Mapped(documents=[doc], actors=[actor], links=link_rows(doc_id, hrefs))


def feed_items(parsed: Any) -> Iterator[dict[str, Any]]:
    """Entry records of a parsed feed, each carrying the feed metadata."""
    feed = dict(parsed.get("feed") or {})
    meta = {"title": feed.get("title"), "link": feed.get("link"), "language": feed.get("language")}
    for entry in parsed.get("entries") or []:
        yield {"entry": dict(entry), "feed": meta}


class RssPreset(Preset):
    """``--preset rss``: an RSS 2.0, RSS 1.0 or Atom file."""

    name = "rss"
    formats = ("xml",)

    def detect_format(self, path: Path) -> str:
        """Feeds are always XML."""
        return "xml"

    def records(
        self, path: Path, fmt: str, encoding: str | None = None
    ) -> Iterator[tuple[int, dict[str, Any]]]:
        """One record per entry, numbered from 1 in document order.

        The feed's XML prolog declares its encoding, which the feed parser
        honours; a declared ``encoding`` is not needed.
        """
        with open_binary(path) as handle:
            parsed = parse_feed(handle.read())
        if parsed.get("bozo") and not parsed.get("entries"):
            raise InputError(
                N_("{path}: not a readable RSS/Atom feed: {reason}."),
                path=str(path),
                reason=str(parsed.get("bozo_exception")),
            )
        yield from enumerate(feed_items(parsed), start=1)

    def map_record(self, record: dict[str, Any]) -> Mapped:
        """Map one entry."""
        return map_entry(record["entry"], record["feed"])


class RssConnector(Connector):
    """Polls an RSS/Atom feed (news search feeds too) with a conditional GET.

    Options: ``url`` (required), ``allow_private``. The cursor is the feed's
    ``ETag`` and ``Last-Modified``; an unchanged feed answers 304 and costs
    nothing. Entries already stored are absorbed by the upserts.
    """

    name = "rss"

    def fetch(self, cursor: str | None) -> Iterator[dict[str, Any]]:
        """GET the feed (conditionally) and yield its entries."""
        url = self.option("url", required=True)
        state = orjson.loads(cursor) if cursor else {}
        headers = {}
        if state.get("etag"):
            headers["If-None-Match"] = state["etag"]
        if state.get("last_modified"):
            headers["If-Modified-Since"] = state["last_modified"]
        response = self.http.get(url, headers=headers, ok=(304,))
        if response.status_code == 304:
            self.cursor = cursor
            return
        parsed = parse_feed(response.content)
        if parsed.get("bozo") and not parsed.get("entries"):
            raise SourceError(
                N_("{url}: not a readable RSS/Atom feed: {reason}."),
                url=redact_url(str(url)),
                reason=str(parsed.get("bozo_exception")),
            )
        yield from feed_items(parsed)
        new_state = {
            "etag": response.headers.get("etag"),
            "last_modified": response.headers.get("last-modified"),
        }
        self.cursor = orjson.dumps({k: v for k, v in new_state.items() if v}).decode() or None

    def map_record(self, raw: dict[str, Any]) -> Mapped:
        """Map one entry."""
        return map_entry(raw["entry"], raw["feed"])
