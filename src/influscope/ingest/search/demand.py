"""Search demand files: Keyword Planner, Search Console and generic tables.

- **generic**: CSV/TSV/JSON/XLSX with ``query, volume, locale, period`` (and
  optionally ``clicks, impressions, position``).
- **keyword-planner**: the Google Ads Keyword Planner download — UTF-16 with
  tabs, two title rows ("Keyword Stats …", the date range) above a header with
  ``Keyword, Currency, Avg. monthly searches, …``. Volumes may be ranges such as
  ``1K – 10K`` in accounts without spend; the geometric middle of the range is
  used, since volumes spread over orders of magnitude.
- **search-console**: the "Queries.csv" of a Search Console performance export:
  ``Top queries, Clicks, Impressions, CTR, Position`` (French headers too).
  Impressions stand for demand; clicks/impressions at the average position is
  the observed click-through the journey uses instead of the prior.
"""

from __future__ import annotations

import csv
import math
import re
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from influscope.errors import N_, Phrase, UsageError
from influscope.ingest.batch import FieldError
from influscope.ingest.files.columns import checked_records
from influscope.ingest.files.containers import open_binary
from influscope.ingest.files.encoding import MARK, SAMPLE, decode_error, detect
from influscope.ingest.files.readers import damaged_field, detect_format, read_records
from influscope.ingest.values import to_text

PRESETS = ("generic", "keyword-planner", "search-console")
QUERY_HEADERS = ("query", "keyword", "top queries", "requêtes les plus fréquentes", "requête")
VOLUME_HEADERS = ("volume", "avg. monthly searches", "searches", "impressions")
_RANGE = re.compile(r"^\s*([\d.,]+\s*[kKmM]?)\s*[–—-]\s*([\d.,]+\s*[kKmM]?)\s*$")


def number(value: Any, name: str, percent: bool = False) -> float | None:
    """A number from an export cell: ``1,234``, ``1 234``, ``12.5%``, ``1K – 10K``, ``<10``."""
    if value is None:
        return None
    if isinstance(value, int | float) and not isinstance(value, bool):
        if isinstance(value, float) and math.isnan(value):
            return None
        try:
            number_value = float(value)
        except OverflowError as exc:
            raise FieldError(
                name, Phrase(N_("expected a number, got {value}"), value=repr(value))
            ) from exc
        if not math.isfinite(number_value):
            raise FieldError(
                name, Phrase(N_("expected a finite number, got {value}"), value=repr(value))
            )
        if number_value < 0:
            raise FieldError(
                name, Phrase(N_("expected a number of 0 or more, got {value}"), value=repr(value))
            )
        return number_value
    text = str(value).strip().replace("\u202f", "").replace("\u00a0", "")
    if text in {"", "-", "--", "—"}:
        return None
    ranged = _RANGE.match(text)
    if ranged:
        low = number(ranged.group(1), name)
        high = number(ranged.group(2), name)
        if low is not None and high is not None:
            return math.sqrt(max(low, 1.0) * high)
    text = text.lstrip("<>~≈ ")
    is_percent = text.endswith("%")
    text = text.rstrip("%").strip()
    multiplier = 1.0
    if text[-1:].lower() in {"k", "m"}:
        multiplier = 1e3 if text[-1].lower() == "k" else 1e6
        text = text[:-1].strip()
    if re.fullmatch(r"\d{1,3}([ ,]\d{3})+(\.\d+)?", text):
        text = text.replace(",", "").replace(" ", "")
    elif re.fullmatch(r"\d+,\d+", text):
        text = text.replace(",", ".")  # decimal comma
    try:
        result = float(text) * multiplier
    except ValueError as exc:
        raise FieldError(
            name, Phrase(N_("expected a number, got {value}"), value=repr(value))
        ) from exc
    if not math.isfinite(result):
        raise FieldError(
            name, Phrase(N_("expected a finite number, got {value}"), value=repr(value))
        )
    if is_percent or (percent and result > 1):
        result /= 100
    if result < 0:
        raise FieldError(
            name, Phrase(N_("expected a number of 0 or more, got {value}"), value=repr(value))
        )
    return result


def _pick(record: dict[str, Any], *names: str) -> Any:
    lowered = {str(k).strip().lower(): v for k, v in record.items() if not str(k).startswith("__")}
    for name in names:
        if name in lowered:
            return lowered[name]
    return None


