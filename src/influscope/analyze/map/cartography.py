"""The map of a scope, end to end: graph → communities → stance → roles → layout → store.

:func:`compute_map` reads everything it needs through Ibis, runs the graph
algorithms on the aggregated actor graph, and :func:`persist` writes the
results (``map_runs``, ``communities``, ``community_members``, ``actor_map``,
``map_edges`` from migration 0004) so the API and dashboard read them without
recomputing; actor kinds go to ``actors.kind``/``kind_source``.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, get_args

import ibis
import numpy as np
import numpy.typing as npt
import pyarrow as pa

from influscope import ids
from influscope.analyze import kinds
from influscope.analyze.map import communities as comm
from influscope.analyze.map import layout, profiles, roles, stance, targets
from influscope.analyze.map.graph import (
    ActorGraph,
    build_graph,
    merge_map,
    pagerank,
    scoped_interactions,
)
from influscope.analyze.map.scope import Scope
from influscope.config import Config
from influscope.enrich.terms import brand_names
from influscope.options import MapLevel
from influscope.store.engine import Store

LEVELS: tuple[str, ...] = get_args(MapLevel)
PALETTE = (
    "#1f77b4",
    "#d62728",
    "#2ca02c",
    "#ff7f0e",
    "#9467bd",
    "#8c564b",
    "#e377c2",
    "#17becf",
    "#bcbd22",
    "#7f7f7f",
    "#393b79",
    "#ad494a",
    "#637939",
    "#e7ba52",
    "#843c39",
    "#7b4173",
)
COLUMNS = (
    "actor_id",
    "name",
    "community",
    "community_label",
    "role",
    "stance",
    "stance_source",
    "stance_confidence",
    "kind",
    "kind_source",
    "tier",
    "weight",
    "x",
    "y",
)


@dataclass
class MapResult:
    """A computed map at one level: one row per actor, the edges, the community profiles.

    ``edge_table`` is Arrow (``src``, ``dst``, ``weight``): a million edges stay
    columnar until a caller asks for ``edges`` as rows.
    """

    run_id: str
    scope: str
    level: str
    rows: list[dict[str, Any]]
    edge_table: pa.Table
    communities: list[dict[str, Any]]
    stats: dict[str, Any] = field(default_factory=dict)

    @property
    def edges(self) -> list[dict[str, Any]]:
        """The edges as rows (``src``, ``dst``, ``weight``)."""
        rows: list[dict[str, Any]] = self.edge_table.to_pylist()
        return rows


def color(community: int) -> str:
    """A stable colour per community id."""
    return PALETTE[(community - 1) % len(PALETTE)]


# -- inputs ------------------------------------------------------------------------------
def actor_labels(store: Store) -> dict[str, dict[str, str]]:
    """User labels per field: ``{"stance": {actor: value}, "kind": {...}, "same": {...}}``."""
    table = store.to_arrow(store.table("actor_labels"))
    out: dict[str, dict[str, str]] = {}
    for row in table.to_pylist():
        out.setdefault(row["field"], {})[row["actor_id"]] = row["value"]
    return out


def latest_offline(store: Store) -> dict[str, str]:
    """The latest offline-note stance of every actor that has one."""
    notes = store.table("offline_notes")
    notes = notes.filter(notes.stance.notnull())
    ranked = notes.mutate(
        _rank=ibis.row_number().over(group_by=notes.actor_id, order_by=ibis.desc(notes.date))
    )
    rows = store.to_arrow(ranked.filter(ranked._rank == 0).select("actor_id", "stance"))
    return {r["actor_id"]: r["stance"] for r in rows.to_pylist()}


def brand_citers(store: Store, config: Config, brand_ids: list[str]) -> set[str]:
    """Actors who ever cited the company: brand attribution when present, else edges to it."""
    citers: set[str] = set()
    if brand_ids:
        edges = store.table("interactions")
        found = edges.filter(edges.dst.isin(brand_ids)).select("src").distinct()
        citers |= {r["src"] for r in store.to_arrow(found).to_pylist()}
    if "document_brands" in store.ibis.list_tables():
        table = store.table("document_brands")
        if {"doc_id", "brand"} <= set(table.columns):
            own = [b.name for b in config.brands if b.own] or [b.name for b in config.brands]
            docs = store.table("documents")
            hits = table.filter(table.brand.isin(own)).join(docs, "doc_id")
            authors = hits.select("author_id").distinct()
            citers |= {
                r["author_id"] for r in store.to_arrow(authors).to_pylist() if r["author_id"]
            }
    return citers


def actor_facts(store: Store, actor_ids: list[str]) -> dict[str, dict[str, Any]]:
    """Profile columns of the map's actors."""
    actors = store.table("actors")
    wanted = ibis.memtable(pa.table({"_id": pa.array(actor_ids, pa.string())}))
    cols = [
        "actor_id",
        "name",
        "handle",
        "bio",
        "followers",
        "homepage",
        "verified",
        "kind",
        "kind_source",
    ]
    rows = store.to_arrow(actors.join(wanted, actors.actor_id == wanted._id).select(*cols))
    return {r["actor_id"]: r for r in rows.to_pylist()}


