"""Explaining journey weights: top paths, top queries, and the pre-contact estimate.

All three are exact decompositions of the solved chain (see :mod:`.journey`).
With ``e_A`` the encounters with actor A per visit of each node (1 on its own
nodes, the embed weight on pages showing it) and ``y = (I-P)^-1 e_A`` the
expected encounters with A from each state on, A's encounters split exactly
into paths *entry → first node → next node*: ``s_e P[e,u] (e_A(u) + Σ_v P[u,v] y_v)``
for a query *e*, and ``s_u (e_A(u) + Σ_v P[u,v] y_v)`` for a social entry at *u*; the shares of all
paths add up to 1, so the top ones say where the weight really comes from.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np
import scipy.sparse as sp

from influscope.analyze.journey.model import Index, JourneyResult, Vector, solve_system


@dataclass(frozen=True)
class JourneyPath:
    """One path of an explanation and its share of the actor's encounters."""

    entry_kind: str  # "search" or "social"
    entry: str  # the query, or the node the social exposure lands on
    result: str  # the node clicked in the results (search), or the social entry node
    page: str | None  # the next node, when the path goes on before reaching the actor
    share: float
    # How the step result -> page was weighed: "observed" clicks, "unobserved" (a
    # link without clicks on a page with observed clicks), "even" split; None: no step.
    link_step: str | None = None

    def as_dict(self) -> dict[str, Any]:
        """A plain dict (for tables and JSON)."""
        return {
            "entry_kind": self.entry_kind,
            "entry": self.entry,
            "result": self.result,
            "page": self.page,
            "share": self.share,
            "link_step": self.link_step,
        }


def explain(result: JourneyResult, actor: str, top: int = 10) -> list[JourneyPath]:
    """The ``top`` paths bringing the public to ``actor``, with their exact shares."""
    met = result.encounters_of(actor)
    if not met.any():
        return []
    reach = result.reach_actor(actor)
    n_q = result.n_queries
    total = float(result.entry @ reach)
    if total <= 0:
        return []
    # onward[u, v] = P[u, v] * y_v : what continuing from u to v contributes.
    onward = sp.csr_matrix(result.transition.multiply(reach[np.newaxis, :]))
    onward.eliminate_zeros()
    clicks = result.transition[:n_q].tocoo()
    useful = (result.entry[clicks.row] > 0) & (reach[clicks.col] > 0)
    social = np.flatnonzero((result.entry[n_q:] > 0) & (reach[n_q:] > 0)) + n_q
    # Every way in: (kind, entry state, first node state, mass arriving there).
    kinds = np.concatenate([np.zeros(int(useful.sum()), np.int8), np.ones(len(social), np.int8)])
    entries = np.concatenate([clicks.row[useful], social]).astype(np.int64)
    firsts = np.concatenate([clicks.col[useful], social]).astype(np.int64)
    masses = np.concatenate(
        [result.entry[clicks.row[useful]] * clicks.data[useful], result.entry[social]]
    )
    # Paths ending on the first node (met there), and paths going on one more step.
    direct = masses * met[firsts]
    steps = sp.csr_matrix(sp.diags(masses) @ onward[firsts]).tocoo()
    values = np.concatenate([direct, steps.data])
    way = np.concatenate([np.arange(len(firsts)), steps.row]).astype(np.int64)
    nexts = np.concatenate([np.full(len(firsts), -1, np.int64), steps.col.astype(np.int64)])
    keep = np.flatnonzero(values > 0)
    if len(keep) > top:
        keep = keep[np.argpartition(-values[keep], top - 1)[:top]]
    keep = keep[np.lexsort((nexts[keep], firsts[way[keep]], -values[keep]))]
    names = ("search", "social")
    return [
        _path(
            result,
            (
                float(values[i]),
                names[kinds[way[i]]],
                int(entries[way[i]]),
                int(firsts[way[i]]),
                int(nexts[i]),
            ),
            total,
        )
        for i in keep
    ]


