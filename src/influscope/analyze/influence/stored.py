"""Tiers of a map scope: inputs read from the store, results written to ``actor_tiers``.

The tiers read the *stored* map of a scope (its coarse communities, from
``influscope map``) so that the tier a card shows and the community the map
colours agree; the graph is rebuilt with the map's own settings and merges.
The journey weight is the stored journey of the scope's axis, the focus the
share of the actor's documents matching the axis query.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import UTC, datetime
from typing import Any, Literal

import numpy as np
import orjson
import pyarrow as pa

from influscope.analyze.influence.attention import attention_by_period, rising_of
from influscope.analyze.influence.rising import Rising
from influscope.analyze.influence.tiers import TierRow, TierSettings, compute_tiers
from influscope.analyze.map.graph import build_graph, merge_map, scoped_interactions
from influscope.analyze.map.owned import owned_in_store
from influscope.analyze.map.scope import Scope
from influscope.analyze.map.stored import has_map
from influscope.analyze.profiles.topics import axis_shares
from influscope.config import Config
from influscope.enrich.axis_filter import matching
from influscope.errors import N_, NotFound
from influscope.store.engine import Store


@dataclass(frozen=True)
class StoredTier:
    """An actor's stored tier in one scope: the tier, its signals, growth and reasons."""

    scope: str
    actor_id: str
    tier: str
    community: int | None
    community_rank: int | None
    community_size: int | None
    position: float | None
    position_pct: float | None
    local_pct: float | None
    in_weight: float | None
    outside_share: float | None
    reach: int | None
    journey_weight: float | None
    journey_pct: float | None
    focus: float | None
    growth: float | None
    rising: bool | None
    shares: list[float]
    reasons: list[dict[str, Any]]
    run_id: str | None
    computed_at: datetime | None
    name: str | None = None  # the actor's name (its handle when it has none), for display

    @classmethod
    def of(cls, row: dict[str, Any]) -> StoredTier:
        """An ``actor_tiers`` row, its JSON columns decoded."""
        decoded = {
            "reasons": orjson.loads(row["reasons"]) if row["reasons"] else [],
            "shares": orjson.loads(row["shares"]) if row["shares"] else [],
        }
        return cls(**(row | decoded))


Tier = Literal["mainstream", "macro", "affinity", "micro", "none"]


def named_tiers(store: Store, rows: list[StoredTier]) -> list[StoredTier]:
    """The rows with each actor's name (its handle when it has none)."""
    ids = [r.actor_id for r in rows]
    names: dict[str, str | None] = {}
    if ids:
        actors = store.table("actors")
        found = store.to_arrow(
            actors.filter(actors.actor_id.isin(ids)).select("actor_id", "name", "handle")
        ).to_pylist()
        names = {r["actor_id"]: r["name"] or r["handle"] for r in found}
    return [replace(r, name=names.get(r.actor_id)) for r in rows]


def _coarse_members(store: Store, scope: Scope) -> dict[str, int]:
    members = store.table("community_members")
    rows = store.to_arrow(
        members.filter((members.scope == scope.key) & (members.level == "coarse")).select(
            "actor_id", "community"
        )
    ).to_pylist()
    if not rows:
        if has_map(store, scope):  # drawn, but from no interaction: no community to read
            raise NotFound(
                N_("The map of {scope} has no actor: tiers read the map's communities."),
                N_(
                    "A map is drawn from the interactions between actors (reposts, replies, "
                    "mentions, links): import posts with their author and what they share."
                ),
                scope=scope.said,
            )
        raise NotFound(
            N_("No map stored for {scope}: tiers read the map's communities."),
            N_("Run 'influscope map' (with the same --axis/--since/--until) first."),
            scope=scope.said,
        )
    return {r["actor_id"]: int(r["community"]) for r in rows}


def _journey(store: Store, axis: str | None) -> dict[str, float]:
    weights = store.table("journey_weights")
    rows = store.to_arrow(
        weights.filter((weights.axis == (axis or "")) & (weights.level == "actor")).select(
            "actor_id", "weight"
        )
    ).to_pylist()
    return {r["actor_id"]: float(r["weight"]) for r in rows if r["actor_id"]}


