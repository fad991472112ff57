"""Charts as Vega-Lite specs built with Altair: the dashboard embeds them, reports render them.

Each function takes the rows an analysis returns and gives a JSON-ready spec.
Rows are read by the first key present among a few names (``period``/``date``,
``mentions``/``documents``…) so a chart survives small changes in the shape
of an analysis' output.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable
from typing import Any

import altair as alt

from influscope.serve.i18n import t
from influscope.serve.web import messages as _messages  # noqa: F401  (registers the UI words)

# Altair's constructors are untyped; the specs they build are plain dicts.
_data: Callable[..., Any] = alt.Data


def _spec(chart: Any) -> dict[str, Any]:
    """A chart's Vega-Lite spec."""
    spec: dict[str, Any] = chart.to_dict()
    return spec


PERIOD_KEYS = ("period", "bucket", "date", "day", "week", "month")
COUNT_KEYS = ("mentions", "documents", "count", "n", "citations")
WIDTH, HEIGHT = 560, 260


def _first(row: dict[str, Any], keys: tuple[str, ...], default: Any = None) -> Any:
    for key in keys:
        if row.get(key) is not None:
            return row[key]
    return default


def _values(rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """JSON-safe copies (dates as ISO strings)."""
    return [
        {k: (v.isoformat() if hasattr(v, "isoformat") else v) for k, v in r.items()} for r in rows
    ]


def sov_rows(rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Normalise share-of-voice rows to ``{period, brand, count, share}``."""
    out: list[dict[str, Any]] = []
    for row in rows:
        count = _first(row, COUNT_KEYS)
        share = _first(row, ("share", "sov"))
        out.append(
            {
                "period": str(_first(row, PERIOD_KEYS, "all")),
                "brand": str(_first(row, ("brand", "name"), "?")),
                "count": float(count) if count is not None else None,
                "share": float(share) if share is not None else None,
            }
        )
    by_period: dict[str, float] = defaultdict(float)
    for row in out:
        by_period[row["period"]] += row["count"] or 0.0
    for row in out:
        if row["share"] is None and by_period[row["period"]]:
            row["share"] = (row["count"] or 0.0) / by_period[row["period"]]
    return out


def sov_totals(rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Share of voice per brand over the whole period, largest first."""
    totals: dict[str, float] = defaultdict(float)
    normal = sov_rows(rows)
    use_counts = any(r["count"] is not None for r in normal)
    for row in normal:
        totals[row["brand"]] += (row["count"] if use_counts else row["share"]) or 0.0
    whole = sum(totals.values()) or 1.0
    ranked = sorted(totals.items(), key=lambda kv: -kv[1])
    return [{"brand": b, "value": v, "share": v / whole} for b, v in ranked]


def sov_over_time(rows: list[dict[str, Any]], lang: str = "en") -> dict[str, Any]:
    """Stacked share of voice per brand and period."""
    data = _data(values=sov_rows(rows))
    chart = (
        alt.Chart(data, title=t("ui.sov_over_time", lang), width=WIDTH, height=HEIGHT)
        .mark_area()
        .encode(
            x=alt.X("period:O", title=t("ui.period", lang)),
            y=alt.Y(
                "share:Q", stack="normalize", title=t("ui.share", lang), axis=alt.Axis(format="%")
            ),
            color=alt.Color("brand:N", title=t("ui.brand", lang)),
            tooltip=["period:O", "brand:N", alt.Tooltip("share:Q", format=".1%"), "count:Q"],
        )
    )
    return _spec(chart)


def sov_bars(rows: list[dict[str, Any]], lang: str = "en") -> dict[str, Any]:
    """Share of voice per brand as horizontal bars (reports' KPI chart)."""
    data = _data(values=sov_totals(rows))
    chart = (
        alt.Chart(data, title=t("ui.share_of_voice", lang), width=WIDTH, height=HEIGHT)
        .mark_bar()
        .encode(
            y=alt.Y("brand:N", sort="-x", title=t("ui.brand", lang)),
            x=alt.X("share:Q", title=t("ui.share", lang), axis=alt.Axis(format="%")),
            color=alt.Color("brand:N", legend=None),
            tooltip=["brand:N", alt.Tooltip("share:Q", format=".1%")],
        )
    )
    return _spec(chart)


def volume(rows: list[dict[str, Any]], lang: str = "en") -> dict[str, Any]:
    """Documents per month."""
    data = _data(values=_values([r for r in rows if r.get("month") != "undated"]))
    chart = (
        alt.Chart(data, title=t("ui.volume_trend", lang), width=WIDTH, height=HEIGHT // 2)
        .mark_line(point=True)
        .encode(
            x=alt.X("month:O", title=t("ui.period", lang)),
            y=alt.Y("documents:Q", title=t("ui.documents", lang)),
            tooltip=["month:O", "documents:Q"],
        )
    )
    return _spec(chart)


def journey_vs_audience(rows: list[dict[str, Any]], lang: str = "en") -> dict[str, Any]:
    """Each actor placed by audience (x, log) and journey weight (y): the gap is the point."""
    values = [
        {
            "actor": str(r.get("name") or r.get("actor_id")),
            "weight": float(_first(r, ("weight", "journey_weight"), 0.0)),
            "audience": max(1.0, float(_first(r, ("followers", "audience"), 0.0) or 0.0) + 1.0),
            "kind": str(r.get("kind") or "unknown"),
        }
        for r in rows
    ]
    chart = (
        alt.Chart(
            _data(values=values),
            title=t("ui.journey_vs_audience", lang),
            width=WIDTH,
            height=HEIGHT,
        )
        .mark_circle(size=70, opacity=0.8)
        .encode(
            x=alt.X("audience:Q", scale=alt.Scale(type="log"), title=t("ui.audience", lang)),
            y=alt.Y("weight:Q", title=t("ui.journey_weight", lang), axis=alt.Axis(format="%")),
            color=alt.Color("kind:N", title=t("ui.kind", lang)),
            tooltip=[
                "actor:N",
                alt.Tooltip("weight:Q", format=".2%", title=t("ui.journey_weight", lang)),
                "audience:Q",
                "kind:N",
            ],
        )
    )
    return _spec(chart)
