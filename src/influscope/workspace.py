"""The workspace: a folder with ``influscope.toml`` and ``influscope.duckdb``.

Every CLI verb and API route is a method here, so the command line, the REST
API, the dashboard and Python users share one implementation; adapters only
parse arguments and render results.
"""

from __future__ import annotations

import os
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import timedelta
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING, Any

import orjson

from influscope import plugins
from influscope.config import CONFIG_FILE, DATABASE_FILE, Config, load_config, locate_key
from influscope.errors import (
    AuthError,
    ConfigError,
    ImportRejected,
    InfluscopeError,
    InputError,
    NotAvailable,
    NotFound,
    QueryError,
    UsageError,
    WorkspaceNotFound,
)
from influscope.ingest.files.generic import DEFAULT_PLATFORM, GenericMapper
from influscope.ingest.files.readers import detect_format, read_records
from influscope.ingest.runner import ImportRunner, ImportSummary, Source, file_fingerprint
from influscope.store import browse, exports, privacy, status
from influscope.store.engine import Store
from influscope.store.ingestion import StoreSink, resolve_references
from influscope.store.runs import finish_run, new_run_id, now, start_run

if TYPE_CHECKING:
    from influscope.accounts import User

# Analytics, accounts and the query language are imported where they are used:
# an import (the commonest command) should not pay for Ibis, SciPy or Lark.

ENV_VAR = "INFLUSCOPE_WORKSPACE"
MIRROR_CURSOR = "config:mirror"


def template_text() -> str:
    """The commented ``influscope.toml`` template written by ``init``."""
    return resources.files("influscope.templates").joinpath(CONFIG_FILE).read_text("utf-8")


def resolve_path(path: str | os.PathLike[str] | None) -> Path:
    """The workspace folder: the argument, else $INFLUSCOPE_WORKSPACE, else the current folder."""
    if path:
        return Path(path)
    env = os.environ.get(ENV_VAR)
    return Path(env) if env else Path.cwd()


@dataclass
class RunContext:
    """A command being run: its id and the counts it will report."""

    run_id: str
    counts: dict[str, Any]
    errors: int = 0


