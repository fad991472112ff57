"""Observed transitions: how many readers went from one page to the next.

The crawler knows that a page links to another; only reader data says how many
people follow each link. Two shapes are read:

- **generic**: a table (CSV/TSV/JSON/JSONL/XLSX/Parquet) with ``src_url,
  dst_url, clicks`` (``source``/``from``/``prev`` and ``target``/``to``/``curr``
  and ``n``/``count`` are understood too), optionally ``period``. A ``src_url``
  that is one of the clickstream's referrer classes below is an entry from
  outside, not a page.
- **clickstream**: the Wikimedia clickstream layout, ``prev, curr, type, n``:
  the monthly dump (TSV without header, titles with ``_`` for spaces, no
  quoting) or a table with those column names (an extra index column is
  ignored). ``prev`` is an article, or a referrer class: ``other-search``
  (search engines), ``other-external`` (other sites), ``other-internal``
  (other Wikimedia projects), ``other-empty`` (no referrer), ``other-other``.
  Titles become URLs under ``base_url`` (default: the wiki named in the file
  name, ``clickstream-frwiki-…`` → ``https://fr.wikipedia.org/wiki/``, else
  English), percent-encoded as MediaWiki writes its links, so they meet the
  crawled pages' URLs; the period is read from the file name (``2024-10``)
  unless given.

Each row becomes one ``transitions`` row: ``src_url`` ('' for an entry),
``dst_url``, ``referrer`` ('' for a page-to-page move; else ``search``,
``external``, ``internal``, ``direct`` or ``other``), the source's ``type``,
``period`` and ``clicks``. A bad row is a :class:`~influscope.model.RowError`
naming file, line and field.

Example:
    >>> ClickstreamPreset().map_record({"prev": "other-search", "curr": "Café", "type": "external", "n": "12"})[0]["dst_url"]
    'https://en.wikipedia.org/wiki/Caf%C3%A9'
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import quote

from influscope.errors import N_, Phrase, UsageError
from influscope.ingest.batch import FieldError
from influscope.ingest.files.columns import checked_records
from influscope.ingest.files.readers import detect_format, open_text, read_records
from influscope.ingest.search.demand import number
from influscope.ingest.urls import canonical_url
from influscope.ingest.values import to_text

PRESETS = ("generic", "clickstream")
REFERRERS = {
    "other-search": "search",
    "other-external": "external",
    "other-internal": "internal",
    "other-empty": "direct",
    "other-other": "other",
}
CLICKSTREAM_TYPES = ("link", "external", "other")
# The column names (any case) a generic table gives each field in.
SOURCE = ("src_url", "source", "src", "from", "prev")
DESTINATION = ("dst_url", "target", "dst", "to", "curr")
CLICKS = ("clicks", "n", "count")
MEDIAWIKI_SAFE = ";:@$!*(),/~"  # what MediaWiki leaves unescaped in its article URLs
_WIKI = re.compile(r"clickstream-([a-z][a-z-]*?)wiki", re.IGNORECASE)
_PERIOD = re.compile(r"(?<!\d)(\d{4}-\d{2})(?!\d)")


def _pick(record: dict[str, Any], *names: str) -> Any:
    lowered = {str(k).strip().lower(): v for k, v in record.items() if not str(k).startswith("__")}
    for name in names:
        if name in lowered:
            return lowered[name]
    return None


def _clicks(value: Any) -> float:
    clicks = number(value, "clicks")
    if clicks is None:
        raise FieldError("clicks", Phrase(N_("missing click count")))
    return clicks


def _url(value: str, field: str) -> str:
    if not value.lower().startswith(("http://", "https://")):
        raise FieldError(
            field,
            Phrase(
                N_("expected an http(s) URL or a referrer class, got {value}"),
                value=repr(value[:80]),
            ),
        )
    return canonical_url(value)


class TransitionPreset:
    """Reads one shape of transitions file; maps each record to ``transitions`` rows."""

    name = "generic"

    def __init__(self, period: str | None = None) -> None:
        self.period = period

    def records(self, path: Path) -> Iterator[tuple[int, dict[str, Any]]]:
        """``(line, record)`` for every record of the file.

        Raises:
            UsageError: the table has no column of destinations or of clicks
                (checked on its first record, before anything is written).
        """
        return checked_records(
            str(path),
            read_records(path, detect_format(path)),
            {"dst_url": DESTINATION, "clicks": CLICKS},
            N_(
                "A transition is one row per link followed: src_url, dst_url "
                "and how many readers followed it (clicks)."
            ),
        )

    def map_record(self, record: dict[str, Any]) -> list[dict[str, Any]]:
        """One ``transitions`` row; raises FieldError naming the bad field."""
        src = to_text(_pick(record, *SOURCE)) or ""
        dst = to_text(_pick(record, *DESTINATION))
        if not dst:
            raise FieldError("dst_url", Phrase(N_("missing destination (column 'dst_url')")))
        clicks = _clicks(_pick(record, *CLICKS))
        referrer = REFERRERS.get(src.strip().lower(), "")
        return [
            {
                "src_url": "" if referrer else _url(src, "src_url"),
                "dst_url": _url(dst, "dst_url"),
                "referrer": referrer,
                "type": to_text(_pick(record, "type")),
                "period": self.period or to_text(_pick(record, "period", "month")) or "",
                "clicks": clicks,
                "source": self.name,
            }
        ]


class ClickstreamPreset(TransitionPreset):
    """The Wikimedia clickstream layout (``prev, curr, type, n``), titles under ``base_url``."""

    name = "clickstream"

    def __init__(
        self, period: str | None = None, base_url: str | None = None, path: Path | None = None
    ) -> None:
        super().__init__(period or (_period_of(path) if path else None))
        self.base_url = base_url or _wiki_of(path)

    def records(self, path: Path) -> Iterator[tuple[int, dict[str, Any]]]:
        """The dump's headerless TSV line by line, or a table with a header."""
        if _headerless(path):
            yield from _dump_lines(path)
        else:
            yield from super().records(path)

    def map_record(self, record: dict[str, Any]) -> list[dict[str, Any]]:
        """One row: an article-to-article move, or an entry from a referrer class."""
        prev = to_text(_pick(record, "prev"))
        curr = to_text(_pick(record, "curr"))
        if not prev:
            raise FieldError("prev", Phrase(N_("missing referrer (column 'prev')")))
        if not curr:
            raise FieldError("curr", Phrase(N_("missing article (column 'curr')")))
        kind = (to_text(_pick(record, "type")) or "").lower()
        if kind not in CLICKSTREAM_TYPES:
            raise FieldError(
                "type",
                Phrase(
                    N_("expected one of {choices}, got {kind}"),
                    choices=", ".join(CLICKSTREAM_TYPES),
                    kind=repr(kind),
                ),
            )
        referrer = REFERRERS.get(prev, "")
        if not referrer and prev.startswith("other-"):
            raise FieldError("prev", Phrase(N_("unknown referrer class {prev}"), prev=repr(prev)))
        return [
            {
                "src_url": "" if referrer else self.article(prev),
                "dst_url": self.article(curr),
                "referrer": referrer,
                "type": kind,
                "period": self.period or "",
                "clicks": _clicks(_pick(record, "n")),
                "source": self.name,
            }
        ]

    def article(self, title: str) -> str:
        """The canonical URL of an article title (``Café_au_lait`` → ``…/wiki/Caf%C3%A9_au_lait``)."""
        return canonical_url(self.base_url + quote(title.replace(" ", "_"), safe=MEDIAWIKI_SAFE))


