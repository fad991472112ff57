"""Volume spikes: a count series against a robust seasonal baseline, then against its own surprise.

Two stages, each using only bins before and at its own, so the backtest and
the live loop, which both call :func:`spike_scores`, see the same numbers.

1. **Surprise.** For each bin the expected count is the median of the same
   slot on the previous days (hour-of-day), blended geometrically with the
   median of the same slot on the previous weeks (day-of-week) once two weeks
   of history exist. The spread comes from the median absolute deviation of
   those same-slot values and sets the dispersion of a negative binomial; the
   surprise of a bin is ``-log10 P(X >= observed)`` under it, at several
   resolutions (sums of 1, 3 and 12 bins: a sudden burst and a slower swell),
   the largest winning.
2. **Anomaly likelihood.** A surprise of 30 is routine on a heavy-tailed
   series and exceptional on a calm one, so no single threshold on it holds
   across series (the previous detector's lesson: tuned against false alarms
   on four series, it missed moderate spikes on the fifth). The score is
   therefore how far the recent surprise (``log1p``, averaged over the last
   ``smooth``, 15 minutes) stands above the distribution of the surprise over the previous
   ``history_days``, in standard deviations: the idea of the anomaly
   likelihood that Numenta's NAB detector applies to its own prediction
   errors (Ahmad et al. 2017), here on the negative-binomial surprise. A
   series that spikes often widens its own distribution and stops paging.
3. **Young series.** Over the first ``young_days`` of a series the past
   surprise rests on a few days; there a surprise above ``ceiling`` (the
   previous detector's threshold) fires on its own (:func:`young_series`).

A score becomes an alert (:func:`fire`) when it passes ``threshold`` (in
standard deviations) and the rule's ``cooldown`` has passed since the last
alert; ``relative`` (off by default) can further demand that it beat a share
of the largest score of the previous ``lookback_days``. The defaults are the
set that ``bench/nab_loso.py`` selects on the five shared NAB realTweets
series; the same selection scored leave-one-series-out (each series scored
with parameters chosen on the other four) is the figure to expect on new
series, and it is in BENCHMARKS.md and docs/concepts/alerts.md.
"""

from __future__ import annotations

import warnings
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any

import numpy as np
from numpy.typing import NDArray
from scipy import stats

from influscope.analyze.alerts.base import Finding, RuleContext, parse_duration
from influscope.analyze.alerts.series import count_series, scoped_documents

FloatArray = NDArray[np.float64]


@dataclass(frozen=True)
class SpikeParams:
    """The knobs of the spike detector (all have NAB-checked defaults)."""

    step: timedelta = timedelta(minutes=5)
    resolutions: tuple[int, ...] = (1, 6, 24)
    days: int = 7
    weeks: int = 3
    weekly_weight: float = 0.5
    alpha_floor: float = 0.05
    min_history_days: float = 1.0
    history_days: float = 28.0
    ceiling: float = 30.0
    young_days: float = 7.0
    smooth: timedelta = timedelta(minutes=15)
    threshold: float = 4.0
    relative: float = 0.0
    lookback_days: float = 3.0
    episode: timedelta = timedelta(hours=1)
    cooldown: timedelta = timedelta(hours=24)

    @classmethod
    def from_options(cls, options: dict[str, Any], cooldown: str | None = None) -> SpikeParams:
        """Build from a rule's ``options`` table (durations as "5m", "1h", "2d")."""
        base = cls()
        values: dict[str, Any] = {}
        for name in ("step", "episode", "smooth"):
            if name in options:
                values[name] = parse_duration(str(options[name]))
        if cooldown:
            values["cooldown"] = parse_duration(cooldown)
        for name in ("days", "weeks"):
            if name in options:
                values[name] = int(options[name])
        for name in (
            "weekly_weight",
            "alpha_floor",
            "min_history_days",
            "history_days",
            "ceiling",
            "young_days",
            "threshold",
            "relative",
            "lookback_days",
        ):
            if name in options:
                values[name] = float(options[name])
        if "resolutions" in options:
            values["resolutions"] = tuple(int(r) for r in options["resolutions"])
        return cls(**{**base.__dict__, **values})

    @property
    def per_day(self) -> int:
        """Bins per day."""
        return max(1, round(timedelta(days=1) / self.step))


@dataclass
class SpikeScores:
    """Per-bin scores (anomaly likelihood) with the surprise and numbers behind each bin."""

    score: FloatArray
    observed: FloatArray
    expected: FloatArray
    resolution: NDArray[np.int64] = field(default_factory=lambda: np.zeros(0, dtype=np.int64))
    surprise: FloatArray = field(default_factory=lambda: np.zeros(0))


def _lagged(values: FloatArray, lags: list[int]) -> FloatArray:
    out = np.full((len(lags), len(values)), np.nan)
    for row, lag in enumerate(lags):
        if lag < len(values):
            out[row, lag:] = values[: len(values) - lag]
    return out