def activity(store: Store, scope: Scope, config: Config) -> pa.Table:
    """Per source actor, interactions in the first and second half of the window."""
    edges = scoped_interactions(store, scope, config.map)
    edges = edges.filter(edges["at"].notnull())
    bounds = store.to_arrow(edges.aggregate(lo=edges["at"].min(), hi=edges["at"].max())).to_pylist()
    lo = scope.since or (bounds[0]["lo"] if bounds else None)
    hi = scope.until or (bounds[0]["hi"] if bounds else None)
    if lo is None or hi is None or hi <= lo:
        return pa.table({"src": pa.array([], pa.string()), "early": [], "late": []})
    middle = lo + (hi - lo) / 2
    late = (edges["at"] >= middle).cast("int64")
    grouped = edges.group_by("src").aggregate(early=(1 - late).sum(), late=late.sum())
    return store.to_arrow(grouped)


def previous_members(store: Store, scope: str) -> dict[str, dict[str, int]]:
    """The stored community of every actor per level, for stable ids."""
    members = store.table("community_members")
    rows = store.to_arrow(members.filter(members.scope == scope)).to_pylist()
    out: dict[str, dict[str, int]] = {level: {} for level in LEVELS}
    for row in rows:
        out.setdefault(row["level"], {})[row["actor_id"]] = int(row["community"])
    return out


# -- computation ---------------------------------------------------------------------------
# The steps of compute_map that report progress (graph, communities, stance,
# roles, kinds, layout, profiles), and storing the result after them.
STEPS = 8