class Workspace:
    """An opened workspace: config plus store. Use :meth:`open` or :meth:`init`.

    Example:
        >>> ws = Workspace.init("demo")  # doctest: +SKIP
        >>> ws.ingest_files(["posts.jsonl"]).records  # doctest: +SKIP
    """

    def __init__(self, root: Path, config: Config, store: Store) -> None:
        self.root = root
        self.config = config
        self.store = store

    # -- life cycle ---------------------------------------------------------------
    @classmethod
    def init(cls, path: str | os.PathLike[str], config_text: str | None = None) -> Workspace:
        """Create a workspace folder with a commented config and an empty store."""
        root = Path(path)
        root.mkdir(parents=True, exist_ok=True)
        config_path = root / CONFIG_FILE
        if config_path.exists() and config_text is None:
            raise ConfigError(
                f"{config_path} already exists.",
                "Open it with -w/--workspace, or choose another folder.",
            )
        config_path.write_text(config_text or template_text(), encoding="utf-8")
        return cls.open(root)

    @classmethod
    def open(cls, path: str | os.PathLike[str] | None = None, read_only: bool = False) -> Workspace:
        """Open an existing workspace (see :func:`resolve_path` for how it is found)."""
        root = resolve_path(path)
        config_path = root / CONFIG_FILE
        if not config_path.exists():
            raise WorkspaceNotFound(
                f"No workspace at {root} ({CONFIG_FILE} not found).",
                f"Create one with 'influscope init {root}', or pass -w DIR / set {ENV_VAR}.",
            )
        config = load_config(config_path)
        check_queries(config, config_path)
        store = Store.open(root / DATABASE_FILE, read_only=read_only)
        workspace = cls(root, config, store)
        if not read_only:
            workspace.mirror_config()
        return workspace

    def close(self) -> None:
        """Close the store."""
        self.store.close()

    def __enter__(self) -> Workspace:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def mirror_config(self) -> None:
        """Copy axes and brands into the store so analytics can join on them.

        Skipped when the store already holds this configuration (a fingerprint
        in ``cursors``), so opening a workspace writes nothing in the common case.
        """
        import hashlib

        import pyarrow as pa

        brand_rows = [
            b.model_dump(exclude={"exclude"}) | {"exclude": b.exclude} for b in self.config.brands
        ]
        axis_rows = [
            {"name": a.name, "query": a.query, "label": a.label, "competitors": a.competitors}
            for a in self.config.axes
        ]
        fingerprint = hashlib.sha256(
            orjson.dumps([brand_rows, axis_rows], option=orjson.OPT_SORT_KEYS)
        ).hexdigest()[:24]
        if self.store.cursor(MIRROR_CURSOR) == fingerprint:
            return
        brands = pa.Table.from_pylist(
            brand_rows,
            schema=pa.schema(
                [
                    ("name", pa.string()),
                    ("aliases", pa.list_(pa.string())),
                    ("handles", pa.list_(pa.string())),
                    ("domains", pa.list_(pa.string())),
                    ("own", pa.bool_()),
                    ("exclude", pa.string()),
                ]
            ),
        )
        axes = pa.Table.from_pylist(
            axis_rows,
            schema=pa.schema(
                [
                    ("name", pa.string()),
                    ("query", pa.string()),
                    ("label", pa.string()),
                    ("competitors", pa.list_(pa.string())),
                ]
            ),
        )
        with self.store.transaction() as writer:
            writer.replace_all("brands", brands)
            writer.replace_all("axes", axes)
            writer.set_cursor(MIRROR_CURSOR, fingerprint)

    @contextmanager
    def run(self, command: str, params: dict[str, Any]) -> Iterator[RunContext]:
        """Record a command in the run log around its work."""
        context = RunContext(new_run_id(), {})
        with self.store.transaction() as writer:
            start_run(writer, context.run_id, command, params)
        status_word = "failed"
        try:
            yield context
            status_word = "ok" if not context.errors else "partial"
        except ImportRejected:
            status_word = "rejected"
            raise
        finally:
            with self.store.transaction() as writer:
                finish_run(writer, context.run_id, status_word, context.counts, context.errors)

    # -- ingest -----------------------------------------------------------------------
    def ingest_files(
        self,
        paths: list[str | os.PathLike[str]],
        *,
        fmt: str | None = None,
        preset: str | None = None,
        platform: str | None = None,
        mapping: dict[str, str] | None = None,
        strict: bool = False,
        progress: Callable[[int, int | None], None] | None = None,
    ) -> ImportSummary:
        """Import posts from files (generic tables or a vendor/platform preset).

        Raises:
            ImportRejected: with ``strict`` and a bad record (nothing is written).
        """
        options = {"format": fmt, "preset": preset, "platform": platform, "map": mapping or {}}
        sources = [self._source(Path(p), fmt, preset, platform, mapping) for p in paths]
        with self.run("ingest file", {"paths": [str(p) for p in paths], **options}) as run:
            sink = StoreSink(self.store, run.run_id)
            runner = ImportRunner(sink, strict=strict, progress=progress)
            summary = runner.run(sources)
            with self.store.transaction() as writer:
                resolved = resolve_references(writer, run.run_id)
            run.counts.update(summary.counts)
            run.counts["records"] = summary.records
            run.counts["resolved_references"] = resolved
            run.errors = summary.rejected
            # Without brands there is nothing to attribute, unless rows of an
            # earlier configuration remain to be cleared.
            if summary.records and (self.config.brands or self.store.count("document_brands")):
                from influscope.enrich import brands as brand_attribution

                run.counts["brands"] = brand_attribution.attribute(
                    self.store, self.config.brands, run.run_id, source_run=run.run_id
                )
                from influscope.analyze import sov_counts

                run.counts["sov"] = sov_counts.refresh(self.store, self.config)
        return summary

    def _source(
        self,
        path: Path,
        fmt: str | None,
        preset: str | None,
        platform: str | None,
        mapping: dict[str, str] | None,
    ) -> Source:
        if not path.exists():
            raise InputError(f"{path}: no such file.")
        if preset:
            preset_obj = plugins.load("preset", preset)(platform=platform, mapping=mapping or {})
            file_format = fmt or preset_obj.detect_format(path)
            records = lambda: preset_obj.records(path, file_format)  # noqa: E731
            mapper = preset_obj
        else:
            file_format = fmt or detect_format(path)
            if file_format == "xml":
                raise UsageError(
                    f"{path}: XML needs a preset.", "Use --preset rss for RSS/Atom feeds."
                )
            records = lambda: read_records(path, file_format)  # noqa: E731
            mapper = GenericMapper(mapping, platform)
        count = (
            (lambda: _estimate_records(path)) if file_format in {"csv", "tsv", "jsonl"} else None
        )
        fingerprint = file_fingerprint(
            path,
            {"format": file_format, "preset": preset, "platform": platform, "map": mapping or {}},
        )
        bulk = None
        if file_format == "jsonl" and not preset and not _is_gzip(path):
            bulk = (path, mapping or {}, platform, DEFAULT_PLATFORM)
        return Source(str(path), records, mapper, fingerprint, count, bulk)

    # -- look and export --------------------------------------------------------------
    def status(self) -> dict[str, Any]:
        """Counts by platform, language and month; table sizes; last runs and their errors."""
        report = status.summary(self.store)
        report["workspace"] = str(self.root)
        report["name"] = self.config.workspace.name
        report["simulated"] = self.config.workspace.simulated
        return report

    def export(
        self,
        table: str,
        out: Any,
        *,
        fmt: str = "csv",
        fields: list[str] | None = None,
        pseudonymise: bool = False,
    ) -> int:
        """Write a canonical table to ``out`` (a path or a binary stream); returns rows written."""
        return exports.export_table(
            self.store, table, out, fmt=fmt, fields=fields, pseudonymise=pseudonymise
        )

    def run_errors(self, run_id: str | None = None) -> list[dict[str, Any]]:
        """The error log of a run (default: the last run that had errors)."""
        return status.run_errors(self.store, run_id)

    # -- platforms: presets and live connectors -----------------------------------------
    def _source_config(self, name: str) -> Any:
        for source in self.config.sources:
            if source.name == name:
                return source
        known = ", ".join(s.name for s in self.config.sources) or "none defined"
        raise ConfigError(f"No source named {name!r} in {CONFIG_FILE}.", f"Known sources: {known}.")

    def poll_source(self, name: str, *, env: dict[str, str] | None = None) -> dict[str, Any]:
        """Run one ``[[sources]]`` entry once: fetch, map, commit rows with the cursor.

        Returns the poll summary (fetched, rejected, cursor, documents written,
        requests, retries, rate limits). A failure is recorded in the source's
        health (``sources_check``) and raised.
        """
        from influscope.errors import InfluscopeError, SourceError
        from influscope.ingest.platforms.connector import poll
        from influscope.ingest.platforms.sources import build_connector, parse_every
        from influscope.store import sources as source_store
        from influscope.store.runs import now

        source = self._source_config(name)
        every = parse_every(source.every)
        connector = build_connector(source.name, source.connector, source.options, env=env)
        params = {"source": name, "connector": source.connector}
        try:
            with self.run("poll source", params) as run:
                try:
                    summary = poll(connector, StoreSink(self.store, run.run_id))
                except InfluscopeError:
                    raise
                except Exception as exc:  # a malformed API answer must not escape unexplained
                    raise SourceError(f"source {name!r}: {type(exc).__name__}: {exc}") from exc
                with self.store.transaction() as writer:
                    resolve_references(writer, run.run_id)
                    source_store.record_success(
                        writer, name, source.connector, now(), summary.fetched,
                        summary.rejected, summary.rate_limits, every,
                    )  # fmt: skip
                run.counts.update(summary.counts)
                run.counts["fetched"] = summary.fetched
                run.errors = summary.rejected
        except InfluscopeError as exc:
            with self.store.transaction() as writer:
                source_store.record_failure(
                    writer, name, source.connector, now(), exc.message, every
                )
            raise
        finally:
            connector.http.close()
        # run_id: the new and updated rows carry it in source_run (for "enrich what is new").
        return summary.as_dict() | {"run_id": run.run_id}

    def sources_list(self) -> list[dict[str, Any]]:
        """The configured sources (secrets masked)."""
        from influscope.ingest.platforms.sources import public_options

        return [
            {
                "name": s.name,
                "connector": s.connector,
                "every": s.every,
                "enabled": s.enabled,
                "options": public_options(s.options),
            }
            for s in self.config.sources
        ]

    def sources_check(self, name: str | None = None) -> list[dict[str, Any]]:
        """Health of each source: status, last success, last error, cursor, next run, rate limits."""
        from influscope.store import sources as source_store
        from influscope.store.runs import now

        states = source_store.states(self.store)
        chosen = [self._source_config(name)] if name else self.config.sources
        current = now()
        report = []
        for source in chosen:
            state = states.get(source.name, {})
            if source.connector in ("push", "file"):
                health = "served by watch"  # the watch loop runs these itself
            elif source.connector not in plugins.names("connector"):
                health = "unknown connector"
            elif not state.get("last_run_at"):
                health = "never run"
            elif state.get("last_error_at") and (
                not state.get("last_success_at")
                or state["last_error_at"] > state["last_success_at"]
            ):
                health = "failing"
            else:
                health = "ok"
            report.append(
                {
                    "name": source.name,
                    "connector": source.connector,
                    "enabled": source.enabled,
                    "health": health,
                    "last_success_at": state.get("last_success_at"),
                    "last_error_at": state.get("last_error_at"),
                    "last_error": state.get("last_error"),
                    "last_fetched": state.get("last_fetched"),
                    "total_fetched": state.get("total_fetched"),
                    "cursor": state.get("cursor") or source_store.cursor(self.store, source.name),
                    "next_run_at": state.get("next_run_at"),
                    "due": source.enabled
                    and (state.get("next_run_at") is None or state["next_run_at"] <= current),
                    "rate_limits": state.get("rate_limits"),
                }
            )
        return report

    # -- demo scenario ----------------------------------------------------------------------
    @classmethod
    def build_demo(
        cls,
        path: str | os.PathLike[str],
        scale: int = 20_000,
        seed: int = 7,
        progress: Callable[[int, int | None], None] | None = None,
    ) -> Workspace:
        """Build a workspace from the SIMULATED demo scenario (``ingest/simulated``).

        Writes the demo ``influscope.toml`` (``simulated = true``), the input files
        under ``<path>/demo-input/``, imports the posts, then the other inputs through
        whichever import methods this version has. A simulated workspace already
        there is rebuilt; a real one is refused.

        Example:
            >>> ws = Workspace.build_demo("demo-workspace", scale=20_000)  # doctest: +SKIP
        """
        from influscope.ingest import simulated

        root = Path(path)
        simulated.prepare_folder(root)
        files = simulated.write_scenario(root / simulated.INPUT_FOLDER, scale, seed)
        workspace = cls.init(root, config_text=simulated.demo_config_text(scale, seed))
        with workspace.run("demo build", {"scale": scale, "seed": seed}) as run:
            summary = workspace.ingest_files([files.posts], fmt="jsonl", progress=progress)
            run.counts["posts"] = summary.records
            for method, file in simulated.demo_imports(files):
                run.counts[method] = _call_step(workspace, method, file)
                run.errors += run.counts[method]["status"] == "failed"
        return workspace

    def demo_highlights(self) -> list[str]:
        """What the SIMULATED scenario planted, in a few lines (empty for a real workspace)."""
        from influscope.ingest import simulated

        if not self.config.workspace.simulated:
            return []
        return simulated.highlights(self.root / simulated.INPUT_FOLDER)

    def _demo_alerts(self) -> list[dict[str, Any]]:
        """Alert rules replayed at the scenario's planted moments, then at its end."""
        from influscope.ingest import simulated

        moments: list[Any] = []
        if self.config.workspace.simulated:
            moments = simulated.replay_times(self.root / simulated.INPUT_FOLDER)
        found: list[dict[str, Any]] = []
        for moment in moments:
            found += self.evaluate_alerts(now=moment)
        return found + self.evaluate_alerts()

    def demo_pipeline(self) -> list[dict[str, Any]]:
        """Run, in flow order, the analyses this version has; record what ran.

        Steps: ``attribute_brands``, ``enrich``, ``map``, ``journey``,
        ``evaluate_alerts`` (each with default arguments; on a simulated workspace
        the alert rules are also replayed just after the planted bad buzz, which a
        single evaluation at the end of the window would not reach). A missing
        method is reported as ``missing``; an :class:`InfluscopeError` as ``failed``.
        """
        steps: list[dict[str, Any]] = []
        with self.run("demo pipeline", {}) as run:
            for method in DEMO_STEPS:
                target = method
                if method == "evaluate_alerts" and callable(getattr(self, method, None)):
                    target = "_demo_alerts"
                step = {"step": method} | _call_step(self, target)
                steps.append(step)
                run.errors += step["status"] == "failed"
            run.counts["steps"] = steps
        return steps

    # -- axes, brands, queries and share of voice ----------------------------------------------
    def query(
        self, q: str, count: bool = False, limit: int | None = None
    ) -> list[dict[str, Any]] | int:
        """Run one ad hoc query over the documents: their number, or the matching rows.

        Example:
            >>> ws.query('"usine du futur" AND lang:fr', count=True)  # doctest: +SKIP
            42
        """
        import ibis

        from influscope.query import filter_documents

        expr = filter_documents(self.store.table("documents"), q, self.store.table("links"))
        if count:
            return int(expr.count().execute())
        columns = [
            "doc_id",
            "platform",
            "author_id",
            "published_at",
            "lang",
            "url",
            "title",
            "text",
        ]
        expr = expr.select(*columns).order_by([ibis.desc("published_at"), "doc_id"])
        if limit:
            expr = expr.limit(limit)
        return self.store.to_arrow(expr).to_pylist()

    def attribute_brands(self, force: bool = True) -> dict[str, Any]:
        """Recompute which brands every document cites (``force=False``: only those not done)."""
        from influscope.enrich import brands as brand_attribution

        with self.run(
            "attribute brands", {"brands": brand_attribution.config_hash(self.config.brands)}
        ) as run:
            counts = brand_attribution.attribute(
                self.store, self.config.brands, run.run_id, force=force
            )
            run.counts.update(counts)
            from influscope.analyze import sov_counts

            run.counts["sov"] = sov_counts.refresh(self.store, self.config)
        return counts

    def share_of_voice(
        self, axis: str | None = None, by: str | None = None, split: str | None = None
    ) -> list[dict[str, Any]]:
        """Share of voice per brand among the documents of an axis (or all), see analyze.share_of_voice."""
        from influscope.analyze import share_of_voice

        chosen = self.config.axis(axis) if axis else None
        return share_of_voice.share_of_voice(self.store, self.config, chosen, by=by, split=split)

    # -- enrichment and learned classifiers ----------------------------------------------------
    def enrich(
        self,
        only: str | None = None,
        progress: Callable[[int, int | None], None] | None = None,
        *,
        force: bool = False,
    ) -> dict[str, Any]:
        """Run the enrichers on the documents they have not done at their version.

        Example:
            >>> ws.enrich(only="sentiment")["enrichers"][0]["done"]  # doctest: +SKIP
        """
        from influscope.enrich import runner

        with self.run("enrich", {"only": only, "force": force}) as run:
            summary = runner.enrich(self, run.run_id, only=only, force=force, progress=progress)
            run.counts.update({s["name"]: s["done"] for s in summary["enrichers"]})
            from influscope.analyze import sov_counts

            run.counts["sov"] = sov_counts.refresh(self.store, self.config)
        return summary

    def label_docs(self, path: str | os.PathLike[str]) -> dict[str, Any]:
        """Store document labels from a ``doc_id,field,value`` CSV (bad lines are logged)."""
        from influscope.enrich import runner

        with self.run("label docs", {"path": str(path)}) as run:
            counts = runner.label_docs(self, Path(path), run.run_id)
            run.counts.update({k: v for k, v in counts.items() if k != "errors"})
            run.errors = counts["rejected"]
        return counts

    def train(self, field: str, folds: int = 5) -> dict[str, Any]:
        """Train a classifier for ``field`` from the labels; returns its cross-validated metrics."""
        from influscope.enrich import runner

        with self.run("train", {"field": field, "folds": folds}) as run:
            result = runner.train(self, field, run.run_id, folds=folds)
            run.counts.update({"labels": result["labels"], "macro_f1": result["macro_f1"]})
        return result

    def models(self) -> list[dict[str, Any]]:
        """The newest trained model of each field, with its metrics."""
        from influscope.enrich import models

        return models.latest(self.store)

    def themes(self, axis: str, top: int = 20) -> list[dict[str, Any]]:
        """Terms and phrases that characterise an axis and its sub-conversations."""
        from influscope.enrich import runner

        with self.run("themes", {"axis": axis, "top": top}) as run:
            rows = runner.themes(self, axis, top, run.run_id)
            run.counts["terms"] = len(rows)
        return rows

    # -- cartography: graph, communities, stance, roles, kinds, notes ----------------------------
    def ingest_graph(
        self,
        path: str | os.PathLike[str] | None = None,
        fmt: str | None = None,
        nodes: str | os.PathLike[str] | None = None,
        edges: str | os.PathLike[str] | None = None,
        platform: str = "graph",
    ) -> dict[str, Any]:
        """Import an actor network (GEXF/GraphML/GML, or nodes+edges CSV) as actors and links."""
        from influscope.ingest.files.graph import read_csv_graph, read_graph, to_batch

        if path is None and edges is None:
            raise UsageError("Nothing to import.", "Give a graph file, or --edges (and --nodes).")
        for item in (path, nodes, edges):
            if item is not None and not Path(item).exists():
                raise InputError(f"{item}: no such file.")
        if path is not None:
            data = read_graph(Path(path), fmt, platform)
        else:
            data = read_csv_graph(Path(nodes) if nodes else None, Path(edges or ""), platform)
        params = {"path": path, "format": fmt, "nodes": nodes, "edges": edges, "platform": platform}
        with self.run("ingest graph", {k: str(v) if v else v for k, v in params.items()}) as run:
            sink = StoreSink(self.store, run.run_id)
            with sink.transaction() as tx:
                written = tx.write(to_batch(data))
                tx.log_errors(data.errors)
            counts = {
                "nodes": len(data.nodes),
                "edges": len(data.edges),
                "duplicate_edges": data.duplicates,
                "self_loops": data.self_loops,
                "rejected": len(data.errors),
                **{
                    f"{t}_{k}": getattr(c, k)
                    for t, c in written.items()
                    for k in ("inserted", "updated")
                },
            }
            run.counts.update(counts)
            run.errors = len(data.errors)
        counts["errors"] = [
            {"file": e.file, "line": e.line, "field": e.field, "reason": e.reason}
            for e in data.errors
        ]
        return counts

    def _actor_table(
        self, command: str, path: str | os.PathLike[str], table: str
    ) -> dict[str, Any]:
        import pyarrow as pa

        from influscope.ingest.files import actor_tables
        from influscope.store.runs import log_errors

        reader = {
            "actor_labels": actor_tables.read_labels,
            "roster": actor_tables.read_roster,
            "offline_notes": actor_tables.read_notes,
        }[table]
        read = reader(Path(path))
        with self.run(command, {"path": str(path)}) as run:
            stamp = "labelled_at" if table == "actor_labels" else None
            rows = [r | {"source_run": run.run_id} for r in read.rows]
            if stamp:
                from influscope.store.runs import now

                rows = [r | {stamp: now()} for r in rows]
            with self.store.transaction() as writer:
                written = writer.upsert(table, pa.Table.from_pylist(rows)) if rows else None
                log_errors(writer, run.run_id, 0, read.errors)
            run.counts.update(
                {
                    "rows": len(read.rows),
                    "inserted": written.inserted if written else 0,
                    "updated": written.updated if written else 0,
                    "rejected": len(read.errors),
                }
            )
            run.errors = len(read.errors)
            counts = dict(run.counts)
        counts["errors"] = [
            {"file": e.file, "line": e.line, "field": e.field, "reason": e.reason}
            for e in read.errors
        ]
        return counts

    def label_actors(self, path: str | os.PathLike[str]) -> dict[str, Any]:
        """Store user labels on actors (``actor_id,field,value``: stance, kind, same…)."""
        return self._actor_table("label actors", path, "actor_labels")

    def ingest_roster(self, path: str | os.PathLike[str]) -> dict[str, Any]:
        """Store the employee roster (``actor_id,name,department``)."""
        return self._actor_table("ingest roster", path, "roster")

    def ingest_notes(self, path: str | os.PathLike[str]) -> dict[str, Any]:
        """Store offline notes (``actor_id,date,stance,note,owner``)."""
        return self._actor_table("ingest notes", path, "offline_notes")

    def _map_scope(self, axis: str | None, since: Any, until: Any) -> Any:
        from influscope.analyze.graph import Scope
        from influscope.ingest.values import to_utc

        query = self.config.axis(axis).query if axis else None
        try:
            return Scope(axis, query, to_utc(since), to_utc(until))
        except ValueError as exc:
            raise UsageError(f"Bad date: {exc}.", "Use ISO dates such as 2026-01-31.") from exc

    def map(
        self,
        axis: str | None = None,
        level: str = "coarse",
        since: Any = None,
        until: Any = None,
        resolution: float | None = None,
    ) -> Any:
        """Compute and store the map of an axis/window; returns it at ``level`` (a MapResult)."""
        from influscope.analyze.cartography import LEVELS, compute_map
        from influscope.analyze.mapstore import load_result, persist

        if level not in LEVELS:
            raise UsageError(f"Unknown level {level!r}.", "Use --level coarse or --level fine.")
        scope = self._map_scope(axis, since, until)
        params = {"axis": axis, "since": since, "until": until, "resolution": resolution}
        with self.run("map", params) as run:
            computed = compute_map(self.store, self.config, scope, run.run_id, resolution)
            persist(self.store, computed, params)
            run.counts.update({k: v for k, v in computed["stats"].items() if k != "timings"})
        result = load_result(self.store, scope, level)
        result.stats = computed["stats"]
        return result

    def communities(
        self, axis: str | None = None, level: str = "coarse", since: Any = None, until: Any = None
    ) -> list[dict[str, Any]]:
        """Community profiles of the stored map of a scope (computed first if missing)."""
        from influscope.analyze.mapstore import has_map, load_communities

        scope = self._map_scope(axis, since, until)
        if not has_map(self.store, scope):
            self.map(axis=axis, level=level, since=since, until=until)
        return load_communities(self.store, scope, level)

    def stored_map(self, axis: str | None = None, level: str = "coarse") -> Any:
        """The stored map of an axis (a MapResult); computed and stored first only when missing.

        Readers (the API, the dashboard) call this: opening the map shows the
        last ``influscope map`` of that scope instead of recomputing it.
        """
        from influscope.analyze.cartography import LEVELS
        from influscope.analyze.mapstore import has_map, load_result

        if level not in LEVELS:
            raise UsageError(f"Unknown level {level!r}.", "Use --level coarse or --level fine.")
        scope = self._map_scope(axis, None, None)
        if not has_map(self.store, scope):
            return self.map(axis=axis, level=level)
        return load_result(self.store, scope, level)

    def stored_map_run(self, axis: str | None = None) -> dict[str, Any] | None:
        """The run of the stored map of an axis (``run_id``, ``created_at``…), None if none is stored."""
        from influscope.analyze.mapstore import has_map, last_run

        scope = self._map_scope(axis, None, None)
        return last_run(self.store, scope) if has_map(self.store, scope) else None

    def actor_card(self, actor_id: str) -> dict[str, Any]:
        """One actor's card: profile, documents, stance with sources, communities, divergence."""
        from influscope.analyze.card import actor_card

        return actor_card(self.store, actor_id)

    # -- influence journey: demand, result pages, crawl, journey weights --------------------------
    def ingest_demand(
        self,
        path: str | os.PathLike[str],
        preset: str | None = None,
        *,
        locale: str | None = None,
        period: str | None = None,
        strict: bool = False,
    ) -> dict[str, Any]:
        """Import search demand (query volumes) from a Keyword Planner, Search Console or generic file.

        Raises:
            ImportRejected: with ``strict`` and a bad row (nothing is written).
        """
        from influscope.ingest.search.demand import demand_preset

        source = Path(path)
        if not source.exists():
            raise InputError(f"{source}: no such file.")
        mapper = demand_preset(preset, source, locale=locale, period=period)
        return self._ingest_search("ingest demand", "search_demand", source, mapper, strict)

    def ingest_serp(
        self, path: str | os.PathLike[str], preset: str | None = None, *, strict: bool = False
    ) -> dict[str, Any]:
        """Import result pages (one row per result slot) from a generic table or SERP API JSON."""
        from influscope.ingest.search.serp import serp_preset

        source = Path(path)
        if not source.exists():
            raise InputError(f"{source}: no such file.")
        return self._ingest_search(
            "ingest serp", "serp", source, serp_preset(preset, source), strict
        )

    def _ingest_search(
        self, command: str, table: str, source: Path, mapper: Any, strict: bool
    ) -> dict[str, Any]:
        from influscope.ingest.search import read_rows
        from influscope.store.journey import write_search_rows

        params = {"path": str(source), "preset": mapper.name, "strict": strict}
        with self.run(command, params) as run:
            found = read_rows(str(source), mapper.records(source), mapper.map_record)
            if strict and found.errors:
                first = found.errors[0]
                field_part = f" field '{first.field}':" if first.field else ""
                raise ImportRejected(
                    f"{first.file}:{first.line}:{field_part} {first.reason}. Nothing was imported (--strict).",
                    "Fix that row, or drop --strict to import the valid rows and log the others.",
                )
            with self.store.transaction() as writer:
                count = write_search_rows(writer, table, found.rows, found.errors, run.run_id)
            run.counts.update(
                records=found.records,
                rows=len(found.rows),
                inserted=count.inserted,
                updated=count.updated,
            )
            run.errors = len(found.errors)
        return {
            "file": str(source),
            "preset": mapper.name,
            "records": found.records,
            "rows": len(found.rows),
            "inserted": count.inserted,
            "updated": count.updated,
            "rejected": len(found.errors),
            "errors": found.errors[:1000],
        }

    def crawl(
        self,
        urls: list[str] | None = None,
        from_serp: bool = False,
        depth: int | None = None,
        max_pages: int | None = None,
        allow_private: bool = False,
        *,
        progress: Callable[[int, int | None], None] | None = None,
        fetcher: Any = None,
    ) -> dict[str, Any]:
        """Crawl seed URLs (and/or every stored result URL) and what they link to; resumable."""
        from influscope.ingest.crawl.crawler import Crawler
        from influscope.ingest.crawl.fetch import Fetcher
        from influscope.store.journey import FrontierSink

        settings = self.config.journey.crawl
        seeds = list(urls or [])
        if from_serp:
            serp = self.store.table("serp")
            seeds += (
                self.store.to_arrow(serp.select("url").distinct().order_by("url"))
                .column(0)
                .to_pylist()
            )
        depth = settings.depth if depth is None else depth
        max_pages = settings.max_pages if max_pages is None else max_pages
        params = {
            "seeds": len(seeds),
            "from_serp": from_serp,
            "depth": depth,
            "max_pages": max_pages,
        }
        with self.run("crawl", params | {"allow_private": allow_private}) as run:
            own_fetcher = fetcher is None
            fetcher = fetcher or Fetcher(
                user_agent=settings.user_agent,
                timeout=settings.timeout,
                max_bytes=settings.max_bytes,
                max_redirects=settings.max_redirects,
                allow_private=allow_private,
            )
            try:
                crawler = Crawler(
                    FrontierSink(self.store, run.run_id),
                    fetcher,
                    user_agent=settings.user_agent,
                    delay=settings.delay,
                    progress=progress,
                )
                summary = crawler.run(seeds, depth, max_pages)
            finally:
                if own_fetcher:
                    fetcher.close()
            with self.store.transaction() as writer:
                run.counts["resolved_references"] = resolve_references(writer, run.run_id)
            run.counts.update(vars(summary))
        return vars(summary) | {"seeds": len(seeds)}

    def journey(self, axis: str | None = None, level: str = "actor") -> list[dict[str, Any]]:
        """Journey weights (share of the public's encounters) beside audience; persisted.

        ``level="actor"`` gives one row per actor, ``"page"`` one per page or account node.
        """
        from influscope.analyze import journey_report as jr
        from influscope.store.journey import replace_journey

        if level not in {"actor", "page"}:
            raise UsageError(f"Unknown level {level!r}.", "Use --level actor or --level page.")
        with self.run("journey", {"axis": axis, "level": level}) as run:
            report = jr.compute(self.store, self.config, axis)
            actors = jr.actor_rows(self.store, self.config, report)
            pages = jr.page_rows(report)
            explained = [r["actor_id"] for r in actors[: self.config.journey.explained_actors]]
            paths = jr.path_rows(self.config, report, explained)
            stored = [
                {"level": "actor", "node_id": r["actor_id"], "actor_id": r["actor_id"], "url": None,
                 "weight": r["journey_weight"], "rank": r["journey_rank"], "top_queries": r["top_queries"]}
                for r in actors
            ] + [
                {"level": "page", "node_id": r["node_id"], "actor_id": r["actor_id"], "url": r["url"],
                 "weight": r["journey_weight"], "rank": r["journey_rank"], "top_queries": None}
                for r in pages
            ]  # fmt: skip
            with self.store.transaction() as writer:
                replace_journey(writer, axis or "", stored, paths, run.run_id)
            run.counts.update(actors=len(actors), pages=len(pages), paths=len(paths))
        return actors if level == "actor" else pages

    def journey_explain(self, actor_id: str, axis: str | None = None) -> dict[str, Any]:
        """The top paths (entry → result → next page → actor) of an actor's journey weight."""
        from influscope.analyze import journey_report as jr
        from influscope.errors import NotFound

        report = jr.compute(self.store, self.config, axis)
        weight = report.result.actor_weights().get(actor_id)
        if weight is None:
            raise NotFound(
                f"{actor_id} is not met on the journey{' of ' + axis if axis else ''}.",
                "List the actors with 'influscope journey'; ids look like twitter:handle or web:site.fr.",
            )
        return {
            "actor_id": actor_id,
            "journey_weight": weight,
            "paths": jr.path_rows(self.config, report, [actor_id]),
        }

    def stored_journey(self, axis: str | None = None, level: str = "actor") -> list[dict[str, Any]]:
        """The stored journey weights of an axis (as :meth:`journey` returns them); computed if none.

        Readers call this so that a page view reads the last ``influscope journey``.
        """
        from influscope.analyze.journey_stored import stored_rows

        if level not in {"actor", "page"}:
            raise UsageError(f"Unknown level {level!r}.", "Use --level actor or --level page.")
        if axis:
            self.config.axis(axis)
        rows = stored_rows(self.store, axis, level)
        return self.journey(axis, level) if rows is None else rows

    def stored_journey_run(self, axis: str | None = None) -> dict[str, Any] | None:
        """The run of the stored journey of an axis (``run_id``, ``computed_at``), None if none."""
        from influscope.analyze.journey_stored import stored_run

        return stored_run(self.store, axis)

    def stored_journey_paths(self, actor_id: str, axis: str | None = None) -> dict[str, Any]:
        """An actor's stored top paths (as :meth:`journey_explain`); explained afresh if not stored."""
        from influscope.analyze.journey_stored import stored_paths

        found = stored_paths(self.store, actor_id, axis)
        return self.journey_explain(actor_id, axis) if found is None else found

    def journey_queries(self, axis: str | None = None) -> dict[str, Any]:
        """Who occupies each query's results, the company's share of clicks, crisis readiness."""
        from influscope.analyze import journey_report as jr

        report = jr.compute(self.store, self.config, axis)
        return jr.queries_report(self.store, self.config, report)

    def precontact(self, actor_id: str, axis: str | None = None) -> dict[str, Any]:
        """Share of the axis' journeys this actor would add to the company's side."""
        from influscope.analyze import journey_report as jr

        report = jr.compute(self.store, self.config, axis)
        return jr.precontact_row(self.store, self.config, report, actor_id)

    # -- veille: watch loop, alerts, delivery, on-call ----------------------------------------------
    def watch(self, once: bool = False, stop: Any = None) -> dict[str, Any]:
        """Run the watch loop (sources, enrichment, alert rules, delivery) until ``stop`` is set.

        With ``once``, one cycle (for cron). ``stop`` is a ``threading.Event``.
        """
        from influscope.watch.loop import WatchLoop

        loop = WatchLoop(self, stop)
        report = loop.run(once=once)
        return {
            "cycles": loop.cycles,
            "pushed": loop.pushed,
            "sources": report.sources,
            "alerts": report.alerts,
            "deliveries": report.deliveries,
            "errors": report.errors,
        }

    def evaluate_alerts(self, now: Any = None) -> list[dict[str, Any]]:
        """Evaluate the alert rules now (or at ``now``); returns the new alerts recorded."""
        from influscope.watch.alerting import evaluate

        return evaluate(self.store, self.config, now)

    def deliver_alerts(self, now: Any = None) -> dict[str, int]:
        """Send the notifications that are due (webhook, email, stdout)."""
        from influscope.watch.alerting import deliver

        return deliver(self.store, self.config, now)

    def alerts(self, state: str | None = None, limit: int = 50) -> list[dict[str, Any]]:
        """Alerts, newest first."""
        from influscope.store.alerts import list_alerts

        return list_alerts(self.store, state, limit)

    def alert(self, alert_id: str) -> dict[str, Any]:
        """One alert with its numbers, evidence, explanation and deliveries."""
        from influscope.store.alerts import get_alert

        return get_alert(self.store, alert_id)

    def ack_alert(self, alert_id: str, by: str) -> dict[str, Any]:
        """Acknowledge an alert (stops its escalation)."""
        return self._alert_state(alert_id, "acked", by)

    def close_alert(self, alert_id: str, by: str) -> dict[str, Any]:
        """Close an alert."""
        return self._alert_state(alert_id, "closed", by)

    def _alert_state(self, alert_id: str, state: str, by: str) -> dict[str, Any]:
        from influscope.store.alerts import get_alert, set_state
        from influscope.store.runs import now

        with self.store.transaction() as writer:
            set_state(writer, alert_id, state, by, now())
        return get_alert(self.store, alert_id)

    def backtest(
        self,
        path: str | os.PathLike[str] | None = None,
        *,
        time_col: str = "timestamp",
        value_col: str = "value",
        rule: str = "spike",
        axis: str | None = None,
    ) -> list[dict[str, Any]]:
        """Run the spike rule over a CSV series or an axis of the store, without look-ahead."""
        from influscope.analyze.alerts.backtest import backtest_axis, backtest_csv

        if axis:
            return backtest_axis(self.store, self.config, axis, rule)
        if path is None:
            raise UsageError(
                "Give a CSV file or --axis NAME.", "influscope alerts backtest series.csv"
            )
        return backtest_csv(Path(path), time_col, value_col, self.config, rule)

    # -- accounts, API and reports ---------------------------------------------------------------------
    def users_add(
        self, name: str, role: str = "analyst", token: bool = False, password: str | None = None
    ) -> dict[str, Any]:
        """Create a user of the API/dashboard (the first one is an admin); ``token`` issues one."""
        from influscope import accounts

        return accounts.add_user(self.store, name, role, password=password, token=token)

    def users_list(self) -> list[dict[str, Any]]:
        """The API/dashboard users and their roles."""
        from influscope import accounts

        return accounts.list_users(self.store)

    def users_token(self, name: str, label: str | None = None) -> str:
        """Issue a new API token for an existing user (returned in clear once)."""
        from influscope import accounts

        return accounts.issue_token(self.store, name, label)

    def authenticate(self, *, token: str | None = None, session: str | None = None) -> User:
        """The user behind an API token or a browser session id (AuthError otherwise)."""
        from influscope import accounts

        if token:
            return accounts.user_for_token(self.store, token)
        if session:
            return accounts.user_for_session(self.store, session)
        raise AuthError(
            "Authentication required.", "Log in, or send 'Authorization: Bearer TOKEN'."
        )

    def login(self, name: str, password: str) -> tuple[str, User]:
        """Open a browser session: (session id, user); AuthError on a wrong password."""
        from influscope import accounts

        hours = timedelta(hours=self.config.server.session_hours)
        return accounts.login(self.store, name, password, ttl=hours)

    def logout(self, session: str) -> None:
        """Close a browser session."""
        from influscope import accounts

        accounts.logout(self.store, session)

    def documents(
        self,
        q: str | None = None,
        *,
        author: str | None = None,
        limit: int = 50,
        offset: int = 0,
    ) -> dict[str, Any]:
        """A page of documents (``items``, ``total``), matching query ``q`` when given."""
        if not q:
            return browse.documents(self.store, author=author, limit=limit, offset=offset)
        search = self._feature("query", "Document search with the query language")
        total = int(search(q, count=True))
        rows = list(search(q, limit=offset + limit))[offset:]
        ids = [r["doc_id"] for r in rows if isinstance(r, dict) and "doc_id" in r]
        page = browse.documents(self.store, ids=ids, limit=limit) if ids else {"items": rows}
        return {"items": page["items"], "total": total, "limit": limit, "offset": offset}

    def actors(
        self,
        search: str | None = None,
        *,
        kind: str | None = None,
        limit: int = 50,
        offset: int = 0,
    ) -> dict[str, Any]:
        """A page of actors by audience, filtered by a name/handle substring or a kind."""
        return browse.actors(self.store, search=search, kind=kind, limit=limit, offset=offset)

    def actor(self, actor_id: str, *, limit: int = 20, offset: int = 0) -> dict[str, Any]:
        """An actor's profile, a page of their documents and the offline notes about them."""
        profile = browse.actor(self.store, actor_id)
        if profile is None:
            raise NotFound(f"No actor {actor_id!r}.", "Actor ids look like 'twitter:handle'.")
        docs = browse.documents(self.store, author=actor_id, limit=limit, offset=offset)
        return {"actor": profile, "documents": docs, "notes": browse.notes(self.store, actor_id)}

    def report(
        self,
        axis: str | None = None,
        period: str | None = None,
        fmt: str = "html",
        out: str | os.PathLike[str] | None = None,
        lang: str | None = None,
    ) -> Path:
        """Write a management report (KPIs, share of voice, map, journey, alerts) to ``out``.

        The formats are ``exporter`` plugins named ``report-<fmt>`` (html, pdf, pptx).
        """
        if axis is not None:
            self.config.axis(axis)
        target = Path(out) if out else self.root / f"report.{fmt}"
        build = plugins.load("exporter", f"report-{fmt}")
        build(self, target, axis=axis, period=period, lang=lang or self.config.workspace.language)
        return target

    def overview(self) -> dict[str, Any]:
        """Per-axis KPIs for the dashboard's first page and the reports.

        Each axis gets its share of voice by brand, its volume series, open
        alerts and the sentiment mix; a part whose analysis is missing from this
        build is reported as ``{"available": false, "error": ...}`` instead.
        """
        from influscope.analyze import share_of_voice, sov_counts

        alerts = self._optional(lambda: self._feature("alerts", "Alerts")(state="new", limit=1000))
        batch = share_of_voice.share_of_voice_by_axis(self.store, self.config, self.config.axes)
        axes = []
        for axis in self.config.axes:
            sov = self._optional(
                lambda name=axis.name: (
                    self._feature("share_of_voice", "Share of voice")(axis=name)
                    if batch is None
                    else batch[name]
                )
            )
            axes.append(
                {
                    "name": axis.name,
                    "label": axis.label or axis.name,
                    "competitors": axis.competitors,
                    "share_of_voice": sov,
                    "open_alerts": _count_open(alerts, axis.name),
                }
            )
        return {
            "name": self.config.workspace.name,
            "simulated": self.config.workspace.simulated,
            "axes": axes,
            "documents": self.store.count("documents"),
            "actors": self.store.count("actors"),
            "volume": sov_counts.volume_by_month(self.store, self.config),
            "sentiment": sov_counts.sentiment_mix(self.store, self.config),
            "open_alerts": _count_open(alerts, None),
        }

    def prime(self) -> None:
        """Get ready to serve: warm the store connection, bring the aggregates up to date.

        The API calls it at start-up, so the first page view reads small
        aggregate tables instead of paying for the engine's first queries.
        """
        from influscope.analyze import sov_counts

        self.store.count("documents")
        sov_counts.ensure_fresh(self.store, self.config)

    @staticmethod
    def _optional(fetch: Callable[[], Any]) -> Any:
        try:
            return fetch()
        except NotAvailable as missing:
            return {"available": False, "error": missing.message}

    def data_version(self) -> int:
        """Changes whenever the store's content may have changed (for the API's answer cache)."""
        return self.store.generation

    def _feature(self, name: str, purpose: str) -> Callable[..., Any]:
        """A method another part of influscope adds, or NotAvailable when this build lacks it."""
        method = getattr(self, name, None)
        if not callable(method):
            raise NotAvailable(
                f"{purpose} is not available in this build.",
                f"This influscope has no Workspace.{name}(); install a version that includes it.",
            )
        return method

    # -- personal data: erasure, retention, pseudonymised exports ---------------------------------------
    def erase_actor(self, actor_id: str) -> dict[str, int]:
        """Erase an actor everywhere (documents, edges, enrichments, notes…); future imports skip them.

        Raises:
            NotFound: when the store knows nothing of this actor.
        """
        with self.run("erase", {"actor": "(withheld)"}) as run:
            with self.store.transaction() as writer:
                deleted = privacy.erase_actor(writer, actor_id, run.run_id, now())
            if not deleted:
                raise NotFound(
                    f"No actor {actor_id!r} in this workspace.",
                    "Actor ids look like 'twitter:handle'; see 'influscope export actors'.",
                )
            from influscope.analyze import sov_counts

            sov_counts.invalidate(self.store)  # the counts are rebuilt on the next read
            run.counts.update(deleted)
        return deleted

    def apply_retention(self, days: int | None = None) -> dict[str, int]:
        """Delete documents older than ``days`` (default: ``[workspace] retention_days``)."""
        days = days or self.config.workspace.retention_days
        if not days:
            raise UsageError(
                "No retention period set.", "Pass --days N or set retention_days in [workspace]."
            )
        with self.run("retention", {"days": days}) as run:
            with self.store.transaction() as writer:
                deleted = privacy.apply_retention(writer, days, now())
            from influscope.analyze import sov_counts

            sov_counts.invalidate(self.store)  # the counts are rebuilt on the next read
            run.counts.update(deleted)
        return deleted


