"""The interaction graph of a scope: actors as nodes, weighted interactions as edges.

The edge list is aggregated in the engine (an Ibis ``group_by`` over
``interactions``, optionally restricted to the documents of an axis and to a
time window), so only one row per (source, target, kind) reaches Python. Kinds
are weighted twice: once for the map (communities, centrality, layout) and once
for stance propagation, because a repost says "I agree" far more reliably than
a mention does (DESIGN.md §6). Accounts declared as one person or organisation
(``[[actors.same]]``, or ``same`` labels) are merged onto the first id listed.

Example:
    >>> g = build_graph(store, Scope(), MapSettings(), merges={})  # doctest: +SKIP
    >>> g.n, g.edge_count  # doctest: +SKIP
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import ibis.expr.datatypes as dt
import numpy as np
import numpy.typing as npt
import pyarrow as pa
import pyarrow.compute as pc
import scipy.sparse as sp

from influscope.analyze.map.scope import Scope
from influscope.config import MapSettings
from influscope.enrich.axis_filter import matching
from influscope.store.engine import Store

IntArray = npt.NDArray[np.int64]
FloatArray = npt.NDArray[np.float64]


@dataclass
class ActorGraph:
    """An aggregated actor graph: node ids plus undirected and directed weighted edges."""

    ids: list[str]
    src: IntArray
    dst: IntArray
    weight: FloatArray
    prop_weight: FloatArray
    dir_src: IntArray = field(default_factory=lambda: np.zeros(0, np.int64))
    dir_dst: IntArray = field(default_factory=lambda: np.zeros(0, np.int64))
    dir_weight: FloatArray = field(default_factory=lambda: np.zeros(0, np.float64))
    coarse_weight: FloatArray | None = None

    @property
    def n(self) -> int:
        """Number of nodes."""
        return len(self.ids)

    @property
    def edge_count(self) -> int:
        """Number of undirected edges."""
        return int(self.src.size)

    def adjacency(self, propagation: bool = False) -> sp.csr_matrix:
        """The symmetric weighted adjacency matrix (map or propagation weights)."""
        w = self.prop_weight if propagation else self.weight
        keep = w > 0
        rows = np.concatenate([self.src[keep], self.dst[keep]])
        cols = np.concatenate([self.dst[keep], self.src[keep]])
        data = np.concatenate([w[keep], w[keep]])
        return sp.csr_matrix((data, (rows, cols)), shape=(self.n, self.n))

    def camp_weight(self) -> FloatArray:
        """Edge weights of the coarse level (``coarse_weights`` per kind; map weights if unset)."""
        return self.weight if self.coarse_weight is None else self.coarse_weight

    def strength(self) -> FloatArray:
        """Weighted degree of every node in the map graph."""
        out = np.bincount(self.src, self.weight, self.n) + np.bincount(
            self.dst, self.weight, self.n
        )
        return np.asarray(out, dtype=np.float64)

    def index(self) -> dict[str, int]:
        """Actor id -> node index."""
        return {a: i for i, a in enumerate(self.ids)}


def scoped_interactions(store: Store, scope: Scope, settings: MapSettings) -> Any:
    """The Ibis expression of the interactions a map of ``scope`` uses (not aggregated)."""
    kinds = sorted(
        set(settings.edge_weights)
        | set(settings.propagation_weights)
        | set(settings.coarse_weights)
    )
    edges = store.table("interactions")
    edges = edges.filter(edges.kind.isin(kinds))
    if settings.exclude_actors:
        excluded = [a.lower() for a in settings.exclude_actors]
        edges = edges.filter(~edges.src.isin(excluded) & ~edges.dst.isin(excluded))
    if scope.since is not None:
        edges = edges.filter(edges["at"].isnull() | (edges["at"] >= scope.since))
    if scope.until is not None:
        edges = edges.filter(edges["at"].isnull() | (edges["at"] < scope.until))
    if scope.query:
        matched = axis_documents(store, scope.query).select("doc_id")
        # A repost, quote or reply of an on-axis document is on the axis too
        # (a bare "RT" has no words of its own to match the query).
        all_docs = store.table("documents")
        echoes = all_docs.filter(
            all_docs.repost_of.isin(matched.doc_id)
            | all_docs.quote_of.isin(matched.doc_id)
            | all_docs.reply_to.isin(matched.doc_id)
        ).select("doc_id")
        docs = matched.union(echoes)
        on_axis = edges.doc_id.isin(docs.doc_id)
        if settings.imported_edges_on_axis:
            on_axis = on_axis | (edges.doc_id == "")
        edges = edges.filter(on_axis)
    return edges


def edge_table(store: Store, scope: Scope, settings: MapSettings) -> Any:
    """The Ibis expression of aggregated (src, dst, kind, weight) edges in a scope."""
    edges = scoped_interactions(store, scope, settings)
    # Summed as decimals: a float sum depends on the order the engine's threads
    # meet the rows, and the same input must give the same map bit for bit.
    exact = edges.weight.fill_null(1.0).cast(dt.Decimal(38, 9)).sum().cast("float64")
    return edges.group_by(["src", "dst", "kind"]).aggregate(w=exact)


def axis_documents(store: Store, query: str) -> Any:
    """The documents matching an axis query."""
    return matching(store, query)


def build_graph(
    store: Store, scope: Scope, settings: MapSettings, merges: dict[str, str]
) -> ActorGraph:
    """Aggregate the scope's interactions into an :class:`ActorGraph`."""
    table: pa.Table = store.to_arrow(edge_table(store, scope, settings))
    return graph_from_arrow(table, settings, merges)


