"""Share-of-voice counts kept per axis, brand, day and platform (table ``sov_counts``).

Share of voice over a million documents means, for every axis, matching the
axis query, joining the brand attributions and the winning sentiment, and
grouping — seconds of engine time, on each page view. The counts those
shares are made of are additive, so they are kept in a small table with one
row per (axis, brand, UTC day, platform): documents citing the brand,
positive ones, rated ones and the engagement. Any period (day, week, month)
and the platform split are sums over it (:mod:`influscope.analyze.sov.share`).
Beside it, ``doc_counts`` keeps what the overview shows of all documents:
their number per day and platform, and how many carry each sentiment value.

Kept up to date by :func:`refresh`, which the analysis steps call (after an
import's attribution, ``attribute_brands``, ``enrich``):

- the axes and brands config has a fingerprint: when it changes (or the
  table was never built) everything is rebuilt;
- otherwise only the days touched by rows newer than the last refresh are
  recomputed: documents (``source_run``), attributions and sentiments
  (``run_id``); run ids sort by time, so "newer" is a comparison;
- a cheap signature of the inputs (row counts, newest run ids) tells whether
  anything changed at all; a change no run id explains (rows deleted, rows
  written without a run) rebuilds everything, so the table never drifts.

Example:
    >>> refresh(store, config)  # doctest: +SKIP
    {'mode': 'all', 'rows': 5210, 'days': None}
"""

from __future__ import annotations

import hashlib
import weakref
from collections.abc import Sequence
from datetime import timedelta
from typing import Any

import ibis
import ibis.expr.types as ir
import orjson
import pyarrow as pa

from influscope.analyze.sov.rows import VolumePoint, VolumeTrend, bin_for_span
from influscope.config import Axis, Config
from influscope.enrich.brands import config_hash
from influscope.enrich.search import refresh as refresh_search
from influscope.enrich.search import search_table
from influscope.query.ibis_compiler import IbisCompiler
from influscope.query.parser import parse
from influscope.store import browse
from influscope.store.chosen import document_sentiment

TABLE = "sov_counts"
ALL = ""  # the axis key of "all documents"
FINGERPRINT = "sov.fingerprint"
SIGNATURE = "sov.signature"
WATERMARK = "sov.watermark"
DOC_TABLE = "doc_counts"
COUNTS = ("docs", "positive", "rated", "engagement")
# Bumped when what the tables hold changes: the next refresh rebuilds them.
VERSION = 3  # 3: one sentiment label per document (store.chosen)

# Store -> the generation at which this process last found the table fresh.
_checked: weakref.WeakKeyDictionary[Any, tuple[int, str]] = weakref.WeakKeyDictionary()


def fingerprint(config: Config) -> str:
    """A fingerprint of what the counts depend on in the config: axes' queries and brands."""
    axes = sorted((a.name, a.query) for a in config.axes)
    payload = orjson.dumps({"axes": axes, "brands": config_hash(config.brands), "version": VERSION})
    return hashlib.sha256(payload).hexdigest()[:16]


def sentiment_table(store: Any) -> ir.Table:
    """The one sentiment label per document (:func:`influscope.store.chosen.document_sentiment`)."""
    return document_sentiment(store)


def weight_expr(docs: ir.Table) -> ir.FloatingValue:
    """A document's engagement weight: likes + shares + replies + 1."""
    total = docs.likes.fill_null(0) + docs.shares.fill_null(0) + docs.replies.fill_null(0) + 1
    weight: ir.FloatingValue = total.cast("float64")
    return weight


