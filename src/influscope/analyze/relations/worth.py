"""Who is worth a relationship: heavy on the public's journey, not yet met, not hostile.

The article's advice is to go to those who could speak about the company and
do not yet — not to the fans who already do. The list takes the actors of
an axis's stored journey in weight order and keeps those:

- with no entry in the relationship log and no offline note (not in contact);
- whose stance is not *detractor*, online (the map) or offline (latest note);
- that are not the company's or a competitor's own account, nor an employee.

Each row says why it is there (its journey weight and rank, tier, stance,
kind) so the list can be argued with.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from influscope.analyze.map.scope import Scope
from influscope.config import Axis, Config
from influscope.organisations import Organisations
from influscope.store.engine import Store


@dataclass(frozen=True)
class WorthRow:
    """An actor worth a relationship, with the figures that put it on the list."""

    actor_id: str
    name: str | None
    kind: str
    journey_weight: float
    journey_rank: int | None
    stance: str | None
    tier: str | None


def _ids(store: Store, table: str) -> set[str]:
    rows = store.to_arrow(store.table(table).select("actor_id").distinct()).to_pylist()
    return {r["actor_id"] for r in rows}


def _column(store: Store, table: str, scope: str, column: str) -> dict[str, Any]:
    t = store.table(table)
    rows = store.to_arrow(t.filter(t.scope == scope).select("actor_id", column)).to_pylist()
    return {r["actor_id"]: r[column] for r in rows}


def worth_a_relationship(
    store: Store, config: Config, axis: Axis | None = None, limit: int = 20
) -> list[WorthRow]:
    """The heaviest actors of the axis's journey that the team should get to know."""
    weights = store.table("journey_weights")
    journey = store.to_arrow(
        weights.filter((weights.axis == (axis.name if axis else "")) & (weights.level == "actor"))
        .select("actor_id", "weight", "rank")
        .order_by(["rank", "actor_id"])
    ).to_pylist()
    met = _ids(store, "relationships") | _ids(store, "offline_notes")
    employees = _ids(store, "roster")
    notes = store.table("offline_notes")
    hostile_offline = {
        r["actor_id"]
        for r in store.to_arrow(
            notes.filter(notes.stance == "detractor").select("actor_id")
        ).to_pylist()
    }
    scope = (Scope(axis.name, axis.query) if axis else Scope()).key
    stance = _column(store, "actor_map", scope, "stance") or _column(
        store, "actor_map", Scope().key, "stance"
    )
    tiers = _column(store, "actor_tiers", scope, "tier") or _column(
        store, "actor_tiers", Scope().key, "tier"
    )
    actors = store.table("actors")
    kinds = {
        r["actor_id"]: r
        for r in store.to_arrow(actors.select("actor_id", "name", "kind")).to_pylist()
    }
    orgs = Organisations(config.brands)
    out: list[WorthRow] = []
    for row in journey:
        actor = row["actor_id"]
        if not actor or actor in met or actor in employees or orgs.brand_of(actor):
            continue
        if stance.get(actor) == "detractor" or actor in hostile_offline:
            continue
        info = kinds.get(actor, {})
        out.append(
            WorthRow(
                actor_id=actor,
                name=info.get("name"),
                kind=info.get("kind") or "unknown",
                journey_weight=float(row["weight"]),
                journey_rank=row["rank"],
                stance=stance.get(actor),
                tier=tiers.get(actor),
            )
        )
        if len(out) >= limit:
            break
    return out
