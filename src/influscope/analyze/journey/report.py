"""Journey weights beside audience, who occupies each query, and the rows persisted.

The point of the journey is the *difference* with audience: an actor with few
followers can sit on the public's path (a blog ranked on a key query, an
account every article links to). So each actor row carries both ranks and the
gap between them (``rank_gap = audience_rank - journey_rank``: large and
positive means far more present on the journey than its audience suggests).
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from typing import Any

import numpy as np

from influscope import ids
from influscope.analyze.journey.data import JourneyInputs, brand_of, load_inputs, own_matcher
from influscope.analyze.journey.model import JourneyParams, JourneyResult, solve_journey
from influscope.analyze.journey.paths import explain, precontact, top_queries
from influscope.config import Config
from influscope.ingest.hosts import host_kind
from influscope.ingest.urls import web_entity
from influscope.store.engine import Store

COLUMNS = [
    "actor_id",
    "name",
    "kind",
    "journey_weight",
    "journey_rank",
    "audience",
    "audience_rank",
    "rank_gap",
    "top_queries",
]
PAGE_COLUMNS = ["node_id", "url", "actor_id", "journey_weight", "journey_rank"]


@dataclass
class JourneyReport:
    """A solved journey with the inputs that explain it."""

    axis: str | None
    inputs: JourneyInputs
    result: JourneyResult


def compute(store: Any, config: Config, axis: str | None = None) -> JourneyReport:
    """Load the inputs and solve the chain.

    ``store`` is the workspace's store or a lake read through an engine
    (:class:`~influscope.store.lake_read.LakeStore`): only its reading half is used.
    """
    inputs = load_inputs(store, config, axis)
    params = JourneyParams(
        continuation=config.journey.continuation, search_share=config.journey.search_share
    )
    return JourneyReport(axis, inputs, solve_journey(inputs.graph, params))


def actor_profiles(store: Store, actor_ids: list[str]) -> dict[str, dict[str, Any]]:
    """Name, kind, audience and handle of some actors, by id."""
    actors = store.table("actors")
    wanted = actors.filter(actors.actor_id.isin(actor_ids)).select(
        "actor_id", "name", "kind", "followers", "handle"
    )
    return {r["actor_id"]: r for r in store.to_arrow(wanted).to_pylist()} if actor_ids else {}


def actor_rows(store: Any, config: Config, report: JourneyReport) -> list[dict[str, Any]]:
    """One row per actor met on the journey, by journey weight (see :data:`COLUMNS`)."""
    result = report.result
    weights = result.actor_weight_vector()
    order = [int(i) for i in np.argsort(-weights, kind="stable") if weights[i] > 0]
    ranked = [result.actors[i] for i in order]
    profiles = actor_profiles(store, ranked)
    audience = {a: profiles.get(a, {}).get("followers") for a in ranked}
    audience_rank = audience_ranks(store, audience)
    explained = set(ranked[: config.journey.explained_actors])
    return [
        actor_row(
            actor,
            float(weights[index]),
            rank,
            profiles.get(actor, {}),
            audience_rank.get(actor),
            top_queries(result, actor) if actor in explained else [],
        )
        for rank, (index, actor) in enumerate(zip(order, ranked, strict=True), start=1)
    ]


def actor_row(
    actor: str,
    weight: float,
    rank: int,
    profile: dict[str, Any],
    audience_rank: int | None,
    queries: list[str],
) -> dict[str, Any]:
    """One actor's row (see :data:`COLUMNS`), whether just computed or read back from the store."""
    return {
        "actor_id": actor,
        "name": profile.get("name") or profile.get("handle") or ids.native_of(actor),
        "kind": profile.get("kind") or _default_kind(actor),
        "journey_weight": weight,
        "journey_rank": rank,
        "audience": profile.get("followers"),
        "audience_rank": audience_rank,
        "rank_gap": (audience_rank - rank) if audience_rank is not None else None,
        "top_queries": queries,
    }


def audience_ranks(store: Store, audience: dict[str, Any]) -> dict[str, int]:
    """Rank by followers among every actor of the workspace with a known audience (1 = largest)."""
    actors = store.table("actors")
    known = actors.filter(actors.followers.notnull()).select("followers")
    followers = np.sort(
        np.asarray(store.to_arrow(known).column(0).to_numpy(zero_copy_only=False), dtype=np.float64)
    )
    ranks = {}
    for actor, value in audience.items():
        if value is not None:
            larger = len(followers) - int(np.searchsorted(followers, float(value), side="right"))
            ranks[actor] = larger + 1
    return ranks


def _default_kind(actor: str) -> str:
    return "site" if ids.is_web(actor) else "unknown"


def page_rows(report: JourneyReport) -> list[dict[str, Any]]:
    """One row per node (page URL or account), by weight."""
    result = report.result
    weights = result.node_weights()
    ordered = sorted(weights.items(), key=lambda kv: (-kv[1], kv[0]))
    index = result.node_index()
    owners = [int(result.node_actor[index[node]]) for node, _ in ordered]
    return [
        {
            "node_id": node,
            "url": report.inputs.node_url.get(node),
            "actor_id": result.actors[owner] if owner >= 0 else None,  # None: plumbing
            "journey_weight": weight,
            "journey_rank": rank,
        }
        for rank, ((node, weight), owner) in enumerate(zip(ordered, owners, strict=True), start=1)
    ]


