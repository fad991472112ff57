"""Backtests: the spike detector over a count series, point by point, as the live loop runs it.

From a CSV (a time column and a value column, regular bins) or from the store
(the documents of an axis, binned). Scores come from :func:`spike_scores`,
where each bin sees only its past, and alerts from :func:`fire`, which decides
in time order with the rule's cooldown — the same two calls the live rule makes.
"""

from __future__ import annotations

import csv
from datetime import UTC, datetime, timedelta
from pathlib import Path
from statistics import median
from typing import Any

from dateutil import parser as dateparser

from influscope.analyze.alerts.base import RuleContext
from influscope.analyze.alerts.series import count_series, scoped_documents
from influscope.analyze.alerts.spike import SpikeParams, backtest
from influscope.config import AlertRule, Config
from influscope.errors import N_, InputError, UsageError


def read_series(path: Path, time_col: str, value_col: str) -> tuple[list[datetime], list[float]]:
    """Read a time series from CSV (times to naive UTC), sorted by time."""
    if not path.exists():
        raise InputError(N_("{path}: no such file."), path=str(path))
    rows: list[tuple[datetime, float]] = []
    with path.open(newline="", encoding="utf-8") as handle:
        reader = csv.DictReader(handle)
        fields = reader.fieldnames or []
        for column in (time_col, value_col):
            if column not in fields:
                raise UsageError(
                    N_("{path}: no column {column}."),
                    N_("Columns: {columns}."),
                    path=str(path),
                    column=repr(column),
                    columns=", ".join(fields),
                )
        for line, row in enumerate(reader, start=2):
            try:
                moment = dateparser.parse(row[time_col])
                value = float(row[value_col])
            except (ValueError, OverflowError) as exc:
                raise InputError(
                    N_("{path}:{line}: {reason}."), path=str(path), line=str(line), reason=str(exc)
                ) from exc
            if moment.tzinfo is not None:
                moment = moment.astimezone(UTC).replace(tzinfo=None)
            rows.append((moment, value))
    rows.sort(key=lambda r: r[0])
    return [r[0] for r in rows], [r[1] for r in rows]


def infer_step(times: list[datetime]) -> timedelta:
    """The usual gap between consecutive times."""
    gaps = [(b - a).total_seconds() for a, b in zip(times, times[1:], strict=False) if b > a]
    if not gaps:
        raise InputError(N_("The series needs at least two distinct times."))
    return timedelta(seconds=median(gaps))


def params_for(config: Config | None, rule: str, step: timedelta | None) -> SpikeParams:
    """The spike parameters of a configured rule of that name (defaults otherwise)."""
    options: dict[str, Any] = {}
    cooldown = None
    for candidate in config.alerts if config is not None else []:
        if candidate.name == rule and candidate.detector == "spike":
            options = dict(candidate.options)
            if "cooldown" in candidate.model_fields_set:
                cooldown = candidate.cooldown
    params = SpikeParams.from_options(options, cooldown)
    if step is not None and "step" not in options:
        params = SpikeParams.from_options(
            {**options, "step": f"{int(step.total_seconds())}s"}, cooldown
        )
    return params


def backtest_csv(
    path: Path, time_col: str, value_col: str, config: Config | None = None, rule: str = "spike"
) -> list[dict[str, Any]]:
    """Alerts the spike rule raises over a CSV series."""
    times, values = read_series(path, time_col, value_col)
    params = params_for(config, rule, infer_step(times))
    return [row | {"rule": rule} for row in backtest(times, values, params)]


def backtest_axis(
    store: Any, config: Config, axis: str, rule: str = "spike"
) -> list[dict[str, Any]]:
    """Alerts the spike rule raises over the documents of an axis in the store."""
    config.axis(axis)
    params = params_for(config, rule, None)
    docs = store.table("documents")
    span = store.to_arrow(docs.aggregate(lo=docs.published_at.min(), hi=docs.published_at.max()))
    lo, hi = span.column("lo")[0].as_py(), span.column("hi")[0].as_py()
    if lo is None:
        return []

    scoped_rule = AlertRule(name=rule, detector="spike", axis=axis)
    ctx = RuleContext(store, config, scoped_rule, hi, timedelta(0))
    start, counts = count_series(ctx, scoped_documents(ctx), params.step, lo, hi)
    times = [start + params.step * i for i in range(len(counts))]
    return [row | {"rule": rule} for row in backtest(times, list(counts), params)]
