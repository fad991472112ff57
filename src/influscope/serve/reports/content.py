"""What a report says, in its language, from the data the workspace gathered.

The workspace's report service gathers a :class:`~influscope.workspace.ReportData`
(share of voice, stored map and journey, alerts) and hands it to an exporter;
this module turns it into the sentences, figures and pictures every format
shows. Charts are the dashboard's Vega-Lite specs rendered to PNG
with vl-convert; the map is drawn from the layout positions with matplotlib.

The map and the journey are the ones stored by ``influscope map`` and
``influscope journey`` (as the dashboard shows them); they are computed only
when none is stored for the axis, and the report says which it was.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from influscope.serve import charts
from influscope.serve.i18n import t
from influscope.serve.reports import images, messages  # noqa: F401 - registers the sentences
from influscope.serve.reports.influence import influence_lines
from influscope.workspace import ReportData
from influscope.workspace.reports import in_period


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
    provenance: list[str] = field(default_factory=list)
    influence: list[tuple[str, str]] = field(default_factory=list)
    influencers: list[tuple[str, str]] = field(default_factory=list)


def _in_period(value: Any, period: str | None) -> bool:
    return in_period(value, period)


def _origin(part: str, run: dict[str, Any] | None, lang: str) -> str:
    """'Map of <date> (run <id>)' for a stored analysis, 'computed for this report' otherwise."""
    if run is None:
        return t(f"report.{part}_computed", lang)
    when = run.get("created_at") or run.get("computed_at")
    date = when.strftime("%Y-%m-%d %H:%M UTC") if isinstance(when, datetime) else str(when)
    return t(f"report.{part}_stored", lang, date=date, run=run.get("run_id"))


def collect(data: ReportData, lang: str) -> ReportContent:
    """What the report says in ``lang``, from the data the workspace gathered."""
    axis_label = data.axis_label or t("ui.all_axes", lang)
    when = data.period or datetime.now(UTC).strftime("%Y-%m-%d")
    content = ReportContent(
        lang=lang,
        title=f"{t('ui.report_title', lang)} — {data.name}",
        subtitle=f"{t('ui.axis', lang)}: {axis_label} · {t('ui.period', lang)}: {when}",
        simulated=data.simulated,
        kpis=[],
    )
    period = data.period
    every = [row.as_dict() for row in data.sov]
    sov_rows = [r for r in every if _in_period(charts.sov_rows([r])[0]["period"], period)] or every
    content.kpis.append((t("ui.documents", lang), f"{data.documents:,}"))
    if sov_rows:
        totals = charts.sov_totals(sov_rows)
        for row in totals[:5]:
            content.kpis.append(
                (f"{t('ui.share_of_voice', lang)} {row['brand']}", f"{row['share']:.1%}")
            )
        content.sov_png = images.chart_png(charts.sov_over_time(sov_rows, lang))
    content.map_png = images.map_png(data.map.rows, data.map.edges, lang)
    content.provenance.append(_origin("map", data.map_run, lang))
    content.provenance.append(_origin("journey", data.journey_run, lang))

    def weight(row: dict[str, Any]) -> float:
        return float(row.get("journey_weight", row.get("weight")) or 0.0)

    ranked = sorted(data.journey, key=lambda r: -weight(r))
    content.top_actors = [
        {
            "actor_id": r.get("actor_id"),
            "name": r.get("name") or r.get("actor_id"),
            "weight": weight(r),
            "followers": r.get("audience", r.get("followers")),
        }
        for r in ranked[:10]
    ]
    content.alerts = data.alerts
    open_alerts = sum(1 for a in content.alerts if a.get("state") == "new")
    content.kpis.append((t("ui.open_alerts", lang), str(open_alerts)))
    if data.influence is not None:
        content.influence, content.influencers = influence_lines(data.influence, lang)
    return content
