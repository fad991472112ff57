"""What a report says, gathered once from the workspace for every format.

Each part comes from a ``Workspace`` method; a part whose analysis is missing
from this build is kept as a one-line "not available" note rather than failing
the whole report. Charts are the dashboard's Vega-Lite specs rendered to PNG
with vl-convert; the map is drawn from the layout positions with matplotlib.

The map and the journey are the ones stored by ``influscope map`` and
``influscope journey`` (as the dashboard shows them); they are computed only
when none is stored for the axis, and the report says which it was.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from influscope.errors import NotAvailable
from influscope.serve import charts
from influscope.serve.i18n import t
from influscope.serve.reports import images, messages  # noqa: F401 - registers the sentences


@dataclass
class ReportContent:
    """Everything a report shows, in the report's language."""

    lang: str
    title: str
    subtitle: str
    simulated: bool
    kpis: list[tuple[str, str]]
    sov_png: bytes | None = None
    map_png: bytes | None = None
    top_actors: list[dict[str, Any]] = field(default_factory=list)
    alerts: list[dict[str, Any]] = field(default_factory=list)
    missing: dict[str, str] = field(default_factory=dict)
    provenance: list[str] = field(default_factory=list)


def _try(missing: dict[str, str], part: str, fetch: Any) -> Any:
    try:
        return fetch()
    except NotAvailable as error:
        missing[part] = error.message
        return None


def _in_period(value: Any, period: str | None) -> bool:
    return period is None or str(value or "").startswith(period)


def _rows(value: Any) -> list[dict[str, Any]]:
    if value is None:
        return []
    if hasattr(value, "to_pylist"):
        return list(value.to_pylist())
    return [r if isinstance(r, dict) else dict(getattr(r, "__dict__", {})) for r in value]


def _stored_run(ws: Any, method: str, axis: str | None) -> dict[str, Any] | None:
    """The run of a stored analysis, or None (nothing stored, or a build without the reader)."""
    reader = getattr(ws, method, None)
    return reader(axis=axis) if callable(reader) else None


def _origin(part: str, run: dict[str, Any] | None, lang: str) -> str:
    """'Map of <date> (run <id>)' for a stored analysis, 'computed for this report' otherwise."""
    if run is None:
        return t(f"report.{part}_computed", lang)
    when = run.get("created_at") or run.get("computed_at")
    date = when.strftime("%Y-%m-%d %H:%M UTC") if isinstance(when, datetime) else str(when)
    return t(f"report.{part}_stored", lang, date=date, run=run.get("run_id"))


def collect(ws: Any, axis: str | None, period: str | None, lang: str) -> ReportContent:
    """Gather the report's parts from the workspace."""
    missing: dict[str, str] = {}
    name = ws.config.workspace.name
    axis_label = ws.config.axis(axis).label or axis if axis else t("ui.all_axes", lang)
    when = period or datetime.now(UTC).strftime("%Y-%m-%d")
    content = ReportContent(
        lang=lang,
        title=f"{t('ui.report_title', lang)} — {name}",
        subtitle=f"{t('ui.axis', lang)}: {axis_label} · {t('ui.period', lang)}: {when}",
        simulated=bool(ws.config.workspace.simulated),
        kpis=[],
        missing=missing,
    )
    feature = ws._feature
    sov = _try(
        missing, "sov", lambda: feature("share_of_voice", "Share of voice")(axis=axis, by="week")
    )
    sov_rows = [
        r for r in _rows(sov) if _in_period(charts.sov_rows([r])[0]["period"], period)
    ] or _rows(sov)
    docs = ws.store.count("documents")
    content.kpis.append((t("ui.documents", lang), f"{docs:,}"))
    if sov_rows:
        totals = charts.sov_totals(sov_rows)
        for row in totals[:5]:
            content.kpis.append(
                (f"{t('ui.share_of_voice', lang)} {row['brand']}", f"{row['share']:.1%}")
            )
        content.sov_png = images.chart_png(charts.sov_over_time(sov_rows, lang))
    map_run = _stored_run(ws, "stored_map_run", axis)
    graph = _try(missing, "map", lambda: feature("stored_map", "The map")(axis=axis))
    if graph is not None:
        get = graph.get if isinstance(graph, dict) else lambda k: getattr(graph, k, None)
        nodes = _rows(get("nodes") if get("nodes") is not None else get("rows"))
        content.map_png = images.map_png(nodes, _rows(get("edges")), lang)
        content.provenance.append(_origin("map", map_run, lang))
    journey_run = _stored_run(ws, "stored_journey_run", axis)
    journey = _try(
        missing,
        "journey",
        lambda: feature("stored_journey", "The influence journey")(axis=axis),
    )
    if journey is not None:
        content.provenance.append(_origin("journey", journey_run, lang))

    def weight(row: dict[str, Any]) -> float:
        return float(row.get("journey_weight", row.get("weight")) or 0.0)

    ranked = sorted(_rows(journey), key=lambda r: -weight(r))
    content.top_actors = [
        {
            "actor_id": r.get("actor_id"),
            "name": r.get("name") or r.get("actor_id"),
            "weight": weight(r),
            "followers": r.get("audience", r.get("followers")),
        }
        for r in ranked[:10]
    ]
    alerts = _try(missing, "alerts", lambda: feature("alerts", "Alerts")(limit=1000))
    chosen = [a for a in _rows(alerts) if _in_period(a.get("fired_at"), period)][:20]
    content.alerts = [a if "explanation" in a else ws.alert(a["alert_id"]) for a in chosen]
    open_alerts = sum(1 for a in content.alerts if a.get("state") == "new")
    content.kpis.append(
        (t("ui.open_alerts", lang), str(open_alerts) if alerts is not None else "—")
    )
    return content