def _path(
    result: JourneyResult, term: tuple[float, str, int, int, int], total: float
) -> JourneyPath:
    share, kind, entry_state, first, onward = term
    label = _state_label(result, entry_state)
    return JourneyPath(
        entry_kind=kind,
        entry=label,
        result=_state_label(result, first),
        page=_state_label(result, onward) if onward >= 0 else None,
        share=share / total,
        link_step=result.link_step(first, onward) if onward >= 0 else None,
    )


def _state_label(result: JourneyResult, state: int) -> str:
    n_q = result.n_queries
    return result.queries[state] if state < n_q else result.nodes[state - n_q]


def query_contributions(result: JourneyResult, actor: str) -> dict[str, float]:
    """Share of an actor's encounters that starts at each query (search entries only)."""
    if not result.encounters_of(actor).any():
        return {}
    reach = result.reach_actor(actor)
    total = float(result.entry @ reach)
    n_q = result.n_queries
    if total <= 0 or n_q == 0:
        return {}
    per_query = result.entry[:n_q] * (result.transition[:n_q] @ reach)
    return {result.queries[i]: float(per_query[i] / total) for i in np.flatnonzero(per_query > 0)}


def top_queries(result: JourneyResult, actor: str, k: int = 3) -> list[str]:
    """The ``k`` queries bringing the most encounters to ``actor``."""
    contributions = query_contributions(result, actor)
    return [q for q, _ in sorted(contributions.items(), key=lambda kv: (-kv[1], kv[0]))[:k]]


def hitting_probability(result: JourneyResult, targets: Index) -> Vector:
    """Probability, from each state, that the walk visits one of ``targets`` (node indexes)."""
    size = result.transition.shape[0]
    indicator = np.zeros(size)
    if len(targets) == 0:
        return indicator
    states = targets + result.n_queries
    indicator[states] = 1.0
    keep = np.ones(size)
    keep[states] = 0.0  # targets absorb: once there, the journey has met them
    return solve_system(sp.diags(keep) @ result.transition, indicator)


@dataclass(frozen=True)
class Precontact:
    """What bringing an actor to the company's side would change."""

    actor: str
    journeys_with_actor: float  # share of journeys that meet the actor
    company_share: float  # share of journeys meeting the company's side now
    added_share: float  # journeys meeting the actor but none of the company's side
    company_share_after: float


def precontact(result: JourneyResult, actor: str, side: list[str]) -> Precontact:
    """Share of the axis' journeys that ``actor`` would add to the company's side.

    A journey counts for the company when it meets at least one node of the
    company's side (owned sites and accounts, allies), or a page showing them
    (an embedded post counts as a meeting here). The gain is the
    probability of meeting the actor and none of the side:
    ``P(hit X ∪ C) - P(hit C)``, each an absorbing-chain hitting probability,
    divided by the probability of meeting anyone (a search without a click is
    not a journey on the axis).
    """
    side_nodes = [result.actor_nodes(a, citing=True) for a in side]
    company = np.unique(np.concatenate(side_nodes)) if side_nodes else np.zeros(0, np.int64)
    mine = result.actor_nodes(actor, citing=True)
    everyone = np.arange(len(result.nodes), dtype=np.int64)
    journeys = float(result.entry @ hitting_probability(result, everyone))
    if journeys <= 0:
        return Precontact(actor, 0.0, 0.0, 0.0, 0.0)
    with_company = float(result.entry @ hitting_probability(result, company))
    either = np.unique(np.concatenate([company, mine]))
    with_either = float(result.entry @ hitting_probability(result, either))
    with_actor = float(result.entry @ hitting_probability(result, mine))
    return Precontact(
        actor=actor,
        journeys_with_actor=with_actor / journeys,
        company_share=with_company / journeys,
        added_share=max(with_either - with_company, 0.0) / journeys,
        company_share_after=with_either / journeys,
    )
