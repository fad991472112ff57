"""What a report says, in its language, from the data the workspace gathered.

The workspace's report service gathers a :class:`~influscope.workspace.ReportData`
whose every figure comes from the function the CLI uses for it (``status
--axis --period``, ``sov --axis --period``, the stored ``map`` and
``journey``); this module only turns those values into the cards, tables,
charts and sentences every format shows, in the report's language. It
computes no figure of its own: a share shown is the ``share`` of a
share-of-voice row, a count its ``docs``.

Each figure is also kept raw in :attr:`ReportContent.figures` (key → value),
which the API returns and the HTML carries in ``data-value`` attributes, so a
test can compare a report with the CLI number by number.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import datetime
from typing import TYPE_CHECKING, Any

from influscope.serve import charts
from influscope.serve.explain import explanation, incident_title
from influscope.serve.i18n import nt, t
from influscope.serve.labels import label
from influscope.serve.reports import images, numbers
from influscope.serve.reports.influence import influence_lines
from influscope.workspace.report_sections import Cell, FigureKind, ReportSection
from influscope.workspace.reports import ReportData

if TYPE_CHECKING:
    from influscope.analyze.journey.data import JourneyBasis
    from influscope.workspace.crisis_results import IncidentSummary

TOP_ACTORS = 10
SUMMARY_CHARS = 240


@dataclass(frozen=True)
class Card:
    """One key figure: a stable key, its label and its value as shown, and the raw value."""

    key: str
    label: str
    text: str
    value: Any


@dataclass(frozen=True)
class Table:
    """A table as shown: headers, rows of cell texts, and the raw cells (same shape)."""

    key: str
    columns: list[str]
    rows: list[list[str]]
    raw: list[list[Any]] = field(default_factory=list)
    free: int | None = None  # the column of free text (wrapped anywhere; the others keep words)


@dataclass(frozen=True)
class Section:
    """A plugin's section as shown (title, cards, table, note), in the report's language."""

    key: str
    title: str
    cards: list[Card]
    table: Table | None
    note: str | None


@dataclass
class ReportContent:
    """Everything a report shows, in the report's language."""

    lang: str
    title: str
    subtitle: str
    simulated: bool
    cards: list[Card] = field(default_factory=list)
    sov: Table | None = None
    sov_series: list[dict[str, Any]] = field(default_factory=list)
    sov_png: bytes | None = None
    map_png: bytes | None = None
    top_actors: Table | None = None
    alerts: Table | None = None
    incidents: Table | None = None
    sections: list[Section] = field(default_factory=list)
    provenance: list[str] = field(default_factory=list)
    provenance_line: str = ""
    influence: list[tuple[str, str]] = field(default_factory=list)
    influencers: list[tuple[str, str]] = field(default_factory=list)
    figures: dict[str, Any] = field(default_factory=dict)
    # Why a section has nothing to show, by section ("sov", "map"): "Nothing to show." alone
    # reads as a fault of the report, not of the data or the configuration.
    empty: dict[str, str] = field(default_factory=dict)

    def card(self, key: str, label: str, value: Any, text: str) -> None:
        """Add a key figure (and its raw value to :attr:`figures`)."""
        self.cards.append(Card(key, label, text, value))
        self.figures[key] = value


def _origin(part: str, run: dict[str, Any] | None, lang: str) -> str:
    """'Map of <date> (run <id>)' for a stored analysis, 'computed for this report' otherwise."""
    if run is None:
        if part == "map":
            return t("Map computed for this report (none was stored for this axis)", lang)
        return t("Influence journey computed for this report (none was stored for this axis)", lang)
    when = run.get("created_at") or run.get("computed_at")
    date = numbers.moment(when) + " UTC" if isinstance(when, datetime) else str(when)
    if part == "map":
        return t("Map of {date} (run {run})", lang, date=date, run=run.get("run_id"))
    return t("Influence journey of {date} (run {run})", lang, date=date, run=run.get("run_id"))


def _basis(basis: JourneyBasis, lang: str) -> str:
    """What the journey shown rests on; with a warning when it is a handful of entries."""
    text = t(
        "journey based on {searches} and {social}",
        lang,
        searches=nt(
            "{count} search with result pages",
            "{count} searches with result pages",
            basis.searches,
            lang,
        ),
        social=nt("{count} social entry", "{count} social entries", round(basis.social), lang),
    )
    if not basis.weighted:
        text += " " + t("(no search volumes: every search counts the same)", lang)
    if basis.thin:
        text += " " + t("(too few to weigh a journey: its shares are those of a few entries)", lang)
    return text


def covered(data: ReportData, lang: str) -> str:
    """The period a report covers: the data's first to last day in scope (the period asked too)."""
    scope = data.scope
    if scope.first is not None:
        span = f"{numbers.day(scope.first)} → {numbers.day(scope.last)}"
    elif scope.documents:  # documents imported without a publication time
        span = t("no publication date", lang)
    else:
        span = t("no document", lang)
    return f"{data.period} ({span})" if data.period else span