def compute_map(
    store: Any,
    config: Config,
    scope: Scope,
    run_id: str,
    coarse_resolution: float | None = None,
    progress: Callable[[int, int | None], None] | None = None,
) -> dict[str, Any]:
    """Compute the full map of a scope (both levels); returns what :func:`persist` writes.

    ``store`` is the workspace's store or a lake read through an engine
    (:class:`~influscope.store.lake_read.LakeStore`): the map only reads it.

    ``progress(done, total)`` is told after each of the :data:`STEPS`.
    """
    started = time.perf_counter()
    settings = config.map
    labels = actor_labels(store)
    merges = merge_map([(s.name, s.ids) for s in config.actors.same], labels.get("same", {}))
    timings: dict[str, float] = {}

    def tick(name: str, since: float) -> float:
        now = time.perf_counter()
        timings[name] = round(now - since, 3)
        if progress is not None:
            progress(len(timings), STEPS)
        return now

    graph = build_graph(store, scope, settings, merges)
    t = tick("graph", started)
    resolution = coarse_resolution if coarse_resolution is not None else settings.coarse_resolution
    part = comm.detect(graph, resolution, settings.fine_resolution, settings.seed)
    previous = previous_members(store, scope.key)
    coarse = comm.stable_ids(part.coarse, graph.ids, previous["coarse"])
    fine = comm.stable_ids(part.fine, graph.ids, previous["fine"])
    t = tick("communities", t)

    def canon(values: dict[str, str]) -> dict[str, str]:
        return {merges.get(a, a): v for a, v in values.items()}

    stance_labels = {f: canon(v) for f, v in labels.items() if f.startswith("stance")}
    inputs = targets.gather_inputs(
        store, config, stance_labels, canon(latest_offline(store)), merges
    )
    unscoped = scope.query is None and scope.since is None and scope.until is None
    whole = graph if unscoped else build_graph(store, Scope(), settings, merges)
    calls = targets.compute(store, config, whole, inputs)
    target = targets.map_target(config, scope)
    toward = calls.get(target.key, {})
    stances = {a: _stance_fields(toward.get(a)) for a in graph.ids}
    t = tick("stance", t)

    rank = pagerank(graph)
    coarse_idx = comm.relabel(coarse)
    pc = comm.participation(graph, coarse_idx)
    facts = actor_facts(store, graph.ids)
    own_brands = {b.name for b in config.brands if b.own} or {b.name for b in config.brands}
    brand_ids = {merges.get(a, a) for a, b in inputs.owners.items() if b in own_brands}
    citers = {merges.get(a, a) for a in brand_citers(store, config, sorted(brand_ids))}
    is_brand = np.array([a in brand_ids for a in graph.ids], dtype=np.bool_)
    cites = np.array([a in citers for a in graph.ids], dtype=np.bool_)
    bridge = roles.bridges(graph, coarse_idx, pc, settings)
    _, platform_codes = np.unique([ids.platform_of(a) for a in graph.ids], return_inverse=True)
    any_brand = {merges.get(a, a) for a in inputs.owners}
    speaks_for = np.array([a in any_brand for a in graph.ids], dtype=np.bool_)
    untapped = roles.untapped(
        rank, coarse_idx, np.asarray(platform_codes, np.int64), cites, speaks_for, settings
    )
    if not config.brands:  # "never cites the company" means nothing without one
        untapped[:] = False
    followers = np.array(
        [float(facts.get(a, {}).get("followers") or np.nan) for a in graph.ids], np.float64
    )
    tier = roles.tiers(followers, rank, coarse_idx, settings)
    stance_list = [stances[a]["stance"] for a in graph.ids]
    k = int(coarse_idx.max()) + 1 if graph.n else 0
    detractor = np.array([s == "detractor" for s in stance_list], np.float64)
    known = np.array([s in stance.STANCES for s in stance_list], np.float64)
    members = np.array([s not in roles.BRAND_SIDES for s in stance_list], np.float64)
    known_in = np.bincount(coarse_idx, known, k)
    negative = np.bincount(coarse_idx, detractor, k) / np.maximum(known_in, 1)
    # A community with too few actors of known stance is not called negative.
    silent = ~np.array(
        [
            roles.covered(n, m)
            for n, m in zip(known_in, np.bincount(coarse_idx, members, k), strict=True)
        ],
        dtype=np.bool_,
    )
    negative[silent] = 0.0
    early, late, growth = profiles.growth(
        activity(store, scope, config), graph.ids, coarse_idx, merges
    )
    close = roles.closeness(graph, coarse_idx, cites | is_brand)
    hot = roles.hotspots(roles.CommunityFacts(negative, growth, close), settings)
    primary, every = roles.actor_roles(
        stance_list, bridge, untapped, hot[coarse_idx] if k else np.zeros(0, bool)
    )
    t = tick("roles", t)

    rules = kinds.KindRules.build(
        config.actors.media_domains,
        config.actors.ngo_domains,
        config.actors.institution_domains,
        config.actors.company_domains,
        config.actors.kind_patterns,
    )
    roster = _roster(store)
    manual = canon(labels.get("kind", {}))
    # A brand's own accounts (the company's and competitors') are of the brand's
    # kind, as in the profiles (kinds.py, source ``brand``): the map said "unknown"
    # for @united.
    owner_of = {merges.get(a, a): b for a, b in sorted(inputs.owners.items())}
    brand_kind = {b.name: b.kind for b in config.brands}
    kind_of = {
        a: kinds.classify(
            facts.get(a, {"actor_id": a}),
            rules,
            manual.get(a),
            a in roster,
            owner_of.get(a),
            brand_kind.get(owner_of.get(a, ""), "company"),
        )
        for a in graph.ids
    }
    t = tick("kinds", t)
    positions = layout.layout(graph, comm.relabel(fine), settings.seed, settings.layout_iterations)
    t = tick("layout", t)
    strength = graph.strength()
    actors = []
    for i, a in enumerate(graph.ids):
        info = facts.get(a, {})
        call = stances[a]
        actors.append(
            {
                "actor_id": a,
                "name": info.get("name") or info.get("handle") or ids.native_of(a),
                "coarse": int(coarse[i]),
                "fine": int(fine[i]),
                **call,
                "role": primary[i],
                "roles": every[i],
                "tier": tier[i],
                "weight": round(float(strength[i]), 4),
                "pagerank": float(rank[i]),
                "participation": round(float(pc[i]), 4),
                "cites_brand": bool(cites[i]),
                "kind": kind_of[a][0],
                "kind_source": kind_of[a][1],
                "x": float(positions[i, 0]),
                "y": float(positions[i, 1]),
            }
        )
    community_rows = _profiles(
        store,
        scope,
        brand_names(config.brands),
        graph,
        actors,
        coarse,
        fine,
        hot,
        coarse_idx,
        negative,
        growth,
        early,
        late,
        close,
    )
    t = tick("profiles", t)
    stats = {
        "nodes": graph.n,
        "edges": graph.edge_count,
        "coarse_communities": len({a["coarse"] for a in actors}),
        "fine_communities": len({a["fine"] for a in actors}),
        "coarse_resolution": part.coarse_resolution,
        "fine_resolution": part.fine_resolution,
        "modularity_coarse": round(part.modularity_coarse, 4),
        "modularity_fine": round(part.modularity_fine, 4),
        "seconds": round(time.perf_counter() - started, 3),
        "timings": timings,
    }
    return {
        "run_id": run_id,
        "scope": scope,
        "graph": graph,
        "actors": actors,
        "communities": community_rows,
        "stats": stats | {"stance_target": target.key},
        "kinds": kind_of,
        "stances": targets.rows(calls, targets.targets_of(config), run_id),
    }


