"""Cartography: interaction graph, communities, stance, roles, kinds, offline notes.

A mixin of :class:`~influscope.workspace.Workspace`: the methods read
``self.config`` and ``self.store`` and record their runs with ``self.run``.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from influscope.errors import (
    InputError,
    UsageError,
)
from influscope.store.sink import StoreSink


class CartographyMixin:
    """The :class:`~influscope.workspace.Workspace` methods of this area (module docstring)."""

    # -- cartography: graph, communities, stance, roles, kinds, notes --------------------
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
        from influscope.analyze.map.graph import Scope
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
        from influscope.analyze.map.cartography import LEVELS, compute_map
        from influscope.analyze.map.stored import load_result, persist

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
        from influscope.analyze.map.stored import has_map, load_communities

        scope = self._map_scope(axis, since, until)
        if not has_map(self.store, scope):
            self.map(axis=axis, level=level, since=since, until=until)
        return load_communities(self.store, scope, level)

    def stored_map(self, axis: str | None = None, level: str = "coarse") -> Any:
        """The stored map of an axis (a MapResult); computed and stored first only when missing.

        Readers (the API, the dashboard) call this: opening the map shows the
        last ``influscope map`` of that scope instead of recomputing it.
        """
        from influscope.analyze.map.cartography import LEVELS
        from influscope.analyze.map.stored import has_map, load_result

        if level not in LEVELS:
            raise UsageError(f"Unknown level {level!r}.", "Use --level coarse or --level fine.")
        scope = self._map_scope(axis, None, None)
        if not has_map(self.store, scope):
            return self.map(axis=axis, level=level)
        return load_result(self.store, scope, level)

    def stored_map_run(self, axis: str | None = None) -> dict[str, Any] | None:
        """The run of the stored map of an axis (``run_id``, ``created_at``…), None if none is stored."""
        from influscope.analyze.map.stored import has_map, last_run

        scope = self._map_scope(axis, None, None)
        return last_run(self.store, scope) if has_map(self.store, scope) else None

    def actor_card(self, actor_id: str) -> dict[str, Any]:
        """One actor's card: profile, documents, stance with sources, communities, divergence."""
        from influscope.analyze.card import actor_card

        return actor_card(self.store, actor_id)
