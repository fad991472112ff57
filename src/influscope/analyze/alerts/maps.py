"""Which stored map an alert rule reads its communities and stances from.

Communities and stances come from ``influscope map`` (the 0004 tables,
:mod:`influscope.analyze.map.stored`). A rule on an axis reads the latest map
of that axis, else the latest map of the whole workspace; a rule without an
axis reads the latest whole-workspace map. Whether a map exists is checked,
never guessed: :func:`find_map` says "none" explicitly and :func:`require_map`
raises :class:`~influscope.errors.NotComputed` with the command to run.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

import ibis

from influscope.analyze.alerts.base import RuleContext
from influscope.errors import N_, NotComputed


@dataclass(frozen=True)
class StoredMap:
    """The map a rule reads: its scope key and run."""

    scope: str
    run_id: str
    axis: str | None
    created_at: datetime | None


def find_map(store: Any, axis: str | None) -> StoredMap | None:
    """The latest map of ``axis`` (else of the whole workspace), or None when none is stored."""
    runs = store.table("map_runs")
    for wanted in dict.fromkeys([axis, None]):
        on_axis = runs.axis.isnull() if wanted is None else runs.axis == wanted
        rows = store.to_arrow(
            runs.filter(on_axis)
            .order_by([runs.created_at.desc(), runs.run_id])
            .select("scope", "run_id", "axis", "created_at")
            .limit(1)
        ).to_pylist()
        if rows:
            return StoredMap(**rows[0])
    return None


def require_map(ctx: RuleContext) -> StoredMap:
    """The rule's map; raises NotComputed (with the command to run) when there is none."""
    found = find_map(ctx.store, ctx.rule.axis)
    if found is None:
        hint = (
            N_("Run 'influscope map --axis {axis}' (or 'influscope map'), then the rule can run.")
            if ctx.rule.axis
            else N_("Run 'influscope map' (or 'influscope map'), then the rule can run.")
        )
        raise NotComputed(
            N_("Rule {rule} needs a map of the communities, and none is computed yet."),
            hint,
            rule=repr(ctx.rule.name),
            axis=str(ctx.rule.axis or ""),
        )
    return found


def communities_of(
    store: Any, found: StoredMap, actor_ids: list[str], top: int, level: str = "coarse"
) -> list[dict[str, Any]]:
    """The communities (id, label, how many of ``actor_ids``) of a stored map, largest first."""
    members = store.table("community_members")
    comms = store.table("communities")
    members = members.filter(
        (members.scope == found.scope) & (members.level == level) & members.actor_id.isin(actor_ids)
    )
    comms = comms.filter((comms.scope == found.scope) & (comms.level == level))
    counted = members.group_by("community").aggregate(actors=members.actor_id.nunique())
    joined = counted.left_join(comms, counted.community == comms.community)
    rows = store.to_arrow(
        joined.select(community=counted.community, label=comms.label, actors=counted.actors)
        .order_by([ibis.desc("actors"), "community"])
        .limit(top)
    ).to_pylist()
    return [
        {
            "community": int(r["community"]),
            "name": r["label"] or f"#{r['community']}",
            "actors": int(r["actors"]),
        }
        for r in rows
    ]
