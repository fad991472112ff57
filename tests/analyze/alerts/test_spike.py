"""The spike detector: causal scores, seasonal baseline, firing rules."""

from __future__ import annotations

from datetime import datetime, timedelta

import numpy as np

from influscope.analyze.alerts.base import parse_duration
from influscope.analyze.alerts.spike import SpikeParams, backtest, fire, spike_scores

HOURLY = SpikeParams(step=timedelta(hours=1), resolutions=(1, 3), threshold=4.0)


def _seasonal(days: int, seed: int = 1) -> np.ndarray:
    rng = np.random.default_rng(seed)
    hours = np.arange(days * 24)
    rate = 20 + 15 * np.sin(2 * np.pi * (hours % 24) / 24)
    return rng.poisson(rate).astype(float)


def test_scores_never_look_ahead():
    series = _seasonal(20)
    series[400] += 200
    full = spike_scores(series, HOURLY).score
    for cut in (100, 399, 400, 401, 450):
        prefix = spike_scores(series[:cut], HOURLY).score
        np.testing.assert_allclose(prefix, full[:cut])


def test_a_planted_spike_fires_and_the_daily_cycle_does_not():
    series = _seasonal(21)
    series[300] += 120
    fired = fire(spike_scores(series, HOURLY).score, HOURLY)
    assert 300 in fired
    assert len(fired) <= 2


def test_cooldown_and_relative_rule_limit_repeats():
    series = _seasonal(21, seed=3)
    for hour in (300, 303, 306):
        series[hour] += 150
    params = SpikeParams(
        step=timedelta(hours=1), resolutions=(1,), threshold=4.0, cooldown=timedelta(hours=24)
    )
    fired = fire(spike_scores(series, params).score, params)
    assert fired.count(300) == 1 and 303 not in fired and 306 not in fired


def test_backtest_rows_name_time_score_and_rule():
    series = _seasonal(15)
    series[250] += 150
    times = [datetime(2026, 1, 1) + timedelta(hours=i) for i in range(len(series))]
    rows = backtest(times, list(series), HOURLY)
    assert any(row["timestamp"] == times[250] for row in rows)
    assert all(row["rule"] == "spike" and row["score"] >= 4.0 for row in rows)


def test_parse_duration():
    assert parse_duration("5m") == timedelta(minutes=5)
    assert parse_duration("2d") == timedelta(days=2)
