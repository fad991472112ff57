"""Social acceptability and stance balance, weighted by the public's journey.

Both read one stance per actor on the axis (or on a decision's documents) and
weigh each actor by its journey weight — what the public actually meets —
not by its follower count:

- **acceptability** = favourable weight / (favourable + opposed weight), with
  neutral actors left out (they neither accept nor oppose); its interval is a
  percentile bootstrap over actors (resampling who speaks), seeded;
- **stance balance** = (allies − detractors) / all actors with a stance, by
  weight: how the encounters lean, between −1 and +1.

Stances are those of the map (ally, sympathiser, neutral, detractor) or of
documents (favor, against, none); :func:`side` maps both to favourable /
opposed / neutral. When no journey is stored, or it meets fewer than
:data:`MIN_MET_VOICES` of the favourable and opposed actors, every actor weighs
the same, and the result says so (``weighting``).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

import numpy as np

FAVOURABLE = frozenset({"ally", "sympathiser", "favor", "favour", "favourable", "positive"})
OPPOSED = frozenset({"detractor", "against", "opposed", "negative"})
BOOTSTRAP = 2000
MIN_MET_VOICES = 2  # favourable or opposed actors with a journey weight, to weigh by it


def side(stance: str | None) -> int:
    """+1 favourable, −1 opposed, 0 neutral or unknown."""
    value = (stance or "").strip().lower()
    if value in FAVOURABLE:
        return 1
    if value in OPPOSED:
        return -1
    return 0


@dataclass(frozen=True)
class Acceptability:
    """The weighted favourable share with its bootstrap interval, and the balance."""

    index: float | None
    low: float | None
    high: float | None
    balance: float | None
    favourable: int
    opposed: int
    neutral: int
    favourable_weight: float
    opposed_weight: float
    weighting: str
    level: float = 0.95


def acceptability(
    stances: Mapping[str, str | None],
    weights: Mapping[str, float] | None = None,
    level: float = 0.95,
    seed: int = 15,
    resamples: int = BOOTSTRAP,
) -> Acceptability:
    """Acceptability index and stance balance of the given actors (see module doc)."""
    actors = sorted(stances)
    sides = np.array([side(stances[a]) for a in actors], np.int64)
    # Journey weights only where the journey meets at least two of the voices: a journey
    # of three reposts of a brand's account (the airline tweets) met none, which made
    # the index of 1,997 favourable and opposed actors blank; one voice met is 0 % or 100 %.
    met = sum(
        1 for a, s in zip(actors, sides, strict=True) if s and (weights or {}).get(a, 0.0) > 0
    )
    journey = met >= MIN_MET_VOICES
    w = np.array([(weights or {}).get(a, 0.0) if journey else 1.0 for a in actors], np.float64)
    fav, opp = w * (sides == 1), w * (sides == -1)
    counted = w * (sides != 0)
    total = float(counted.sum())
    pair = float(fav.sum() + opp.sum())
    index = float(fav.sum()) / pair if pair > 0 else None
    balance = float(fav.sum() - opp.sum()) / total if total > 0 else None
    low = high = None
    voiced = np.flatnonzero((sides != 0) & (w > 0))
    if index is not None and voiced.size >= 2:
        rng = np.random.default_rng(seed)
        draws = rng.integers(0, voiced.size, size=(resamples, voiced.size))
        f = fav[voiced][draws].sum(axis=1)
        o = opp[voiced][draws].sum(axis=1)
        shares = f / np.maximum(f + o, 1e-300)
        alpha = (1.0 - level) / 2.0
        low, high = (float(v) for v in np.quantile(shares, [alpha, 1.0 - alpha]))
    return Acceptability(
        index=None if index is None else round(index, 4),
        low=None if low is None else round(low, 4),
        high=None if high is None else round(high, 4),
        balance=None if balance is None else round(balance, 4),
        favourable=int((sides == 1).sum()),
        opposed=int((sides == -1).sum()),
        neutral=int((sides == 0).sum()),
        favourable_weight=round(float(fav.sum()), 6),
        opposed_weight=round(float(opp.sum()), 6),
        weighting="journey" if journey else "equal",
        level=level,
    )
