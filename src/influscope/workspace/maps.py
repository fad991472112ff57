"""The map: interaction graph, communities, stance, roles and layout of an axis, and actor cards.

``compute`` runs the analysis and stores it; the ``stored_*`` readers answer
the API, the dashboard and the reports from what ``influscope map`` stored
(computing it once when nothing is stored for the scope). The analysis (igraph,
Leiden, matplotlib behind them) is imported by the methods that run it, so
opening a workspace does not pay for it.
"""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING, Any

from influscope.errors import N_, UsageError
from influscope.ingest.values import to_utc
from influscope.options import MapLevel, check
from influscope.workspace.context import Context, Progress
from influscope.workspace.engines import analytic_store

if TYPE_CHECKING:
    from influscope.analyze.map.cartography import MapResult
    from influscope.analyze.map.scope import Scope

When = str | datetime | None


class MapService:
    """Compute and read the maps of the workspace's axes.

    Example:
        >>> ws.maps.compute(axis="usine-du-futur", level="fine").rows[0]  # doctest: +SKIP
    """

    def __init__(self, ctx: Context) -> None:
        self.ctx = ctx

    def _scope(self, axis: str | None, since: When, until: When) -> Scope:
        from influscope.analyze.map.scope import Scope

        query = self.ctx.config.axis(axis).query if axis else None
        try:
            return Scope(axis, query, to_utc(since), to_utc(until))
        except ValueError as exc:
            raise UsageError(
                N_("Bad date: {reason}."),
                N_("Use ISO dates such as 2026-01-31."),
                reason=str(exc),
            ) from exc

    def compute(
        self,
        axis: str | None = None,
        level: MapLevel = "coarse",
        since: When = None,
        until: When = None,
        resolution: float | None = None,
        progress: Progress | None = None,
    ) -> MapResult:
        """Compute and store the map of an axis/window; returns it at ``level``.

        ``progress(done, total)`` is told after each step (the CLI's bar, a job's status).
        """
        from influscope.analyze.map.cartography import STEPS, compute_map
        from influscope.analyze.map.stored import load_result, persist

        check(MapLevel, level, "level")
        scope = self._scope(axis, since, until)
        params = {"axis": axis, "since": since, "until": until, "resolution": resolution}
        with self.ctx.run("map", params) as run:
            # Read from the lake through the chosen engine when there is one; stored here.
            computed = compute_map(
                analytic_store(self.ctx), self.ctx.config, scope, run.run_id, resolution, progress
            )
            persist(self.ctx.store, computed, params)
            if progress is not None:
                progress(STEPS, STEPS)
            run.counts.update({k: v for k, v in computed["stats"].items() if k != "timings"})
        result = load_result(self.ctx.store, scope, level)
        result.stats = computed["stats"]
        return result

    def communities(
        self,
        axis: str | None = None,
        level: MapLevel = "coarse",
        since: When = None,
        until: When = None,
        progress: Progress | None = None,
    ) -> list[dict[str, Any]]:
        """Community profiles of the stored map of a scope (computed first if missing)."""
        from influscope.analyze.map.stored import has_map, load_communities

        check(MapLevel, level, "level")
        scope = self._scope(axis, since, until)
        if not has_map(self.ctx.store, scope):
            self.compute(axis=axis, level=level, since=since, until=until, progress=progress)
        return load_communities(self.ctx.store, scope, level)

    def stored(
        self, axis: str | None = None, level: MapLevel = "coarse", progress: Progress | None = None
    ) -> MapResult:
        """The stored map of an axis; computed and stored first only when missing.

        Readers (the API, the dashboard) call this: opening the map shows the
        last ``influscope map`` of that scope instead of recomputing it.
        """
        from influscope.analyze.map.stored import has_map, load_result

        check(MapLevel, level, "level")
        scope = self._scope(axis, None, None)
        if not has_map(self.ctx.store, scope):
            return self.compute(axis=axis, level=level, progress=progress)
        return load_result(self.ctx.store, scope, level)

    def stored_run(self, axis: str | None = None) -> dict[str, Any] | None:
        """The run of the stored map of an axis (``run_id``, ``created_at``…), None if none."""
        from influscope.analyze.map.stored import has_map, last_run

        scope = self._scope(axis, None, None)
        return last_run(self.ctx.store, scope) if has_map(self.ctx.store, scope) else None

    def actor_card(self, actor_id: str) -> dict[str, Any]:
        """One actor's card: profile, documents, stance with sources, communities, divergence."""
        from influscope.analyze.card import actor_card

        return actor_card(self.ctx.store, actor_id)
