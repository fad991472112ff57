"""Brands and share of voice: attribution, shares per brand, and ad hoc queries over documents.

The share-of-voice counts (:mod:`influscope.analyze.sov.counts`) are refreshed
by every step that changes what they count; the other services call
:meth:`SovService.refresh_counts` and :meth:`SovService.attribute` for that
rather than reaching into the analysis themselves. The analyses are imported
by the methods that run them (they load Ibis): the imports hold this service,
and an import in a workspace without brands never calls it.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Literal

import pyarrow as pa

from influscope.analyze.sov.rows import ShareRow, VolumeTrend
from influscope.options import SovBy, SovSplit
from influscope.workspace.context import Context
from influscope.workspace.engines import analytic_store

if TYPE_CHECKING:
    from influscope.analyze.sov.names import NameGap
    from influscope.analyze.sov.scope import ScopeCount

# What a query's matching rows show, newest first.
SEARCH_COLUMNS = ("doc_id", "platform", "author_id", "published_at", "lang", "url", "title", "text")


@dataclass(frozen=True)
class Attribution:
    """Brand attribution of a run: documents considered, rows written, documents citing a brand.

    ``mode`` is ``all`` when every document was redone (forced, or the brands
    changed), ``new`` when only the documents not done yet were.
    """

    documents: int
    attributions: int
    cited: int
    mode: Literal["all", "new"]


@dataclass(frozen=True)
class CountsRefresh:
    """How the share-of-voice counts were brought up to date (all, some days, or none)."""

    mode: str
    rows: int
    days: int


class SovService:
    """Brand attribution, share of voice and the query language over the stored documents.

    Example:
        >>> ws.sov.share_of_voice(axis="usine-du-futur", by="week")  # doctest: +SKIP
    """

    def __init__(self, ctx: Context) -> None:
        self.ctx = ctx

    def count(self, q: str) -> int:
        """How many documents match query ``q``.

        Example:
            >>> ws.sov.count('"usine du futur" AND lang:fr')  # doctest: +SKIP
            42
        """
        from influscope.enrich.axis_filter import matching

        store = analytic_store(self.ctx)
        expr = matching(store, q)
        return int(store.scalar(expr.count()))

    def search(self, q: str, limit: int | None = None) -> pa.Table:
        """The documents matching query ``q``, newest first (columns :data:`SEARCH_COLUMNS`)."""
        from influscope.enrich.axis_filter import matching

        store = analytic_store(self.ctx)
        expr = matching(store, q)
        expr = expr.select(*SEARCH_COLUMNS)
        expr = expr.order_by([expr.published_at.desc(), expr.doc_id])
        if limit:
            expr = expr.limit(limit)
        return store.to_arrow(expr)

    def attribute(self, run_id: str, *, force: bool = False) -> Attribution:
        """Attribute brands to the documents not done yet (all of them with ``force``).

        Called by the imports within their own run; :meth:`attribute_brands` is
        the command that records a run of its own.
        """
        from influscope.enrich import brands as brand_attribution

        found = brand_attribution.attribute(
            self.ctx.store, self.ctx.config.brands, run_id, force=force
        )
        return Attribution(found["documents"], found["attributions"], found["cited"], found["mode"])

    def refresh_counts(self) -> CountsRefresh:
        """Bring the share-of-voice counts up to date after a step changed documents or labels."""
        from influscope.analyze.sov import counts as sov_counts

        found = sov_counts.refresh(self.ctx.store, self.ctx.config)
        return CountsRefresh(found["mode"], found["rows"], found["days"])

    def invalidate_counts(self) -> None:
        """Drop the counts after a deletion (they are rebuilt on the next read)."""
        from influscope.analyze.sov import counts as sov_counts

        sov_counts.invalidate(self.ctx.store)

    def attribute_brands(self, force: bool = True) -> Attribution:
        """Recompute which brands every document cites (``force=False``: only those not done)."""
        from influscope.enrich import brands as brand_attribution

        params = {"brands": brand_attribution.config_hash(self.ctx.config.brands)}
        with self.ctx.run("attribute brands", params) as run:
            found = self.attribute(run.run_id, force=force)
            run.counts.update(vars(found))
            run.counts["sov"] = self.refresh_counts()
        return found

    def share_of_voice(
        self,
        axis: str | None = None,
        by: SovBy | None = None,
        split: SovSplit | None = None,
        period: str | None = None,
    ) -> list[ShareRow]:
        """Share of voice per brand among the documents of an axis (or all), in a period.

        ``period`` is a year or a month (``2015-02``): counts are summed over
        its days and shares computed from the sums. See
        :mod:`influscope.analyze.sov.share` for the definitions.
        """
        from influscope.analyze.sov import share
        from influscope.analyze.sov.scope import parse_period

        config = self.ctx.config
        chosen = config.axis(axis) if axis else None
        store = analytic_store(self.ctx)
        rows = share.share_of_voice(
            store, config, chosen, by=by, split=split, period=parse_period(period)
        )
        return [ShareRow.from_row(row) for row in rows]

    def name_gaps(self) -> list[NameGap]:
        """Brands whose name is no alias, with the documents naming them that they miss.

        See :mod:`influscope.analyze.sov.names`: what ``sov`` and ``brands``
        warn about, so a share of voice never silently misses a brand's name.
        """
        from influscope.analyze.sov.names import name_gaps

        return name_gaps(analytic_store(self.ctx), self.ctx.config.brands)

    def scope(self, axis: str | None = None, period: str | None = None) -> ScopeCount:
        """Documents of an axis (all without one) published in a period, and their span.

        The one count of "documents" that ``status --axis --period`` and the
        reports show.
        """
        from influscope.analyze.sov.scope import count_scope, parse_period

        chosen = self.ctx.config.axis(axis) if axis else None
        return count_scope(self.ctx.store, chosen, parse_period(period))

    def volume_trend(self) -> VolumeTrend:
        """Documents over time (the overview's trend), per day, week or month by the data's span.

        Per day up to six weeks, per week up to a year, per month beyond:
        nine days of posts drawn by month were one point.
        """
        from influscope.analyze.sov import counts as sov_counts

        return sov_counts.volume_trend(self.ctx.store, self.ctx.config)

    def by_axis(self) -> dict[str, list[ShareRow]]:
        """Whole-period share of voice of every axis (one query when the counts can answer)."""
        from influscope.analyze.sov import share

        config = self.ctx.config
        found = share.share_of_voice_by_axis(analytic_store(self.ctx), config, config.axes)
        if found is not None:
            return {name: [ShareRow.from_row(r) for r in rows] for name, rows in found.items()}
        return {axis.name: self.share_of_voice(axis.name) for axis in config.axes}

    def prime(self) -> None:
        """Warm the store connection and bring the aggregates up to date (before serving)."""
        from influscope.analyze.sov import counts as sov_counts

        self.ctx.store.count("documents")
        sov_counts.ensure_fresh(self.ctx.store, self.ctx.config)
