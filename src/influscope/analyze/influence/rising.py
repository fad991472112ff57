"""Rising stars: actors whose share of the attention grows from one period to the next.

The scope's window is cut into ``periods`` equal slices; in each, an actor's
weight is its share of all the interaction weight received in that slice
(reposts, quotes, replies, mentions, links, kind-weighted as on the map). A
rising star has a share in the last slice at least ``ratio`` times its share
in the earlier ones (smoothed by one interaction's worth, so a newcomer's
zero does not divide), among the ``top`` of the last slice. The growth is
reported per actor with its per-period shares, the evidence a reader checks.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

import numpy as np
import numpy.typing as npt


@dataclass(frozen=True)
class Rising:
    """An actor's weight share per period and its growth (last vs earlier)."""

    actor_id: str
    shares: tuple[float, ...]
    growth: float
    rising: bool


def rising_stars(
    dst: list[str],
    at: list[datetime],
    weight: npt.NDArray[np.float64],
    periods: int = 3,
    ratio: float = 3.0,
    top: float = 0.05,
) -> list[Rising]:
    """Per received interaction (``dst``, time, weight): every actor's shares and growth."""
    if not dst:
        return []
    seconds = np.array([t.timestamp() for t in at], np.float64)
    lo, hi = float(seconds.min()), float(seconds.max())
    span = max(hi - lo, 1.0)
    slot = np.minimum(((seconds - lo) / span * periods).astype(np.int64), periods - 1)
    return shares_by_slot(dst, slot, weight, periods, ratio, top)


def shares_by_slot(
    dst: list[str],
    slot: npt.NDArray[np.int64],
    weight: npt.NDArray[np.float64],
    periods: int = 3,
    ratio: float = 3.0,
    top: float = 0.05,
) -> list[Rising]:
    """As :func:`rising_stars`, from weights already put in their period (``slot``).

    The weights may be sums (one row per actor and period, as the engine
    aggregates them): an actor's weight in a period is the sum of its rows.
    """
    if not dst:
        return []
    ids, code = np.unique(np.array(dst, dtype=object), return_inverse=True)
    n = ids.size
    table = np.zeros((n, periods), np.float64)
    np.add.at(table, (code, slot), weight)
    totals = table.sum(axis=0)
    unit = np.where(totals > 0, 1.0 / np.maximum(totals, 1e-300), 0.0)  # one interaction's share
    shares = table * np.where(totals > 0, 1.0 / np.maximum(totals, 1e-300), 0.0)
    late = shares[:, -1]
    earlier = shares[:, :-1].mean(axis=1) if periods > 1 else np.zeros(n)
    smoothing = unit[:-1].mean() if periods > 1 else 0.0
    growth = (late + unit[-1]) / (earlier + smoothing + unit[-1])
    cut = np.quantile(late, 1.0 - top) if n else 0.0
    flag = (growth >= ratio) & (late >= cut) & (late > 0)
    return [
        Rising(
            actor_id=str(ids[i]),
            shares=tuple(round(float(v), 6) for v in shares[i]),
            growth=round(float(growth[i]), 4),
            rising=bool(flag[i]),
        )
        for i in range(n)
    ]
