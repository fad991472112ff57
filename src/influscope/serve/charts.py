"""Charts as Vega-Lite specs built with Altair: the dashboard embeds them, reports render them.

Each function takes the rows an analysis returns and gives a JSON-ready spec.
Rows are read by the first key present among a few names (``period``/``date``,
``mentions``/``documents``…) so a chart survives small changes in the shape
of an analysis' output.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

import altair as alt

from influscope.serve.formats import d3_locale
from influscope.serve.i18n import N_, t
from influscope.serve.labels import label

if TYPE_CHECKING:
    from influscope.analyze.sov.rows import VolumeTrend

# Altair's constructors are untyped; the specs they build are plain dicts.
_data: Callable[..., Any] = alt.Data


def _spec(chart: Any, lang: str) -> dict[str, Any]:
    """A chart's Vega-Lite spec, its numbers and dates written the interface language's way.

    Vega formats with d3, in US English unless told: the spec carries the
    language's CLDR symbols (``config.locale``) so a French chart says ``20 000``
    and ``76 %``, whatever the browser's or the report renderer's locale.
    """
    spec: dict[str, Any] = chart.to_dict()
    config = spec.setdefault("config", {})
    config["locale"] = d3_locale(lang)
    # Vega describes each mark for screen readers with unformatted numbers in
    # English words; the chart's title and axes describe it in the language.
    config.setdefault("mark", {})["aria"] = False
    return spec


PERIOD_KEYS = ("period", "bucket", "date", "day", "week", "month")
COUNT_KEYS = ("docs", "mentions", "documents", "count", "n", "citations")
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
    """Stacked share of voice per brand and period.

    Documents without a publication time have no period: they are left out
    (a lone "all" column is no time line), and a chart left with nothing says
    why in its ``usermeta`` (the dashboard shows it instead of "Nothing to show").
    """
    dated = [r for r in rows if _first(r, PERIOD_KEYS) is not None]
    data = _data(values=sov_rows(dated))
    chart = (
        alt.Chart(data, title=t("Share of voice over time", lang), width=WIDTH, height=HEIGHT)
        .mark_area()
        .encode(
            x=alt.X("period:O", title=t("Period", lang), axis=alt.Axis(labelOverlap=True)),
            y=alt.Y(
                "share:Q", stack="normalize", title=t("Share", lang), axis=alt.Axis(format="%")
            ),
            color=alt.Color("brand:N", title=t("Brand", lang)),
            tooltip=[
                alt.Tooltip("period:O", title=t("Period", lang)),
                alt.Tooltip("brand:N", title=t("Brand", lang)),
                alt.Tooltip("share:Q", format=".1%", title=t("Share", lang)),
                alt.Tooltip("count:Q", format=",", title=t("Documents", lang)),
            ],
        )
    )
    return _undated(_spec(chart, lang), bool(rows) and not dated, lang)


def sov_bars(rows: list[dict[str, Any]], lang: str = "en") -> dict[str, Any]:
    """Share of voice per brand as horizontal bars (reports' KPI chart)."""
    data = _data(values=sov_totals(rows))
    chart = (
        alt.Chart(data, title=t("Share of voice", lang), width=WIDTH, height=HEIGHT)
        .mark_bar()
        .encode(
            y=alt.Y("brand:N", sort="-x", title=t("Brand", lang)),
            x=alt.X("share:Q", title=t("Share", lang), axis=alt.Axis(format="%")),
            color=alt.Color("brand:N", legend=None),
            tooltip=[
                alt.Tooltip("brand:N", title=t("Brand", lang)),
                alt.Tooltip("share:Q", format=".1%", title=t("Share", lang)),
            ],
        )
    )
    return _spec(chart, lang)


# The volume trend's x axis, per bin.
BIN_TITLES = {"day": N_("Day"), "week": N_("Week (from Monday)"), "month": N_("Month")}


def volume(trend: VolumeTrend, lang: str = "en") -> dict[str, Any]:
    """Documents per day, week or month (undated ones left out; a chart with only those says so)."""
    values = [{"period": p.period, "documents": p.documents} for p in trend.points]
    data = _data(values=_values(values))
    period = t(BIN_TITLES[trend.bin], lang)
    chart = (
        alt.Chart(data, title=t("Volume trend", lang), width=WIDTH, height=HEIGHT // 2)
        .mark_line(point=True)
        .encode(
            x=alt.X("period:O", title=period, axis=alt.Axis(labelOverlap=True)),
            y=alt.Y("documents:Q", title=t("Documents", lang)),
            tooltip=[
                alt.Tooltip("period:O", title=period),
                alt.Tooltip("documents:Q", format=",", title=t("Documents", lang)),
            ],
        )
    )
    return _undated(_spec(chart, lang), bool(trend.undated) and not values, lang)


def _empty_because(spec: dict[str, Any], why: str | None) -> dict[str, Any]:
    """The spec, saying in ``usermeta`` why it is empty (the page shows it, not "Nothing to show")."""
    if why:
        spec["usermeta"] = {"empty": why}
    return spec


def _no_journey(lang: str) -> str:
    """Why a journey chart has no actor: what to import, or what to count."""
    return t(
        "No actor is met on this journey: import search demand and result pages (ingest "
        'demand, ingest serp), or add "mention" to [journey] social_kinds for exports '
        "without reply ids.",
        lang,
    )


def _undated(spec: dict[str, Any], undated: bool, lang: str) -> dict[str, Any]:
    """The spec, saying why it is empty when every document is undated."""
    why = t("The documents in scope have no publication date: nothing to place over time.", lang)
    return _empty_because(spec, why if undated else None)


def journey_vs_audience(rows: list[dict[str, Any]], lang: str = "en") -> dict[str, Any]:
    """Each actor placed by audience (x, log) and journey weight (y): the gap is the point."""
    values = [
        {
            "actor": str(r.get("name") or r.get("actor_id")),
            "weight": float(_first(r, ("weight", "journey_weight"), 0.0)),
            "audience": max(1.0, float(_first(r, ("followers", "audience"), 0.0) or 0.0) + 1.0),
            "kind": label("kind", r.get("kind") or "unknown", lang),
        }
        for r in rows
    ]
    chart = (
        alt.Chart(
            _data(values=values),
            title=t("Actors: journey weight vs audience", lang),
            width=WIDTH,
            height=HEIGHT,
        )
        .mark_circle(size=70, opacity=0.8)
        .encode(
            x=alt.X(
                "audience:Q", scale=alt.Scale(type="log"), title=t("Audience (followers)", lang)
            ),
            y=alt.Y(
                "weight:Q",
                title=t("Journey weight (share of encounters)", lang),
                axis=alt.Axis(format="%"),
            ),
            color=alt.Color("kind:N", title=t("Kind", lang)),
            tooltip=[
                "actor:N",
                alt.Tooltip(
                    "weight:Q", format=".2%", title=t("Journey weight (share of encounters)", lang)
                ),
                "audience:Q",
                "kind:N",
            ],
        )
    )
    return _empty_because(_spec(chart, lang), None if values else _no_journey(lang))


SENTIMENT_COLOURS = {"negative": "#c62828", "neutral": "#9e9e9e", "positive": "#2e7d32"}


def sentiment(rows: list[dict[str, Any]], lang: str = "en") -> dict[str, Any]:
    """The sentiment mix as bars (negative, neutral, positive; each bar its share)."""
    order = ["negative", "neutral", "positive", "mixed"]
    total = sum(float(r.get("count") or 0) for r in rows) or 1.0
    values = [
        {
            "value": label("sentiment", r.get("value"), lang),
            "count": int(r.get("count") or 0),
            "share": float(r.get("count") or 0) / total,
            "colour": SENTIMENT_COLOURS.get(str(r.get("value")), "#4e79a7"),
            "order": order.index(str(r.get("value"))) if r.get("value") in order else len(order),
        }
        for r in rows
    ]
    chart = (
        alt.Chart(_data(values=values), title=t("Sentiment", lang), width=WIDTH, height=120)
        .mark_bar()
        .encode(
            y=alt.Y("value:N", sort=alt.EncodingSortField("order"), title=None),
            x=alt.X("count:Q", title=t("Documents", lang)),
            color=alt.Color("colour:N", scale=None, legend=None),
            tooltip=[
                alt.Tooltip("value:N", title=t("Sentiment", lang)),
                alt.Tooltip("count:Q", format=",", title=t("Documents", lang)),
                alt.Tooltip("share:Q", format=".1%", title=t("Share", lang)),
            ],
        )
    )
    return _spec(chart, lang)


def journey_weights(rows: list[dict[str, Any]], lang: str = "en") -> dict[str, Any]:
    """The actors who weigh most on the journey, as bars (audience and kind in the tooltip)."""
    values = [
        {
            "actor": str(r.get("name") or r.get("actor_id")),
            "actor_id": str(r.get("actor_id")),
            "weight": float(_first(r, ("journey_weight", "weight"), 0.0) or 0.0),
            "audience": int(_first(r, ("audience", "followers"), 0) or 0),
            "kind": label("kind", r.get("kind") or "unknown", lang),
        }
        for r in rows
    ]
    chart = (
        alt.Chart(
            _data(values=values),
            title=t("Journey weight (share of encounters)", lang),
            width=WIDTH,
            height=max(120, 18 * len(values)),
        )
        .mark_bar()
        .encode(
            y=alt.Y("actor:N", sort="-x", title=None),
            x=alt.X("weight:Q", title=t("Journey weight", lang), axis=alt.Axis(format="%")),
            color=alt.Color("kind:N", title=t("Kind", lang)),
            tooltip=[
                alt.Tooltip("actor:N", title=t("Actor", lang)),
                alt.Tooltip("weight:Q", format=".2%", title=t("Journey weight", lang)),
                alt.Tooltip("audience:Q", format=",", title=t("Audience (followers)", lang)),
                alt.Tooltip("kind:N", title=t("Kind", lang)),
            ],
        )
    )
    return _empty_because(_spec(chart, lang), None if values else _no_journey(lang))


def journey_queries(rows: list[dict[str, Any]], lang: str = "en") -> dict[str, Any]:
    """Who the public meets after each search: per query, the share of clicks by occupant kind."""
    values = []
    for row in rows:
        query = str(row.get("query") or "")
        occupants = row.get("occupants") or {}
        clicks = sum(float(v or 0) for v in occupants.values()) or 1.0
        for kind, share in occupants.items():
            values.append(
                {
                    "query": query,
                    "volume": int(row.get("volume") or 0),
                    "kind": label("kind", kind, lang),
                    "share": float(share or 0) / clicks,
                }
            )
    chart = (
        alt.Chart(
            _data(values=values),
            title=t("Searches → results → who the public meets", lang),
            width=WIDTH,
            height=max(120, 22 * len(rows)),
        )
        .mark_bar()
        .encode(
            y=alt.Y(
                "query:N", sort=alt.EncodingSortField("volume", order="descending"), title=None
            ),
            x=alt.X(
                "share:Q",
                stack="normalize",
                title=t("Share of clicks", lang),
                axis=alt.Axis(format="%"),
            ),
            color=alt.Color("kind:N", title=t("Who occupies the results", lang)),
            tooltip=[
                alt.Tooltip("query:N", title=t("Query", lang)),
                alt.Tooltip("volume:Q", format=",", title=t("Search volume", lang)),
                alt.Tooltip("kind:N", title=t("Who occupies the results", lang)),
                alt.Tooltip("share:Q", format=".1%", title=t("Share of clicks", lang)),
            ],
        )
    )
    why = t(
        "No result pages in scope: import them (ingest serp) to see who the public meets "
        "after each search.",
        lang,
    )
    return _empty_because(_spec(chart, lang), None if values else why)
