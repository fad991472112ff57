"""Communities at two levels: the few camps of a debate, and the groups inside each.

Both levels use igraph's Leiden with the modularity objective (always passed
explicitly: igraph's default CPM objective returns singletons, DESIGN.md §6).

- **fine**: Leiden at ``fine_resolution`` (default 1), then split along the
  coarse level so every fine community sits inside one camp.
- **coarse**: Leiden at ``coarse_resolution``. Modularity at resolution 1 cuts
  camps into their sub-groups (polblogs: 11 groups, NMI 0.63 against the two
  camps), so the coarse level needs a lower resolution. ``"auto"`` picks it
  from the data: the fine communities are aggregated into a small quotient
  graph, Leiden (leidenalg, exact with self-loops) is run on it for a grid of
  resolutions, and the partition that survives over the widest range of
  resolutions (the most stable one with at least two camps) is kept; a final
  Leiden run on the full graph at that resolution refines it.

Runs are seeded (igraph draws from a ``random.Random(seed)`` installed for the
call), and community ids are stable across re-runs: each new community takes
the id of the previous community it overlaps most (greedy on shared actors),
so "community 3" still means the same camp after new data arrives.
"""

from __future__ import annotations

import random
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass

import igraph as ig
import leidenalg
import numpy as np
import numpy.typing as npt
import scipy.sparse as sp

from influscope.analyze.map import worker
from influscope.analyze.map.graph import ActorGraph

IntArray = npt.NDArray[np.int64]
RESOLUTION_GRID = (0.05, 0.1, 0.15, 0.2, 0.25, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 1.0)


@dataclass
class Partition:
    """Community labels per node at both levels, plus how they were found."""

    coarse: IntArray
    fine: IntArray
    coarse_resolution: float
    fine_resolution: float
    modularity_coarse: float
    modularity_fine: float


@contextmanager
def seeded(seed: int) -> Iterator[None]:
    """Make igraph draw from a seeded generator for the duration of a block."""
    ig.set_random_number_generator(random.Random(seed))
    try:
        yield
    finally:
        ig.set_random_number_generator(random)


def to_igraph(graph: ActorGraph, camps: bool = False) -> ig.Graph:
    """The undirected weighted igraph of an :class:`ActorGraph` (map or coarse-level weights).

    Weights are scaled to a mean of 1. Modularity does not change with the
    scale, but igraph's Leiden run to convergence never stopped on a graph of
    0.01-weight mentions (the airline tweets at the coarse level): its gains
    drowned in rounding.
    """
    weight = graph.camp_weight() if camps else graph.weight
    keep = weight > 0
    kept = weight[keep]
    if kept.size:
        kept = kept / float(kept.mean())
    edges = np.column_stack([graph.src[keep], graph.dst[keep]])
    return ig.Graph(n=graph.n, edges=edges, edge_attrs={"weight": kept})


# igraph's Leiden "until stable" (``n_iterations=-1``) stops after an iteration
# that changes nothing; on a graph whose best moves tie it never returned: six
# accounts in a ring all mentioning one hub (a wheel), the hub moving between
# three equally good communities forever. Iterations are therefore run one at a
# time from the previous partition and stopped there too, or after this many:
# where igraph converges the result is the same partition (checked on polblogs,
# random and planted graphs), and it took at most 9 iterations there.
MAX_ITERATIONS = 100


def leiden(g: ig.Graph, resolution: float, seed: int, initial: IntArray | None = None) -> IntArray:
    """Leiden from igraph: modularity objective, run to convergence (or a cycle), seeded."""
    membership = None if initial is None else initial.tolist()
    with seeded(seed):
        for _ in range(MAX_ITERATIONS):
            moved = g.community_leiden(
                objective_function="modularity",
                weights="weight",
                resolution=resolution,
                n_iterations=1,
                initial_membership=membership,
            ).membership
            if membership is not None and _first_seen(moved) == _first_seen(membership):
                break
            membership = moved
    return np.asarray(membership, dtype=np.int64)


def _first_seen(membership: list[int]) -> list[int]:
    """Labels renumbered in order of first appearance: equal lists, equal partitions."""
    seen: dict[int, int] = {}
    return [seen.setdefault(label, len(seen)) for label in membership]


def detect(
    graph: ActorGraph,
    coarse_resolution: float | str = "auto",
    fine_resolution: float = 1.0,
    seed: int = 42,
) -> Partition:
    """Find coarse and fine communities of a graph (see module doc).

    A big graph's Leiden runs in the worker process when called off the main
    thread (:mod:`.worker`: Leiden holds the interpreter lock throughout).
    """
    offload = worker.wanted(graph.edge_count)
    return worker.run(offload, _detect, graph, coarse_resolution, fine_resolution, seed)


def _detect(
    graph: ActorGraph, coarse_resolution: float | str, fine_resolution: float, seed: int
) -> Partition:
    if graph.n == 0:
        empty = np.zeros(0, np.int64)
        return Partition(empty, empty, 0.0, fine_resolution, 0.0, 0.0)
    g = to_igraph(graph)
    fine = leiden(g, fine_resolution, seed)
    same_weights = graph.coarse_weight is None or np.array_equal(graph.camp_weight(), graph.weight)
    camps = g if same_weights else to_igraph(graph, camps=True)
    if coarse_resolution == "auto":
        groups = fine if same_weights else leiden(camps, fine_resolution, seed)
        gamma = auto_resolution(graph, groups, seed)
    else:
        gamma = float(coarse_resolution)
    if gamma == fine_resolution and same_weights:
        coarse = fine.copy()
    else:
        coarse = leiden(camps, gamma, seed)
    nested = relabel(coarse * (int(fine.max()) + 1) + fine)
    return Partition(
        coarse=relabel(coarse),
        fine=nested,
        coarse_resolution=gamma,
        fine_resolution=fine_resolution,
        modularity_coarse=float(camps.modularity(coarse.tolist(), weights="weight")),
        modularity_fine=float(g.modularity(nested.tolist(), weights="weight")),
    )


