"""Fuzz targets: every reader, every preset and the query parser, on arbitrary bytes.

A target writes the bytes to a file, reads it the way the matching command
does, maps every record and builds the Arrow tables the store would write.
What it may raise is an :class:`~influscope.errors.InfluscopeError` that
names the file (a damaged container, a JSON document that does not parse);
anything else escaping is a finding (the fuzzer reports it as a crash). On
the way it checks what the acceptance of issue #16 needs: every record at a
line of the file, lines in file order, every rejected row with its line.

The same targets serve the hypothesis tests (``tests/fuzz/test_*.py``, CI-sized)
and the coverage-guided run (``bench/fuzz.py`` with atheris, ``make fuzz``).
"""

from __future__ import annotations

import tempfile
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from influscope.errors import InfluscopeError, QueryError
from influscope.ingest.batch import Batch, FieldError
from influscope.ingest.checks import check_mapped, check_row
from influscope.ingest.files import actor_tables
from influscope.ingest.files.generic import GenericMapper
from influscope.ingest.files.graph import read_csv_graph, read_graph, to_batch
from influscope.ingest.files.readers import read_records
from influscope.ingest.plugins import PRESETS
from influscope.ingest.search.demand import (
    DemandPreset,
    KeywordPlannerPreset,
    SearchConsolePreset,
)
from influscope.ingest.search.serp import SerpApiPreset, SerpPreset
from influscope.ingest.search.transitions import ClickstreamPreset, TransitionPreset
from influscope.query.matcher import compile_matcher
from influscope.query.parser import parse

STAMP = datetime(2026, 1, 1)
Records = Iterable[tuple[int, dict[str, Any]]]


@dataclass
class Outcome:
    """What one input gave: records read, rows mapped, records rejected, or a file error."""

    records: int = 0
    mapped: int = 0
    rejected: int = 0
    error: str | None = None


class Finding(AssertionError):
    """An invariant of the readers does not hold (a bug, reported like a crash)."""


def _lines_bound(data: bytes) -> int:
    # Line breaks are \n, \r\n or a lone \r: at most this many lines.
    return data.count(b"\n") + data.count(b"\r") + 1


def _check_lines(records: Records, data: bytes, outcome: Outcome) -> Iterator[dict[str, Any]]:
    """The records, checking each is at a line of the file, in file order."""
    last = 0
    bound = _lines_bound(data)
    for line, record in records:
        if not isinstance(line, int) or line < 1 or line < last:
            raise Finding(f"record at line {line!r} after line {last}")
        if line > max(bound, last + 1) and not record.get("__row_numbered__"):
            raise Finding(f"record at line {line}, but the file has at most {bound} lines")
        last = line
        outcome.records += 1
        yield record


def _map_posts(
    records: Iterator[dict[str, Any]], map_record: Callable[[Any], Any], out: Outcome
) -> None:
    """Map post records as the runner does, and build the batch's Arrow tables."""
    batch = Batch()
    for record in records:
        if "__error__" in record:
            out.rejected += 1
            continue
        try:
            mapped = check_mapped(map_record(record))
        except FieldError:
            out.rejected += 1
            continue
        out.mapped += 1
        batch.documents += mapped.documents
        batch.actors += mapped.actors
        batch.interactions += mapped.interactions
        batch.links += mapped.links
    batch.arrow("fuzz", STAMP)


def _map_rows(
    records: Iterator[dict[str, Any]], map_record: Callable[[Any], Any], out: Outcome
) -> None:
    """Map demand or SERP records as ``read_rows`` does."""
    for record in records:
        if "__error__" in record:
            out.rejected += 1
            continue
        try:
            for row in map_record(record):
                check_row(row)
        except FieldError:
            out.rejected += 1
            continue
        out.mapped += 1


def _generic(fmt: str) -> Callable[[Path, bytes, Outcome], None]:
    def run(path: Path, data: bytes, out: Outcome) -> None:
        records = read_records(path, fmt)
        if fmt in ("xlsx", "parquet"):
            records = ((line, r | {"__row_numbered__": True}) for line, r in records)
        _map_posts(_check_lines(records, data, out), GenericMapper().map_record, out)

    return run


def _preset(name: str, fmt: str) -> Callable[[Path, bytes, Outcome], None]:
    def run(path: Path, data: bytes, out: Outcome) -> None:
        preset = PRESETS.load(name)()
        records: Records = preset.records(path, fmt)
        if fmt in ("xlsx", "zst", "xml") or name == "twitter-v1":
            records = ((line, r | {"__row_numbered__": True}) for line, r in records)
        _map_posts(_check_lines(records, data, out), preset.map_record, out)

    return run


def _search(preset: Any) -> Callable[[Path, bytes, Outcome], None]:
    def run(path: Path, data: bytes, out: Outcome) -> None:
        _map_rows(_check_lines(preset.records(path), data, out), preset.map_record, out)

    return run