def _focus(store: Store, config: Config, query: str | None) -> dict[str, float]:
    """Share of each actor's documents on the axis (no axis: on its own main axis)."""
    if not query:
        shares = axis_shares(store, config)
        return {actor: max(by_axis.values()) for actor, by_axis in shares.items() if by_axis}
    docs = store.table("documents")
    authored = docs.filter(docs.author_id.notnull())
    totals = authored.group_by("author_id").aggregate(n=authored.count())
    matched = matching(store, query, authored)
    hits = matched.group_by("author_id").aggregate(k=matched.count())
    joined = totals.left_join(hits, "author_id").select("author_id", "n", "k")
    return {
        r["author_id"]: (r["k"] or 0) / r["n"] for r in store.to_arrow(joined).to_pylist() if r["n"]
    }


def _attention(
    store: Store, config: Config, scope: Scope, merges: dict[str, str], periods: int
) -> dict[str, Rising]:
    edges = scoped_interactions(store, scope, config.map)
    found = attention_by_period(store, edges, config.map.edge_weights, periods)
    return rising_of(found, merges, periods)


def compute_scope_tiers(
    store: Store,
    config: Config,
    scope: Scope,
    settings: TierSettings | None = None,
    periods: int = 3,
) -> tuple[list[TierRow], dict[str, Rising]]:
    """Tiers and rising stars of the actors of a stored map scope, brands' own accounts aside."""
    members = _coarse_members(store, scope)
    labels_table = store.table("actor_labels")
    same = {
        r["actor_id"]: r["value"]
        for r in store.to_arrow(labels_table.filter(labels_table.field == "same")).to_pylist()
    }
    merges = merge_map([(s.name, s.ids) for s in config.actors.same], same)
    graph = build_graph(store, scope, config.map, merges)
    known = sorted(set(members.values()))
    index = {c: i for i, c in enumerate(known)}
    extra = len(known)
    labels = np.empty(graph.n, np.int64)
    for i, actor in enumerate(graph.ids):
        if actor in members:
            labels[i] = index[members[actor]]
        else:  # not on the stored map (changed since): alone
            labels[i] = extra
            extra += 1
    rows = compute_tiers(
        graph, labels, _journey(store, scope.axis), _focus(store, config, scope.query), settings
    )
    stored_ids = {i: c for c, i in index.items()}
    # The brands' own accounts and sites (the company's and its competitors') speak for a
    # brand: they weigh on everyone's position, but are no influencer to rank, meet or
    # watch rise (the six airlines' accounts headed the tiers of their own tweets).
    brands = owned_in_store(store, config.brands)
    rows = [
        TierRow(**{**r.__dict__, "community": stored_ids.get(r.community, -1)})
        for r in rows
        if r.actor_id not in brands
    ]
    rising = {
        a: r
        for a, r in _attention(store, config, scope, merges, periods).items()
        if a not in brands
    }
    return rows, rising


def persist_tiers(
    store: Store, scope: Scope, rows: list[TierRow], rising: dict[str, Rising], run_id: str
) -> int:
    """Replace the scope's rows of ``actor_tiers``; returns rows written."""
    now = datetime.now(UTC).replace(tzinfo=None)
    records: list[dict[str, Any]] = []
    for r in rows:
        grow = rising.get(r.actor_id)
        row = r.as_dict()
        row["reasons"] = orjson.dumps(row["reasons"]).decode()
        records.append(
            row
            | {
                "scope": scope.key,
                "growth": grow.growth if grow else None,
                "rising": grow.rising if grow else False,
                "shares": orjson.dumps(list(grow.shares)).decode() if grow else None,
                "run_id": run_id,
                "computed_at": now,
            }
        )
    with store.transaction() as writer:
        writer.delete("actor_tiers", "scope", [scope.key])
        if records:
            writer.append("actor_tiers", pa.Table.from_pylist(records))
    return len(records)


def stored_tiers(
    store: Store, scope_key: str | None = None, actor_id: str | None = None
) -> list[StoredTier]:
    """Stored tiers (of a scope, of an actor, or all), in scope and community-rank order."""
    table = store.table("actor_tiers")
    if scope_key is not None:
        table = table.filter(table.scope == scope_key)
    if actor_id is not None:
        table = table.filter(table.actor_id == actor_id)
    rows = store.to_arrow(
        table.order_by([table.scope, table.community_rank, table.position.desc(), table.actor_id])
    ).to_pylist()
    return [StoredTier.of(row) for row in rows]
