"""Share of voice: each brand's part of the citations among the documents of an axis.

Definitions (per group: the whole scope, or one period and/or one split value):

- ``docs``: documents in scope citing the brand (``document_brands``, any way:
  alias, handle or domain). A document citing two compared brands counts once
  for each.
- ``share``: ``docs`` / sum of ``docs`` over the compared brands — shares of a
  group add up to 1.
- ``positive``: the brand's documents whose sentiment (the winning
  ``sentiment`` enrichment: a learned value over a default one) is
  ``positive``; ``rated`` how many of its documents have a sentiment at all.
- ``positive_share``: ``positive`` / sum of ``positive`` over the compared
  brands (the positive share of voice); ``positive_rate``: ``positive`` /
  ``rated`` (how positively the brand itself is spoken of). Both are null
  when no document of the group has a sentiment.
- ``engagement``: sum over the brand's documents of likes + shares + replies
  + 1 (a document nobody reacted to still counts once);
  ``engagement_share`` its part of the group's total.

The scope is the documents matching the axis query (all documents without an
axis); the compared brands are the axis' competitors plus the workspace's own
brands (every brand when the axis names no competitor). Everything is one
Ibis expression, so it runs on DuckDB here and on Spark for a lake.

Two ways to the same numbers: over the whole period, by period and split by
platform, the counts are summed from the small ``sov_counts`` table
(:mod:`influscope.analyze.sov.counts`, kept up to date by the analysis
steps and refreshed here when stale), which answers in milliseconds on a
million documents; split by community or author kind (which depend on the
map and the actors, not kept there), or when the table cannot be used (a
read-only store not up to date), the shares are computed from the documents
(:func:`share_of_voice_expr`). A test checks both give equal rows.
"""

from __future__ import annotations

from typing import Any, get_args

import ibis
import ibis.expr.types as ir

from influscope.analyze.map.scope import Scope
from influscope.analyze.sov import counts as sov_counts
from influscope.analyze.sov.scope import Period, in_period
from influscope.config import Axis, Config
from influscope.enrich.search import current_forms
from influscope.errors import N_, NotFound, UsageError
from influscope.options import SovBy, SovSplit, check
from influscope.query.ibis_compiler import filter_documents

# The truncation unit of each period of :data:`~influscope.options.SovBy`.
PERIODS: dict[str, str] = dict(zip(get_args(SovBy), ("D", "W", "M"), strict=True))
SPLITS: tuple[str, ...] = get_args(SovSplit)


def compared_brands(config: Config, axis: Axis | None) -> list[str]:
    """The brands compared on an axis: its competitors and the own brands (default: all)."""
    if axis is None or not axis.competitors:
        return [b.name for b in config.brands]
    own = [b.name for b in config.brands if b.own]
    known = {b.name for b in config.brands}
    unknown = [name for name in axis.competitors if name not in known]
    if unknown:
        raise UsageError(
            N_("Axis {axis} names competitors that are not brands: {names}."),
            N_("Add them as [[brands]] in influscope.toml, or fix the names."),
            axis=repr(axis.name),
            names=", ".join(unknown),
        )
    return list(dict.fromkeys([*own, *axis.competitors]))


def _sentiment(store: Any) -> ir.Table:
    """The winning sentiment value per document (learned over default, newest first)."""
    return sov_counts.sentiment_table(store)


def _split_column(store: Any, docs: ir.Table, split: str, axis: Axis | None) -> ir.Table:
    """Add a ``split`` column to the documents (platform, author kind or community)."""
    if split == "platform":
        return docs.mutate(split=docs.platform)
    if split == "kind":
        actors: ir.Table = store.table("actors").select("actor_id", "kind")
        joined = docs.left_join(actors, docs.author_id == actors.actor_id)
        return joined.mutate(split=joined.kind.fill_null("unknown")).drop("actor_id", "kind")
    tables = set(store.ibis.list_tables())
    scope = Scope(axis=axis.name if axis else None).key
    hint = (
        N_("Run 'influscope map --axis {axis}' first.")
        if axis
        else N_("Run 'influscope map' first.")
    )
    axis_name = axis.name if axis else ""
    if "community_members" not in tables:
        raise NotFound(
            N_("No community map in this workspace (no community table)."), hint, axis=axis_name
        )
    members: ir.Table = store.table("community_members")
    members = members.filter((members.scope == scope) & (members.level == "coarse"))
    if int(store.scalar(members.count())) == 0:
        raise NotFound(
            N_("No community map for scope {scope}."), hint, scope=repr(scope), axis=axis_name
        )
    labelled = members.mutate(split=members.community.cast("string"))
    if "communities" in tables:
        info: ir.Table = store.table("communities")
        info = info.filter((info.scope == scope) & (info.level == "coarse"))
        info = info.select(_community=info.community, _label=info.label)
        labelled = labelled.left_join(info, labelled.community == info._community)
        labelled = labelled.mutate(split=ibis.coalesce(labelled._label, labelled.split))
    labelled = labelled.select(_member=labelled.actor_id, split=labelled.split)
    joined = docs.left_join(labelled, docs.author_id == labelled._member)
    return joined.mutate(split=joined.split.fill_null("none")).drop("_member")