def likelihood(
    surprise: FloatArray, params: SpikeParams | None = None, start: int | None = None
) -> FloatArray:
    """Standard deviations by which the recent surprise exceeds its own past distribution.

    ``log1p`` of the surprise, averaged over the bins of the last ``smooth``, against
    the mean and standard deviation of ``log1p`` surprise over the previous
    ``history_days`` (bins strictly before the current one and from ``start``,
    the first bin with a surprise, by default after ``min_history_days``; an
    expanding window until that much history exists, and 0 before one day of it).

    Example:
        >>> z = likelihood(np.array([1.0] * 400 + [1.5] * 400 + [40.0]), SpikeParams(step=timedelta(hours=1)))
        >>> bool(z[-1] > 5 > z[-2])
        True
    """
    p = params or SpikeParams()
    s = np.log1p(np.maximum(np.asarray(surprise, dtype=np.float64), 0.0))
    n = len(s)
    if n == 0:
        return np.zeros(0)
    first = np.concatenate([[0.0], np.cumsum(s)])
    second = np.concatenate([[0.0], np.cumsum(s * s)])
    k = max(1, round(p.smooth / p.step))
    recent = s.copy()
    if n >= k:
        recent[k - 1 :] = (first[k:] - first[:-k]) / k
    index = np.arange(n)
    first_valid = int(p.min_history_days * p.per_day) if start is None else start
    low = np.maximum(first_valid, index - max(1, int(p.history_days * p.per_day)))
    # A series shorter than the warm-up has no bin with a past yet (and low must stay an index).
    low = np.minimum(low, index)
    count = (index - low).astype(np.float64)
    safe = np.maximum(count, 1.0)
    mean = (first[index] - first[low]) / safe
    variance = (second[index] - second[low]) / safe - mean * mean
    # A floor on the spread: a flat past (all zeros) must not turn noise into alerts.
    spread = np.sqrt(np.maximum(variance, 0.0)) + 0.05
    z = (recent - mean) / spread
    z[count < p.per_day] = 0.0
    return z  # type: ignore[no-any-return]


def spike_scores(
    counts: FloatArray | list[float], params: SpikeParams | None = None
) -> SpikeScores:
    """Score every bin of a count series, each from its own past only.

    Example:
        >>> s = spike_scores([10.0] * 600 + [80.0], SpikeParams(step=timedelta(hours=1)))
        >>> bool(s.score[-1] > s.score[-2])
        True
    """
    p = params or SpikeParams()
    best = surprise_scores(counts, p)
    best.surprise = best.score
    best.score = likelihood(best.surprise, p)
    best.score = young_series(best.score, best.surprise, p)
    return best


def young_series(score: FloatArray, surprise: FloatArray, params: SpikeParams) -> FloatArray:
    """While the likelihood has little history, a surprise above ``ceiling`` fires on its own.

    The likelihood stands on the distribution of past surprise: over the first
    ``young_days`` after the warm-up that distribution rests on a few days, so a
    real burst early in a series (a collection that started a week before a bad
    buzz) is diluted. There the first stage decides, at the surprise the
    previous detector used as its threshold, mapped onto the likelihood's scale.
    """
    if not np.isfinite(params.ceiling) or params.young_days <= 0:
        return score
    young = np.zeros(len(score), dtype=bool)
    young[: int((params.min_history_days + params.young_days) * params.per_day)] = True
    lifted = np.where(young, params.threshold * surprise / params.ceiling, 0.0)
    return np.maximum(score, lifted)


def surprise_scores(
    counts: FloatArray | list[float], params: SpikeParams | None = None
) -> SpikeScores:
    """The first stage alone: each bin's negative-binomial surprise, ``-log10`` of its tail."""
    p = params or SpikeParams()
    x = np.asarray(counts, dtype=np.float64)
    n = len(x)
    best = SpikeScores(np.zeros(n), x.copy(), np.zeros(n), np.ones(n, dtype=np.int64))
    if n == 0:
        return best
    per_day = p.per_day
    cumulative = np.concatenate([[0.0], np.cumsum(x)])
    warmup = int(p.min_history_days * per_day)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", RuntimeWarning)
        for k in p.resolutions:
            sums = np.full(n, np.nan)
            if k <= n:
                sums[k - 1 :] = cumulative[k:] - cumulative[:-k]
            daily = _lagged(sums, [d * per_day for d in range(1, p.days + 1)])
            mu = np.nanmedian(daily, axis=0)
            weekly = _lagged(sums, [w * 7 * per_day for w in range(1, p.weeks + 1)])
            enough = np.sum(~np.isnan(weekly), axis=0) >= 2
            mu_week = np.nanmedian(weekly, axis=0)
            blend = enough & (mu_week > 0) & (mu > 0)
            w = p.weekly_weight
            mu = np.where(
                blend,
                np.exp(
                    (1 - w) * np.log(np.maximum(mu, 1e-9)) + w * np.log(np.maximum(mu_week, 1e-9))
                ),
                mu,
            )
            unknown = np.isnan(mu)
            mu = np.maximum(np.nan_to_num(mu, nan=1.0), 1.0)
            spread = 1.4826 * np.nanmedian(np.abs(daily - mu), axis=0)
            variance = np.maximum(np.nan_to_num(spread, nan=0.0) ** 2, mu)
            alpha = np.maximum((variance - mu) / (mu * mu), p.alpha_floor)
            size = 1.0 / alpha
            tail = stats.nbinom.sf(sums - 1, size, size / (size + mu))
            score = -np.log10(np.maximum(tail, 1e-300))
            score[np.isnan(score) | unknown] = 0.0
            score[:warmup] = 0.0
            better = score > best.score
            best.score = np.where(better, score, best.score)
            best.observed = np.where(better, sums, best.observed)
            best.expected = np.where(better, mu, best.expected)
            best.resolution = np.where(better, k, best.resolution)
    return best