class DemandPreset:
    """Reads one shape of demand export and maps each record to a ``search_demand`` row."""

    name = "generic"

    def __init__(self, locale: str | None = None, period: str | None = None) -> None:
        self.locale = locale
        self.period = period

    def records(self, path: Path) -> Iterator[tuple[int, dict[str, Any]]]:
        """``(line, record)`` for every record of the file.

        Raises:
            UsageError: the file has no column of queries, or none of search
                volume (nor of impressions): its rows would be stored as demand
                of unknown size.
        """
        return checked_records(
            str(path),
            read_records(path, detect_format(path)),
            {"query": QUERY_HEADERS, "volume": VOLUME_HEADERS},
            N_(
                "Demand is how often a query is searched: export the volumes, or rename the "
                "column that holds them 'volume'. A relative index (Google Trends' 0-100) is "
                "not a volume: it is scaled per query."
            ),
        )

    def map_record(self, record: dict[str, Any]) -> list[dict[str, Any]]:
        """One ``search_demand`` row; raises FieldError naming the bad field."""
        query = to_text(_pick(record, *QUERY_HEADERS))
        if not query:
            raise FieldError("query", Phrase(N_("missing query (column 'query')")))
        volume = number(_pick(record, *VOLUME_HEADERS[:-1]), "volume")
        impressions = number(_pick(record, "impressions"), "impressions")
        return [
            {
                "query": " ".join(query.split()),
                "locale": self.locale or to_text(_pick(record, "locale", "lang", "country")) or "",
                "period": self.period or to_text(_pick(record, "period", "month", "date")) or "",
                "volume": volume if volume is not None else impressions,
                "clicks": number(_pick(record, "clicks", "clics"), "clicks"),
                "impressions": impressions,
                "position": number(_pick(record, "position", "avg. position"), "position"),
                "source": self.name,
            }
        ]


class KeywordPlannerPreset(DemandPreset):
    """Google Ads Keyword Planner downloads (UTF-16 TSV with title rows, or UTF-8 CSV)."""

    name = "keyword-planner"

    def records(self, path: Path) -> Iterator[tuple[int, dict[str, Any]]]:
        """Skip the title rows; take the date-range row as the period."""
        if path.suffix.lower() in {".xlsx", ".xlsm"}:
            yield from read_records(path, "xlsx")  # the header is found below the title rows
            return
        with open_binary(path) as handle:
            data = handle.read()
        encoding = detect(data[:SAMPLE])
        text = data.decode(encoding, MARK)
        lines = text.splitlines()
        header_at = next(
            (i for i, line in enumerate(lines) if re.match(r'^"?keyword"?\s*[\t,]', line, re.I)),
            None,
        )
        if header_at is None:
            raise UsageError(
                N_("{path}: no 'Keyword' header row found."),
                N_("Is this a Keyword Planner download? Use --preset generic for other tables."),
                path=str(path),
            )
        if self.period is None:
            titles = [line.strip().strip('"').strip() for line in lines[:header_at]]
            ranges = [t for t in titles if re.search(r"\d{4}", t) and " - " in t]
            self.period = ranges[0] if ranges else None
        delimiter = "\t" if lines[header_at].count("\t") >= lines[header_at].count(",") else ","
        csv.field_size_limit(sys.maxsize)
        reader = csv.reader(lines[header_at:], delimiter=delimiter)
        header = [h.strip() for h in next(reader)]
        for offset, row in enumerate(reader, start=header_at + 2):
            if not any(cell.strip() for cell in row):
                continue
            if len(row) < len(header) and len(row) < 3:
                yield offset, {"__error__": f"expected {len(header)} fields, found {len(row)}"}
                continue
            record = dict(zip(header, row, strict=False))
            bad = damaged_field(record)
            if bad is not None:
                reason = decode_error(encoding, record[bad])
                yield offset, {"__error__": reason, "__field__": bad}
                continue
            yield offset, record


class SearchConsolePreset(DemandPreset):
    """Search Console "Queries.csv" (clicks, impressions, CTR, position per query)."""

    name = "search-console"

    def map_record(self, record: dict[str, Any]) -> list[dict[str, Any]]:
        """Impressions stand for demand; clicks and position are kept for observed CTR."""
        rows = super().map_record(record)
        row = rows[0]
        row["volume"] = row["impressions"]
        if row["clicks"] is None:
            ctr = number(_pick(record, "ctr"), "ctr", percent=True)
            if ctr is not None and row["impressions"] is not None:
                row["clicks"] = ctr * row["impressions"]
        if row["impressions"] is None:
            raise FieldError(
                "impressions", Phrase(N_("missing impressions (column 'Impressions')"))
            )
        return rows


def demand_preset(
    name: str | None, path: Path, locale: str | None = None, period: str | None = None
) -> DemandPreset:
    """The preset called ``name``, or the one whose header the file has."""
    classes = {
        "generic": DemandPreset,
        "keyword-planner": KeywordPlannerPreset,
        "search-console": SearchConsolePreset,
    }
    if name is None:
        name = sniff_demand(path)
    if name not in classes:
        raise UsageError(
            N_("Unknown demand preset {name}."),
            N_("Presets: {presets}."),
            name=repr(name),
            presets=", ".join(PRESETS),
        )
    return classes[name](locale=locale, period=period)


def sniff_demand(path: Path) -> str:
    """Guess the preset from the first bytes of the file."""
    with open_binary(path) as handle:
        data = handle.read(4096)
        head = data.decode(detect(data), MARK).lower()
    if "avg. monthly searches" in head or head.startswith("keyword stats"):
        return "keyword-planner"
    if "top queries" in head or "requêtes les plus fréquentes" in head:
        return "search-console"
    return "generic"
