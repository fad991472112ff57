"""The stance trend of an axis: how the voices of each period lean, weighted by journey.

An actor's stance is the map's (one per actor for the whole data), so what
moves from one period to the next is **who speaks**: the acceptability and the
stance balance of the actors who wrote on the axis in that period
(:func:`~influscope.analyze.roi.acceptability.acceptability`, each actor
weighted by its journey weight). A campaign that brings allies to speak, or a
crisis that brings detractors out, shows here even though nobody's stance was
re-read. Periods are those of the share of voice (day, week, month; UTC).
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from influscope.analyze.roi.acceptability import acceptability
from influscope.analyze.sov.scope import Period, scoped_documents
from influscope.analyze.sov.share import PERIODS
from influscope.config import Axis
from influscope.store.engine import Store


@dataclass(frozen=True)
class StancePoint:
    """The acceptability and stance balance of the actors who wrote on the axis in one period."""

    period: str
    actors: int
    index: float | None
    low: float | None
    high: float | None
    balance: float | None
    favourable: int
    opposed: int


def authors_by_period(
    store: Store, axis: Axis | None, by: str, within: Period | None = None
) -> dict[str, set[str]]:
    """Period -> the actors who wrote on the axis in it (documents of ``within`` only)."""
    docs = scoped_documents(store, axis, within)
    docs = docs.filter(docs.author_id.notnull())
    period = docs.published_at.truncate(PERIODS[by]).date().cast("string")
    rows = store.to_arrow(
        docs.select(period=period, author=docs.author_id).distinct().order_by(["period", "author"])
    ).to_pylist()
    found: dict[str, set[str]] = defaultdict(set)
    for row in rows:
        found[row["period"]].add(row["author"])
    return dict(found)


def stance_trend(
    stances: dict[str, str | None],
    weights: dict[str, float],
    authors: dict[str, set[str]],
) -> list[StancePoint]:
    """One point per period: the acceptability of its authors whose stance the map knows."""
    points = []
    for period in sorted(authors):
        voices = {a: stances[a] for a in sorted(authors[period]) if a in stances}
        found = acceptability(voices, weights)
        points.append(
            StancePoint(
                period=period,
                actors=len(voices),
                index=found.index,
                low=found.low,
                high=found.high,
                balance=found.balance,
                favourable=found.favourable,
                opposed=found.opposed,
            )
        )
    return points