def counts_expr(store: Any, axes: Sequence[Axis], days: list[Any] | None = None) -> ir.Table:
    """The ``sov_counts`` rows of all documents and of each axis, optionally for some days only.

    One pass over the documents and their brands, with a flag per axis: the
    rows are grouped by brand, day, platform and flags, and each scope's rows
    are sums over those groups (all groups for all documents, the flagged
    ones for an axis). Joining the brands once instead of once per scope is
    what makes it cheap; the sums are of counts and of integer weights, so
    the grouping changes no figure.
    """
    docs: ir.Table = store.table("documents")
    if days is not None:
        docs = docs.filter(docs.published_at.date().isin(days))
    nodes = [parse(axis.query) for axis in axes]
    compiler = IbisCompiler(store.table("links"), search=search_table(store))
    prepared = compiler.prepare(docs, *nodes)
    flags = {f"_axis{i}": compiler.predicate(node, prepared) for i, node in enumerate(nodes)}
    scoped = prepared.select(
        "doc_id",
        "platform",
        day=prepared.published_at.date(),
        weight=weight_expr(prepared),
        **flags,
    )
    cites: ir.Table = store.table("document_brands")
    cites = cites.select("doc_id", "brand").distinct()
    joined = cites.join(scoped, "doc_id").left_join(sentiment_table(store), "doc_id")
    positive = (joined.sentiment == "positive").fill_null(False).cast("int64")
    rated = joined.sentiment.notnull().cast("int64")
    grouped = joined.group_by(["brand", "day", "platform", *flags]).aggregate(
        docs=joined.doc_id.count(),
        positive=positive.sum(),
        rated=rated.sum(),
        engagement=joined.weight.sum(),
    )
    scopes = [(ALL, grouped)]
    scopes += [
        (axis.name, grouped.filter(grouped[flag])) for axis, flag in zip(axes, flags, strict=True)
    ]
    parts = []
    for key, rows in scopes:
        summed = rows.group_by(["brand", "day", "platform"]).aggregate(
            **{c: rows[c].sum() for c in COUNTS}
        )
        parts.append(
            summed.select(
                axis=ibis.literal(key, "string"),
                brand="brand",
                day="day",
                platform="platform",
                **{c: summed[c] for c in COUNTS},
            )
        )
    return ibis.union(*parts) if len(parts) > 1 else parts[0]


def doc_counts_expr(store: Any, days: list[Any] | None = None) -> ir.Table:
    """The ``doc_counts`` rows: every document, and those carrying each sentiment value.

    Rebuilt whole, a sentiment whose document is gone is counted undated
    (the sentiment mix always counted it); for some days, only those days.
    """
    docs: ir.Table = store.table("documents")
    if days is not None:
        docs = docs.filter(docs.published_at.date().isin(days))
    scoped = docs.select("doc_id", "platform", day=docs.published_at.date())
    every = scoped.group_by(["day", "platform"]).aggregate(docs=scoped.count())
    every = every.select(
        "day",
        platform=every.platform.cast("string"),
        field=ibis.literal("", "string"),
        value=ibis.null().cast("string"),
        docs="docs",
    )
    chosen = document_sentiment(store)  # one label per document, as everywhere
    feel = chosen.select(_doc=chosen.doc_id, value=chosen.sentiment)
    how = "left" if days is None else "inner"
    joined = feel.join(scoped, feel._doc == scoped.doc_id, how=how)
    mix = joined.group_by(["day", "platform", "value"]).aggregate(docs=joined.count())
    mix = mix.select(
        "day",
        platform=mix.platform.cast("string"),
        field=ibis.literal("sentiment", "string"),
        value=mix.value.cast("string"),
        docs="docs",
    )
    return every.union(mix)


def _cursor(store: Any, name: str) -> str | None:
    cursors: ir.Table = store.table("cursors")
    found = store.to_arrow(cursors.filter(cursors.name == name).select("value"))
    values: list[str | None] = found["value"].to_pylist()
    return values[0] if values else None


