"""Saving and reading maps: the 0004 tables are what the API and dashboard read.

A map run replaces its scope's rows in one transaction, so readers never see
half a map. Reads return plain rows in the CSV column order of ``influscope map``.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

import ibis
import orjson
import pyarrow as pa
import pyarrow.compute as pc

from influscope import ids, model
from influscope.analyze.map import targets
from influscope.analyze.map.cartography import COLUMNS, MapResult
from influscope.analyze.map.graph import ActorGraph
from influscope.analyze.map.scope import Scope
from influscope.errors import N_, NotFound
from influscope.store.engine import Store

RESULT_TABLES = ("community_members", "communities", "actor_map", "map_edges")


def persist(store: Store, computed: dict[str, Any], params: dict[str, Any]) -> None:
    """Write a computed map (from :func:`cartography.compute_map`) for its scope."""
    scope: Scope = computed["scope"]
    run_id: str = computed["run_id"]
    actors: list[dict[str, Any]] = computed["actors"]
    graph: ActorGraph = computed["graph"]
    stats = computed["stats"]
    members = [
        {
            "scope": scope.key,
            "level": level,
            "actor_id": a["actor_id"],
            "community": a[level],
            "run_id": run_id,
        }
        for level in ("coarse", "fine")
        for a in actors
    ]
    communities = [
        {
            "scope": scope.key,
            "level": c["level"],
            "community": c["community"],
            "parent": c["parent"],
            "label": c["label"],
            "size": c["size"],
            "role": c["role"],
            "color": c["color"],
            "profile": orjson.dumps(c["profile"], default=str).decode(),
            "run_id": run_id,
        }
        for c in computed["communities"]
    ]
    actor_cols = (
        "actor_id",
        "stance",
        "stance_source",
        "stance_confidence",
        "online_stance",
        "offline_stance",
        "role",
        "roles",
        "tier",
        "weight",
        "pagerank",
        "participation",
        "cites_brand",
        "x",
        "y",
    )
    actor_rows = [
        {"scope": scope.key, **{c: a[c] for c in actor_cols}, "run_id": run_id} for a in actors
    ]
    node_ids = pa.array(graph.ids, pa.string())
    edges = pa.table(
        {
            "scope": pa.array([scope.key] * graph.edge_count, pa.string()),
            "src": node_ids.take(pa.array(graph.src)),
            "dst": node_ids.take(pa.array(graph.dst)),
            "weight": pa.array(graph.weight, pa.float64()),
            "run_id": pa.array([run_id] * graph.edge_count, pa.string()),
        }
    )
    kinds = computed["kinds"]
    kind_rows = pa.Table.from_pylist(
        [
            {"actor_id": a, "platform": ids.platform_of(a), "kind": k, "kind_source": s}
            for a, (k, s) in kinds.items()
        ],
        schema=model.spec("actors").arrow_schema(["actor_id", "platform", "kind", "kind_source"]),
    )
    run = {
        "run_id": run_id,
        "scope": scope.key,
        "axis": scope.axis,
        "since": scope.since,
        "until": scope.until,
        "params": orjson.dumps(params | {"timings": stats["timings"]}, default=str).decode(),
        "nodes": stats["nodes"],
        "edges": stats["edges"],
        "coarse_resolution": stats["coarse_resolution"],
        "fine_resolution": stats["fine_resolution"],
        "modularity_coarse": stats["modularity_coarse"],
        "modularity_fine": stats["modularity_fine"],
        "seconds": stats["seconds"],
        "created_at": datetime.now(UTC).replace(tzinfo=None),
    }
    with store.transaction() as writer:
        for table in RESULT_TABLES:
            writer.delete(table, "scope", [scope.key])
        writer.append("community_members", pa.Table.from_pylist(members))
        writer.upsert("communities", pa.Table.from_pylist(communities), coalesce=False)
        writer.append("actor_map", pa.Table.from_pylist(actor_rows))
        writer.append("map_edges", edges)
        writer.upsert("actors", _existing(store, kind_rows), coalesce=False)
        # Stance toward every target is workspace-wide: each map run refreshes all of it.
        writer.replace_all(targets.TABLE, computed["stances"])
        writer.insert("map_runs", [run])


def _existing(store: Store, rows: pa.Table) -> pa.Table:
    """Kind rows only for actors already in ``actors`` (a merge head may be a bare id)."""
    if rows.num_rows == 0:
        return rows
    known = store.table("actors")
    wanted = ibis.memtable(rows.select(["actor_id"]).rename_columns(["_id"]))
    present = store.to_arrow(known.join(wanted, known.actor_id == wanted._id).select("actor_id"))
    mask = pc.is_in(rows["actor_id"], value_set=present["actor_id"].combine_chunks())
    return rows.filter(mask)


def has_map(store: Store, scope: Scope) -> bool:
    """Whether a map of this scope is stored."""
    runs = store.table("map_runs")
    return bool(store.scalar(runs.filter(runs.scope == scope.key).count()))


def last_run(store: Store, scope: Scope) -> dict[str, Any]:
    """The latest map run of a scope."""
    runs = store.table("map_runs")
    rows = store.to_arrow(
        runs.filter(runs.scope == scope.key).order_by(runs.created_at.desc()).limit(1)
    )
    found: list[dict[str, Any]] = rows.to_pylist()
    if not found:
        raise NotFound(
            N_("No map computed for {scope}."),
            N_("Run 'influscope map' first."),
            scope=scope.said,
        )
    return found[0]


def load_result(store: Store, scope: Scope, level: str) -> MapResult:
    """Read a stored map at one level in the ``influscope map`` row shape."""
    run = last_run(store, scope)
    rows = store.to_arrow(_rows_expr(store, scope, level)).to_pylist()
    edges_table = store.table("map_edges")
    edges = store.to_arrow(
        edges_table.filter(edges_table.scope == scope.key).select("src", "dst", "weight")
    )
    return MapResult(
        run_id=run["run_id"],
        scope=scope.key,
        level=level,
        rows=rows,
        edge_table=edges,
        communities=load_communities(store, scope, level),
        stats={
            k: run[k]
            for k in ("nodes", "edges", "coarse_resolution", "modularity_coarse", "seconds")
        },
    )


def _rows_expr(store: Store, scope: Scope, level: str) -> Any:
    amap = store.table("actor_map")
    members = store.table("community_members")
    comms = store.table("communities")
    actors = store.table("actors")
    amap = amap.filter(amap.scope == scope.key)
    members = members.filter((members.scope == scope.key) & (members.level == level))
    comms = comms.filter((comms.scope == scope.key) & (comms.level == level))
    joined = (
        amap.join(members, "actor_id")
        .join(comms, "community")
        .left_join(actors, amap.actor_id == actors.actor_id)
    )
    name = actors["name"].fill_null(actors.handle).fill_null(amap.actor_id)
    return joined.select(
        actor_id=amap.actor_id,
        name=name,
        community=members.community,
        community_label=comms.label,
        role=amap.role,
        stance=amap.stance,
        stance_source=amap.stance_source,
        stance_confidence=amap.stance_confidence,
        kind=actors.kind.fill_null("unknown"),
        kind_source=actors.kind_source,
        tier=amap.tier,
        weight=amap.weight,
        x=amap.x,
        y=amap.y,
        roles=amap.roles,
        color=comms.color,
        pagerank=amap.pagerank,
    ).order_by([ibis.desc("weight"), "actor_id"])


def load_communities(store: Store, scope: Scope, level: str) -> list[dict[str, Any]]:
    """The community profiles of a stored map at one level."""
    comms = store.table("communities")
    rows: list[dict[str, Any]] = store.to_arrow(
        comms.filter((comms.scope == scope.key) & (comms.level == level)).order_by("community")
    ).to_pylist()
    for row in rows:
        row["profile"] = orjson.loads(row["profile"]) if row["profile"] else {}
    return rows


__all__ = ["COLUMNS", "has_map", "load_communities", "load_result", "persist"]
