"""Getting data in: post files, actor networks and tables, search inputs, crawls, live sources.

Every way data enters a workspace is a method of :class:`IngestService`, each
recorded in the run log. An import of posts attributes brands to what it
brought and refreshes the share-of-voice counts through the
:class:`~influscope.workspace.sov.SovService` it is given.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pyarrow as pa

from influscope.config import CONFIG_FILE
from influscope.config import Source as SourceConfig
from influscope.errors import (
    N_,
    ConfigError,
    ImportRejected,
    InfluscopeError,
    InputError,
    SourceError,
    UsageError,
)
from influscope.ingest.files import actor_tables
from influscope.ingest.files.columns import check_columns, columns_of, textless, unread
from influscope.ingest.files.containers import is_gzip
from influscope.ingest.files.encoding import check_encoding
from influscope.ingest.files.generic import DEFAULT_PLATFORM, GenericMapper
from influscope.ingest.files.graph import read_csv_graph, read_graph, to_batch
from influscope.ingest.files.readers import detect_format, read_records
from influscope.ingest.plugins import CONNECTORS, PRESETS
from influscope.ingest.runner import ImportRunner, ImportSummary, Mapper, Source, file_fingerprint
from influscope.ingest.search import read_rows
from influscope.ingest.search.demand import demand_preset
from influscope.ingest.search.serp import serp_preset
from influscope.ingest.search.transitions import transitions_preset
from influscope.store import sources as source_store
from influscope.store.ingestion import resolve_references
from influscope.store.journey import FrontierSink, write_search_rows
from influscope.store.runs import log_errors, now
from influscope.store.sink import StoreSink
from influscope.workspace.context import Context
from influscope.workspace.engines import lake_of
from influscope.workspace.import_results import (
    CrawlResult,
    GraphImport,
    Health,
    PollResult,
    RowProblem,
    SearchImport,
    SourceHealth,
    SourceInfo,
    TableImport,
    Written,
)

if TYPE_CHECKING:
    from influscope.ingest.http import HttpClient
    from influscope.store.lake_sink import LakeSink
    from influscope.workspace.sov import SovService

Progress = Callable[[int, int | None], None]
PathLike = str | os.PathLike[str]


class IngestService:
    """Imports of every kind into the workspace's store.

    Example:
        >>> ws.ingest.files(["posts.jsonl"]).records  # doctest: +SKIP
    """

    def __init__(self, ctx: Context, sov: SovService) -> None:
        self.ctx = ctx
        self.sov = sov

    # -- posts ---------------------------------------------------------------------------
    def files(
        self,
        paths: list[PathLike],
        *,
        fmt: str | None = None,
        preset: str | None = None,
        platform: str | None = None,
        mapping: dict[str, str] | None = None,
        strict: bool = False,
        progress: Progress | None = None,
        encoding: str | None = None,
    ) -> ImportSummary:
        """Import posts from files (generic tables or a vendor/platform preset).

        ``encoding`` names the text files' encoding (default: detected per file).

        Raises:
            ImportRejected: with ``strict`` and a bad record (nothing is written).
        """
        ctx = self.ctx
        if encoding is not None:
            encoding = check_encoding(encoding)
        options: dict[str, Any] = {
            "format": fmt,
            "preset": preset,
            "platform": platform,
            "map": mapping or {},
        }
        if encoding is not None:
            options["encoding"] = encoding
        sources = [_source(Path(p), fmt, preset, platform, mapping, encoding) for p in paths]
        with ctx.run("ingest file", {"paths": [str(p) for p in paths], **options}) as run:
            sink = _import_sink(ctx, run.run_id)
            summary = ImportRunner(sink, strict=strict, progress=progress).run(sources)
            summary.unread = {source.label: source.unread for source in sources if source.unread}
            summary.textless = {
                source.label: source.textless for source in sources if source.textless
            }
            with ctx.store.transaction() as writer:
                resolved = resolve_references(writer, run.run_id)
            run.counts.update(summary.counts)
            run.counts["records"] = summary.records
            run.counts["resolved_references"] = resolved
            run.errors = summary.rejected
            # Without brands there is nothing to attribute, unless rows of an
            # earlier configuration remain to be cleared.
            if summary.records and (ctx.config.brands or ctx.store.count("document_brands")):
                run.counts["brands"] = self.sov.attribute(run.run_id)
                run.counts["sov"] = self.sov.refresh_counts()
        return summary

    # -- actor networks and actor tables -------------------------------------------------
    def graph(
        self,
        path: PathLike | None = None,
        fmt: str | None = None,
        nodes: PathLike | None = None,
        edges: PathLike | None = None,
        platform: str = "graph",
        encoding: str | None = None,
    ) -> GraphImport:
        """Import an actor network (GEXF/GraphML/GML, or nodes+edges CSV) as actors and links.

        ``encoding`` names the encoding of GML and CSV files (default: detected);
        GEXF and GraphML declare theirs in the XML prolog.
        """
        if path is None and edges is None:
            raise UsageError(
                N_("Nothing to import."), N_("Give a graph file, or --edges (and --nodes).")
            )
        for item in (path, nodes, edges):
            if item is not None:
                _existing(item)
        if path is not None:
            data = read_graph(Path(path), fmt, platform, encoding)
        else:
            node_file = Path(nodes) if nodes else None
            data = read_csv_graph(node_file, Path(edges or ""), platform, encoding)
        params = {"path": path, "format": fmt, "nodes": nodes, "edges": edges, "platform": platform}
        with self.ctx.run(
            "ingest graph", {k: str(v) if v else v for k, v in params.items()}
        ) as run:
            sink = StoreSink(self.ctx.store, run.run_id)
            with sink.transaction() as tx:
                written = tx.write(to_batch(data))
                tx.log_errors(data.errors)
            result = GraphImport(
                node_rows=data.node_rows,
                edge_rows=data.edge_rows,
                nodes_accepted=data.accepted_nodes,
                nodes=len(data.nodes),
                edges=len(data.edges),
                duplicate_edges=data.duplicates,
                self_loops=data.self_loops,
                rejected=len(data.errors),
                written={t: Written(c.inserted, c.updated) for t, c in written.items()},
                errors=[RowProblem.of(e) for e in data.errors],
            )
            run.counts.update(
                node_rows=result.node_rows,
                edge_rows=result.edge_rows,
                nodes_accepted=result.nodes_accepted,
                nodes=result.nodes,
                edges=result.edges,
                duplicate_edges=result.duplicate_edges,
                self_loops=result.self_loops,
                rejected=result.rejected,
                written=result.written,
            )
            run.errors = len(data.errors)
        return result

    def actor_labels(self, path: PathLike, encoding: str | None = None) -> TableImport:
        """Store user labels on actors (``actor_id,field,value``: stance, kind, same…)."""
        return self._actor_table("label actors", path, "actor_labels", encoding)

    def roster(self, path: PathLike, encoding: str | None = None) -> TableImport:
        """Store the employee roster (``actor_id,name,department``)."""
        return self._actor_table("ingest roster", path, "roster", encoding)

    def notes(self, path: PathLike, encoding: str | None = None) -> TableImport:
        """Store offline notes (``actor_id,date,stance,note,owner``)."""
        return self._actor_table("ingest notes", path, "offline_notes", encoding)

    def _actor_table(
        self, command: str, path: PathLike, table: str, encoding: str | None = None
    ) -> TableImport:
        reader = {
            "actor_labels": actor_tables.read_labels,
            "roster": actor_tables.read_roster,
            "offline_notes": actor_tables.read_notes,
        }[table]
        read = reader(Path(path), encoding)
        with self.ctx.run(command, {"path": str(path)}) as run:
            rows = [r | {"source_run": run.run_id} for r in read.rows]
            if table == "actor_labels":
                rows = [r | {"labelled_at": now()} for r in rows]
            with self.ctx.store.transaction() as writer:
                written = writer.upsert(table, pa.Table.from_pylist(rows)) if rows else None
                log_errors(writer, run.run_id, 0, read.errors)
            # Rows naming an erased actor were dropped by the writer: counted, not silent.
            erased = writer.erased.get(table, 0)
            result = TableImport(
                rows=len(read.rows),
                inserted=written.inserted if written else 0,
                updated=written.updated if written else 0,
                rejected=len(read.errors),
                errors=[RowProblem.of(e) for e in read.errors],
            )
            run.counts.update(
                rows=result.rows,
                inserted=result.inserted,
                updated=result.updated,
                rejected=result.rejected,
                erased=erased,
            )
            run.errors = len(read.errors)
        return result

    # -- the journey's inputs: search demand, result pages, crawled pages ----------------
    def demand(
        self,
        path: PathLike,
        preset: str | None = None,
        *,
        locale: str | None = None,
        period: str | None = None,
        strict: bool = False,
    ) -> SearchImport:
        """Import search demand (query volumes) from Keyword Planner, Search Console or a table.

        Raises:
            ImportRejected: with ``strict`` and a bad row (nothing is written).
        """
        source = _existing(path)
        mapper = demand_preset(preset, source, locale=locale, period=period)
        return self._search_rows("ingest demand", "search_demand", source, mapper, strict)

    def serp(
        self,
        path: PathLike,
        preset: str | None = None,
        *,
        captured_at: str | None = None,
        strict: bool = False,
    ) -> SearchImport:
        """Import result pages (one row per result slot) from a generic table or SERP API JSON.

        ``captured_at`` dates the rows that give no capture time.

        Raises:
            UsageError: the table lacks a column every row needs, or ``captured_at`` is no date.
            ImportRejected: with ``strict`` and a bad row (nothing is written).
        """
        source = _existing(path)
        mapper = serp_preset(preset, source, captured_at=captured_at)
        return self._search_rows("ingest serp", "serp", source, mapper, strict)

    def transitions(
        self,
        path: PathLike,
        preset: str | None = None,
        *,
        period: str | None = None,
        base_url: str | None = None,
        strict: bool = False,
    ) -> SearchImport:
        """Import observed transitions (``src_url, dst_url, clicks`` or a Wikimedia clickstream).

        The journey's link step follows them instead of the even split
        (see docs/journey.md).

        Raises:
            ImportRejected: with ``strict`` and a bad row (nothing is written).
        """
        source = _existing(path)
        mapper = transitions_preset(preset, source, period=period, base_url=base_url)
        return self._search_rows("ingest transitions", "transitions", source, mapper, strict)

    def _search_rows(
        self, command: str, table: str, source: Path, mapper: Any, strict: bool
    ) -> SearchImport:
        params = {"path": str(source), "preset": mapper.name, "strict": strict}
        with self.ctx.run(command, params) as run:
            found = read_rows(str(source), mapper.records(source), mapper.map_record)
            if strict and found.errors:
                first = found.errors[0]
                raise ImportRejected(
                    N_("{file}:{line}: field '{field}': {reason}. Nothing was imported (--strict).")
                    if first.field
                    else N_("{file}:{line}: {reason}. Nothing was imported (--strict)."),
                    N_(
                        "Fix that row, or drop --strict to import the valid rows "
                        "and log the others."
                    ),
                    file=first.file,
                    line=str(first.line),
                    field=str(first.field),
                    reason=first.reason,
                )
            with self.ctx.store.transaction() as writer:
                count, repeated = write_search_rows(
                    writer, table, found.rows, found.errors, run.run_id
                )
            run.counts.update(
                records=found.records,
                rows=len(found.rows),
                inserted=count.inserted,
                updated=count.updated,
                repeated=repeated,
            )
            run.errors = len(found.errors)
        return SearchImport(
            file=str(source),
            preset=mapper.name,
            records=found.records,
            rows=len(found.rows),
            inserted=count.inserted,
            updated=count.updated,
            rejected=len(found.errors),
            errors=found.errors[:1000],
            repeated=repeated,
        )

    def crawl(
        self,
        urls: list[str] | None = None,
        from_serp: bool = False,
        depth: int | None = None,
        max_pages: int | None = None,
        allow_private: bool = False,
        *,
        progress: Progress | None = None,
        client: HttpClient | None = None,
    ) -> CrawlResult:
        """Crawl seed URLs (and/or every stored result URL) and what they link to; resumable."""
        from influscope.ingest.crawl.crawler import Crawler, crawl_client

        store = self.ctx.store
        settings = self.ctx.config.journey.crawl
        seeds = list(urls or [])
        if from_serp:
            serp = store.table("serp")
            seeds += (
                store.to_arrow(serp.select("url").distinct().order_by("url")).column(0).to_pylist()
            )
        depth = settings.depth if depth is None else depth
        max_pages = settings.max_pages if max_pages is None else max_pages
        params = {
            "seeds": len(seeds),
            "from_serp": from_serp,
            "depth": depth,
            "max_pages": max_pages,
        }
        with self.ctx.run("crawl", params | {"allow_private": allow_private}) as run:
            http = client or crawl_client(settings, allow_private=allow_private)
            try:
                crawler = Crawler(FrontierSink(store, run.run_id), http, progress=progress)
                summary = crawler.run(seeds, depth, max_pages)
            finally:
                if client is None:
                    http.close()
            with store.transaction() as writer:
                run.counts["resolved_references"] = resolve_references(writer, run.run_id)
            run.counts.update(vars(summary))
        return CrawlResult(seeds=len(seeds), **vars(summary))

    # -- live sources ([[sources]] of influscope.toml) -----------------------------------
    def source(self, name: str) -> SourceConfig:
        """The configured source ``name`` (ConfigError naming the known ones otherwise)."""
        for source in self.ctx.config.sources:
            if source.name == name:
                return source
        hint = (
            N_("Known sources: {known}.")
            if self.ctx.config.sources
            else N_("None is defined yet: add a [[sources]] table to {file}.")
        )
        raise ConfigError(
            N_("No source named {name} in {file}."),
            hint,
            name=repr(name),
            file=CONFIG_FILE,
            known=", ".join(s.name for s in self.ctx.config.sources),
        )

    def poll(self, name: str, *, env: dict[str, str] | None = None) -> PollResult:
        """Run one ``[[sources]]`` entry once: fetch, map, commit rows with the cursor.

        Returns the poll summary (fetched, rejected, cursor, documents written,
        requests, retries, rate limits) and the ``run_id`` the new rows carry
        in ``source_run`` (for "enrich what is new"). A failure is recorded in
        the source's health (:meth:`check`) and raised.
        """
        from influscope.ingest.platforms.connector import poll
        from influscope.ingest.platforms.sources import build_connector, parse_every

        ctx = self.ctx
        source = self.source(name)
        every = parse_every(source.every)
        connector = build_connector(source.name, source.connector, source.options, env=env)
        params = {"source": name, "connector": source.connector}
        try:
            with ctx.run("poll source", params) as run:
                try:
                    summary = poll(connector, StoreSink(ctx.store, run.run_id))
                except InfluscopeError:
                    raise
                except Exception as exc:  # noqa: BLE001 - a malformed API answer is a SourceError:
                    # recorded in the source's health below and raised, never swallowed.
                    raise SourceError(
                        N_("source {name}: {error}: {reason}"),
                        name=repr(name),
                        error=type(exc).__name__,
                        reason=str(exc),
                    ) from exc
                with ctx.store.transaction() as writer:
                    resolve_references(writer, run.run_id)
                    source_store.record_success(
                        writer, name, source.connector, now(), summary.fetched,
                        summary.rejected, summary.rate_limits, every,
                    )  # fmt: skip
                run.counts.update(summary.counts)
                run.counts["fetched"] = summary.fetched
                run.errors = summary.rejected
        except InfluscopeError as exc:
            with ctx.store.transaction() as writer:
                source_store.record_failure(
                    writer, name, source.connector, now(), exc.message, every
                )
            raise
        finally:
            connector.http.close()
        documents = summary.counts.get("documents", {"inserted": 0, "updated": 0})
        return PollResult(
            source=summary.source,
            connector=summary.connector,
            fetched=summary.fetched,
            rejected=summary.rejected,
            cursor_before=summary.cursor_before,
            cursor=summary.cursor,
            documents=Written(documents["inserted"], documents["updated"]),
            requests=summary.requests,
            retries=summary.retries,
            rate_limits=summary.rate_limits,
            errors=[RowProblem.of(e) for e in summary.errors[:20]],
            run_id=run.run_id,
        )

    def sources(self) -> list[SourceInfo]:
        """The configured sources (secrets masked)."""
        from influscope.ingest.platforms.sources import public_options

        return [
            SourceInfo(s.name, s.connector, s.every, s.enabled, public_options(s.options))
            for s in self.ctx.config.sources
        ]

    def check(self, name: str | None = None) -> list[SourceHealth]:
        """Health of each source: status, last success, last error, cursor, next run, rate limits."""
        states = source_store.states(self.ctx.store)
        chosen = [self.source(name)] if name else self.ctx.config.sources
        current = now()
        return [
            _health(source, states.get(source.name, {}), current, self.ctx) for source in chosen
        ]


def _import_sink(ctx: Context, run_id: str) -> StoreSink | LakeSink:
    """Where an import of posts writes: the workspace's lake when it has one, else the store."""
    lake = lake_of(ctx)
    if lake is None:
        return StoreSink(ctx.store, run_id)
    from influscope.store.lake_sink import LakeSink

    return LakeSink(lake, ctx.store, run_id)