def _is_gzip(path: Path) -> bool:
    with path.open("rb") as handle:
        return handle.read(2) == b"\x1f\x8b"


DEMO_STEPS = ("attribute_brands", "enrich", "map", "journey", "evaluate_alerts")


def _call_step(workspace: Workspace, method: str, *args: Any) -> dict[str, Any]:
    """Call ``workspace.method(*args)`` if it exists; how it went, for the run log."""
    function = getattr(workspace, method, None)
    if not callable(function):
        return {"status": "missing"}
    started = time.perf_counter()
    try:
        result = function(*args)
    except InfluscopeError as error:
        return {"status": "failed", "error": error.message, "hint": error.hint}
    seconds = round(time.perf_counter() - started, 2)
    return {"status": "ok", "seconds": seconds, "result": _brief(result)}


def _brief(result: Any) -> Any:
    """A short JSON-ready summary of what a step returned."""
    if result is None or isinstance(result, int | float | str | bool):
        return result
    if isinstance(result, dict):
        return {k: v for k, v in result.items() if isinstance(v, int | float | str | bool)}
    rows = getattr(result, "rows", result)
    try:
        return {"rows": len(rows)}
    except TypeError:
        return type(result).__name__


def check_queries(config: Config, path: Path) -> None:
    """Parse every query of the config, naming file, line, key and column of a malformed one."""
    found: list[tuple[tuple[Any, ...], str]] = []
    for number, brand in enumerate(config.brands):
        if brand.exclude:
            found.append((("brands", number, "exclude"), brand.exclude))
    for number, axis in enumerate(config.axes):
        found.append((("axes", number, "query"), axis.query))
        found.extend((("axes", number, "crisis_queries"), q) for q in axis.crisis_queries)
    for number, rule in enumerate(config.alerts):
        if rule.query:
            found.append((("alerts", number, "query"), rule.query))
    if not found:
        return
    from influscope.query.parser import parse  # Lark: loaded only when there is a query

    text: str | None = None
    for loc, query in found:
        try:
            parse(query)
        except QueryError as exc:
            text = text if text is not None else path.read_text(encoding="utf-8")
            line = locate_key(text, loc)
            where = f"{path}:{line}" if line else str(path)
            key = ".".join(str(part) for part in loc)
            raise ConfigError(f"{where}: key '{key}': {exc.message}.", exc.hint) from exc


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


def _count_open(alerts: Any, axis: str | None) -> int | None:
    """Open alerts (of one axis when given); None when alerts are not available."""
    if not isinstance(alerts, list):
        return None
    rows = [a if isinstance(a, dict) else getattr(a, "__dict__", {}) for a in alerts]
    if axis is None:
        return len(rows)
    return sum(1 for a in rows if axis in str(a.get("key", "")) or a.get("axis") == axis)


def dumps(value: Any) -> str:
    """JSON for CLI/API output (datetimes as ISO strings)."""
    return orjson.dumps(value, default=str, option=orjson.OPT_INDENT_2).decode()


def backtest_file(
    path: str | os.PathLike[str] | None, time_col: str, value_col: str, rule: str = "spike"
) -> list[dict[str, Any]]:
    """Backtest the default spike rule over a CSV without a workspace."""
    from influscope.analyze.alerts.backtest import backtest_csv

    if path is None:
        raise UsageError("Give a CSV file.", "influscope alerts backtest series.csv")
    return backtest_csv(Path(path), time_col, value_col, None, rule)
