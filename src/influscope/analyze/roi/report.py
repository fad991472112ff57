"""Return on influence on an axis: voice, encounters, acceptability, defenders, campaigns.

What the director reports upward, measured the article's way (share of voice
and social acceptability, not views):

- **share of voice** per period (:mod:`influscope.analyze.sov.share`) and the
  own brand's sentiment trend (its positive rate per period), and the
  **stance trend** (:mod:`.trend`: how each period's voices on the axis lean);
- **share of journey encounters**: the journey weight of each compared
  brand's own accounts and sites (one organisation, :class:`~influscope.organisations.Organisations`)
  over the compared brands' total;
- **stance balance** and **acceptability** weighted by journey (:mod:`.acceptability`);
- **defenders in incidents** (:mod:`.defence`): the crisis analysis' defenders
  of each incident, those of the axis' actors, their share of voice during
  the incidents and who they are (owned, employee, ally, independent), per period;
- **campaigns**: the interrupted-time-series estimate (:mod:`.its`) of the
  daily documents citing the brand on the axis during each campaign.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

from influscope.analyze.map.scope import Scope
from influscope.analyze.roi.acceptability import Acceptability, acceptability
from influscope.analyze.roi.defence import DefendersSummary, IncidentDefence, summarise_defence
from influscope.analyze.roi.its import ItsEstimate, interrupted_time_series
from influscope.analyze.roi.trend import StancePoint, authors_by_period, stance_trend
from influscope.analyze.sov.rows import ShareRow
from influscope.analyze.sov.scope import Period, scoped_documents
from influscope.analyze.sov.share import compared_brands, share_of_voice
from influscope.config import Axis, Config
from influscope.enrich.axis_filter import matching
from influscope.organisations import Organisations
from influscope.store.engine import Store


@dataclass(frozen=True)
class Campaign:
    """A campaign to measure: the brand's citations on an axis from ``start`` to ``end``."""

    name: str
    start: datetime
    end: datetime | None = None


@dataclass(frozen=True)
class TrendPoint:
    """The own brand's documents and positive rate in one period."""

    period: str
    docs: int
    positive_rate: float | None


@dataclass(frozen=True)
class CampaignEffect:
    """A campaign's interrupted-time-series estimate on the brand's daily citations."""

    name: str
    start: datetime
    end: datetime | None
    estimate: ItsEstimate


@dataclass
class ReturnOnInfluence:
    """Every figure of the return on influence of one axis."""

    axis: str | None
    brand: str | None
    period: str
    share_of_voice: list[ShareRow]
    sentiment_trend: list[TrendPoint]
    journey_share: dict[str, float]
    acceptability: Acceptability
    defenders: DefendersSummary | None
    campaigns: list[CampaignEffect] = field(default_factory=list)
    decision: str | None = None
    within: str | None = None
    stance_trend: list[StancePoint] = field(default_factory=list)

    def campaign(self, name: str) -> ItsEstimate | None:
        """The estimate of the campaign called ``name`` (None when it was not measured)."""
        return next((c.estimate for c in self.campaigns if c.name == name), None)


def own_brand(config: Config) -> str | None:
    """The company's first own brand (None when no brand is marked own)."""
    return next((b.name for b in config.brands if b.own), None)


def journey_weights(store: Store, axis: Axis | None) -> dict[str, float]:
    """Actor -> stored journey weight on the axis ('' journey without one)."""
    table = store.table("journey_weights")
    rows = store.to_arrow(
        table.filter((table.axis == (axis.name if axis else "")) & (table.level == "actor"))
        .select("actor_id", "weight")
        .order_by("actor_id")
    ).to_pylist()
    return {r["actor_id"]: float(r["weight"]) for r in rows if r["actor_id"]}


def journey_share(config: Config, axis: Axis | None, weights: dict[str, float]) -> dict[str, float]:
    """Each compared brand's share of the encounters its own accounts and sites get.

    Empty when the journey meets none of their accounts or sites (or there is
    no journey): a share of nothing is unknown, not 0 % for every brand.
    """
    orgs = Organisations(config.brands)
    names = compared_brands(config, axis)
    total: dict[str, float] = defaultdict(float)
    for actor, weight in weights.items():
        brand = orgs.brand_of(actor)
        if brand in names:
            total[brand] += weight
    whole = sum(total.values())
    if not whole:
        return {}
    return {b: round(total.get(b, 0.0) / whole, 6) for b in names}


def map_stances(store: Store, axis: Axis | None) -> dict[str, str | None]:
    """Actor -> the map's stance: the axis' own map if stored, else the whole data's."""
    scope = Scope(axis.name, axis.query) if axis else Scope()
    table = store.table("actor_map")
    stored = store.to_arrow(table.filter(table.scope == scope.key).select("actor_id", "stance"))
    if stored.num_rows == 0:
        stored = store.to_arrow(
            table.filter(table.scope == Scope().key).select("actor_id", "stance")
        )
    return {r["actor_id"]: r["stance"] for r in stored.to_pylist()}


def axis_stances(
    store: Store,
    config: Config,
    axis: Axis | None,
    decision: str | None = None,
    within: Period | None = None,
) -> dict[str, str | None]:
    """The map's stance of every actor who wrote on the axis (in ``within`` when given).

    With ``decision`` (a query in the query language, e.g. ``"extension de Vernay"``),
    only the actors who wrote documents of the axis matching it: the acceptability
    of one topic or decision rather than of the whole axis.
    """
    stances = map_stances(store, axis)
    wrote = axis_authors(store, axis, decision, within)
    return stances if wrote is None else {a: s for a, s in stances.items() if a in wrote}


