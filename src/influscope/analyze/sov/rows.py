"""The rows share of voice answers in, light to import (no Ibis, no SciPy).

The API's schemas and the workspace's results name :class:`ShareRow` without
loading the computation (:mod:`influscope.analyze.sov.share`).
"""

from __future__ import annotations

from dataclasses import dataclass, fields
from typing import Any, Literal


@dataclass(frozen=True)
class ShareRow:
    """One brand's share of voice in one group (the definitions in the module doc).

    ``period`` is set when the shares are by period, ``split`` when they are
    split by platform, community or kind.
    """

    brand: str
    docs: int
    share: float
    positive: int | None
    rated: int
    positive_share: float | None
    positive_rate: float | None
    engagement: float
    engagement_share: float
    period: str | None = None
    split: str | None = None

    @classmethod
    def from_row(cls, row: dict[str, Any]) -> ShareRow:
        """A row of :func:`share_of_voice` (the Arrow/dict form) as a ShareRow."""
        return cls(**row)

    def as_dict(self) -> dict[str, Any]:
        """The row form: ``period``/``split`` only when the shares were by period or split."""
        found = {f.name: getattr(self, f.name) for f in fields(self)}
        for key in ("period", "split"):
            if found[key] is None:
                del found[key]
        return found


# The bin of a series over time, from the days its data spans, for some 10 to 50
# points: the nine days of the airline tweets drawn by month were one point, by
# week two; the demo's quarter drawn by day was 89 unreadable stacked shares.
DAILY_SPAN = 45  # days: up to six weeks, a point per day
WEEKLY_SPAN = 366  # up to a year, a point per week (from Monday); then per month


def bin_for_span(days: int) -> Literal["day", "week", "month"]:
    """The period of a series over ``days`` of data: day, week or month (see above)."""
    return "day" if days <= DAILY_SPAN else "week" if days <= WEEKLY_SPAN else "month"


@dataclass(frozen=True)
class VolumePoint:
    """Documents published in one period (``YYYY-MM-DD``, a week's Monday, or ``YYYY-MM``)."""

    period: str
    documents: int


@dataclass(frozen=True)
class VolumeTrend:
    """Documents over time, per day, week or month as the data's span reads best."""

    bin: Literal["day", "week", "month"]
    points: list[VolumePoint]
    undated: int
