"""The influence journey: who sits on the public's path from a search to an actor.

The inputs (search demand, result pages, crawled pages) come in through
:class:`~influscope.workspace.ingest.IngestService`; this service computes the
journey weights, stores them for the readers, and explains them.
"""

from __future__ import annotations

from typing import Any

from influscope.errors import N_, NotFound
from influscope.options import JourneyLevel, check
from influscope.store.journey import replace_journey
from influscope.workspace.context import Context, Progress
from influscope.workspace.engines import analytic_store


class JourneyService:
    """Compute, store and explain journey weights.

    Example:
        >>> ws.journeys.compute(axis="usine-du-futur")[0]["journey_weight"]  # doctest: +SKIP
    """

    def __init__(self, ctx: Context) -> None:
        self.ctx = ctx

    def compute(
        self,
        axis: str | None = None,
        level: JourneyLevel = "actor",
        progress: Progress | None = None,
    ) -> list[dict[str, Any]]:
        """Journey weights (share of the public's encounters) beside audience; persisted.

        ``level="actor"`` gives one row per actor, ``"page"`` one per page or account node.
        ``progress(done, total)`` is told after each step: the walk, the rows, storing.
        """
        tell = progress or (lambda done, total: None)
        from influscope.analyze.journey import report as jr

        check(JourneyLevel, level, "level")
        store, config = self.ctx.store, self.ctx.config
        with self.ctx.run("journey", {"axis": axis, "level": level}) as run:
            tell(0, 3)
            report = jr.compute(analytic_store(self.ctx), config, axis)
            tell(1, 3)
            actors = jr.actor_rows(analytic_store(self.ctx), config, report)
            pages = jr.page_rows(report)
            explained = [r["actor_id"] for r in actors[: config.journey.explained_actors]]
            paths = jr.path_rows(config, report, explained)
            stored = [
                {"level": "actor", "node_id": r["actor_id"], "actor_id": r["actor_id"], "url": None,
                 "weight": r["journey_weight"], "rank": r["journey_rank"], "top_queries": r["top_queries"]}
                for r in actors
            ] + [
                {"level": "page", "node_id": r["node_id"], "actor_id": r["actor_id"], "url": r["url"],
                 "weight": r["journey_weight"], "rank": r["journey_rank"], "top_queries": None}
                for r in pages
            ]  # fmt: skip
            tell(2, 3)
            with store.transaction() as writer:
                replace_journey(writer, axis or "", stored, paths, run.run_id)
            tell(3, 3)
            run.counts.update(actors=len(actors), pages=len(pages), paths=len(paths))
            run.counts.update(report.inputs.basis().counts())
        return actors if level == "actor" else pages

    def explain(self, actor_id: str, axis: str | None = None) -> dict[str, Any]:
        """The top paths (entry → result → next page → actor) of an actor's journey weight."""
        from influscope.analyze.journey import report as jr

        report = jr.compute(analytic_store(self.ctx), self.ctx.config, axis)
        actor_id = report.inputs.merged.get(actor_id, actor_id)  # an organisation's member
        weight = report.result.actor_weights().get(actor_id)
        if weight is None:
            raise NotFound(
                N_("{actor} is not met on the journey of {axis}.")
                if axis
                else N_("{actor} is not met on the journey."),
                N_(
                    "List the actors with 'influscope journey'; "
                    "ids look like twitter:handle or web:site.fr."
                ),
                actor=actor_id,
                axis=axis or "",
            )
        return {
            "actor_id": actor_id,
            "journey_weight": weight,
            "observed_pages": report.inputs.observed_pages,
            "paths": jr.path_rows(self.ctx.config, report, [actor_id]),
        }

    def stored(
        self,
        axis: str | None = None,
        level: JourneyLevel = "actor",
        progress: Progress | None = None,
    ) -> list[dict[str, Any]]:
        """The stored journey weights of an axis (as :meth:`compute` returns them); computed if none.

        Readers call this so that a page view reads the last ``influscope journey``.
        """
        from influscope.analyze.journey.stored import stored_rows

        check(JourneyLevel, level, "level")
        if axis:
            self.ctx.config.axis(axis)
        rows = stored_rows(self.ctx.store, axis, level)
        return self.compute(axis, level, progress) if rows is None else rows

    def stored_run(self, axis: str | None = None) -> dict[str, Any] | None:
        """The run of the stored journey of an axis (``run_id``, ``computed_at``), None if none."""
        from influscope.analyze.journey.stored import stored_run

        return stored_run(self.ctx.store, axis)

    def stored_paths(self, actor_id: str, axis: str | None = None) -> dict[str, Any]:
        """An actor's stored top paths (as :meth:`explain`); explained afresh if not stored."""
        from influscope.analyze.journey.stored import stored_paths

        found = stored_paths(self.ctx.store, actor_id, axis)
        return self.explain(actor_id, axis) if found is None else found

    def queries(self, axis: str | None = None) -> dict[str, Any]:
        """Who occupies each query's results, the company's share of clicks, crisis readiness."""
        from influscope.analyze.journey import report as jr

        store = analytic_store(self.ctx)
        report = jr.compute(store, self.ctx.config, axis)
        return jr.queries_report(store, self.ctx.config, report)

    def precontact(self, actor_id: str, axis: str | None = None) -> dict[str, Any]:
        """Share of the axis' journeys this actor would add to the company's side."""
        from influscope.analyze.journey import report as jr

        store = analytic_store(self.ctx)
        report = jr.compute(store, self.ctx.config, axis)
        actor_id = report.inputs.merged.get(actor_id, actor_id)
        return jr.precontact_row(store, self.ctx.config, report, actor_id)
