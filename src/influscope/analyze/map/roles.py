"""Roles on the map: what each actor and community means for the company.

Actor roles:

- ``ally`` / ``sympathiser`` / ``neutral`` / ``detractor`` — its stance
  toward the company (:mod:`.targets`); ``owned`` for the company's own
  accounts and employees, ``competitor`` for other brands' accounts,
  ``unknown`` when nothing says;
- ``bridge`` — it brokers between camps: a participation coefficient (how
  evenly its ties spread over the coarse communities) of at least
  ``bridge_participation``, with enough ties (``bridge_min_degree``) for that
  to mean something. Participation is linear in the edges, where betweenness
  is quadratic; on maps of a few thousand actors betweenness is also computed
  and a top-betweenness actor with a mixed neighbourhood counts too;
- ``untapped`` — central on the axis (PageRank in the top ``untapped_top_share``
  of its platform, or of its community) but never cites the company: the
  actors an "enterprise-centric" monitoring misses;
- ``risk_hotspot`` — member of a risk-hotspot community.

The primary ``role`` is the first of bridge, untapped, stance; ``roles`` lists
them all. A community is a **risk hotspot** when it is negative (detractor
share among its actors with a stance ≥ ``hotspot_negative_share``, with a
stance known for at least :data:`STANCE_COVERAGE` of its members), growing
(activity up by ``hotspot_growth`` between the two halves of the window) and
close to the company's audience (share of its ties that reach the company or
actors citing it ≥ ``hotspot_brand_closeness``).

Tiers mix reach and position: followers give mainstream (≥ 1M) / macro
(≥ 100k) / micro (≥ 10k) / nano; PageRank percentile *inside the community*
gives macro (top 1% of a community of 100+), micro (top 10%) or nano; the
higher of the two is kept — a blogger with 3k followers at the heart of a
camp is a micro-influencer of that camp.
"""

from __future__ import annotations

from dataclasses import dataclass

import igraph as ig
import numpy as np
import numpy.typing as npt

from influscope.analyze.map.graph import ActorGraph
from influscope.analyze.map.stance import STANCES
from influscope.config import MapSettings

FloatArray = npt.NDArray[np.float64]
IntArray = npt.NDArray[np.int64]
BoolArray = npt.NDArray[np.bool_]
TIERS = ("nano", "micro", "macro", "mainstream")
BETWEENNESS_MAX_NODES = 3000


@dataclass
class CommunityFacts:
    """What role assignment needs to know about each coarse community (by label)."""

    negative_share: FloatArray
    growth: FloatArray
    closeness: FloatArray


def bridges(
    graph: ActorGraph, labels: IntArray, participation: FloatArray, settings: MapSettings
) -> BoolArray:
    """Actors brokering between coarse communities (see module doc)."""
    strength = graph.strength()
    mask = (participation >= settings.bridge_participation) & (
        strength >= settings.bridge_min_degree
    )
    if 2 < graph.n <= BETWEENNESS_MAX_NODES and graph.edge_count:
        g = ig.Graph(n=graph.n, edges=np.column_stack([graph.src, graph.dst]))
        between = np.asarray(g.betweenness(directed=False), dtype=np.float64)
        top = between >= np.quantile(between, 0.99)
        mask |= top & (participation >= settings.bridge_participation / 2) & (between > 0)
    return np.asarray(mask, dtype=np.bool_)


def percentile_within(values: FloatArray, labels: IntArray) -> FloatArray:
    """Rank percentile (0..1, 1 = highest) of each value inside its label group."""
    out = np.zeros(values.size, np.float64)
    if values.size == 0:
        return out  # an axis nobody discusses yet: an empty map, not an error
    order = np.lexsort((values, labels))
    sizes = np.bincount(labels)
    starts = np.concatenate([[0], np.cumsum(sizes)[:-1]])
    position = np.arange(values.size) - np.repeat(starts, sizes)
    group = labels[order]
    denom = np.maximum(sizes[group] - 1, 1)
    out[order] = position / denom
    out[sizes[labels] == 1] = 1.0
    return out


