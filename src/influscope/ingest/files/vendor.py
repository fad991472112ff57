"""Social-listening exports (Brandwatch, Talkwalker, Meltwater, Visibrain, Digimind).

These tools export one row per *mention* from every kind of source: tweets,
news articles, forum posts, Reddit comments, YouTube videos. Each vendor names
its columns its own way (and renames them between versions and UI languages),
so a vendor preset is a table of *aliases* per canonical field, matched
case-insensitively; the first alias present with a value wins.

What is common lives here:

* the header row is found below any title block (Brandwatch and Digimind put
  report metadata above the table, in CSV and XLSX alike): it is the first row
  naming at least two of the vendor's known columns;
* CSV encodings and delimiters are sniffed (Meltwater writes UTF-16 with tabs);
* the platform of a row comes from its URL host (twitter.com, x.com,
  reddit.com, youtube.com, bsky.app…), else from the vendor's source-type
  column, else it is the web;
* ids are those the platform itself uses when the URL or an id column gives
  them (``twitter:<tweet id>``, ``reddit:t1_…``, ``youtube:<video id>``), so a
  vendor export merges with native data; web documents are named by their
  canonical URL and authored by their site (``web:<domain>``);
* vendor sentiment, reach, AVE and every other column stay in ``raw``.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any
from urllib.parse import SplitResult, parse_qs, urlsplit

from influscope import ids
from influscope.errors import N_, InputError, Phrase
from influscope.ingest.batch import FieldError, Mapped
from influscope.ingest.files import encoding as enc
from influscope.ingest.files.containers import open_binary
from influscope.ingest.files.readers import (
    DelimitedRows,
    damaged_field,
    open_text,
)
from influscope.ingest.files.tabular import xlsx_rows
from influscope.ingest.platforms.common import (
    Preset,
    convert,
    count,
    edge,
    link_rows,
    raw_of,
    when,
)
from influscope.ingest.urls import canonical_url, find_urls, web_entity
from influscope.ingest.values import native_id, to_bool, to_text

HOSTS = {
    "twitter.com": "twitter",
    "x.com": "twitter",
    "mobile.twitter.com": "twitter",
    "reddit.com": "reddit",
    "old.reddit.com": "reddit",
    "youtube.com": "youtube",
    "m.youtube.com": "youtube",
    "youtu.be": "youtube",
    "bsky.app": "bluesky",
    "facebook.com": "facebook",
    "instagram.com": "instagram",
    "tiktok.com": "tiktok",
    "linkedin.com": "linkedin",
}
# Source-type words used by the vendors, lower-cased, to a platform.
TYPES = {
    "twitter": "twitter",
    "x": "twitter",
    "socialmedia_twitter": "twitter",
    "tweet": "twitter",
    "reddit": "reddit",
    "youtube": "youtube",
    "video": "youtube",
    "bluesky": "bluesky",
    "facebook": "facebook",
    "instagram": "instagram",
    "tiktok": "tiktok",
    "linkedin": "linkedin",
    "mastodon": "mastodon",
}
# Fields with a handle that is the site, not a person.
WEB = ids.WEB
REPOST_WORDS = {"retweet", "repost", "share", "rt"}
REPLY_WORDS = {"reply", "comment", "réponse", "commentaire"}
QUOTE_WORDS = {"quote", "quote tweet", "citation"}
_STATUS = re.compile(r"/status(?:es)?/(\d+)")
_REDDIT = re.compile(r"/comments/([a-z0-9]+)(?:/[^/]*/([a-z0-9]+))?", re.IGNORECASE)


def _norm(name: Any) -> str:
    return " ".join(str(name or "").replace("\ufeff", "").strip().lower().split())


def platform_of(url: str | None, type_value: str | None) -> str:
    """The platform of a row from its URL host, else its source-type column, else web."""
    host = web_entity(url or "")
    if host in HOSTS:
        return HOSTS[host]
    for word in re.split(r"[\s/,;|]+", (type_value or "").lower()):
        if word in TYPES:
            return TYPES[word]
    return WEB


def native_of(platform: str, url: str | None, given: str | None) -> str | None:
    """The platform's own id of a row (tweet id, Reddit fullname, video id), or None."""
    url = url or ""
    if platform == "twitter":
        match = _STATUS.search(url)
        return match.group(1) if match else given
    if platform == "reddit":
        match = _REDDIT.search(url)
        if match:
            return f"t1_{match.group(2)}" if match.group(2) else f"t3_{match.group(1)}"
        return given
    if platform == "youtube":
        parts = _split(url)
        if parts is None:
            return given
        if parts.hostname and parts.hostname.endswith("youtu.be"):
            return parts.path.strip("/") or given
        video = parse_qs(parts.query).get("v")
        return video[0] if video else given
    return given


