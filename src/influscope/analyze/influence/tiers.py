"""Influencer tiers by position in the communities, not by follower counts.

The article tells *mainstream* influencers (heard by everyone) from
*affinity* or *micro* influencers (whose community is smaller and focused on
a subject). A follower count says neither: the journey's most encountered
actor can have 900 followers. The tiers here read the actor's place in the
map of its scope, with four signals per actor:

- **position** — weighted directed PageRank over the whole map (how much
  attention flows to it), as a percentile among actors of the same family
  (web sites apart from social accounts: sites collect links by the hundred,
  the way the map's *untapped* role compares platforms with themselves);
- **within-community centrality** — the weight its own (coarse) community
  sends it, as its rank and percentile inside that community;
- **reach across communities** — the share of the weight it receives from
  other communities, and how many communities send it any;
- **journey weight** — its share of the public's encounters on the axis
  (when a journey is stored), and **focus** — the share of its own documents
  on the axis (on a scope without axis: on its main axis), None when unknown.

Rules (:class:`TierSettings`, the first that holds):

- ``affinity`` — focused on one subject (focus ≥ ``affinity_focus``) and
  either in the top ``macro_top`` by position or in the top ``affinity_top``
  of its own community (of at least ``min_community`` actors) and mostly heard
  inside it (outside share < ``affinity_outside``): the article's
  *influenceur affinitaire*, whatever its size;
- ``mainstream`` — top ``mainstream_top`` by position and heard from at least
  two communities;
- ``macro`` — top ``macro_top`` by position;
- ``micro`` — in the top ``micro_top`` of its community with some weight from
  it, or in the top ``journey_top`` of journey weights;
- ``none`` — the rest.

Each actor keeps its reasons (codes with numbers, rendered in French or
English by the dashboard and reports), so a tier is explained, not asserted.
The ranking "by position" of a tier lists each community's leaders first
(community rank 1 of every community, then rank 2, …; ties by PageRank): the
director wants the first voices of every camp, not only of the largest one.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import numpy as np
import numpy.typing as npt

from influscope import ids
from influscope.analyze.map.graph import ActorGraph, pagerank

FloatArray = npt.NDArray[np.float64]
IntArray = npt.NDArray[np.int64]
TIERS = ("mainstream", "macro", "affinity", "micro", "none")


@dataclass(frozen=True)
class TierSettings:
    """Thresholds of the tier rules (shares of actors; see module doc)."""

    mainstream_top: float = 0.01
    macro_top: float = 0.05
    affinity_top: float = 0.10
    micro_top: float = 0.25
    journey_top: float = 0.10
    affinity_outside: float = 0.5
    affinity_focus: float = 0.5
    min_community: int = 10


@dataclass(frozen=True)
class Reason:
    """One fact behind a tier: a code the UI translates and the numbers it shows."""

    code: str
    values: dict[str, float | int | str] = field(default_factory=dict)


@dataclass(frozen=True)
class TierRow:
    """An actor's tier with every signal it was read from."""

    actor_id: str
    tier: str
    community: int
    community_rank: int
    community_size: int
    position: float
    position_pct: float
    local_pct: float
    in_weight: float
    outside_share: float
    reach: int
    journey_weight: float | None
    journey_pct: float | None
    focus: float | None
    reasons: tuple[Reason, ...] = ()

    def as_dict(self) -> dict[str, Any]:
        """A JSON-ready row (reasons as ``{code, values}``)."""
        out = {k: getattr(self, k) for k in TierRow.__dataclass_fields__ if k != "reasons"}
        out["reasons"] = [{"code": r.code, "values": r.values} for r in self.reasons]
        return out


def _top_share(values: FloatArray, groups: IntArray | None = None) -> FloatArray:
    """Share of each value's group at or above it, in (0, 1]: what "top X %" says.

    The group's highest is in its top 1/n (the #1 of 177 maps is "top 0.6 %",
    where one minus its percentile read "top 0 %").
    """
    n = values.size
    out = np.zeros(n, np.float64)
    labels = groups if groups is not None else np.zeros(n, np.int64)
    for label in np.unique(labels):
        idx = np.flatnonzero(labels == label)
        order = np.sort(values[idx])
        out[idx] = (idx.size - np.searchsorted(order, values[idx], side="left")) / idx.size
    return out


def _percentile(values: FloatArray, groups: IntArray | None = None) -> FloatArray:
    """Rank percentile in (0, 1] (1 = highest; ties share the higher rank), per group."""
    n = values.size
    out = np.zeros(n, np.float64)
    if n == 0:
        return out
    labels = groups if groups is not None else np.zeros(n, np.int64)
    for label in np.unique(labels):
        idx = np.flatnonzero(labels == label)
        vals = values[idx]
        # share of the group at or below each value
        order = np.sort(vals)
        out[idx] = np.searchsorted(order, vals, side="right") / idx.size
    return out


def community_ranks(
    in_own: FloatArray, rank: FloatArray, labels: IntArray
) -> tuple[IntArray, IntArray]:
    """Rank (1 = leader) of each actor in its community by own-community weight, then PageRank."""
    n = in_own.size
    ranks = np.zeros(n, np.int64)
    sizes = np.bincount(labels, minlength=int(labels.max()) + 1 if n else 0)
    order = np.lexsort((-rank, -in_own, labels))
    position = 0
    previous = -1
    for i in order.tolist():
        if labels[i] != previous:
            position, previous = 0, int(labels[i])
        position += 1
        ranks[i] = position
    return ranks, sizes[labels] if n else np.zeros(0, np.int64)