def untapped(
    pagerank: FloatArray,
    labels: IntArray,
    platforms: IntArray,
    cites_brand: BoolArray,
    is_brand: BoolArray,
    settings: MapSettings,
) -> BoolArray:
    """Central actors that never cite the company.

    Central means a PageRank in the top ``untapped_top_share`` of the actor's
    own platform or of its community (of 20 actors or more). Platforms are
    compared with themselves because their linking habits differ: web sites
    collect links by the hundred, and a leading Mastodon or Bluesky account
    has fewer ties than a middling Twitter one.
    """
    n = pagerank.size
    if n == 0:
        return np.zeros(0, np.bool_)
    share = settings.untapped_top_share
    by_platform = percentile_within(pagerank, platforms)
    central = by_platform >= 1.0 - share
    sizes = np.bincount(labels)
    local = percentile_within(pagerank, labels)
    central |= (local >= 1.0 - share) & (sizes[labels] >= 20)
    return np.asarray(central & ~cites_brand & ~is_brand, dtype=np.bool_)


def tiers(
    followers: FloatArray, pagerank: FloatArray, labels: IntArray, settings: MapSettings
) -> list[str]:
    """Influencer tier per actor (see module doc)."""
    thresholds = settings.tier_followers
    reach = np.zeros(followers.size, np.int64)
    for level, name in ((1, "micro"), (2, "macro"), (3, "mainstream")):
        reach[np.nan_to_num(followers, nan=-1.0) >= thresholds.get(name, np.inf)] = level
    local = percentile_within(pagerank, labels)
    sizes = np.bincount(labels)[labels]
    position = np.where(local >= 0.9, 1, 0)
    position = np.where((local >= 0.99) & (sizes >= 100), 2, position)
    return [TIERS[int(v)] for v in np.maximum(reach, position)]


def hotspots(facts: CommunityFacts, settings: MapSettings) -> BoolArray:
    """Coarse communities that are negative, growing and close to the company's audience."""
    return np.asarray(
        (facts.negative_share >= settings.hotspot_negative_share)
        & (facts.growth >= settings.hotspot_growth)
        & (facts.closeness >= settings.hotspot_brand_closeness),
        dtype=np.bool_,
    )


def closeness(graph: ActorGraph, labels: IntArray, audience: BoolArray) -> FloatArray:
    """Per community: the share of its members' tie weight that reaches the company's audience."""
    k = int(labels.max()) + 1 if labels.size else 0
    if k == 0:
        return np.zeros(0, np.float64)
    touching = audience[graph.dst].astype(np.float64) * graph.weight
    touching_rev = audience[graph.src].astype(np.float64) * graph.weight
    reach = np.bincount(labels[graph.src], touching, k) + np.bincount(
        labels[graph.dst], touching_rev, k
    )
    total = np.bincount(labels[graph.src], graph.weight, k) + np.bincount(
        labels[graph.dst], graph.weight, k
    )
    return np.asarray(np.where(total > 0, reach / np.maximum(total, 1e-300), 0.0), np.float64)


def actor_roles(
    stance: list[str | None],
    bridge: BoolArray,
    untapped_mask: BoolArray,
    in_hotspot: BoolArray,
) -> tuple[list[str], list[str]]:
    """The primary role and the ';'-joined list of all roles of every actor."""
    primary: list[str] = []
    every: list[str] = []
    for i, call in enumerate(stance):
        roles = []
        if bridge[i]:
            roles.append("bridge")
        if untapped_mask[i]:
            roles.append("untapped")
        roles.append(call or "unknown")
        if in_hotspot[i]:
            roles.append("risk_hotspot")
        primary.append(roles[0])
        every.append(";".join(roles))
    return primary, every


# The share of a community's members (brand accounts aside) that must have a stance
# toward the company before the community is given one, or called a hotspot. On the
# airline data, Southwest's followers (1,720 accounts, 33 detractors of United, 1,648
# with no stance toward it: they never wrote about United nor sit near anyone who did)
# were shown as a "detractor" community of United.
STANCE_COVERAGE = 0.2
BRAND_SIDES = ("owned", "competitor")


def community_role(stances: list[str | None], hotspot: bool) -> str:
    """A community's role: risk hotspot, or the stance most of its classified actors hold.

    ``unknown`` when fewer than :data:`STANCE_COVERAGE` of its members (the
    company's and competitors' accounts aside) have a stance: a few dozen
    detractors do not make a camp of two thousand silent accounts a detractor one.
    """
    if hotspot:
        return "risk_hotspot"
    known = [s for s in stances if s in STANCES]  # not owned/competitor/unknown
    if not known or not covered(len(known), sum(s not in BRAND_SIDES for s in stances)):
        return "unknown"
    return max(sorted(set(known)), key=known.count)


def covered(known: float, members: float) -> bool:
    """Whether ``known`` members with a stance are enough of ``members`` to speak for them."""
    return known > 0 and known >= STANCE_COVERAGE * members