def _wiki_of(path: Path | None) -> str:
    found = _WIKI.search(path.name) if path else None
    language = found.group(1).lower() if found else "en"
    return f"https://{language}.wikipedia.org/wiki/"


def _period_of(path: Path) -> str | None:
    found = _PERIOD.search(path.name)
    return found.group(1) if found else None


def _headerless(path: Path) -> bool:
    with open_text(path) as handle:
        first = handle.readline().rstrip("\r\n").split("\t")
    return len(first) == 4 and first[2] in CLICKSTREAM_TYPES and first[3].isdigit()


def _dump_lines(path: Path) -> Iterator[tuple[int, dict[str, Any]]]:
    with open_text(path) as handle:
        for line_number, line in enumerate(handle, start=1):
            fields = line.rstrip("\r\n").split("\t")
            if fields == [""]:
                continue
            if len(fields) != 4:
                yield (
                    line_number,
                    {"__error__": f"expected 4 tab-separated fields, found {len(fields)}"},
                )
                continue
            yield line_number, dict(zip(("prev", "curr", "type", "n"), fields, strict=True))


def transitions_preset(
    name: str | None, path: Path, *, period: str | None = None, base_url: str | None = None
) -> TransitionPreset:
    """The preset to read ``path`` with: named, or detected (clickstream columns or layout)."""
    if name is None:
        name = "clickstream" if _looks_like_clickstream(path) else "generic"
    if name == "clickstream":
        return ClickstreamPreset(period, base_url, path)
    if name == "generic":
        if base_url:
            raise UsageError(
                N_("--base-url applies to clickstream titles only."),
                N_("Give full URLs in src_url/dst_url, or use --preset clickstream."),
            )
        return TransitionPreset(period)
    raise UsageError(
        N_("Unknown transitions preset {name}."),
        N_("Presets: {presets}."),
        name=repr(name),
        presets=", ".join(PRESETS),
    )


def _looks_like_clickstream(path: Path) -> bool:
    if _headerless(path):
        return True
    with open_text(path) as handle:
        header = handle.readline().lower()
    columns = {c.strip().strip('"') for c in re.split(r"[,\t;]", header)}
    return {"prev", "curr", "n"} <= columns
