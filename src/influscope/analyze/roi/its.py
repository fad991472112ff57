"""A campaign's effect by interrupted time series: the series' level during it, beyond its trend.

Segmented regression on one value per period (day or week) around a
campaign that ran from period ``start`` to ``end`` (exclusive)::

    y_t = b0 + b1·t + b2·D_t + e_t,   D_t = 1 while the campaign runs

``b2`` is the campaign's effect in the series' units per period (documents a
day citing the company on the axis, say): the gap between what was observed
and the trend drawn from the periods before and after. Daily counts are
autocorrelated (a busy week stays busy), so the interval uses Newey–West
(HAC) standard errors with the usual lag ``floor(4 (n/100)^(2/9))`` and
Student-t critical values (a season is a hundred points, not thousands), from
statsmodels' OLS. Over 20 seeds of the demo's planted campaign the 95 %
interval covered the planted effect 19 times (``bench/its_coverage.py``).
Without an end, the campaign is taken to last to the end of the series (a
lasting change of level).
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from influscope.errors import UsageError

MIN_PERIODS = 8


@dataclass(frozen=True)
class ItsEstimate:
    """The campaign effect with its interval, and the series it was read from."""

    effect: float
    low: float
    high: float
    std_error: float
    p_value: float
    level: float
    lags: int
    before: float
    during: float
    periods: int
    campaign_periods: int
    fitted: tuple[float, ...]
    counterfactual: tuple[float, ...]
    method: str = "OLS, Newey-West (HAC) errors (statsmodels)"

    def covers(self, value: float) -> bool:
        """Whether the interval contains ``value``."""
        return self.low <= value <= self.high


def newey_west_lags(n: int) -> int:
    """The usual automatic lag of the Newey–West estimator."""
    return max(int(math.floor(4.0 * (n / 100.0) ** (2.0 / 9.0))), 1)


def interrupted_time_series(
    values: Sequence[float], start: int, end: int | None = None, level: float = 0.95
) -> ItsEstimate:
    """Estimate the level change while a campaign runs (periods ``start`` to ``end``)."""
    import statsmodels.api as sm  # noqa: PLC0415 - heavy (pyproject)

    y = np.asarray(values, np.float64)
    n = y.size
    stop = n if end is None else min(end, n)
    if n < MIN_PERIODS or not 1 <= start < stop:
        raise UsageError(
            f"A campaign needs periods before it and inside it: {n} periods, campaign {start}..{stop}.",
            f"Give at least {MIN_PERIODS} periods with the campaign starting after the first.",
        )
    t = np.arange(n, dtype=np.float64)
    during = ((t >= start) & (t < stop)).astype(np.float64)
    design = np.column_stack([np.ones(n), t, during])
    lags = newey_west_lags(n)
    fit = sm.OLS(y, design).fit(cov_type="HAC", cov_kwds={"maxlags": lags}, use_t=True)
    low, high = fit.conf_int(alpha=1.0 - level)[2]
    fitted = fit.fittedvalues
    counterfactual = fitted - fit.params[2] * during
    return ItsEstimate(
        effect=round(float(fit.params[2]), 6),
        low=round(float(low), 6),
        high=round(float(high), 6),
        std_error=round(float(fit.bse[2]), 6),
        p_value=round(float(fit.pvalues[2]), 6),
        level=level,
        lags=lags,
        before=round(float(y[:start].mean()), 6),
        during=round(float(y[start:stop].mean()), 6),
        periods=n,
        campaign_periods=stop - start,
        fitted=tuple(round(float(v), 6) for v in fitted),
        counterfactual=tuple(round(float(v), 6) for v in counterfactual),
    )