def share_of_voice_expr(
    store: Any,
    config: Config,
    axis: Axis | None = None,
    by: str | None = None,
    split: str | None = None,
    *,
    stored_forms: bool = True,
    period: Period | None = None,
) -> tuple[ir.Table, list[str]]:
    """The share-of-voice expression over the documents and its group columns (see module doc).

    ``stored_forms`` reads the documents' normalised text from
    ``document_search`` (same answer, no normalising); without it every
    document is normalised on the fly.
    """
    _check(by, split)
    names = compared_brands(config, axis)
    docs: ir.Table = store.table("documents")
    if axis is not None:
        forms = current_forms(store) if stored_forms else None
        docs = filter_documents(
            docs, axis.query, store.table("links"), portable=store.portable, search=forms
        )
    kept = in_period(docs.published_at.date(), period)
    if kept is not None:
        docs = docs.filter(kept)
    weight = sov_counts.weight_expr(docs)
    keys: list[str] = []
    scoped = docs.select("doc_id", "author_id", "platform", "published_at", weight=weight)
    if by is not None:
        scoped = scoped.mutate(
            period=scoped.published_at.truncate(PERIODS[by]).date().cast("string")
        )
        keys.append("period")
    if split is not None:
        scoped = _split_column(store, scoped, split, axis)
        keys.append("split")
    cites: ir.Table = store.table("document_brands")
    cites = cites.filter(cites.brand.isin(names)).select("doc_id", "brand").distinct()
    sentiment = _sentiment(store)
    joined = cites.join(scoped, "doc_id").left_join(sentiment, "doc_id")
    positive = (joined.sentiment == "positive").fill_null(False).cast("int64")
    rated = joined.sentiment.notnull().cast("int64")
    grouped = joined.group_by([*keys, "brand"]).aggregate(
        docs=joined.doc_id.count(),
        positive=positive.sum(),
        rated=rated.sum(),
        engagement=joined.weight.sum(),
    )
    return _shares(grouped, keys), keys


def counts_share_of_voice_expr(
    store: Any,
    config: Config,
    axis: Axis | None = None,
    by: str | None = None,
    split: str | None = None,
    *,
    period: Period | None = None,
) -> tuple[ir.Table, list[str]]:
    """The same rows as :func:`share_of_voice_expr`, summed from ``sov_counts``.

    Only ``split`` None or ``platform``; the table must be fresh
    (:func:`influscope.analyze.sov.counts.ensure_fresh`).
    """
    _check(by, split)
    if split not in (None, "platform"):
        raise UsageError(
            N_("Split {split} is not kept in {table}."), split=repr(split), table=sov_counts.TABLE
        )
    names = compared_brands(config, axis)
    counts: ir.Table = store.table(sov_counts.TABLE)
    key = axis.name if axis is not None else sov_counts.ALL
    counts = counts.filter((counts.axis == key) & counts.brand.isin(names))
    kept = in_period(counts.day, period)
    if kept is not None:
        counts = counts.filter(kept)
    keys: list[str] = []
    if by is not None:
        period = counts.day.cast("timestamp").truncate(PERIODS[by]).date().cast("string")
        counts = counts.mutate(period=period)
        keys.append("period")
    if split is not None:
        counts = counts.mutate(split=counts.platform)
        keys.append("split")
    grouped = counts.group_by([*keys, "brand"]).aggregate(
        docs=counts.docs.sum().cast("int64"),
        positive=counts.positive.sum().cast("int64"),
        rated=counts.rated.sum().cast("int64"),
        engagement=counts.engagement.sum(),
    )
    return _shares(grouped, keys), keys