def collect(data: ReportData, lang: str, *, pictures: bool = True) -> ReportContent:
    """What the report says in ``lang``, from the data the workspace gathered.

    ``pictures=False`` leaves out the chart and map images (the API's figures
    need none).
    """
    axis_label = data.axis_label or t("all axes", lang)
    content = ReportContent(
        lang=lang,
        title=t("Management report — {name}", lang, name=data.name),
        subtitle=t(
            "Axis: {axis} · Period: {period}", lang, axis=axis_label, period=covered(data, lang)
        ),
        simulated=data.simulated,
    )
    content.figures.update(
        axis=data.axis,
        period=data.period,
        first=numbers.day(data.scope.first) or None,
        last=numbers.day(data.scope.last) or None,
    )
    _key_figures(content, data, lang)
    _share_of_voice(content, data, lang, pictures)
    if pictures and data.map.rows:
        content.map_png = images.map_png(data.map.rows, data.map.edges, lang)
    if not data.map.rows:
        content.empty["map"] = t(
            "No actor on this map: it is drawn from the interactions between actors (reposts, "
            "replies, mentions, links), and none falls in this scope.",
            lang,
        )
    content.provenance.append(_origin("map", data.map_run, lang))
    content.provenance.append(_origin("journey", data.journey_run, lang))
    if data.journey_basis is not None:
        content.provenance.append(_basis(data.journey_basis, lang))
    content.provenance_line = t(
        "Analyses shown: {analyses}", lang, analyses=" · ".join(content.provenance)
    )
    content.top_actors = _top_actors(data.journey, lang)
    content.figures["top_actors"] = [
        {"actor_id": r[0], "journey_weight": r[2], "audience": r[3]} for r in content.top_actors.raw
    ]
    content.alerts = _alerts(data.alerts, lang)
    content.incidents = _incidents(data.incidents, lang)
    content.sections = [_section(s, lang) for s in data.sections]
    for section in content.sections:
        content.figures.update({f"{section.key}:{c.key}": c.value for c in section.cards})
    if data.influence is not None:
        content.influence, content.influencers = influence_lines(data.influence, lang)
    return content


def _key_figures(content: ReportContent, data: ReportData, lang: str) -> None:
    """The cards: documents in scope, open alerts, actors and camps on the map, own brands' shares."""
    content.card(
        "documents", t("Documents", lang), data.documents, numbers.count(data.documents, lang)
    )
    rows = data.map.rows
    camps = len({r.get("community") for r in rows if r.get("community") is not None})
    content.card(
        "map_actors", t("Actors on the map", lang), len(rows), numbers.count(len(rows), lang)
    )
    content.card("map_camps", t("Camps on the map", lang), camps, numbers.count(camps, lang))
    content.card(
        "open_alerts",
        t("Open alerts", lang),
        data.open_alerts,
        numbers.count(data.open_alerts, lang),
    )
    for row in data.sov[:3]:
        content.card(
            f"share:{row.brand}",
            t("Share of voice: {brand}", lang, brand=row.brand),
            row.share,
            numbers.share(row.share, lang),
        )


def _share_of_voice(content: ReportContent, data: ReportData, lang: str, pictures: bool) -> None:
    """The share-of-voice table (every compared brand) and the weekly chart."""
    raw: list[list[Any]] = [[r.brand, r.docs, r.share] for r in data.sov]
    content.sov = Table(
        "sov",
        [t("Brand", lang), t("Documents", lang), t("Share of voice", lang)],
        [[b, numbers.count(d, lang), numbers.share(s, lang)] for b, d, s in raw],
        raw,
        free=0,
    )
    for brand, docs, share in raw:
        content.figures[f"docs:{brand}"] = docs
        content.figures[f"share:{brand}"] = share
    series = [row.as_dict() for row in data.sov_series]
    # Documents without a publication time have no period (the row has no "period"): they
    # count in the table above, not on a time line.
    content.sov_series = [
        {"period": r["period"], "brand": r["brand"], "share": r["share"], "docs": r["docs"]}
        for r in series
        if r.get("period") is not None
    ]
    if series and pictures:
        spec = charts.sov_over_time(series, lang)
        if "usermeta" in spec:  # nothing dated to draw: say why, draw no empty axes
            content.empty["sov"] = spec["usermeta"]["empty"]
        else:
            content.sov_png = images.chart_png(spec)
    if not any(docs for _, docs, _ in raw):  # the words of 'sov' for the same case
        content.empty["sov"] = (
            t(
                "No brands in influscope.toml: add [[brands]] (name, aliases, @handles) to count their share of voice.",
                lang,
            )
            if not data.brands
            else t(
                "No document in scope cites a brand: check the brands' aliases and handles, the axis and the period.",
                lang,
            )
        )