def axis_authors(
    store: Store, axis: Axis | None, decision: str | None = None, within: Period | None = None
) -> set[str] | None:
    """Who wrote documents on the axis (matching ``decision``, in ``within``); None: everyone."""
    if axis is None and decision is None and within is None:
        return None
    docs = scoped_documents(store, axis, within)
    if decision is not None:
        docs = matching(store, decision, docs)
    authors = docs.select("author_id").distinct()
    return {r["author_id"] for r in store.to_arrow(authors).to_pylist()}


def daily_citations(
    store: Store, config: Config, axis: Axis | None, brand: str
) -> tuple[list[date], list[float]]:
    """Documents per UTC day citing ``brand`` among the axis' documents, zeros filled in."""
    docs = store.table("documents")
    scoped = matching(store, axis.query, docs) if axis else docs
    span = store.to_arrow(
        scoped.aggregate(lo=scoped.published_at.min(), hi=scoped.published_at.max())
    ).to_pylist()[0]
    if span["lo"] is None:
        return [], []
    cites = store.table("document_brands")
    mine = cites.filter(cites.brand == brand).select("doc_id").distinct()
    hits = scoped.join(mine, "doc_id")
    per_day = hits.group_by(day=hits.published_at.date()).aggregate(n=hits.count())
    counts = {r["day"]: int(r["n"]) for r in store.to_arrow(per_day).to_pylist()}
    first, last = span["lo"].date(), span["hi"].date()
    days = [first + timedelta(days=i) for i in range((last - first).days + 1)]
    return days, [float(counts.get(d, 0)) for d in days]


def campaign_effect(
    store: Store, config: Config, axis: Axis | None, brand: str, campaign: Campaign
) -> ItsEstimate:
    """The interrupted-time-series estimate of a campaign on the brand's daily citations."""
    days, values = daily_citations(store, config, axis, brand)
    start = next((i for i, d in enumerate(days) if d >= campaign.start.date()), len(days))
    end = None
    if campaign.end is not None:
        end = next((i for i, d in enumerate(days) if d >= campaign.end.date()), len(days))
    return interrupted_time_series(values, start, end)


def logged_campaigns(store: Store) -> list[Campaign]:
    """The campaigns of the relationship log: each named campaign from its first to last day.

    A campaign's rows (one per creator or action) share its ``campaign`` name;
    it runs from the earliest ``date`` to the latest ``end_date`` (open-ended
    when none has one).
    """
    table = store.table("relationships")
    rows = store.to_arrow(
        table.filter((table.kind == "campaign") & table.campaign.notnull())
        .group_by("campaign")
        .aggregate(start=table.date.min(), end=table.end_date.max())
        .order_by(["start", "campaign"])
    ).to_pylist()
    return [Campaign(r["campaign"], r["start"], r["end"]) for r in rows]


def compute_roi(
    store: Store,
    config: Config,
    axis: Axis | None,
    period: str = "month",
    incidents: Sequence[IncidentDefence] | None = None,
    campaigns: Sequence[Campaign] = (),
    decision: str | None = None,
    within: Period | None = None,
) -> ReturnOnInfluence:
    """The return on influence of an axis (``incidents`` None: defence not computed).

    ``period`` is the step of the trends (day, week, month); ``within`` keeps
    one report period (a quarter, say): documents published in it, the
    incidents starting in it and the campaigns running in it (a campaign's
    estimate still reads the whole series, its trend needs the days around
    it). ``decision`` narrows the acceptability to the actors who wrote about
    one topic or decision (a query).
    """
    brand = own_brand(config)
    sov = [
        ShareRow.from_row(r) for r in share_of_voice(store, config, axis, by=period, period=within)
    ]
    trend = [TrendPoint(r.period or "", r.docs, r.positive_rate) for r in sov if r.brand == brand]
    weights = journey_weights(store, axis)
    stances = map_stances(store, axis)
    found = [
        CampaignEffect(c.name, c.start, c.end, campaign_effect(store, config, axis, brand, c))
        for c in campaigns
        if brand is not None and _runs_in(c, within)
    ]
    defended = None
    if incidents is not None:
        kept = [
            i for i in incidents if within is None or within.start <= i.start.date() < within.end
        ]
        defended = summarise_defence(kept, weights, period, axis_authors(store, axis))
    return ReturnOnInfluence(
        axis=axis.name if axis else None,
        brand=brand,
        period=period,
        share_of_voice=sov,
        sentiment_trend=trend,
        journey_share=journey_share(config, axis, weights),
        acceptability=acceptability(axis_stances(store, config, axis, decision, within), weights),
        defenders=defended,
        campaigns=found,
        decision=decision,
        within=within.name if within else None,
        stance_trend=stance_trend(stances, weights, authors_by_period(store, axis, period, within)),
    )


def _runs_in(campaign: Campaign, within: Period | None) -> bool:
    """Whether the campaign runs for a day of the period (open-ended: from its start on)."""
    if within is None:
        return True
    ends = campaign.end.date() if campaign.end is not None else within.end
    return campaign.start.date() < within.end and ends > within.start