def _stance_fields(call: targets.Call | None) -> dict[str, Any]:
    """The map's stance columns of one actor (all None: unknown)."""
    return {
        "stance": call.stance if call else None,
        "stance_source": call.source if call else None,
        "stance_confidence": call.confidence if call else None,
        "online_stance": call.online if call else None,
        "offline_stance": call.offline if call else None,
    }


def _roster(store: Store) -> set[str]:
    rows = store.to_arrow(store.table("roster").select("actor_id")).to_pylist()
    return {r["actor_id"] for r in rows}


def _profiles(
    store: Store,
    scope: Scope,
    names: list[str],
    graph: ActorGraph,
    actors: list[dict[str, Any]],
    coarse: npt.NDArray[np.int64],
    fine: npt.NDArray[np.int64],
    hot: npt.NDArray[np.bool_],
    coarse_idx: npt.NDArray[np.int64],
    negative: npt.NDArray[np.float64],
    growth: npt.NDArray[np.float64],
    early: npt.NDArray[np.float64],
    late: npt.NDArray[np.float64],
    close: npt.NDArray[np.float64],
) -> list[dict[str, Any]]:
    out: list[dict[str, Any]] = []
    parent_of = {int(f): int(c) for f, c in zip(fine.tolist(), coarse.tolist(), strict=True)}
    for level, labels in (("coarse", coarse), ("fine", fine)):
        facts = profiles.text_facts(store, scope, graph.ids, labels, names) if graph.n else {}
        groups: dict[int, list[int]] = {}
        for i, c in enumerate(labels.tolist()):
            groups.setdefault(int(c), []).append(i)
        for community, members in sorted(groups.items()):
            members.sort(key=lambda i: -actors[i]["pagerank"])
            top = [actors[i]["name"] for i in members[:10]]
            stance_mix: dict[str, int] = {}
            kind_mix: dict[str, int] = {}
            for i in members:
                key = actors[i]["stance"] or "unknown"
                stance_mix[key] = stance_mix.get(key, 0) + 1
                kind_mix[actors[i]["kind"]] = kind_mix.get(actors[i]["kind"], 0) + 1
            label_index = int(coarse_idx[members[0]])
            is_hot = bool(hot[label_index]) if level == "coarse" else False
            profile = {
                "top_actors": [
                    {
                        "actor_id": actors[i]["actor_id"],
                        "name": actors[i]["name"],
                        "pagerank": round(actors[i]["pagerank"], 6),
                    }
                    for i in members[:10]
                ],
                "stance_mix": stance_mix,
                "kinds": kind_mix,
                **facts.get(community, {}),
            }
            if level == "coarse":
                profile |= {
                    "negative_share": round(float(negative[label_index]), 4),
                    "growth": round(float(growth[label_index]), 4),
                    "activity_early": float(early[label_index]),
                    "activity_late": float(late[label_index]),
                    "brand_closeness": round(float(close[label_index]), 4),
                }
            out.append(
                {
                    "level": level,
                    "community": community,
                    "parent": parent_of.get(community) if level == "fine" else None,
                    "label": profiles.label_for(profile, top, names),
                    "size": len(members),
                    "role": roles.community_role([actors[i]["stance"] for i in members], is_hot),
                    "color": color(community if level == "coarse" else parent_of.get(community, 1)),
                    "profile": profile,
                }
            )
    return out