def _graph(fmt: str) -> Callable[[Path, bytes, Outcome], None]:
    def run(path: Path, data: bytes, out: Outcome) -> None:
        if fmt == "edges":
            graph = read_csv_graph(None, path)
        elif fmt == "nodes":
            empty = path.with_name("edges.csv")
            empty.write_bytes(b"source,target\n")
            graph = read_csv_graph(path, empty)
        else:
            graph = read_graph(path, fmt)
        _check_errors(graph.errors, data)
        out.records = graph.node_rows + graph.edge_rows
        out.rejected = len(graph.errors)
        kept = graph.accepted_nodes + len(graph.edges) + graph.duplicates + graph.self_loops
        if kept + out.rejected != out.records:
            raise Finding(f"{out.records} rows but {kept} kept and {out.rejected} rejected")
        to_batch(graph).arrow("fuzz", STAMP)
        out.mapped = kept

    return run


def _table(read: Callable[[Path], Any]) -> Callable[[Path, bytes, Outcome], None]:
    def run(path: Path, data: bytes, out: Outcome) -> None:
        table = read(path)
        _check_errors(table.errors, data)
        out.mapped, out.rejected = len(table.rows), len(table.errors)
        out.records = out.mapped + out.rejected  # the reader counts no rows of its own

    return run


def _check_errors(errors: list[Any], data: bytes) -> None:
    bound = _lines_bound(data)
    for error in errors:
        if not isinstance(error.line, int) or not 1 <= error.line <= bound:
            raise Finding(f"rejected row at line {error.line!r} (the file has {bound} lines)")


SUFFIX = {
    "csv": ".csv", "tsv": ".tsv", "jsonl": ".jsonl", "json": ".json", "xlsx": ".xlsx",
    "parquet": ".parquet", "gexf": ".gexf", "graphml": ".graphml", "gml": ".gml",
}  # fmt: skip

TARGETS: dict[str, tuple[str, Callable[[Path, bytes, Outcome], None]]] = {
    "csv": ("input.csv", _generic("csv")),
    "tsv": ("input.tsv", _generic("tsv")),
    "jsonl": ("input.jsonl", _generic("jsonl")),
    "json": ("input.json", _generic("json")),
    "xlsx": ("input.xlsx", _generic("xlsx")),
    "parquet": ("input.parquet", _generic("parquet")),
    "gexf": ("input.gexf", _graph("gexf")),
    "graphml": ("input.graphml", _graph("graphml")),
    "gml": ("input.gml", _graph("gml")),
    "nodes-csv": ("nodes.csv", _graph("nodes")),
    "edges-csv": ("edges.csv", _graph("edges")),
    "labels": ("labels.csv", _table(actor_tables.read_labels)),
    "roster": ("roster.csv", _table(actor_tables.read_roster)),
    "notes": ("notes.csv", _table(actor_tables.read_notes)),
    "demand": ("demand.csv", _search(DemandPreset())),
    "keyword-planner": ("planner.csv", _search(KeywordPlannerPreset())),
    "search-console": ("queries.csv", _search(SearchConsolePreset())),
    "serp": ("serp.csv", _search(SerpPreset())),
    "serpapi": ("serp.json", _search(SerpApiPreset())),
    "transitions": ("transitions.csv", _search(TransitionPreset())),
    "clickstream": ("clickstream-enwiki-2026-01.tsv", _search(ClickstreamPreset())),
    "talkwalker": ("export.csv", _preset("talkwalker", "csv")),
    "brandwatch": ("export.csv", _preset("brandwatch", "csv")),
    "meltwater": ("export.csv", _preset("meltwater", "csv")),
    "visibrain": ("export.csv", _preset("visibrain", "csv")),
    "digimind": ("export.csv", _preset("digimind", "csv")),
    "vendor-xlsx": ("export.xlsx", _preset("talkwalker", "xlsx")),
    "twarc2": ("tweets.jsonl", _preset("twarc2", "jsonl")),
    "twitter-v1": ("tweets.json", _preset("twitter-v1", "json")),
    "mastodon": ("statuses.jsonl", _preset("mastodon", "jsonl")),
    "bluesky": ("posts.jsonl", _preset("bluesky", "jsonl")),
    "reddit": ("comments.ndjson", _preset("reddit", "jsonl")),
    "reddit-zst": ("comments.zst", _preset("reddit", "zst")),
    "rss": ("feed.xml", _preset("rss", "xml")),
}


def run(target: str, data: bytes) -> Outcome:
    """Run one target on ``data``: an :class:`Outcome`, or the escaping exception (a finding)."""
    name, reader = TARGETS[target]
    outcome = Outcome()
    with tempfile.TemporaryDirectory(prefix="influscope-fuzz-") as folder:
        path = Path(folder) / name
        path.write_bytes(data)
        try:
            reader(path, data, outcome)
        except InfluscopeError as exc:
            if str(path) not in exc.message:
                raise Finding(f"error without the file's name: {exc.message}") from exc
            outcome.error = exc.message
    return outcome


def run_query(text: str) -> str | None:
    """Parse a query and compile it for the Python matcher and for Ibis.

    Returns None, or the :class:`QueryError` message (which names a column).
    """
    try:
        node = parse(text)
    except QueryError as exc:
        if not exc.message.startswith("column "):
            raise Finding(f"query error without a column: {exc.message}") from exc
        return exc.message
    matcher = compile_matcher(node)
    matcher({"text": text, "title": None, "lang": "fr", "platform": "web"})
    return None