def compute_tiers(
    graph: ActorGraph,
    labels: IntArray,
    journey: dict[str, float] | None = None,
    focus: dict[str, float] | None = None,
    settings: TierSettings | None = None,
) -> list[TierRow]:
    """Tiers of every actor of a map graph, given its coarse community labels (0..k-1)."""
    settings = settings or TierSettings()
    n = graph.n
    if n == 0:
        return []
    rank = pagerank(graph)
    same = labels[graph.dir_src] == labels[graph.dir_dst]
    in_total = np.bincount(graph.dir_dst, graph.dir_weight, n)
    in_own = np.bincount(graph.dir_dst[same], graph.dir_weight[same], n)
    outside = np.where(in_total > 0, 1.0 - in_own / np.maximum(in_total, 1e-300), 0.0)
    pairs = {(int(d), int(labels[s])) for s, d in zip(graph.dir_src, graph.dir_dst, strict=True)}
    reach = np.zeros(n, np.int64)
    for d, _ in pairs:
        reach[d] += 1
    family = np.array([ids.is_web(a) for a in graph.ids], np.int64)
    position_pct = _percentile(rank, family)
    position_top = _top_share(rank, family)
    c_rank, c_size = community_ranks(np.asarray(in_own, np.float64), rank, labels)
    local_pct = 1.0 - (c_rank - 1) / np.maximum(c_size, 1)
    weights = np.array([(journey or {}).get(a, np.nan) for a in graph.ids], np.float64)
    known = ~np.isnan(weights)
    journey_pct = np.full(n, np.nan)
    journey_top = np.full(n, np.nan)
    if known.any():
        journey_pct[known] = _percentile(weights[known])
        journey_top[known] = _top_share(weights[known])
    foci = np.array([(focus or {}).get(a, np.nan) for a in graph.ids], np.float64)
    rows = []
    for i, actor in enumerate(graph.ids):
        tier, reasons = _tier(
            settings,
            position_pct[i],
            local_pct[i],
            int(c_rank[i]),
            int(c_size[i]),
            float(in_own[i]),
            float(outside[i]),
            int(reach[i]),
            None if np.isnan(journey_pct[i]) else float(journey_pct[i]),
            None if np.isnan(foci[i]) else float(foci[i]),
            (float(position_top[i]), None if np.isnan(journey_top[i]) else float(journey_top[i])),
        )
        rows.append(
            TierRow(
                actor_id=actor,
                tier=tier,
                community=int(labels[i]),
                community_rank=int(c_rank[i]),
                community_size=int(c_size[i]),
                position=round(float(rank[i]), 8),
                position_pct=round(float(position_pct[i]), 4),
                local_pct=round(float(local_pct[i]), 4),
                in_weight=round(float(in_total[i]), 4),
                outside_share=round(float(outside[i]), 4),
                reach=int(reach[i]),
                journey_weight=None if not known[i] else float(weights[i]),
                journey_pct=None if np.isnan(journey_pct[i]) else round(float(journey_pct[i]), 4),
                focus=None if np.isnan(foci[i]) else round(float(foci[i]), 4),
                reasons=reasons,
            )
        )
    return rows


def _tier(
    s: TierSettings,
    position_pct: float,
    local_pct: float,
    c_rank: int,
    c_size: int,
    in_own: float,
    outside: float,
    reach: int,
    journey_pct: float | None,
    focus: float | None,
    shown: tuple[float, float | None],
) -> tuple[str, tuple[Reason, ...]]:
    """The tier and its reasons; ``shown``: the map's and the journey's "top X %" to say."""
    reasons = [
        Reason("position", {"top": round(shown[0], 4)}),
        Reason("community", {"rank": int(c_rank), "size": int(c_size)}),
        Reason("reach", {"communities": int(reach), "outside": round(float(outside), 4)}),
    ]
    if journey_pct is not None and shown[1] is not None:
        reasons.append(Reason("journey", {"top": round(shown[1], 4)}))
    if focus is not None:
        reasons.append(Reason("focus", {"share": round(float(focus), 4)}))
    top = 1.0 - position_pct
    leader = (1.0 - local_pct) < s.affinity_top and c_size >= s.min_community and in_own > 0
    focused = focus is not None and focus >= s.affinity_focus
    if focused and (top < s.macro_top or (leader and outside < s.affinity_outside)):
        return "affinity", tuple(reasons)
    if top < s.mainstream_top and reach >= 2:
        return "mainstream", tuple(reasons)
    if top < s.macro_top:
        return "macro", tuple(reasons)
    strong = (1.0 - local_pct) < s.micro_top and c_size >= s.min_community and in_own > 0
    if strong or (journey_pct is not None and (1.0 - journey_pct) < s.journey_top):
        return "micro", tuple(reasons)
    return "none", tuple(reasons)


def by_position(rows: list[TierRow], tier: str) -> list[TierRow]:
    """The actors of a tier, each community's leaders first (rank, then PageRank, then id)."""
    chosen = [r for r in rows if r.tier == tier]
    return sorted(chosen, key=lambda r: (r.community_rank, -r.position, r.actor_id))
