"""Share-of-voice counts kept per axis, brand, day and platform (table ``sov_counts``).

Share of voice over a million documents means, for every axis, matching the
axis query, joining the brand attributions and the winning sentiment, and
grouping — seconds of engine time, on each page view. The counts those
shares are made of are additive, so they are kept in a small table with one
row per (axis, brand, UTC day, platform): documents citing the brand,
positive ones, rated ones and the engagement. Any period (day, week, month)
and the platform split are sums over it (:mod:`influscope.analyze.share_of_voice`).

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
from typing import Any

import ibis
import ibis.expr.types as ir
import orjson
import pyarrow as pa

from influscope.config import Axis, Config
from influscope.enrich.brands import config_hash
from influscope.enrich.search import refresh as refresh_search
from influscope.enrich.search import search_table
from influscope.query.ibis_compiler import filter_documents

TABLE = "sov_counts"
ALL = ""  # the axis key of "all documents"
FINGERPRINT = "sov.fingerprint"
SIGNATURE = "sov.signature"
WATERMARK = "sov.watermark"
COUNTS = ("docs", "positive", "rated", "engagement")

# Store -> the generation at which this process last found the table fresh.
_checked: weakref.WeakKeyDictionary[Any, tuple[int, str]] = weakref.WeakKeyDictionary()


def fingerprint(config: Config) -> str:
    """A fingerprint of what the counts depend on in the config: axes' queries and brands."""
    axes = sorted((a.name, a.query) for a in config.axes)
    payload = orjson.dumps({"axes": axes, "brands": config_hash(config.brands)})
    return hashlib.sha256(payload).hexdigest()[:16]


def sentiment_table(store: Any) -> ir.Table:
    """The winning sentiment value per document (learned over default, newest first)."""
    e: ir.Table = store.table("enrichments")
    chosen = e.filter((e.subject == "document") & (e.field == "sentiment"))
    rank = ibis.row_number().over(
        group_by=chosen.subject_id,
        order_by=[ibis.desc(chosen.producer.startswith("learned")), ibis.desc(chosen.created_at)],
    )
    best = chosen.mutate(_rank=rank).filter(lambda t: t._rank == 0)
    return best.select(doc_id=best.subject_id, sentiment=best.value)


def weight_expr(docs: ir.Table) -> ir.FloatingValue:
    """A document's engagement weight: likes + shares + replies + 1."""
    total = docs.likes.fill_null(0) + docs.shares.fill_null(0) + docs.replies.fill_null(0) + 1
    weight: ir.FloatingValue = total.cast("float64")
    return weight


def counts_expr(store: Any, axis: Axis | None, days: list[Any] | None = None) -> ir.Table:
    """The ``sov_counts`` rows of one axis (None: all documents), optionally for some days only."""
    docs: ir.Table = store.table("documents")
    if days is not None:
        docs = docs.filter(docs.published_at.date().isin(days))
    if axis is not None:
        docs = filter_documents(docs, axis.query, store.table("links"), search=search_table(store))
    scoped = docs.select(
        "doc_id", "platform", day=docs.published_at.date(), weight=weight_expr(docs)
    )
    cites: ir.Table = store.table("document_brands")
    cites = cites.select("doc_id", "brand").distinct()
    joined = cites.join(scoped, "doc_id").left_join(sentiment_table(store), "doc_id")
    positive = (joined.sentiment == "positive").fill_null(False).cast("int64")
    rated = joined.sentiment.notnull().cast("int64")
    grouped = joined.group_by(["brand", "day", "platform"]).aggregate(
        docs=joined.doc_id.count(),
        positive=positive.sum(),
        rated=rated.sum(),
        engagement=joined.weight.sum(),
    )
    key = ibis.literal(axis.name if axis is not None else ALL, "string")
    return grouped.select(
        axis=key, brand="brand", day="day", platform="platform", **{c: grouped[c] for c in COUNTS}
    )


def _cursor(store: Any, name: str) -> str | None:
    cursors: ir.Table = store.table("cursors")
    found = store.to_arrow(cursors.filter(cursors.name == name).select("value"))
    values: list[str | None] = found["value"].to_pylist()
    return values[0] if values else None


def _inputs(store: Any) -> dict[str, Any]:
    """Row counts and newest run ids of what the counts are made of (a few cheap aggregates)."""
    docs: ir.Table = store.table("documents")
    cites: ir.Table = store.table("document_brands")
    e: ir.Table = store.table("enrichments")
    feel = e.filter((e.subject == "document") & (e.field == "sentiment"))
    links: ir.Table = store.table("links")
    parts = {
        "documents": docs.aggregate(n=docs.count(), run=docs.source_run.max()),
        "brands": cites.aggregate(n=cites.count(), run=cites.run_id.max()),
        "sentiment": feel.aggregate(
            n=feel.count(), run=feel.run_id.max(), at=feel.created_at.max().cast("string")
        ),
        "links": links.aggregate(n=links.count()),
    }
    return {name: dict(store.to_arrow(expr).to_pylist()[0]) for name, expr in parts.items()}


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
    days = docs.semi_join(touched, docs.doc_id == touched.doc_id)
    days = days.select(day=days.published_at.date()).distinct()
    found: list[Any] = store.to_arrow(days)["day"].to_pylist()
    return [d for d in found if d is not None], any(d is None for d in found)


def refresh(store: Any, config: Config, *, full: bool = False) -> dict[str, Any]:
    """Bring ``sov_counts`` up to date (see module doc); returns what it did.

    ``mode`` is ``fresh`` (nothing to do), ``days`` (the listed days were
    recomputed) or ``all`` (rebuilt).
    """
    with store.lock:
        refresh_search(store)
        current = fingerprint(config)
        inputs = _inputs(store)
        signature = _signature(inputs)
        before = {name: _cursor(store, name) for name in (FINGERPRINT, SIGNATURE, WATERMARK)}
        if not full and before[FINGERPRINT] == current and before[SIGNATURE] == signature:
            _checked[store] = (store.generation, current)
            return {"mode": "fresh", "rows": 0, "days": 0}
        days: list[Any] | None = None
        watermark = before[WATERMARK]
        if not full and before[FINGERPRINT] == current and watermark:
            found, undated = _dirty_days(store, watermark)
            if found and not undated and not _shrunk(before[SIGNATURE], inputs):
                days = found
        scopes: list[Axis | None] = [None, *config.axes]
        rows = 0
        with store.transaction() as writer:
            if days is None:
                writer.replace_all(TABLE, _empty())
            else:
                writer.delete(TABLE, "day", days)
            for axis in scopes:
                rows += writer.insert_query(TABLE, counts_expr(store, axis, days))
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


def _empty() -> pa.Table:
    """No rows: ``replace_all`` with it empties the table."""
    return pa.table({"axis": pa.array([], pa.string())})


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