def graph_from_arrow(table: pa.Table, settings: MapSettings, merges: dict[str, str]) -> ActorGraph:
    """Build the graph from aggregated (src, dst, kind, w) rows (merges applied).

    The result does not depend on the order of the rows: node ids are sorted,
    and rows are put in (source, target, kind) order before their weights are
    summed, so float sums always add in the same order. The engine returns
    grouped rows in whatever order its threads finish, and Leiden's result
    depends on node order: without this, one workspace gave two partitions.
    """
    if table.num_rows == 0:
        empty_i = np.zeros(0, np.int64)
        empty_f = np.zeros(0, np.float64)
        return ActorGraph([], empty_i, empty_i, empty_f, empty_f, coarse_weight=empty_f)
    ends = pa.chunked_array(table["src"].chunks + table["dst"].chunks).combine_chunks()
    encoded = pc.dictionary_encode(ends)
    names = encoded.dictionary
    if merges:
        names = pa.array([merges.get(a, a) for a in names.to_pylist()], pa.string())
    unique = pc.unique(names)
    ordered = unique.take(pc.sort_indices(unique))
    remap = np.asarray(pc.index_in(names, value_set=ordered).to_numpy(), dtype=np.int64)
    codes = remap[np.asarray(encoded.indices.to_numpy(zero_copy_only=False), dtype=np.int64)]
    id_list: list[str] = ordered.to_pylist()
    m = table.num_rows
    a, b = codes[:m], codes[m:]
    kinds = pc.dictionary_encode(table["kind"].combine_chunks())
    kind_rank = np.argsort(np.argsort(np.asarray(kinds.dictionary.to_pylist(), dtype=object)))
    kind_codes = np.asarray(kinds.indices.to_numpy(zero_copy_only=False), dtype=np.int64)
    order = np.lexsort((kind_rank[kind_codes], b, a))
    a, b = a[order], b[order]
    raw_w = np.asarray(table["w"].to_numpy(), dtype=np.float64)[order]
    kinds = kinds.take(pa.array(order))
    map_w = raw_w * _kind_factor(kinds, settings.edge_weights)
    prop_w = raw_w * _kind_factor(kinds, settings.propagation_weights)
    camp_w = raw_w * _kind_factor(kinds, settings.coarse_weights)
    keep = a != b
    a, b, map_w, prop_w, camp_w = a[keep], b[keep], map_w[keep], prop_w[keep], camp_w[keep]
    n = len(id_list)
    # Directed, one row per ordered pair (for PageRank and brand citation).
    dkey = a * n + b
    dunique, dinv = np.unique(dkey, return_inverse=True)
    dir_w = np.bincount(dinv, map_w)
    # Undirected, one row per unordered pair.
    lo, hi = np.minimum(a, b), np.maximum(a, b)
    ukey = lo * n + hi
    unique_keys, inverse = np.unique(ukey, return_inverse=True)
    graph = ActorGraph(
        ids=id_list,
        src=(unique_keys // n).astype(np.int64),
        dst=(unique_keys % n).astype(np.int64),
        weight=np.bincount(inverse, map_w).astype(np.float64),
        prop_weight=np.bincount(inverse, prop_w).astype(np.float64),
        dir_src=(dunique // n).astype(np.int64),
        dir_dst=(dunique % n).astype(np.int64),
        dir_weight=dir_w.astype(np.float64),
        coarse_weight=np.bincount(inverse, camp_w).astype(np.float64),
    )
    return prune(graph, settings.min_degree)


def _kind_factor(kinds: Any, weights: dict[str, float]) -> FloatArray:
    """Per-row weight of a dictionary-encoded kind column."""
    names = kinds.dictionary.to_pylist()
    lookup = np.array([weights.get(str(k), 0.0) for k in names], dtype=np.float64)
    codes = np.asarray(kinds.indices.to_numpy(zero_copy_only=False), dtype=np.int64)
    return np.asarray(lookup[codes], dtype=np.float64)


def prune(graph: ActorGraph, min_degree: float) -> ActorGraph:
    """Drop edges of zero map weight, then nodes weaker than ``min_degree`` (and isolated)."""
    camp = graph.camp_weight()
    live = (graph.weight > 0) | (camp > 0)
    src, dst = graph.src[live], graph.dst[live]
    weight, prop, camp = graph.weight[live], graph.prop_weight[live], camp[live]
    both = np.maximum(weight, camp)
    strength = np.bincount(src, both, graph.n) + np.bincount(dst, both, graph.n)
    keep_node = strength > max(min_degree, 0.0)
    if keep_node.all() and live.all():
        return graph
    new_index = np.cumsum(keep_node) - 1
    edge_ok = keep_node[src] & keep_node[dst]
    dir_ok = keep_node[graph.dir_src] & keep_node[graph.dir_dst] & (graph.dir_weight > 0)
    return ActorGraph(
        ids=[a for a, k in zip(graph.ids, keep_node, strict=True) if k],
        src=new_index[src[edge_ok]],
        dst=new_index[dst[edge_ok]],
        weight=weight[edge_ok],
        prop_weight=prop[edge_ok],
        dir_src=new_index[graph.dir_src[dir_ok]],
        dir_dst=new_index[graph.dir_dst[dir_ok]],
        dir_weight=graph.dir_weight[dir_ok],
        coarse_weight=camp[edge_ok],
    )


def merge_map(same: list[tuple[str, list[str]]], labels: dict[str, str]) -> dict[str, str]:
    """Alias -> canonical id, from config groups and ``same`` labels (group name -> ids)."""
    merges: dict[str, str] = {}
    for _, ids in same:
        members = [i.lower() for i in ids]
        for member in members[1:]:
            merges[member] = members[0]
    groups: dict[str, list[str]] = {}
    for actor_id, group in sorted(labels.items()):
        groups.setdefault(group.strip().lower(), []).append(actor_id)
    for members in groups.values():
        head = merges.get(members[0], members[0])
        for member in members[1:]:
            merges.setdefault(member, head)
    return merges


def pagerank(graph: ActorGraph, damping: float = 0.85, iterations: int = 60) -> FloatArray:
    """Weighted directed PageRank by sparse power iteration (dangling mass spread evenly)."""
    n = graph.n
    if n == 0:
        return np.zeros(0, np.float64)
    out_w = np.bincount(graph.dir_src, graph.dir_weight, n)
    # P[dst, src] = w / out(src): rank flows along the interaction (to whoever is reposted).
    data = graph.dir_weight / np.maximum(out_w[graph.dir_src], 1e-300)
    matrix = sp.csr_matrix((data, (graph.dir_dst, graph.dir_src)), shape=(n, n))
    dangling = out_w <= 0
    rank = np.full(n, 1.0 / n)
    for _ in range(iterations):
        new = damping * (matrix @ rank + rank[dangling].sum() / n) + (1 - damping) / n
        if np.abs(new - rank).sum() < 1e-10:
            rank = new
            break
        rank = new
    return np.asarray(rank, dtype=np.float64)
