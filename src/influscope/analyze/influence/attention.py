"""The attention each actor receives per period, summed by the engine.

Rising stars (:mod:`.rising`) compare an actor's share of the received
interaction weight across equal slices of the window. Every interaction of
the scope takes part, so at ten million documents they must not cross into
Python one by one: the engine puts each interaction in its slice and sums
the kind-weighted weights per *(actor, slice)*; what comes back is one row per
actor and slice.

Times are read as UTC seconds with their microseconds (whole seconds plus
``microsecond / 1e6``, the arithmetic of :meth:`datetime.timestamp`), so a
slice boundary falls where the per-row reading put it.
"""

from __future__ import annotations

from typing import Any

import ibis
import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from influscope.analyze.influence.rising import Rising, shares_by_slot
from influscope.store.engine import Store

EMPTY = pa.schema([("dst", pa.string()), ("slot", pa.int64()), ("weight", pa.float64())])


def _seconds(at: Any) -> Any:
    whole = at.epoch_seconds().cast("float64").floor()
    return whole + at.microsecond().cast("float64") / 1e6


def attention_by_period(
    store: Store, edges: Any, factors: dict[str, float], periods: int
) -> pa.Table:
    """``dst, slot, weight``: kind-weighted interaction weight received per actor and slice.

    ``edges`` is an Ibis expression of interactions (``dst, kind, at,
    weight``); kinds without a positive factor and undated rows take no part,
    and the slices cut the span of what remains (``periods`` equal slices).
    """
    weighted = {k: float(v) for k, v in factors.items() if v > 0}
    if not weighted:
        return EMPTY.empty_table()
    kept = edges.filter(edges["at"].notnull() & edges.kind.isin(sorted(weighted)))
    timed = kept.select("dst", "kind", "weight", seconds=_seconds(kept["at"]))
    bounds = store.to_arrow(timed.aggregate(lo=timed.seconds.min(), hi=timed.seconds.max()))
    lo, hi = bounds["lo"][0].as_py(), bounds["hi"][0].as_py()
    if lo is None or hi is None:
        return EMPTY.empty_table()
    span = max(hi - lo, 1.0)
    start = ibis.literal(float(lo), "float64")
    cut = ((timed.seconds - start) / ibis.literal(span, "float64") * periods).floor()
    slot = ibis.least(cut.cast("int64"), periods - 1)
    factor = timed.kind.substitute(weighted, else_=0.0).cast("float64")
    amount = factor * timed.weight.cast("float64").fill_null(1.0)
    placed = timed.select("dst", slot=slot, amount=amount)
    grouped = placed.group_by(["dst", "slot"]).aggregate(weight=placed.amount.sum())
    found = store.to_arrow(grouped.order_by(["dst", "slot"]))
    return found.cast(EMPTY)


def rising_of(attention: pa.Table, merges: dict[str, str], periods: int) -> dict[str, Rising]:
    """Rising stars from the per-period attention, accounts merged as the map merges them."""
    if attention.num_rows == 0:
        return {}
    dst = attention["dst"]
    if merges:
        keys = pa.array(list(merges), pa.string())
        values = pa.array(list(merges.values()), pa.string())
        dst = pc.coalesce(pc.take(values, pc.index_in(dst, keys)), dst)
    found = shares_by_slot(
        [str(a) for a in dst.to_pylist()],
        np.asarray(attention["slot"].to_numpy(), np.int64),
        np.asarray(attention["weight"].to_numpy(), np.float64),
        periods,
    )
    return {r.actor_id: r for r in found}