def fire(scores: FloatArray, params: SpikeParams | None = None, start: int = 0) -> list[int]:
    """Indices of the bins that raise an alert, deciding point by point (no look-ahead).

    ``start`` skips the firing decision (not the history) for earlier bins, so
    the live loop and the backtest apply the same cooldown from the same past.
    """
    p = params or SpikeParams()
    per_day = p.per_day
    lookback = int(p.lookback_days * per_day)
    episode = max(1, round(p.episode / p.step))
    cooldown = max(1, round(p.cooldown / p.step))
    fired: list[int] = []
    last = -(10**12)
    for i in np.nonzero(scores >= p.threshold)[0]:
        index = int(i)
        if index - last < cooldown:
            continue
        past = scores[max(0, index - lookback) : max(0, index - episode)]
        if len(past) and scores[index] < p.relative * float(past.max()):
            continue
        last = index
        if index >= start:
            fired.append(index)
    return fired


def closed_bins(origin: datetime, step: timedelta, now: datetime) -> int:
    """How many bins from ``origin`` have ended by ``now`` (the rest is still filling)."""
    return max(0, int((now - origin) / step))


def probability(score: float) -> float:
    """The Gaussian tail probability behind a score (in standard deviations)."""
    return float(stats.norm.sf(score))


class SpikeRule:
    """Volume spike of the documents in a rule's scope (registered as ``spike``).

    Options: ``step`` (bin, default "5m"), ``series`` ("all" or "negative"),
    ``threshold``, ``relative``, ``lookback_days``, ``days``, ``weeks``,
    ``resolutions``; the rule's ``cooldown`` is the minimum time between alerts.
    """

    name = "spike"

    def evaluate(self, ctx: RuleContext) -> list[Finding]:
        """Alerts for the bins of the recent past that fire."""
        explicit = "cooldown" in ctx.rule.model_fields_set
        params = SpikeParams.from_options(ctx.rule.options, ctx.rule.cooldown if explicit else None)
        horizon = timedelta(days=max(params.days, params.weeks * 7) + params.history_days + 1)
        negative = ctx.rule.options.get("series") == "negative"
        docs = scoped_documents(ctx, negative_only=negative)
        start, counts = count_series(ctx, docs, params.step, ctx.now - horizon, ctx.now)
        # Closed bins only: the bin still filling would score differently on the
        # next evaluation, and the same input must give the same alerts.
        counts = counts[: closed_bins(start, params.step, ctx.now)]
        # Bins before the scope's first document are "no data yet", not zeros.
        nonzero = np.flatnonzero(counts)
        if len(nonzero) == 0:
            return []
        start, counts = start + params.step * int(nonzero[0]), counts[int(nonzero[0]) :]
        result = spike_scores(counts, params)
        recent = len(counts) - max(1, int(ctx.recent / params.step) + 1)
        findings = []
        for index in fire(result.score, params, start=max(recent, 0)):
            k = int(result.resolution[index])
            window_end = start + params.step * (index + 1)
            window_start = window_end - params.step * k
            findings.append(
                Finding(
                    rule=ctx.rule.name,
                    detector=self.name,
                    key=ctx.scope_key,
                    window_start=window_start,
                    window_end=min(window_end, ctx.now),
                    observed=float(result.observed[index]),
                    expected=float(result.expected[index]),
                    probability=probability(float(result.score[index])),
                    score=float(result.score[index]),
                    facts={
                        "series": "negative" if negative else "all",
                        "bins": k,
                        "surprise": round(float(result.surprise[index]), 3),
                    }
                    | _series_start(start, window_start, params),
                    dedupe_start=start + params.step * index,
                )
            )
        return findings


def _series_start(first: datetime, window_start: datetime, params: SpikeParams) -> dict[str, str]:
    """A warning fact when the series began less than ``days`` before the window.

    The start of collection is not a spike: an alert then rests on a short
    history, and the explanation says so.
    """
    if window_start - first < timedelta(days=params.days):
        return {"series_start": first.isoformat()}
    return {}


def backtest(
    times: list[datetime], values: list[float], params: SpikeParams | None = None
) -> list[dict[str, Any]]:
    """Run the spike detector over a series as the live loop would; one row per alert."""
    p = params or SpikeParams()
    result = spike_scores(values, p)
    return [
        {
            "timestamp": times[i],
            "score": round(float(result.score[i]), 3),
            "rule": "spike",
            "observed": float(result.observed[i]),
            "expected": round(float(result.expected[i]), 3),
            "surprise": round(float(result.surprise[i]), 3),
        }
        for i in fire(result.score, p)
    ]
