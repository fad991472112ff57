"""Pieces every platform mapper and file preset shares.

A platform mapper turns one record in the platform's own shape (an X API tweet,
a Mastodon status, a Bluesky post view…) into canonical rows. The same pure
function serves the file preset (``ingest file --preset``) and the live
connector, so a post read from an archive and the same post polled live land
as the same ``platform:native_id`` with the same author id.

Conventions, kept here so every mapper agrees on them:

* actor ids are ``platform:handle`` lower-cased (Mastodon: ``user@instance``), built
  by :mod:`influscope.ids`;
* the source record is kept verbatim in ``raw``;
* interactions the source states (retweet of X, reply to Y) are written
  explicitly with the target actor, besides what the store derives from text;
* links are the expanded URLs the source gives, not shorteners.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

from influscope import ids
from influscope.errors import N_, Phrase, UsageError
from influscope.ingest.batch import FieldError, Mapped
from influscope.ingest.files.readers import detect_format, json_text, payload, read_records
from influscope.ingest.urls import canonical_url, web_entity
from influscope.ingest.values import to_int, to_utc


def dumps(value: Any) -> str:
    """Compact JSON of a source record, for the ``raw`` column (see :func:`json_text`)."""
    return json_text(value)


def convert(field: str, fn: Callable[[Any], Any], value: Any) -> Any:
    """Apply a value parser, turning its ValueError into a FieldError naming ``field``."""
    try:
        return fn(value)
    except (ValueError, TypeError) as exc:
        raise FieldError.of(field, exc) from exc


def when(field: str, value: Any, required: bool = True) -> Any:
    """A UTC timestamp from ``value``; a required one that is missing is a FieldError."""
    moment = convert(field, to_utc, value)
    if moment is None and required:
        raise FieldError(field, Phrase(N_("missing publication time")))
    return moment


def count(field: str, value: Any) -> int | None:
    """A non-negative count, or a FieldError naming ``field``."""
    result: int | None = convert(field, to_int, value)
    return result


def need(record: Any, key: str, field: str | None = None) -> Any:
    """``record[key]``, or a FieldError naming the field when absent or empty."""
    if not isinstance(record, dict):
        raise FieldError(field or key, Phrase(N_("expected an object")))
    value = record.get(key)
    if value is None or value == "":
        raise FieldError(field or key, Phrase(N_("missing {field}"), field=repr(field or key)))
    return value


def edge(src: str | None, dst: str | None, kind: str, doc_id: str, at: Any) -> list[dict[str, Any]]:
    """One interaction row (none when an end is unknown or it is a self-loop)."""
    if not src or not dst or src == dst:
        return []
    return [{"src": src, "dst": dst, "kind": kind, "doc_id": doc_id, "at": at}]


def mention_edges(
    author: str | None, platform: str, handles: list[str], doc_id: str, at: Any
) -> list[dict[str, Any]]:
    """Mention edges from a document's author to each handle it mentions (on ``platform``)."""
    return [
        e for h in handles for e in edge(author, ids.actor_id(platform, h), "mention", doc_id, at)
    ]


def link_rows(doc_id: str, urls: list[str]) -> list[dict[str, Any]]:
    """Link rows of explicit (expanded) URLs, canonicalised, one per distinct URL."""
    seen: dict[str, str] = {}
    for url in urls:
        if not url or not url.lower().startswith(("http://", "https://")):
            continue
        canon = canonical_url(url)
        domain = web_entity(canon)
        if domain:
            seen[canon] = domain
    return [{"doc_id": doc_id, "url": u, "domain": d} for u, d in seen.items()]


def merge(*parts: Mapped) -> Mapped:
    """Concatenate several mapped records (a tweet and the tweets it quotes)."""
    out = Mapped()
    for part in parts:
        out.documents.extend(part.documents)
        out.actors.extend(part.actors)
        out.interactions.extend(part.interactions)
        out.links.extend(part.links)
    return out


class Preset:
    """Base of file presets: format detection and record reading over the generic readers.

    Subclasses set ``name`` and ``formats`` and implement :meth:`map_record`;
    they may override :meth:`records` when one file line holds several items.
    The constructor takes the ``--platform`` and ``--map`` options of the
    command, which most presets ignore (the platform is known).
    """

    name = "preset"
    formats: tuple[str, ...] = ("jsonl", "json")

    def __init__(self, platform: str | None = None, mapping: dict[str, str] | None = None) -> None:
        self.platform = platform
        self.mapping = mapping or {}

    def detect_format(self, path: Path) -> str:
        """The file's format from its name, or the preset's first format when unclear."""
        try:
            fmt = detect_format(path)
        except UsageError:  # an unknown suffix: trust the preset
            return self.formats[0]
        return fmt

    def records(
        self, path: Path, fmt: str, encoding: str | None = None
    ) -> Iterator[tuple[int, dict[str, Any]]]:
        """``(line, record)`` pairs read from the file (``encoding``: ``--encoding``, if given)."""
        yield from read_records(path, fmt, encoding=encoding)

    def map_record(self, record: dict[str, Any]) -> Mapped:  # pragma: no cover - abstract
        """Map one record to canonical rows."""
        raise NotImplementedError


def raw_of(record: dict[str, Any]) -> str:
    """The record as the reader saw it (its line), else re-serialised without private keys."""
    raw = record.get("__raw__")
    if isinstance(raw, str):
        return raw
    return dumps(payload(record))
