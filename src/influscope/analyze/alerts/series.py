"""Documents in a rule's scope, and count series over them, as Ibis expressions.

A scope is the rule's axis, brand or query (AND-ed when several are given).
Axes and free queries use the boolean query language of ``influscope.query``;
a brand matches its name, aliases and handles in text (case-insensitive) or
its handles as authors.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

import ibis
import numpy as np
from ibis.expr.types import Table

from influscope.analyze.alerts.base import RuleContext
from influscope.enrich.axis_filter import matching
from influscope.errors import N_, ConfigError
from influscope.store.chosen import document_sentiment

NEGATIVE_VALUES = ("negative", "neg")


def brand_terms(config: Any, name: str) -> list[str]:
    """Lower-cased strings that cite a brand: its name, aliases and handles."""
    for brand in config.brands:
        if brand.name.lower() == name.lower():
            return sorted({t.lower() for t in [brand.name, *brand.aliases, *brand.handles] if t})
    known = ", ".join(b.name for b in config.brands)
    hint = N_("Known brands: {known}.") if known else N_("Known brands: none defined.")
    raise ConfigError(
        N_("Alert scope names an unknown brand {name}."), hint, name=repr(name), known=known
    )


def scoped_documents(ctx: RuleContext, negative_only: bool = False) -> Table:
    """The documents in the rule's scope (optionally only those enriched as negative)."""
    docs = ctx.store.table("documents")
    rule = ctx.rule
    if rule.axis:
        docs = matching(ctx.store, ctx.config.axis(rule.axis).query, docs)
    if rule.query:
        docs = matching(ctx.store, rule.query, docs)
    if rule.brand:
        terms = brand_terms(ctx.config, rule.brand)
        text = docs.text.lower()
        handles = [t.lstrip("@") for t in terms if t.startswith("@")]
        conditions = [text.contains(t) for t in terms]
        if handles:
            author = docs.author_id.lower().split(":")[1]
            conditions.append(author.isin(handles))
        docs = docs.filter(ibis.or_(*conditions))
    if negative_only:
        docs = docs.filter(docs.doc_id.isin(negative_ids(ctx.store)))
    return docs


def negative_ids(store: Any) -> Any:
    """Ids of documents whose one sentiment label is negative (an Ibis column).

    The label is :func:`~influscope.store.chosen.document_sentiment`'s, the
    same that share of voice and the map read: a post is never negative here
    and positive there because two producers disagree.
    """
    labels = document_sentiment(store)
    return labels.filter(labels.sentiment.isin(NEGATIVE_VALUES)).doc_id


def count_series(
    ctx: RuleContext, docs: Table, step: timedelta, start: datetime, end: datetime
) -> tuple[datetime, np.ndarray[Any, np.dtype[np.float64]]]:
    """Counts per ``step`` bin (aligned on the epoch) from ``start`` to ``end`` inclusive.

    Returns the start of the first bin and the counts, zeros filled in.
    """
    seconds = max(1, int(step.total_seconds()))
    first = _epoch(start) // seconds
    last = _epoch(end) // seconds
    window = docs.filter((docs.published_at >= start) & (docs.published_at <= end))
    binned = window.mutate(bin=(window.published_at.epoch_seconds() // seconds).cast("int64"))
    grouped = binned.group_by("bin").aggregate(n=binned.count())
    table = ctx.store.to_arrow(grouped)
    counts = np.zeros(max(0, last - first + 1), dtype=np.float64)
    for b, n in zip(table.column("bin").to_pylist(), table.column("n").to_pylist(), strict=True):
        index = int(b) - first
        if 0 <= index < len(counts):
            counts[index] = float(n)
    origin = datetime(1970, 1, 1) + timedelta(seconds=first * seconds)
    return origin, counts


def _epoch(moment: datetime) -> int:
    return int((moment - datetime(1970, 1, 1)).total_seconds())


def latest_time(store: Any) -> datetime | None:
    """The newest publication time in the store (the replay clock)."""
    docs = store.table("documents")
    value = store.to_arrow(docs.aggregate(t=docs.published_at.max())).column("t")[0].as_py()
    return value if isinstance(value, datetime) else None