def _health(
    source: SourceConfig, state: dict[str, Any], current: datetime, ctx: Context
) -> SourceHealth:
    health: Health
    if source.connector in ("push", "file"):
        health = "served by watch"  # the watch loop runs these itself
    elif source.connector not in CONNECTORS.names():
        health = "unknown connector"
    elif not state.get("last_run_at"):
        health = "never run"
    elif state.get("last_error_at") and (
        not state.get("last_success_at") or state["last_error_at"] > state["last_success_at"]
    ):
        health = "failing"
    else:
        health = "ok"
    return SourceHealth(
        name=source.name,
        connector=source.connector,
        enabled=source.enabled,
        health=health,
        last_success_at=state.get("last_success_at"),
        last_error_at=state.get("last_error_at"),
        last_error=state.get("last_error"),
        last_fetched=state.get("last_fetched"),
        total_fetched=state.get("total_fetched"),
        cursor=state.get("cursor") or source_store.cursor(ctx.store, source.name),
        next_run_at=state.get("next_run_at"),
        due=source.enabled
        and (state.get("next_run_at") is None or state["next_run_at"] <= current),
        rate_limits=state.get("rate_limits"),
    )


def _existing(path: PathLike) -> Path:
    source = Path(path)
    if not source.exists():
        raise InputError(N_("{path}: no such file."), path=str(source))
    return source


