"""Management reports and the overview: what the dashboard's first page and the reports show.

The service gathers a report's data from the other services
(:class:`ReportData`) and hands it to an ``exporter`` plugin
(``report-html``, ``report-pdf``, ``report-pptx``) that renders it: the
exporters never see the workspace.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol, cast, get_args

from influscope.analyze.sov.rows import ShareRow, VolumeTrend, bin_for_span
from influscope.errors import N_, NotFound, UsageError
from influscope.options import ReportFormat, SovBy, check
from influscope.plugins import Group
from influscope.store import incidents as incident_store
from influscope.workspace.context import Context
from influscope.workspace.crisis_results import IncidentSummary
from influscope.workspace.report_sections import (
    ReportSection,
    SectionBuilder,
    SectionScope,
    build_sections,
    registered,
)

if TYPE_CHECKING:
    from influscope.analyze.journey.data import JourneyBasis
    from influscope.analyze.map.cartography import MapResult
    from influscope.analyze.roi.section import InfluenceSection
    from influscope.analyze.sov.scope import Period, ScopeCount
    from influscope.workspace.alerts import AlertService
    from influscope.workspace.influence import InfluenceService
    from influscope.workspace.journeys import JourneyService
    from influscope.workspace.maps import MapService
    from influscope.workspace.sov import SovService


@dataclass(frozen=True)
class ReportData:
    """Everything a report shows, gathered once for every format.

    Every figure comes from the function the CLI uses for it, on the same
    scope: ``scope`` is ``status --axis --period`` (documents in scope and the
    dates they span), ``sov`` is ``sov --axis --period`` (counts summed over
    the period, shares from the sums), ``sov_series`` the same by day, week or
    month as the documents in scope span (the chart, :func:`_series_bin`),
    ``map`` and ``journey`` the stored ``map --axis`` and ``journey
    --axis`` (computed only when none is stored; ``map_run``/``journey_run``
    say which, None: computed for this report; ``journey_basis`` what that
    journey rests on, None if its run did not log it). The map and the journey cover
    the axis over all the data (they are not cut by period). ``alerts`` are
    those whose window ends in the period (at most :data:`ALERTS_SHOWN`, newest
    first), ``open_alerts`` how many of all of those are still new;
    ``incidents`` the events they make (alerts grouped), by the same rule.
    """

    name: str
    axis: str | None
    axis_label: str | None
    period: str | None
    simulated: bool
    scope: ScopeCount
    sov: list[ShareRow]
    sov_series: list[ShareRow]
    map: MapResult
    map_run: dict[str, Any] | None
    journey: list[dict[str, Any]]
    journey_run: dict[str, Any] | None
    alerts: list[dict[str, Any]]
    open_alerts: int
    incidents: list[IncidentSummary] = field(default_factory=list)
    journey_basis: JourneyBasis | None = None
    influence: InfluenceSection | None = None
    sections: list[ReportSection] = field(default_factory=list)
    brands: int = 0  # brands compared ([[brands]], own and competitors): why a share is empty

    @property
    def documents(self) -> int:
        """Documents in scope (the axis' documents published in the period)."""
        return self.scope.documents


@dataclass(frozen=True)
class AxisOverview:
    """One axis on the first page: its share of voice against competitors, its open alerts."""

    name: str
    label: str
    competitors: list[str]
    share_of_voice: list[ShareRow]
    open_alerts: int


@dataclass(frozen=True)
class ValueCount:
    """Documents carrying one value of an enrichment (the sentiment mix)."""

    value: str
    count: int


@dataclass(frozen=True)
class Overview:
    """The dashboard's first page: per-axis KPIs, volume, sentiment, open alerts."""

    name: str
    simulated: bool
    axes: list[AxisOverview]
    documents: int
    actors: int
    volume: VolumeTrend
    sentiment: list[ValueCount]
    open_alerts: int
    open_alerts_without_axis: int


# Alerts read to count the period's open ones, and shown in a report (newest first).
ALERTS_READ = 100_000
ALERTS_SHOWN = 20
INCIDENTS_READ = 10_000


class Exporter(Protocol):
    """An ``exporter`` plugin (see :mod:`influscope.plugins`): writes one report file.

    ``influscope report --format FMT`` runs the one registered as ``report-FMT``
    (built-ins: :mod:`influscope.serve.reports`).
    """

    def __call__(self, data: ReportData, out: Path, lang: str) -> None:
        """Write the report of ``data`` to ``out`` in ``lang``."""
        ...


EXPORTERS: Group[Exporter] = Group("exporter", Exporter, Exporter)


class ReportService:
    """Write reports and compute the overview's KPIs.

    Example:
        >>> ws.reports.write(axis="usine-du-futur", fmt="pdf", out="r.pdf")  # doctest: +SKIP
    """

    def __init__(
        self,
        ctx: Context,
        *,
        sov: SovService,
        maps: MapService,
        journeys: JourneyService,
        alerts: AlertService,
        influence: InfluenceService,
    ) -> None:
        self.ctx = ctx
        self.sov = sov
        self.maps = maps
        self.journeys = journeys
        self.alerts = alerts
        self.influence = influence
        self.sections: dict[str, SectionBuilder] = {}

    def add_section(self, name: str, builder: SectionBuilder) -> None:
        """Add a section to every report of this workspace (beside the installed plugins').

        Example:
            >>> ws.reports.add_section("incident", crisis_section)  # doctest: +SKIP
        """
        self.sections[name] = builder

    def data(self, axis: str | None = None, period: str | None = None) -> ReportData:
        """Gather what a report of ``axis`` over ``period`` (a year or month) shows."""
        from influscope.analyze.sov.scope import parse_period

        config = self.ctx.config
        label = (config.axis(axis).label or axis) if axis else None
        scope = self.sov.scope(axis, period)  # checks the period first
        map_run = self.maps.stored_run(axis)
        journey_run = self.journeys.stored_run(axis)
        # Runs first: reading the stored analyses computes them when none is stored.
        chosen_period = parse_period(period)
        found = [a for a in self.alerts.list(limit=ALERTS_READ) if _alert_in(a, chosen_period)]
        chosen = found[:ALERTS_SHOWN]
        journey = self.journeys.stored(axis=axis)
        # What the journey shown rests on (the one just computed, if none was stored).
        shown_run = journey_run or self.journeys.stored_run(axis)
        return ReportData(
            name=config.workspace.name,
            axis=axis,
            axis_label=label,
            period=period,
            simulated=bool(config.workspace.simulated),
            scope=scope,
            sov=self.sov.share_of_voice(axis=axis, period=period),
            brands=len(config.brands),
            sov_series=self.sov.share_of_voice(axis=axis, by=_series_bin(scope), period=period),
            map=self.maps.stored(axis=axis),
            map_run=map_run,
            journey=journey,
            journey_run=journey_run,
            journey_basis=shown_run.get("basis") if shown_run else None,
            alerts=[a if "explanation" in a else self.alerts.get(a["alert_id"]) for a in chosen],
            influence=self._influence(axis, period),
            open_alerts=sum(1 for a in found if a.get("state") == "new"),
            incidents=self._incidents(chosen_period),
            sections=build_sections(
                self.ctx, SectionScope(axis, period), registered() | self.sections
            ),
        )

    def _incidents(self, period: Period | None) -> list[IncidentSummary]:
        """The incidents whose window ends in the period (as the alerts), newest first.

        One bad buzz fires a spike alert per burst and a negative-share one:
        the report listed them one by one, twelve rows for the demo's three
        events; the incidents say how many events there were.
        """
        rows = incident_store.list_incidents(self.ctx.store, None, INCIDENTS_READ)
        found = [IncidentSummary(**r) for r in rows]
        return [i for i in found if _ends_in(i.window_end, period)][:ALERTS_SHOWN]

    def _influence(self, axis: str | None, period: str | None) -> InfluenceSection | None:
        """The influence section, or None when its analyses have nothing to read.

        The tiers read the stored map's camps: an axis whose map has no actor
        (no interaction between its authors) has none, and the report then
        goes without the section rather than failing.
        """
        try:
            return self.influence.report_section(axis, period)
        except NotFound:
            return None

    def write(
        self,
        axis: str | None = None,
        period: str | None = None,
        fmt: ReportFormat | None = None,
        out: str | os.PathLike[str] | None = None,
        lang: str | None = None,
    ) -> Path:
        """Write a management report (KPIs, share of voice, map, journey, alerts) to ``out``.

        The formats are ``exporter`` plugins named ``report-<fmt>`` (html, pdf,
        pptx); without ``fmt`` the format is the file's extension, and an
        extension that is no report format is an error (never a silent HTML).
        """
        chosen = report_format(out, fmt)
        if axis is not None:
            self.ctx.config.axis(axis)
        target = Path(out) if out else self.ctx.root / f"report.{chosen}"
        exporter = EXPORTERS.load(f"report-{chosen}")
        exporter(self.data(axis, period), target, lang or self.ctx.config.workspace.language)
        return target

    def overview(self) -> Overview:
        """Per-axis KPIs for the dashboard's first page: share of voice, alerts, volume, sentiment."""
        from influscope.analyze.sov import counts as sov_counts

        config, store = self.ctx.config, self.ctx.store
        alerts = self.alerts.list(state="new", limit=1000)
        shares = self.sov.by_axis()
        axes = [
            AxisOverview(
                name=axis.name,
                label=axis.label or axis.name,
                competitors=axis.competitors,
                share_of_voice=shares[axis.name],
                open_alerts=_count_open(alerts, axis.name),
            )
            for axis in config.axes
        ]
        sentiment = sov_counts.sentiment_mix(store, config)
        return Overview(
            name=config.workspace.name,
            simulated=config.workspace.simulated,
            axes=axes,
            documents=store.count("documents"),
            actors=store.count("actors"),
            volume=self.sov.volume_trend(),
            sentiment=[ValueCount(r["value"], r["count"]) for r in sentiment],
            open_alerts=_count_open(alerts, None),
            open_alerts_without_axis=sum(
                1 for a in alerts if not a.get("axis") and "axis" not in scope_of(a.get("key"))
            ),
        )


def _series_bin(scope: ScopeCount) -> SovBy:
    """The period of the report's share of voice over time: by the days its documents span."""
    if scope.first is None or scope.last is None:
        return "week"
    return bin_for_span((scope.last.date() - scope.first.date()).days)


SCOPE_PART = re.compile(
    r"(?:^|\s)(axis|brand|query|community):(.*?)(?=\s(?:axis|brand|query|community):|$)"
)


def scope_of(key: object) -> dict[str, str]:
    """An alert key's parts (``axis:usine brand:Ardent Industrie`` → axis and brand).

    Values may hold spaces (a brand's name); a part ends where the next one starts.
    """
    return {name: value.strip() for name, value in SCOPE_PART.findall(str(key or ""))}


def report_format(
    out: str | os.PathLike[str] | None, fmt: ReportFormat | str | None
) -> ReportFormat:
    """The format of a report: ``fmt`` when given, else the extension of ``out`` (else html).

    Raises:
        UsageError: an unknown format or extension, or a format the extension contradicts.
    """
    known = get_args(ReportFormat)
    suffix = Path(out).suffix.lower().lstrip(".") if out else ""
    if fmt is not None:
        check(ReportFormat, fmt, "format")
        if suffix and suffix in known and suffix != fmt:
            raise UsageError(
                N_("The file {file} ends in .{extension} but the format is {format}."),
                N_("Name the file .{format}, or leave out --format."),
                file=repr(Path(out or "").name),
                extension=suffix,
                format=fmt,
            )
        return cast(ReportFormat, fmt)
    if not suffix:
        return "html"
    if suffix not in known:
        raise UsageError(
            N_("Reports cannot be written as .{extension} ({file})."),
            N_("Report formats: {formats} (from the file's extension or --format)."),
            extension=suffix,
            file=Path(out or "").name,
            formats=", ".join(known),
        )
    return cast(ReportFormat, suffix)


def _alert_in(alert: dict[str, Any], period: Period | None) -> bool:
    """Whether an alert's window ends in the period (the data's time, else when it fired)."""
    return _ends_in(alert.get("window_end") or alert.get("fired_at"), period)


def _ends_in(when: object, period: Period | None) -> bool:
    """Whether a moment falls in the period (any moment, with no period)."""
    if period is None:
        return True
    day = when.date() if isinstance(when, datetime) else None
    return day is not None and period.start <= day < period.end


def _count_open(alerts: list[dict[str, Any]], axis: str | None) -> int:
    """Open alerts, or those scoped to one axis (``axis:NAME`` in the key, exactly).

    An alert of a brand or of the whole workspace belongs to no axis: the overview
    shows it in the total and says how many are not tied to an axis, so the total
    and the axis cards agree.
    """
    if axis is None:
        return len(alerts)
    return sum(
        1 for a in alerts if a.get("axis") == axis or scope_of(a.get("key")).get("axis") == axis
    )
