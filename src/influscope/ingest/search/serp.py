"""Result pages (SERPs): generic tables and the JSON of common SERP APIs.

- **generic**: ``query, captured_at, rank, url, title, snippet, engine`` (CSV,
  TSV, JSONL, XLSX…); ``position``/``link`` are accepted for rank/url.
- **serpapi**: one API response per file (or a JSON array of them, or JSONL):
  ``search_parameters.q`` and ``.engine``, ``search_metadata.created_at``, and
  ``organic_results[]`` with ``position``, ``link``, ``title``, ``snippet``.
  Each response becomes one row per organic result; a result without a link is
  an error naming its place (``organic_results[3].link``).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path
from typing import Any

import orjson

from influscope.errors import N_, InputError, Phrase, UsageError
from influscope.ingest.batch import FieldError
from influscope.ingest.files.columns import checked_records
from influscope.ingest.files.containers import open_binary
from influscope.ingest.files.readers import detect_format, read_records
from influscope.ingest.urls import canonical_url, web_entity
from influscope.ingest.values import to_text, to_utc

PRESETS = ("generic", "serpapi")
# The column names (any case) a generic table gives each field in.
QUERY = ("query", "q", "keyword")
CAPTURED = ("captured_at", "date", "timestamp")
RANK = ("rank", "position")
URL = ("url", "link")
TITLE = ("title",)
SNIPPET = ("snippet", "description")
ENGINE = ("engine", "service")
# An address without its scheme, as query-click logs and some SEO exports write
# them ("news.21cn.com/social/…", "www.big38.net/"): a host name of two labels or
# more, then a path, a port or nothing. Read as http:// (canonical_url keeps it).
BARE_ADDRESS = re.compile(
    r"(?:[a-z0-9](?:[a-z0-9-]*[a-z0-9])?\.)+[a-z]{2,63}(?::[0-9]{1,5})?(?:[/?#]\S*)?$",
    re.IGNORECASE,
)
# The store keeps ranks as 32-bit integers; no result page goes near.
MAX_RANK = 2**31 - 1


def _rank(value: Any, name: str = "rank") -> int:
    try:
        rank = int(float(str(value).strip()))
    except (TypeError, ValueError, OverflowError) as exc:
        raise FieldError(
            name, Phrase(N_("expected a rank (1, 2, …), got {value}"), value=repr(value))
        ) from exc
    if not 1 <= rank <= MAX_RANK:
        raise FieldError(
            name,
            Phrase(
                N_("expected a rank from 1 to {highest}, got {value}"),
                highest=MAX_RANK,
                value=repr(value),
            ),
        )
    return rank


def _when(value: Any, name: str) -> Any:
    try:
        moment = to_utc(value)
    except ValueError as exc:
        raise FieldError.of(name, exc) from exc
    if moment is None:
        raise FieldError(
            name,
            Phrase(
                N_(
                    "missing capture time (a column captured_at, date or timestamp; "
                    "search_metadata.created_at in a SERP API response)"
                )
            ),
        )
    return moment


def slot_row(
    query: Any, captured_at: Any, rank: Any, url: Any, title: Any, snippet: Any, engine: Any
) -> dict[str, Any]:
    """One ``serp`` row, validated: the URL canonical, its web entity as domain."""
    text = to_text(query)
    if not text:
        raise FieldError("query", Phrase(N_("missing query")))
    link = to_text(url)
    if link and BARE_ADDRESS.match(link.strip()):
        link = "http://" + link.strip()
    if not link or not link.strip().lower().startswith(("http://", "https://")):
        raise FieldError("url", Phrase(N_("expected an http(s) URL, got {url}"), url=repr(url)))
    canonical = canonical_url(link)
    return {
        "query": " ".join(text.split()),
        "captured_at": _when(captured_at, "captured_at"),
        "engine": (to_text(engine) or "").strip().lower(),
        "rank": _rank(rank),
        "url": canonical,
        "title": to_text(title),
        "snippet": to_text(snippet),
        "domain": web_entity(canonical),
    }


class SerpPreset:
    """Generic result-slot tables, read by column name in any case (``Query``, ``URL``)."""

    name = "generic"

    def __init__(self, engine: str | None = None, captured_at: datetime | None = None) -> None:
        self.engine = engine
        self.captured_at = captured_at

    def records(self, path: Path) -> Iterator[tuple[int, dict[str, Any]]]:
        """``(line, record)`` for every record.

        Raises:
            UsageError: the table has no column for a field every row needs
                (checked on its first record, before anything is written).
        """
        needed = {"query": QUERY, "rank": RANK, "url": URL}
        if self.captured_at is None:
            needed["captured_at"] = CAPTURED
        return checked_records(
            str(path),
            read_records(path, detect_format(path)),
            needed,
            N_(
                "A result page is one row per result: its query, rank and "
                "URL, and when it was captured (or --captured-at for every row)."
            ),
        )

    def map_record(self, record: dict[str, Any]) -> list[dict[str, Any]]:
        """One ``serp`` row per record."""
        lowered = {str(k).strip().lower(): v for k, v in record.items()}

        def get(names: tuple[str, ...]) -> Any:
            for name in names:
                if lowered.get(name) not in (None, ""):
                    return lowered[name]
            return None

        return [
            slot_row(
                get(QUERY),
                get(CAPTURED) or self.captured_at,
                get(RANK),
                get(URL),
                get(TITLE),
                get(SNIPPET),
                get(ENGINE) or self.engine,
            )
        ]


class SerpApiPreset(SerpPreset):
    """Responses of SERP APIs in the SerpApi shape (``organic_results``)."""

    name = "serpapi"

    def records(self, path: Path) -> Iterator[tuple[int, dict[str, Any]]]:
        """One record per API response (a file, an array item, or a JSONL line)."""
        with open_binary(path) as handle:
            data = handle.read()
        try:
            value = orjson.loads(data)
        except orjson.JSONDecodeError:
            for number, line in enumerate(data.splitlines(), start=1):
                if not line.strip():
                    continue
                try:
                    item = orjson.loads(line)
                except orjson.JSONDecodeError as exc:
                    yield number, {"__error__": f"invalid JSON: {exc}"}
                    continue
                yield number, item if isinstance(item, dict) else {"__error__": "not an object"}
            return
        items = value if isinstance(value, list) else [value]
        for number, item in enumerate(items, start=1):
            if not isinstance(item, dict):
                yield number, {"__error__": "expected a SERP API response object"}
            else:
                yield number, item

    def map_record(self, record: dict[str, Any]) -> list[dict[str, Any]]:
        """One row per organic result of the response."""
        params = record.get("search_parameters") or {}
        meta = record.get("search_metadata") or {}
        query = params.get("q") or params.get("query")
        if not query:
            raise FieldError("search_parameters.q", Phrase(N_("missing query")))
        captured = meta.get("created_at") or meta.get("processed_at") or self.captured_at
        engine = params.get("engine") or self.engine or "serpapi"
        results = record.get("organic_results")
        if not isinstance(results, list):
            raise FieldError("organic_results", Phrase(N_("missing list of organic results")))
        rows = []
        for index, item in enumerate(results):
            place = f"organic_results[{index}]"
            if not isinstance(item, dict):
                raise FieldError(place, Phrase(N_("expected an object")))
            try:
                rows.append(
                    slot_row(
                        query,
                        captured,
                        item.get("position", index + 1),
                        item.get("link") or item.get("url"),
                        item.get("title"),
                        item.get("snippet"),
                        engine,
                    )
                )
            except FieldError as exc:
                raise FieldError(f"{place}.{exc.field}", exc.reason) from exc
        return rows


def serp_preset(
    name: str | None, path: Path, engine: str | None = None, captured_at: str | None = None
) -> SerpPreset:
    """The preset called ``name``, or the one the file looks like.

    ``captured_at`` is the capture time of every row that gives none (a
    scraped page or a click log often has no date of its own).

    Raises:
        UsageError: an unknown preset, or a ``captured_at`` that is no date.
    """
    moment = _given_time(captured_at)
    if name is None:
        name = "serpapi" if _looks_like_api(path) else "generic"
    if name == "generic":
        return SerpPreset(engine=engine, captured_at=moment)
    if name == "serpapi":
        return SerpApiPreset(engine=engine, captured_at=moment)
    raise UsageError(
        N_("Unknown SERP preset {name}."),
        N_("Presets: {presets}."),
        name=repr(name),
        presets=", ".join(PRESETS),
    )


def _given_time(value: str | None) -> datetime | None:
    if value is None:
        return None
    try:
        moment = to_utc(value)
    except ValueError as exc:
        raise UsageError(
            N_("--captured-at: {reason}."), N_("Example: --captured-at 2026-03-01"), reason=str(exc)
        ) from exc
    if moment is None:
        raise UsageError(N_("--captured-at: expected a date, got nothing."))
    return moment


def _looks_like_api(path: Path) -> bool:
    try:
        with open_binary(path) as handle:
            head = handle.read(65536)
    except InputError:
        return False
    return b"organic_results" in head