def _weight(row: dict[str, Any]) -> float:
    return float(row.get("journey_weight", row.get("weight")) or 0.0)


def _rank(row: dict[str, Any]) -> tuple[float, float, str]:
    """The journey's rank first (as ``journey`` lists it), then weight and id for unranked rows."""
    rank = row.get("journey_rank")
    return (float(rank) if rank is not None else float("inf"), -_weight(row), str(row["actor_id"]))


def _top_actors(journey: list[dict[str, Any]], lang: str) -> Table:
    """The journey's first actors in its own order (its rank), weight beside audience."""
    ranked = sorted(journey, key=_rank)[:TOP_ACTORS]
    raw: list[list[Any]] = [
        [r.get("actor_id"), r.get("name") or r.get("actor_id"), _weight(r), r.get("audience")]
        for r in ranked
    ]
    return Table(
        "top_actors",
        [
            t("Actor", lang),
            t("Journey weight (share of encounters)", lang),
            t("Audience (followers)", lang),
        ],
        [[str(name), numbers.share(w, lang), numbers.count(a, lang)] for _, name, w, a in raw],
        raw,
        free=0,
    )


# A sentence ends at . ! or ? before a capital or an opening quote: "5 nov. 2026"
# (a French date) does not end one; it cut "28 documents entre 5 nov".
SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[A-ZÀ-ÖØ-Þ«\"'])")


def summary(text: str | None, limit: int = SUMMARY_CHARS) -> str:
    """An explanation's first sentence, cut at a word under ``limit`` characters (with …)."""
    flat = " ".join((text or "").split())
    first = SENTENCE_END.split(flat, maxsplit=1)[0]
    if len(first) <= limit:
        return first
    cut = first[: limit - 1].rsplit(" ", 1)[0]
    return cut + "…"


def _incidents(incidents: list[IncidentSummary], lang: str) -> Table:
    """The period's incidents (its alerts grouped by event): when, severity, what, alerts, state."""
    raw: list[list[Any]] = [
        [i.window_start, i.window_end, i.severity, incident_title(i.title, lang), i.alerts, i.state]
        for i in incidents
    ]
    return Table(
        "incidents",
        [
            t("From", lang),
            t("To", lang),
            t("Severity", lang),
            t("Incident", lang),
            t("Alerts", lang),
            t("State", lang),
        ],
        [
            [
                numbers.moment(start),
                numbers.moment(end),
                label("severity", severity, lang) or "—",
                title,
                numbers.count(alerts, lang),
                label("incident_state", state, lang) or "—",
            ]
            for start, end, severity, title, alerts, state in raw
        ],
        raw,
        free=3,
    )


def _alerts(alerts: list[dict[str, Any]], lang: str) -> Table:
    """The period's alerts as a compact table of incidents: when, severity, what, state."""
    raw = [
        [
            a.get("window_end") or a.get("fired_at"),
            a.get("severity"),
            a.get("rule"),
            # Said from the alert's facts in the report's language, as the dashboard
            # says it (the stored paragraph named its scope by key: "brand:Acme").
            summary(explanation(a, a.get("detector"), lang) or str(a.get("key") or "")),
            a.get("state"),
        ]
        for a in alerts
    ]
    return Table(
        "alerts",
        [
            t("Fired at", lang),
            t("Severity", lang),
            t("Rule", lang),
            t("Explanation", lang),
            t("State", lang),
        ],
        [
            [numbers.moment(w), label("severity", s, lang) or "—", str(r), str(x)]
            + [label("state", st, lang) or "—"]
            for w, s, r, x, st in raw
        ],
        raw,
        free=3,
    )


def _cell(value: Cell, kind: FigureKind, lang: str) -> str:
    if kind == "share" and isinstance(value, int | float):
        return numbers.share(value, lang)
    if kind == "count" and isinstance(value, int | float):
        return numbers.count(value, lang)
    return "" if value is None else str(value)


def _section(section: ReportSection, lang: str) -> Section:
    """A plugin's section in the report's language (its sentences translated, its values formatted)."""

    def say(text: str) -> str:
        if section.translations is not None:
            found = section.translations(lang).gettext(text)
            if found != text:
                return found
        return t(text, lang)

    cards = [
        Card(f.label, say(f.label), _cell(f.value, f.kind, lang), f.value) for f in section.figures
    ]
    table = None
    if section.columns:
        kinds: list[FigureKind] = section.kinds or ["text"] * len(section.columns)
        table = Table(
            section.key,
            [say(c) for c in section.columns],
            [[_cell(v, k, lang) for v, k in zip(row, kinds, strict=False)] for row in section.rows],
            [list(row) for row in section.rows],
            free=0,
        )
    note = say(section.note) if section.note else None
    return Section(section.key, say(section.title), cards, table, note)