def _inputs(store: Any) -> dict[str, Any]:
    """Row counts and newest run ids of what the counts are made of (one cheap query)."""
    docs: ir.Table = store.table("documents")
    cites: ir.Table = store.table("document_brands")
    e: ir.Table = store.table("enrichments")
    feel = e.filter((e.subject == "document") & (e.field == "sentiment"))
    links: ir.Table = store.table("links")
    parts = [
        docs.aggregate(documents_n=docs.count(), documents_run=docs.source_run.max()),
        cites.aggregate(brands_n=cites.count(), brands_run=cites.run_id.max()),
        feel.aggregate(
            sentiment_n=feel.count(),
            sentiment_run=feel.run_id.max(),
            sentiment_at=feel.created_at.max().cast("string"),
        ),
        links.aggregate(links_n=links.count()),
    ]
    one = parts[0]
    for part in parts[1:]:
        one = one.cross_join(part)
    row: dict[str, Any] = store.to_arrow(one).to_pylist()[0]
    found: dict[str, Any] = {}
    for column, value in row.items():
        table, what = column.rsplit("_", 1)
        found.setdefault(table, {})[what] = value
    return found


def _signature(inputs: dict[str, Any]) -> str:
    return orjson.dumps(inputs, option=orjson.OPT_SORT_KEYS).decode()


def _watermark(inputs: dict[str, Any]) -> str:
    runs = [inputs[t]["run"] for t in ("documents", "brands", "sentiment")]
    return max((r for r in runs if r), default="")


def _dirty_days(store: Any, watermark: str) -> tuple[list[Any], bool]:
    """Days of the documents touched by rows newer than ``watermark``, and whether any is undated.

    Run ids start with their second (``20261129T130102-…``); other runs of the
    watermark's second count as newer (their random suffixes do not sort by
    time), so at worst a few days are recomputed for nothing.
    """
    second = watermark[:15]

    def newer(run: ir.StringValue) -> ir.BooleanValue:
        same_second = run.startswith(second) & (run != watermark)
        result: ir.BooleanValue = (run > watermark) | same_second
        return result

    docs: ir.Table = store.table("documents")
    cites: ir.Table = store.table("document_brands")
    e: ir.Table = store.table("enrichments")
    feel = e.filter((e.subject == "document") & (e.field == "sentiment") & newer(e.run_id))
    touched = (
        docs.filter(newer(docs.source_run))
        .select("doc_id")
        .union(cites.filter(newer(cites.run_id)).select("doc_id"))
        .union(feel.select(doc_id=feel.subject_id))
    )
    when = docs.select(_doc=docs.doc_id, day=docs.published_at.date())
    dated = touched.left_join(when, touched.doc_id == when._doc)
    days = dated.select("day").distinct()
    found: list[Any] = store.to_arrow(days)["day"].to_pylist()
    return [d for d in found if d is not None], any(d is None for d in found)


def refresh(store: Any, config: Config, *, full: bool = False) -> dict[str, Any]:
    """Bring ``sov_counts`` up to date (see module doc); returns what it did.

    ``mode`` is ``fresh`` (nothing to do), ``days`` (the listed days were
    recomputed) or ``all`` (rebuilt).
    """
    with store.lock:
        current = fingerprint(config)
        inputs = _inputs(store)
        signature = _signature(inputs)
        before = {name: _cursor(store, name) for name in (FINGERPRINT, SIGNATURE, WATERMARK)}
        if not full and before[FINGERPRINT] == current and before[SIGNATURE] == signature:
            _checked[store] = (store.generation, current)
            return {"mode": "fresh", "rows": 0, "days": 0}
        refresh_search(store)  # the axis queries read the stored forms
        days: list[Any] | None = None
        watermark = before[WATERMARK]
        if not full and before[FINGERPRINT] == current and watermark:
            found, undated = _dirty_days(store, watermark)
            if found and not undated and not _shrunk(before[SIGNATURE], inputs):
                days = found
        with store.transaction() as writer:
            if days is None:
                writer.replace_all(TABLE, _empty())
                writer.replace_all(DOC_TABLE, _empty("day"))
            else:
                writer.delete(TABLE, "day", days)
                writer.delete(DOC_TABLE, "day", days)
            rows = writer.insert_query(TABLE, counts_expr(store, config.axes, days))
            writer.insert_query(DOC_TABLE, doc_counts_expr(store, days))
            writer.set_cursor(FINGERPRINT, current)
            writer.set_cursor(SIGNATURE, signature)
            writer.set_cursor(WATERMARK, _watermark(inputs))
        _checked[store] = (store.generation, current)
    return {"mode": "all" if days is None else "days", "rows": rows, "days": len(days or [])}