def path_rows(config: Config, report: JourneyReport, actors: list[str]) -> list[dict[str, Any]]:
    """The top paths of each named actor, numbered."""
    rows = []
    for actor in actors:
        for seq, path in enumerate(
            explain(report.result, actor, config.journey.top_paths), start=1
        ):
            rows.append({"actor_id": actor, "seq": seq} | path.as_dict())
    return rows


def category(config: Config, actor: str | None, kind: str | None, url: str = "") -> str:
    """What kind of occupant a result is: by its actor, or for plumbing (no actor) by its host.

    A forum thread on a social platform (a Reddit discussion) is no actor of the
    journey but still a forum on the result page; other platform pages are
    ``social``, a search engine's own page ``search``, anything else ``infrastructure``.
    """
    if actor is None:
        host = web_entity(url)
        if any(host == d or host.endswith("." + d) for d in config.journey.forum_domains):
            return "forum"
        return {"social": "social", "search": "search"}.get(host_kind(url) or "", "infrastructure")
    if own_matcher(config, own=True)(actor):
        return "owned"
    if own_matcher(config, own=False)(actor):
        return "competitor"
    platform, handle = ids.split_id(actor)
    settings = config.actors
    lists = (
        ("media", settings.media_domains),
        ("ngo", settings.ngo_domains),
        ("institution", settings.institution_domains),
        ("forum", config.journey.forum_domains),
    )
    if platform == ids.WEB:
        for name, domains in lists:
            if any(handle == d or handle.endswith("." + d) for d in domains):
                return name
    if kind and kind != "unknown":
        return kind
    if platform in {"reddit"}:
        return "forum"
    return "site" if platform == ids.WEB else "social"


def queries_report(store: Any, config: Config, report: JourneyReport) -> dict[str, Any]:
    """Who occupies each query's results, the company's share, and crisis readiness."""
    slots = report.inputs.slots
    volumes = report.inputs.volumes
    profiles = actor_profiles(store, sorted({s["actor"] for s in slots if s["actor"]}))
    axes = [config.axis(report.axis)] if report.axis else config.axes
    crisis = {" ".join(q.lower().split()) for a in axes for q in a.crisis_queries}
    by_query: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for slot in slots:
        by_query[slot["query"]].append(slot)
    total_volume = sum(volumes.get(q, 0.0) or 0.0 for q in by_query) or float(len(by_query) or 1)
    rows = []
    owned_mass = clicks_mass = 0.0
    for query, entries in by_query.items():
        volume = volumes.get(query)
        demand_share = (volume or 0.0) / total_volume if volumes else 1.0 / len(by_query)
        occupants: dict[str, float] = defaultdict(float)
        owned_ranks = []
        for slot in sorted(entries, key=lambda s: s["rank"]):
            actor = slot["actor"]
            profile_kind = profiles.get(actor, {}).get("kind") if actor else None
            kind = category(config, actor, profile_kind, slot["node"])
            occupants[kind] += slot["prob"]
            if kind == "owned":
                owned_ranks.append(int(slot["rank"]))
        clicks = sum(occupants.values())
        owned_share = occupants.get("owned", 0.0) / clicks if clicks else 0.0
        owned_mass += demand_share * occupants.get("owned", 0.0)
        clicks_mass += demand_share * clicks
        is_crisis = " ".join(query.lower().split()) in crisis
        top = min(entries, key=lambda s: s["rank"])
        rows.append(
            {
                "query": query,
                "volume": volume,
                "slots": len(entries),
                "top_result": top["actor"],
                "owned_ranks": owned_ranks,
                "owned_share": owned_share,
                "occupants": {k: round(v / clicks, 4) for k, v in sorted(occupants.items())}
                if clicks
                else {},
                "crisis": is_crisis,
                "riposte_ready": bool(owned_ranks) if is_crisis else None,
            }
        )
    rows.sort(key=lambda r: (-(r["volume"] or 0.0), r["query"]))
    absent = sorted(q for q in crisis if q not in {" ".join(k.lower().split()) for k in by_query})
    return {
        "queries": rows,
        # No search with result clicks: the company's share of them is unknown, not 0 %.
        "company_share": owned_mass / clicks_mass if clicks_mass else None,
        "crisis_without_owned": [r["query"] for r in rows if r["crisis"] and not r["owned_ranks"]],
        "crisis_without_results": absent,
    }


def company_side(store: Store, config: Config, report: JourneyReport) -> list[str]:
    """The company's side on the journey: its own sites and accounts, plus known allies."""
    own = own_matcher(config, own=True)
    side = [a for a in report.result.actors if own(a)]
    enrichments = store.table("enrichments")
    allies = enrichments.filter(
        (enrichments.subject == "actor")
        & enrichments.field.isin(["stance", f"stance:{report.axis}"] if report.axis else ["stance"])
        & (enrichments.value == "ally")
    ).select("subject_id")
    merged = report.inputs.merged  # an ally that is part of an organisation is the organisation
    side += [
        merged.get(r["subject_id"], r["subject_id"]) for r in store.to_arrow(allies).to_pylist()
    ]
    return sorted(set(side))


def precontact_row(store: Any, config: Config, report: JourneyReport, actor: str) -> dict[str, Any]:
    """The pre-contact estimate for one actor, with the brand it may belong to."""
    side = company_side(store, config, report)
    estimate = precontact(report.result, actor, side)
    return {
        "actor_id": actor,
        "brand": brand_of(config, actor),
        "journey_weight": report.result.actor_weights().get(actor, 0.0),
        "journeys_with_actor": estimate.journeys_with_actor,
        "company_share": estimate.company_share,
        "added_share": estimate.added_share,
        "company_share_after": estimate.company_share_after,
        "company_side": side,
    }