def _check(by: str | None, split: str | None) -> None:
    check(SovBy, by, "period")
    check(SovSplit, split, "split")


def _shares(grouped: ir.Table, keys: list[str]) -> ir.Table:
    """Shares within each group from the per-brand counts (the definitions in the module doc)."""
    window = ibis.window(group_by=keys) if keys else ibis.window()
    total = grouped.docs.sum().over(window)
    total_positive = grouped.positive.sum().over(window)
    total_rated = grouped.rated.sum().over(window)
    total_engagement = grouped.engagement.sum().over(window)
    no_sentiment = total_rated == 0
    result = grouped.mutate(
        share=grouped.docs / total,
        positive_share=ibis.ifelse(
            no_sentiment | (total_positive == 0), ibis.null(), grouped.positive / total_positive
        ),
        positive_rate=ibis.ifelse(
            grouped.rated == 0, ibis.null(), grouped.positive / grouped.rated
        ),
        engagement_share=grouped.engagement / total_engagement,
    )
    result = result.mutate(
        positive=ibis.ifelse(no_sentiment, ibis.null(), result.positive),
    )
    columns = [
        *keys,
        "brand",
        "docs",
        "share",
        "positive",
        "rated",
        "positive_share",
        "positive_rate",
        "engagement",
        "engagement_share",
    ]
    return result.select(*columns).order_by([*keys, ibis.desc("docs"), "brand"])


def share_of_voice(
    store: Any,
    config: Config,
    axis: Axis | None = None,
    by: str | None = None,
    split: str | None = None,
    *,
    period: Period | None = None,
) -> list[dict[str, Any]]:
    """Share of voice rows (see module doc); compared brands never cited get a zero row.

    ``period`` keeps the documents published in it (the counts are summed
    over its days, the shares computed from those sums).
    """
    _check(by, split)
    if split in (None, "platform") and sov_counts.ensure_fresh(store, config):
        expr, keys = counts_share_of_voice_expr(store, config, axis, by, split, period=period)
    else:
        expr, keys = share_of_voice_expr(store, config, axis, by, split, period=period)
    rows: list[dict[str, Any]] = store.to_arrow(expr).to_pylist()
    if not keys:
        _add_zero_rows(rows, compared_brands(config, axis))
    return rows


def share_of_voice_by_axis(
    store: Any, config: Config, axes: list[Axis]
) -> dict[str, list[dict[str, Any]]] | None:
    """Whole-period share of voice of several axes in one query (the overview's).

    Each axis' rows equal ``share_of_voice(store, config, axis)``; None when
    the aggregates cannot answer (then ask axis by axis).
    """
    if not axes or not sov_counts.ensure_fresh(store, config):
        return None
    counts: ir.Table = store.table(sov_counts.TABLE)
    names = {axis.name: compared_brands(config, axis) for axis in axes}
    chosen: ir.BooleanValue | None = None
    for name, brands in names.items():
        one = (counts.axis == name) & counts.brand.isin(brands)
        chosen = one if chosen is None else chosen | one
    assert chosen is not None
    counts = counts.filter(chosen)
    grouped = counts.group_by(["axis", "brand"]).aggregate(
        docs=counts.docs.sum().cast("int64"),
        positive=counts.positive.sum().cast("int64"),
        rated=counts.rated.sum().cast("int64"),
        engagement=counts.engagement.sum(),
    )
    found: dict[str, list[dict[str, Any]]] = {name: [] for name in names}
    for row in store.to_arrow(_shares(grouped, ["axis"])).to_pylist():
        found[row.pop("axis")].append(row)
    for name, rows in found.items():
        _add_zero_rows(rows, names[name])
    return found


def _add_zero_rows(rows: list[dict[str, Any]], names: list[str]) -> None:
    """A zero row for each compared brand that no document cites."""
    seen = {row["brand"] for row in rows}
    for name in names:
        if name not in seen:
            rows.append(
                {
                    "brand": name,
                    "docs": 0,
                    "share": 0.0,
                    "positive": None,
                    "rated": 0,
                    "positive_share": None,
                    "positive_rate": None,
                    "engagement": 0.0,
                    "engagement_share": 0.0,
                }
            )