def quotient(graph: ActorGraph, labels: IntArray, camps: bool = False) -> ig.Graph:
    """The community graph: one node per label, self-loops holding internal weight."""
    k = int(labels.max()) + 1
    a, b = labels[graph.src], labels[graph.dst]
    weight = graph.camp_weight() if camps else graph.weight
    matrix = sp.coo_matrix((weight, (np.minimum(a, b), np.maximum(a, b))), shape=(k, k))
    matrix = matrix.tocsr().tocoo()
    return ig.Graph(
        n=k,
        edges=np.column_stack([matrix.row, matrix.col]),
        edge_attrs={"weight": matrix.data},
    )


def auto_resolution(graph: ActorGraph, fine: IntArray, seed: int) -> float:
    """The resolution of the most stable partition with at least two camps (see module doc)."""
    q = quotient(graph, fine, camps=True)
    if q.vcount() < 2:
        return 1.0
    results: list[tuple[float, IntArray]] = []
    for gamma in RESOLUTION_GRID:
        part = leidenalg.find_partition(
            q,
            leidenalg.RBConfigurationVertexPartition,
            weights="weight",
            resolution_parameter=gamma,
            seed=seed,
            n_iterations=-1,
        )
        results.append((gamma, relabel(np.asarray(part.membership, dtype=np.int64))))
    sizes = np.bincount(fine).astype(np.float64)
    best: tuple[int, float] = (0, 1.0)
    start = 0
    while start < len(results):
        end = start
        while end + 1 < len(results) and _same(results[start][1], results[end + 1][1], sizes):
            end += 1
        camps = int(results[start][1].max()) + 1
        width = end - start + 1
        if camps >= 2 and width > best[0]:
            middle = results[(start + end) // 2][0]
            best = (width, middle)
        start = end + 1
    return best[1]


def _same(a: IntArray, b: IntArray, sizes: npt.NDArray[np.float64]) -> bool:
    """Two partitions of the quotient nodes agree on at least 98% of the actors."""
    if int(a.max()) != int(b.max()):
        return False
    k = int(a.max()) + 1
    overlap = sp.coo_matrix((sizes, (a, b)), shape=(k, k)).toarray()
    return bool(overlap.max(axis=1).sum() >= 0.98 * sizes.sum())


def relabel(labels: IntArray) -> IntArray:
    """Labels renumbered 0..k-1 by decreasing size (ties by first appearance)."""
    if labels.size == 0:
        return labels
    _, first, inverse, counts = np.unique(
        labels, return_index=True, return_inverse=True, return_counts=True
    )
    order = np.lexsort((first, -counts))
    rank = np.empty_like(order)
    rank[order] = np.arange(order.size)
    return np.asarray(rank[inverse], dtype=np.int64)


def stable_ids(labels: IntArray, ids: list[str], previous: dict[str, int]) -> IntArray:
    """Community numbers (1-based) that reuse the previous run's ids by overlap."""
    if labels.size == 0:
        return labels
    k = int(labels.max()) + 1
    if not previous:
        return labels + 1
    prev = np.array([previous.get(a, -1) for a in ids], dtype=np.int64)
    shared = prev >= 0
    pairs: dict[tuple[int, int], int] = {}
    for new, old in zip(labels[shared].tolist(), prev[shared].tolist(), strict=True):
        pairs[(new, old)] = pairs.get((new, old), 0) + 1
    mapping: dict[int, int] = {}
    taken: set[int] = set()
    for (new, old), _count in sorted(pairs.items(), key=lambda item: (-item[1], item[0])):
        if new not in mapping and old not in taken:
            mapping[new] = old
            taken.add(old)
    next_id = max(max(previous.values(), default=0), max(taken, default=0)) + 1
    for new in range(k):
        if new not in mapping:
            mapping[new] = next_id
            next_id += 1
    lookup = np.array([mapping[i] for i in range(k)], dtype=np.int64)
    return np.asarray(lookup[labels], dtype=np.int64)


def participation(graph: ActorGraph, labels: IntArray) -> npt.NDArray[np.float64]:
    """Participation coefficient: 1 - sum over communities of (k_ic / k_i)^2."""
    n = graph.n
    if n == 0:
        return np.zeros(0, np.float64)
    k = int(labels.max()) + 1
    rows = np.concatenate([graph.src, graph.dst])
    cols = np.concatenate([labels[graph.dst], labels[graph.src]])
    data = np.concatenate([graph.weight, graph.weight])
    per = sp.csr_matrix((data, (rows, cols)), shape=(n, k))
    total = np.asarray(per.sum(axis=1)).ravel()
    squares = np.asarray(per.multiply(per).sum(axis=1)).ravel()
    with np.errstate(divide="ignore", invalid="ignore"):
        value = 1.0 - squares / np.maximum(total, 1e-300) ** 2
    return np.where(total > 0, value, 0.0).astype(np.float64)
