"""Generic tables: any CSV/TSV/JSON/JSONL/Parquet/XLSX with a column mapping.

A column named like a canonical field needs no mapping; ``--map text=body``
names the others. Export files round-trip: ``doc_id``, ``author_id``,
``native_id``, ``hashtags`` and ``mentions`` are understood too.

``links`` is the export's list of *expanded* URLs (``--map links=expanded_urls``;
a JSON list, or URLs separated by commas or spaces): they are the document's
links, and the shortened copies in its text (``t.co/…``) are then not links
at all (see :mod:`influscope.store.ingestion`).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

import orjson

from influscope import ids
from influscope.errors import N_, Phrase, UsageError
from influscope.ingest.batch import FieldError, Mapped
from influscope.ingest.files.readers import json_text, payload
from influscope.ingest.platforms.common import link_rows
from influscope.ingest.values import (
    check_id,
    native_id,
    ref_id,
    to_bool,
    to_int,
    to_text,
    to_utc,
)

FIELDS = (
    "id",
    "text",
    "title",
    "url",
    "author",
    "author_name",
    "author_bio",
    "author_verified",
    "author_homepage",
    "followers",
    "published_at",
    "lang",
    "likes",
    "shares",
    "replies",
    "views",
    "reply_to",
    "repost_of",
    "quote_of",
    "platform",
    "links",
)
# Column names of `influscope export documents`, accepted so exports re-import.
EXPORT_FIELDS = ("doc_id", "native_id", "author_id", "hashtags", "mentions", "raw", "collected_at")
COUNT_FIELDS = ("likes", "shares", "replies", "views")
DEFAULT_PLATFORM = "file"
# What a platform name may be: the bulk path (store/bulk.py) checks the same pattern.
PLATFORM_PATTERN = "[a-z0-9][a-z0-9_.-]{0,31}"
PLATFORM = re.compile(PLATFORM_PATTERN)


def parse_mapping(pairs: list[str]) -> dict[str, str]:
    """Parse ``FIELD=COLUMN`` options into a dict, refusing unknown fields."""
    mapping: dict[str, str] = {}
    for pair in pairs:
        field_name, sep, column = pair.partition("=")
        field_name = field_name.strip()
        if not sep or not column.strip():
            raise UsageError(
                N_("--map {value}: expected FIELD=COLUMN."),
                N_("Example: --map text=body"),
                value=repr(pair),
            )
        if field_name not in FIELDS + EXPORT_FIELDS:
            raise UsageError(
                N_("--map {value}: {field} is not a field."),
                N_("Fields: {fields}."),
                value=repr(pair),
                field=repr(field_name),
                fields=", ".join(FIELDS),
            )
        mapping[field_name] = column.strip()
    return mapping


def _text_id(value: Any) -> str | None:
    """An identifier column read as text (an author handle, a ``doc_id``)."""
    if value is None or isinstance(value, str | int | float):
        text = to_text(value)
        return check_id(text.strip()) if text is not None else None
    return native_id(value)  # raises: an object or a list is no identifier


def _platform(value: Any) -> str | None:
    """A platform name: lower-case letters, digits, ``.``, ``_`` or ``-`` (it heads every id)."""
    text = to_text(value)
    if text is None:
        return None
    name = text.strip().lower()
    if not PLATFORM.fullmatch(name):
        raise ValueError(
            f"expected a platform name (letters, digits, '.', '_' or '-'), got {text[:40]!r}"
        )
    return name


def _as_text(value: Any) -> str | None:
    """A text column's value: JSON values other than strings as compact JSON.

    ``true`` stays ``true`` and an object ``{"a":1}``, not Python's ``True`` or
    ``{'a': 1}``: what the bulk path (DuckDB reading the same JSON as text)
    stores too. White space alone is no text.
    """
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, dict | list):
        return orjson.dumps(value).decode()
    return to_text(value)


def _item(value: Any) -> str:
    """A list item (a hashtag, a mention) as text, JSON values as in :func:`_as_text`.

    A null item is dropped (by both import paths): it names nothing.
    """
    if isinstance(value, str):
        return value
    if isinstance(value, bool):
        return "true" if value else "false"
    return orjson.dumps(value).decode() if isinstance(value, dict | list) else str(value)


def _list(value: Any) -> list[str] | None:
    if value is None or value == "":
        return None
    if isinstance(value, list):
        return [_item(v) for v in value if v is not None]
    text = str(value).strip()
    if text.startswith("["):
        parsed = orjson.loads(text)
        if not isinstance(parsed, list):
            raise ValueError(f"expected a JSON list, got {text[:40]!r}")
        return [_item(v) for v in parsed if v is not None]
    return [part.strip() for part in text.split(",") if part.strip()]


def _url_list(value: Any) -> list[str] | None:
    """Expanded URLs: a JSON list taken as is, or URLs separated by spaces or commas.

    A URL may hold commas and parentheses (``…/wiki/Washington,_D.C.``), so a
    text is only cut at spaces and at a comma that starts another URL.
    """
    if value is None or value == "":
        return None
    if isinstance(value, list) or str(value).strip().startswith("["):
        return [u.strip() for u in (_list(value) or []) if u.strip()]
    parts = (re.split(r",\s*(?=https?://)", token) for token in str(value).split())
    return [p.strip().rstrip(",;") for group in parts for p in group if p.strip().rstrip(",;")]


class GenericMapper:
    """Maps one record of a generic table to a document and its author."""

    name = "generic"

    def __init__(self, mapping: dict[str, str] | None = None, platform: str | None = None) -> None:
        self.mapping = mapping or {}
        try:
            self.platform = _platform(platform) if platform else None
        except ValueError as exc:
            raise UsageError(
                N_("--platform {value}: {reason}."),
                N_("Example: --platform twitter"),
                value=repr(platform),
                reason=str(exc),
            ) from exc

    def _get(self, record: dict[str, Any], name: str) -> Any:
        column = self.mapping.get(name, name)
        return record.get(column)

    def map_record(self, record: dict[str, Any]) -> Mapped:
        """Map one record; raises :class:`FieldError` naming the bad field."""
        get = self._get

        def convert(name: str, fn: Callable[[Any], Any]) -> Any:
            try:
                return fn(get(record, name))
            except (ValueError, TypeError, orjson.JSONDecodeError) as exc:
                raise FieldError.of(name, exc) from exc

        doc_id = convert("doc_id", _text_id)
        platform = self.platform or convert("platform", _platform)
        ident = convert("id", native_id) or convert("native_id", native_id)
        if doc_id and ":" in doc_id:
            head, tail = ids.split_id(doc_id)
            platform = platform or convert("doc_id", lambda _: _platform(head))
            ident = ident or tail.strip() or None
        platform = (platform or DEFAULT_PLATFORM).lower()
        if not ident:
            column = self.mapping.get("id", "id")
            raise FieldError(
                "id",
                Phrase(
                    N_("missing identifier (column {column}); use --map id=COLUMN"),
                    column=repr(column),
                ),
            )

        author_id = convert("author_id", _text_id)
        handle = convert("author", _text_id)
        if handle is not None and not handle.lstrip("@"):
            handle = None  # "@" alone names no one
        if not author_id and handle:
            author_id = ids.actor_id(platform, handle)
        raw = record.get("__raw__")
        if raw is None:
            raw = json_text(payload(record))
        doc: dict[str, Any] = {
            "doc_id": ids.doc_id(platform, ident),
            "platform": platform,
            "native_id": ident,
            "author_id": author_id,
            "published_at": convert("published_at", to_utc),
            "text": _as_text(get(record, "text")),
            "title": _as_text(get(record, "title")),
            "url": _as_text(get(record, "url")),
            "lang": _as_text(get(record, "lang")),
            "reply_to": convert("reply_to", lambda v: ref_id(platform, v)),
            "repost_of": convert("repost_of", lambda v: ref_id(platform, v)),
            "quote_of": convert("quote_of", lambda v: ref_id(platform, v)),
            "hashtags": convert("hashtags", _list),
            "mentions": convert("mentions", _list),
            "raw": raw,
        }
        for name in COUNT_FIELDS:
            doc[name] = convert(name, to_int)
        collected = convert("collected_at", to_utc)
        if collected is not None:
            doc["collected_at"] = collected
        mapped = Mapped(documents=[doc])
        expanded = convert("links", _url_list)
        if expanded:
            mapped.links = link_rows(doc_id=doc["doc_id"], urls=expanded)
        if author_id:
            mapped.actors.append(
                {
                    "actor_id": author_id,
                    "platform": platform,
                    "handle": (ids.bare_handle(handle) or None) if handle else None,
                    "name": _as_text(get(record, "author_name")),
                    "bio": _as_text(get(record, "author_bio")),
                    "homepage": _as_text(get(record, "author_homepage")),
                    "verified": convert("author_verified", to_bool),
                    "followers": convert("followers", to_int),
                }
            )
        return mapped