def _split(url: str) -> SplitResult | None:
    """The parts of a URL, or None for one urllib refuses (``https://twi[``)."""
    try:
        return urlsplit(url)
    except ValueError:
        return None


def handle_from_url(platform: str, url: str | None) -> str | None:
    """The author handle written in a post URL (``twitter.com/<handle>/status/…``)."""
    parts = _split(url) if platform == "twitter" and url else None
    if parts is not None:
        path = parts.path.strip("/").split("/")
        if len(path) >= 3 and path[1] in {"status", "statuses"} and path[0] != "i":
            return path[0]
    return None


class VendorPreset(Preset):
    """A listening-tool export described by column aliases (see module doc)."""

    vendor = "vendor"
    formats = ("csv", "xlsx")
    #: canonical field -> column names, most specific first.
    columns: dict[str, tuple[str, ...]] = {}

    def __init__(self, platform: str | None = None, mapping: dict[str, str] | None = None) -> None:
        super().__init__(platform, mapping)
        self._known = {_norm(c) for names in self.columns.values() for c in names}

    def detect_format(self, path: Path) -> str:
        """``xlsx`` for workbooks (by magic number), else a delimited text file."""
        with open_binary(path) as handle:
            head = handle.read(4)
        return "xlsx" if head.startswith(b"PK") else "csv"

    # -- reading -----------------------------------------------------------------------
    def _is_header(self, cells: list[Any]) -> bool:
        return sum(1 for c in cells if _norm(c) in self._known) >= 2

    def records(
        self, path: Path, fmt: str, encoding: str | None = None
    ) -> Iterator[tuple[int, dict[str, Any]]]:
        """Rows below the header row, as dicts keyed by normalised column name."""
        if fmt == "xlsx":
            yield from self._table(path, xlsx_rows(path), None, "xlsx")
            return
        with open_text(path, encoding) as handle:
            sample = "".join(itertools.islice(handle, 30))
            handle.seek(0)
            delimiter = max(
                ("\t", ",", ";"),
                key=lambda d: max((line.count(d) for line in sample.splitlines()), default=0),
            )
            rows = DelimitedRows(handle, delimiter)
            yield from self._table(path, rows, rows, handle.encoding)

    def _table(
        self,
        path: Path,
        rows: Iterable[tuple[int, list[Any] | None]],
        text: DelimitedRows | None,
        encoding: str,
    ) -> Iterator[tuple[int, dict[str, Any]]]:
        header: list[str] | None = None
        for line, cells in rows:
            if cells is None:
                error = text.error if text is not None else "unreadable row"
                yield line, {"__error__": error, "__raw__": text.raw() if text else None}
                continue
            if header is None:
                if self._is_header(cells):
                    header = [_norm(c) for c in cells]
                continue
            if not any(str(c).strip() for c in cells if c is not None):
                continue
            if len(cells) > len(header) and any(str(c).strip() for c in cells[len(header) :]):
                reason = f"expected {len(header)} fields as in the header, found {len(cells)}"
                if text is not None:
                    reason = text.misfit(reason)
                yield line, {"__error__": reason, "__raw__": text.raw() if text else None}
                continue
            record = dict(zip(header, cells, strict=False))
            bad = damaged_field(record)
            if bad is not None and text is not None:
                reason = enc.decode_error(encoding, record[bad])
                yield line, {"__error__": reason, "__field__": bad, "__raw__": text.raw()}
                continue
            yield line, record
        if header is None:
            raise InputError(
                N_("{path}: no {vendor} header row found."),
                N_("Expected columns such as: {columns}… (see docs/presets.md)."),
                path=str(path),
                vendor=self.vendor,
                columns=", ".join(sorted(self._known)[:8]),
            )

    # -- mapping -----------------------------------------------------------------------------
    def get(self, record: dict[str, Any], field: str) -> Any:
        """The first non-empty value among the field's aliases (``--map`` overrides)."""
        names = (self.mapping[field],) if field in self.mapping else self.columns.get(field, ())
        for name in names:
            value = record.get(_norm(name))
            if to_text(value) is not None:
                return value.strip() if isinstance(value, str) else value
        return None

    def published(self, record: dict[str, Any]) -> Any:
        """Publication time (vendors that split date and time override this)."""
        return when("published_at", self.get(record, "published_at"))

    def map_record(self, record: dict[str, Any]) -> Mapped:
        """Map one export row (see module doc for ids, platform and author)."""
        get = self.get
        url = to_text(get(record, "url"))
        platform = (self.platform or platform_of(url, to_text(get(record, "source_type")))).lower()
        given = convert("id", native_id, get(record, "id"))
        native = native_of(platform, url, given)
        if platform == WEB or not native:
            if url:
                native = canonical_url(url)
            elif not native:
                raise FieldError("url", Phrase(N_("row has neither a URL nor an id")))
        published = self.published(record)
        handle = to_text(get(record, "author"))
        if platform == WEB:
            handle = web_entity(url or "") or to_text(get(record, "domain"))
        else:
            handle = handle_from_url(platform, url) or handle
        handle = ids.bare_handle(handle) if handle else None
        author = ids.actor_id(platform, handle) if handle else None
        doc_id = ids.doc_id(platform, native)
        text = to_text(get(record, "text"))
        raw = raw_of(record)
        doc: dict[str, Any] = {
            "doc_id": doc_id,
            "platform": platform,
            "native_id": native,
            "author_id": author,
            "published_at": published,
            "text": text,
            "title": to_text(get(record, "title")),
            "url": url,
            "lang": (to_text(get(record, "lang")) or "").lower()[:2] or None,
            "likes": count("likes", get(record, "likes")),
            "shares": count("shares", get(record, "shares")),
            "replies": count("replies", get(record, "replies")),
            "views": count("views", get(record, "views")),
            "raw": raw,
        }
        if platform != WEB:
            for name in ("mentions", "hashtags"):
                listed = to_text(get(record, name))
                if listed:
                    doc[name] = [
                        item.lstrip("@#").lower()
                        for item in re.split(r"[,;\s]+", listed)
                        if item.lstrip("@#")
                    ]
        mapped = Mapped(documents=[doc])
        expanded = to_text(get(record, "links"))
        if expanded:
            mapped.links = link_rows(doc_id, find_urls(expanded))
        if author:
            verified = get(record, "verified")
            try:
                verified_flag = to_bool(verified)
            except ValueError:
                verified_flag = None
            mapped.actors.append(
                {
                    "actor_id": author,
                    "platform": platform,
                    "handle": handle,
                    # A web row's author is the site: its name, not the byline.
                    "name": (to_text(get(record, "site_name")) or handle)
                    if platform == WEB
                    else to_text(get(record, "author_name")),
                    "bio": to_text(get(record, "bio")),
                    "followers": count("followers", get(record, "followers")),
                    "verified": verified_flag,
                    "homepage": f"https://{handle}/" if platform == WEB else None,
                }
            )
        self._thread(record, doc, mapped)
        return mapped

    def _thread(self, record: dict[str, Any], doc: dict[str, Any], mapped: Mapped) -> None:
        """Repost/reply/quote of another post, when the export says so."""
        kind_word = (to_text(self.get(record, "entry_type")) or "").lower()
        kind = (
            "repost"
            if kind_word in REPOST_WORDS
            else "reply"
            if kind_word in REPLY_WORDS
            else "quote"
            if kind_word in QUOTE_WORDS
            else None
        )
        if kind is None:
            return
        platform = doc["platform"]
        target_url = to_text(self.get(record, "thread_url"))
        thread_id = convert("thread_id", native_id, self.get(record, "thread_id"))
        target_native = native_of(platform, target_url, thread_id)
        if target_native and target_native != doc["native_id"]:
            column = {"repost": "repost_of", "reply": "reply_to", "quote": "quote_of"}[kind]
            doc[column] = ids.doc_id(platform, target_native)
        target_handle = handle_from_url(platform, target_url) or to_text(
            self.get(record, "thread_author")
        )
        if target_handle and doc["author_id"]:
            target = ids.actor_id(platform, target_handle)
            mapped.interactions += edge(
                doc["author_id"], target, kind, doc["doc_id"], doc["published_at"]
            )