def _shrunk(last: str | None, inputs: dict[str, Any]) -> bool:
    """Whether a table lost rows since the last refresh (deletions need a rebuild)."""
    if not last:
        return True
    before: dict[str, Any] = orjson.loads(last)
    return any(inputs[t]["n"] < before.get(t, {}).get("n", 0) for t in inputs)


def _empty(column: str = "axis") -> pa.Table:
    """No rows: ``replace_all`` with it empties the table."""
    return pa.table({column: pa.array([], pa.string())})


def invalidate(store: Any) -> None:
    """Make the next :func:`refresh` rebuild everything (after deletions: erasure, retention)."""
    with store.transaction() as writer:
        writer.set_cursor(FINGERPRINT, "")
    _checked.pop(store, None)


def ensure_fresh(store: Any, config: Config) -> bool:
    """Whether ``sov_counts`` can answer now (refreshed first when stale and writable)."""
    mark = _checked.get(store)
    if mark is not None and mark == (store.generation, fingerprint(config)):
        return True
    with store.lock:
        if TABLE not in store.ibis.list_tables():
            return False
        if getattr(store, "read_only", False):
            inputs = _inputs(store)
            fresh = _cursor(store, FINGERPRINT) == fingerprint(config) and _cursor(
                store, SIGNATURE
            ) == _signature(inputs)
            return fresh
        refresh(store, config)
        _checked[store] = (store.generation, fingerprint(config))
    return True


def volume_by_day(store: Any, config: Config) -> list[dict[str, Any]]:
    """Documents per UTC day, undated ones under ``None`` (as ``browse.volume_by_day``), from ``doc_counts``."""
    if not ensure_fresh(store, config):
        return browse.volume_by_day(store)
    counts: ir.Table = store.table(DOC_TABLE)
    counts = counts.filter(counts.field == "")
    expr = (
        counts.group_by("day").aggregate(documents=counts.docs.sum().cast("int64")).order_by("day")
    )
    rows: list[dict[str, Any]] = store.to_arrow(expr).to_pylist()
    return rows


def volume_trend(store: Any, config: Config) -> VolumeTrend:
    """Documents over time, per day, week or month as the data's span reads best.

    A period is ``YYYY-MM-DD`` (for a week, its Monday) or ``YYYY-MM``;
    documents without a date are counted apart.
    """
    days = volume_by_day(store, config)
    dated = [(row["day"], int(row["documents"])) for row in days if row["day"] is not None]
    undated = sum(int(row["documents"]) for row in days if row["day"] is None)
    span = (dated[-1][0] - dated[0][0]).days if dated else 0
    unit = bin_for_span(span)
    totals: dict[str, int] = {}
    for day, documents in dated:
        if unit == "week":
            day = day - timedelta(days=day.weekday())
        period = day.isoformat()[:7] if unit == "month" else day.isoformat()
        totals[period] = totals.get(period, 0) + documents
    points = [VolumePoint(period, n) for period, n in sorted(totals.items())]
    return VolumeTrend(unit, points, undated)


def sentiment_mix(store: Any, config: Config) -> list[dict[str, Any]]:
    """Documents carrying each sentiment value (as ``browse.field_mix(store, "sentiment")``)."""
    if not ensure_fresh(store, config):
        return browse.field_mix(store, "sentiment")
    counts: ir.Table = store.table(DOC_TABLE)
    counts = counts.filter(counts.field == "sentiment")
    expr = (
        counts.group_by("value")
        .aggregate(count=counts.docs.sum().cast("int64"))
        .order_by([ibis.desc("count"), "value"])
    )
    rows: list[dict[str, Any]] = store.to_arrow(expr).to_pylist()
    return rows