def _source(
    path: Path,
    fmt: str | None,
    preset: str | None,
    platform: str | None,
    mapping: dict[str, str] | None,
    encoding: str | None = None,
) -> Source:
    """One file to import: how to read its records, map them, count them and resume."""
    _existing(path)
    records: Callable[[], Iterator[tuple[int, dict[str, Any]]]]
    mapper: Mapper
    missed: dict[str, str] = {}
    empty: list[str] = []
    if preset:
        preset_obj = PRESETS.load(preset)(platform=platform, mapping=mapping or {})
        file_format = fmt or preset_obj.detect_format(path)

        def records() -> Iterator[tuple[int, dict[str, Any]]]:
            found: Iterator[tuple[int, dict[str, Any]]] = preset_obj.records(
                path, file_format, encoding
            )
            return found

        mapper = preset_obj
    else:
        file_format = fmt or detect_format(path)
        if file_format == "xml":
            raise UsageError(
                N_("{path}: XML needs a preset."),
                N_("Use --preset rss for RSS/Atom feeds."),
                path=str(path),
            )

        def records() -> Iterator[tuple[int, dict[str, Any]]]:
            return read_records(path, file_format, encoding=encoding)

        mapper = GenericMapper(mapping, platform)
        # Read by column names: a --map naming no column is refused before anything is
        # written; columns left unread that look like fields are named to the user.
        columns = columns_of(records())
        check_columns(str(path), columns, mapping or {})
        missed = unread(columns, mapping or {})
        empty = columns if textless(columns, mapping or {}) else []
    count = (lambda: _estimate_records(path)) if file_format in {"csv", "tsv", "jsonl"} else None
    options = {"format": file_format, "preset": preset, "platform": platform, "map": mapping or {}}
    fingerprint = file_fingerprint(path, options | ({"encoding": encoding} if encoding else {}))
    bulk = None
    # DuckDB reads UTF-8 only: a file declared in another encoding takes the record path.
    utf8 = encoding in (None, "utf-8", "utf-8-sig")
    if file_format == "jsonl" and not preset and utf8 and not is_gzip(path):
        bulk = (path, mapping or {}, platform, DEFAULT_PLATFORM)
    return Source(str(path), records, mapper, fingerprint, count, bulk, missed, empty)


def _estimate_records(path: Path) -> int | None:
    """Count lines of an uncompressed text file quickly (for the progress bar's ETA)."""
    with path.open("rb") as handle:
        if handle.read(2) == b"\x1f\x8b":
            return None
        handle.seek(0)
        count = 0
        while chunk := handle.read(1 << 22):
            count += chunk.count(b"\n")
    return max(count - 1, 0) if path.suffix.lower() in {".csv", ".tsv"} else count
