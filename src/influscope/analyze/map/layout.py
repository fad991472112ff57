"""Server-side map layout: community placement first, then a short force refinement.

ForceAtlas2 from random positions needs hundreds of iterations, which on 20k
nodes took 77 s for 100 iterations here (DESIGN.md §6). A good start makes a
few iterations enough, and the community structure gives one:

1. the fine communities are laid out as one node each (Fruchterman–Reingold
   on the community graph, weights dampened by ``log1p``), and spaced so each
   gets a disc whose area grows with its size;
2. every actor starts inside its community's disc, pulled toward its
   neighbours by a few rounds of neighbour averaging (sparse products, so
   this costs milliseconds on a million edges) while each community's spread
   is restored after every round so discs do not collapse;
3. igraph's grid Fruchterman–Reingold runs ``iterations`` rounds from there
   (skipped above ``max_force_edges``, where step 2 already reads well).

Everything is seeded, so the same graph gives the same picture.
"""

from __future__ import annotations

import igraph as ig
import numpy as np
import numpy.typing as npt

from influscope.analyze.map import worker
from influscope.analyze.map.communities import quotient, seeded
from influscope.analyze.map.graph import ActorGraph

FloatArray = npt.NDArray[np.float64]
IntArray = npt.NDArray[np.int64]


def community_centres(
    graph: ActorGraph, labels: IntArray, seed: int
) -> tuple[FloatArray, FloatArray]:
    """Centre and radius of every community's disc."""
    k = int(labels.max()) + 1
    sizes = np.bincount(labels, minlength=k).astype(np.float64)
    radius = np.sqrt(sizes)
    if k == 1:
        return np.zeros((1, 2)), radius
    q = quotient(graph, labels)
    q.delete_edges([e.index for e in q.es if e.is_loop()])
    weights = np.log1p(np.asarray(q.es["weight"], dtype=np.float64)) if q.ecount() else None
    rng = np.random.default_rng(seed)
    start = rng.uniform(-1, 1, size=(k, 2)) * np.sqrt(k)
    with seeded(seed):
        layout = q.layout_fruchterman_reingold(
            weights=None if weights is None else weights.tolist(),
            niter=500,
            seed=start.tolist(),
            grid="auto",
        )
    centres = np.asarray(layout.coords, dtype=np.float64)
    centres -= centres.mean(axis=0)
    # Scale so that neighbouring discs roughly touch: mean spacing ~ 2 * mean radius.
    spread = np.median(np.linalg.norm(centres, axis=1)) or 1.0
    centres *= 2.5 * float(radius.mean()) * np.sqrt(k) / spread / 2.0
    return centres, radius


def layout(
    graph: ActorGraph,
    labels: IntArray,
    seed: int = 42,
    iterations: int = 60,
    max_force_edges: int = 150_000,
) -> FloatArray:
    """Positions (n × 2) for every node (see module doc).

    The force refinement holds the interpreter lock throughout: a big graph's
    layout runs in the worker process when called off the main thread
    (:mod:`.worker`).
    """
    offload = worker.wanted(graph.edge_count) and graph.edge_count <= max_force_edges
    return worker.run(offload, _layout, graph, labels, seed, iterations, max_force_edges)


def _layout(
    graph: ActorGraph, labels: IntArray, seed: int, iterations: int, max_force_edges: int
) -> FloatArray:
    n = graph.n
    if n == 0:
        return np.zeros((0, 2), np.float64)
    centres, radius = community_centres(graph, labels, seed)
    rng = np.random.default_rng(seed)
    angle = rng.uniform(0, 2 * np.pi, n)
    dist = np.sqrt(rng.uniform(0, 1, n)) * radius[labels]
    pos = centres[labels] + np.column_stack([np.cos(angle), np.sin(angle)]) * dist[:, None]
    pos = _smooth(graph, labels, pos, centres, radius, rounds=8)
    if iterations > 0 and graph.edge_count <= max_force_edges and n > 2:
        g = ig.Graph(n=n, edges=np.column_stack([graph.src, graph.dst]))
        with seeded(seed):
            refined = g.layout_fruchterman_reingold(
                weights=np.log1p(graph.weight).tolist(),
                niter=iterations,
                seed=pos.tolist(),
                start_temp=float(np.sqrt(n)) / 10.0,
                grid="auto",
            )
        pos = np.asarray(refined.coords, dtype=np.float64)
    pos -= pos.mean(axis=0)
    scale = float(np.abs(pos).max()) or 1.0
    return np.asarray(np.round(pos / scale * 1000.0, 2), dtype=np.float64)


def _smooth(
    graph: ActorGraph,
    labels: IntArray,
    pos: FloatArray,
    centres: FloatArray,
    radius: FloatArray,
    rounds: int,
) -> FloatArray:
    """Pull nodes toward their neighbours, keeping each community's disc size."""
    if graph.edge_count == 0:
        return pos
    adjacency = graph.adjacency()
    degree = np.asarray(adjacency.sum(axis=1)).ravel()
    has = degree > 0
    k = centres.shape[0]
    counts = np.maximum(np.bincount(labels, minlength=k), 1).astype(np.float64)
    for _ in range(rounds):
        mean = adjacency @ pos
        mean[has] /= degree[has, None]
        pos = np.where(has[:, None], 0.5 * pos + 0.5 * mean, pos)
        # Restore each community's centre and spread.
        centre_now = np.column_stack([np.bincount(labels, pos[:, d], k) / counts for d in range(2)])
        offset = pos - centre_now[labels]
        spread = np.sqrt(np.bincount(labels, (offset**2).sum(axis=1), k) / counts)
        factor = np.where(spread > 0, radius / np.sqrt(2) / np.maximum(spread, 1e-12), 1.0)
        pos = centres[labels] + offset * factor[labels, None]
    return pos
