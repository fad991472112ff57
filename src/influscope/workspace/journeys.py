"""The influence journey: search demand, result pages, crawl, journey weights.

A mixin of :class:`~influscope.workspace.Workspace`: the methods read
``self.config`` and ``self.store`` and record their runs with ``self.run``.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from influscope.errors import (
    ImportRejected,
    InputError,
    NotFound,
    UsageError,
)
from influscope.store.ingestion import resolve_references

if TYPE_CHECKING:
    from influscope.ingest.http import HttpClient


class JourneysMixin:
    """The :class:`~influscope.workspace.Workspace` methods of this area (module docstring)."""

    # -- influence journey: demand, result pages, crawl, journey weights -----------------
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

    def ingest_transitions(
        self,
        path: str | os.PathLike[str],
        preset: str | None = None,
        *,
        period: str | None = None,
        base_url: str | None = None,
        strict: bool = False,
    ) -> dict[str, Any]:
        """Import observed transitions (``src_url, dst_url, clicks`` or a Wikimedia clickstream).

        The journey's link step follows them instead of the even split
        (see docs/journey.md).

        Raises:
            ImportRejected: with ``strict`` and a bad row (nothing is written).
        """
        from influscope.ingest.search.transitions import transitions_preset

        source = Path(path)
        if not source.exists():
            raise InputError(f"{source}: no such file.")
        mapper = transitions_preset(preset, source, period=period, base_url=base_url)
        return self._ingest_search("ingest transitions", "transitions", source, mapper, strict)

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
        client: HttpClient | None = None,
    ) -> dict[str, Any]:
        """Crawl seed URLs (and/or every stored result URL) and what they link to; resumable."""
        from influscope.ingest.crawl.crawler import Crawler, crawl_client
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
            http = client or crawl_client(settings, allow_private=allow_private)
            try:
                crawler = Crawler(FrontierSink(self.store, run.run_id), http, progress=progress)
                summary = crawler.run(seeds, depth, max_pages)
            finally:
                if client is None:
                    http.close()
            with self.store.transaction() as writer:
                run.counts["resolved_references"] = resolve_references(writer, run.run_id)
            run.counts.update(vars(summary))
        return vars(summary) | {"seeds": len(seeds)}

    def journey(self, axis: str | None = None, level: str = "actor") -> list[dict[str, Any]]:
        """Journey weights (share of the public's encounters) beside audience; persisted.

        ``level="actor"`` gives one row per actor, ``"page"`` one per page or account node.
        """
        from influscope.analyze.journey import report as jr
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
        from influscope.analyze.journey import report as jr

        report = jr.compute(self.store, self.config, axis)
        actor_id = report.inputs.merged.get(actor_id, actor_id)  # an organisation's member
        weight = report.result.actor_weights().get(actor_id)
        if weight is None:
            raise NotFound(
                f"{actor_id} is not met on the journey{' of ' + axis if axis else ''}.",
                "List the actors with 'influscope journey'; ids look like twitter:handle or web:site.fr.",
            )
        return {
            "actor_id": actor_id,
            "journey_weight": weight,
            "observed_pages": report.inputs.observed_pages,
            "paths": jr.path_rows(self.config, report, [actor_id]),
        }

    def stored_journey(self, axis: str | None = None, level: str = "actor") -> list[dict[str, Any]]:
        """The stored journey weights of an axis (as :meth:`journey` returns them); computed if none.

        Readers call this so that a page view reads the last ``influscope journey``.
        """
        from influscope.analyze.journey.stored import stored_rows

        if level not in {"actor", "page"}:
            raise UsageError(f"Unknown level {level!r}.", "Use --level actor or --level page.")
        if axis:
            self.config.axis(axis)
        rows = stored_rows(self.store, axis, level)
        return self.journey(axis, level) if rows is None else rows

    def stored_journey_run(self, axis: str | None = None) -> dict[str, Any] | None:
        """The run of the stored journey of an axis (``run_id``, ``computed_at``), None if none."""
        from influscope.analyze.journey.stored import stored_run

        return stored_run(self.store, axis)

    def stored_journey_paths(self, actor_id: str, axis: str | None = None) -> dict[str, Any]:
        """An actor's stored top paths (as :meth:`journey_explain`); explained afresh if not stored."""
        from influscope.analyze.journey.stored import stored_paths

        found = stored_paths(self.store, actor_id, axis)
        return self.journey_explain(actor_id, axis) if found is None else found

    def journey_queries(self, axis: str | None = None) -> dict[str, Any]:
        """Who occupies each query's results, the company's share of clicks, crisis readiness."""
        from influscope.analyze.journey import report as jr

        report = jr.compute(self.store, self.config, axis)
        return jr.queries_report(self.store, self.config, report)

    def precontact(self, actor_id: str, axis: str | None = None) -> dict[str, Any]:
        """Share of the axis' journeys this actor would add to the company's side."""
        from influscope.analyze.journey import report as jr

        report = jr.compute(self.store, self.config, axis)
        actor_id = report.inputs.merged.get(actor_id, actor_id)
        return jr.precontact_row(self.store, self.config, report, actor_id)
