"""Stance propagation over the actor graph, and the online/offline divergence flag.

Which actor is for or against which target, and from what evidence, is
decided in :mod:`.targets`; this module carries the graph part: actors with
no document citing a target inherit a stance from the anchors (labels and
text stances) they are tied to.

Propagation is a personalised PageRank per stance class on the graph weighted
for propagation (reposts count, mentions barely: politicians mention their
opponents). Each class's walk restarts at that class's anchors, so every class
carries the same total mass (class-mass normalisation, with uniform class
priors: how many actors a user labels on each side reflects their effort more
than the camps' sizes, and scaling by those counts lost half a point of
accuracy on polblogs). Without it, the class whose anchors sit in the
denser region absorbs the other: plain harmonic propagation thresholded at 0.5
fails on dense political graphs (DESIGN.md §6). On polblogs with 5% of blogs
labelled this beats the majority label of each community (see the tests).

The *online* stance ignores offline notes, so an actor card can show "says X
to us, does Y online" (:func:`divergence`).
"""

from __future__ import annotations

from typing import Any

import numpy as np
import numpy.typing as npt
import scipy.sparse as sp

from influscope.analyze.map.graph import ActorGraph

FloatArray = npt.NDArray[np.float64]
STANCES = ("ally", "sympathiser", "neutral", "detractor")
STANCE_SCORE = {"ally": 1.0, "sympathiser": 0.5, "neutral": 0.0, "detractor": -1.0}


def _operator(graph: ActorGraph, alpha: float) -> tuple[Any, FloatArray]:
    """The SPD system ``I - alpha D^-1/2 A D^-1/2`` of the walk, and ``sqrt(degree)``."""
    adjacency = graph.adjacency(propagation=True)
    degree = np.asarray(adjacency.sum(axis=1)).ravel()
    root = np.sqrt(degree)
    inv = np.where(root > 0, 1.0 / np.maximum(root, 1e-300), 0.0)
    scaled = sp.diags(inv) @ adjacency @ sp.diags(inv)
    system = sp.identity(graph.n, format="csr") - alpha * scaled.tocsr()
    return system, root


def conjugate_gradient(
    system: Any, rhs: FloatArray, rtol: float = 1e-8, maxiter: int = 1000
) -> FloatArray:
    """Solve an SPD sparse system by conjugate gradients.

    Written out rather than ``scipy.sparse.linalg.cg`` because scipy's inner
    products go through multi-threaded BLAS, which on a busy 2-core machine
    made each tiny dot product wait for threads (20× slower here); element-wise
    sums do not.
    """
    x = np.zeros_like(rhs)
    r = rhs.copy()
    p = r.copy()
    rr = float((r * r).sum())
    stop = rtol * rtol * max(rr, 1e-300)
    for _ in range(maxiter):
        if rr <= stop:
            break
        q = system @ p
        step = rr / float((p * q).sum())
        x += step * p
        r -= step * q
        new = float((r * r).sum())
        p = r + (new / rr) * p
        rr = new
    return x


def _walk(
    system: Any, root: FloatArray, anchors: dict[int, str], classes: list[str], alpha: float
) -> FloatArray:
    """Per-class personalised PageRank scores (n × classes), each class of unit mass.

    The walk ``F = alpha A D^-1 F + (1 - alpha) R`` is solved as the symmetric
    system ``(I - alpha D^-1/2 A D^-1/2) G = (1 - alpha) D^-1/2 R`` with
    ``F = D^1/2 G`` by conjugate gradients: the same fixed point as the power
    iteration in a fraction of the matrix products.
    """
    n = root.size
    scores = np.zeros((n, len(classes)), np.float64)
    inv = np.where(root > 0, 1.0 / np.maximum(root, 1e-300), 0.0)
    for column, stance in enumerate(classes):
        nodes = [node for node, s in anchors.items() if s == stance]
        restart = np.zeros(n, np.float64)
        restart[nodes] = 1.0 / len(nodes)
        solution = conjugate_gradient(system, (1 - alpha) * inv * restart)
        scores[:, column] = np.maximum(root * solution, 0.0)
        isolated = root == 0  # an anchor with no tie keeps its own mass
        scores[isolated, column] = (1 - alpha) * restart[isolated]
    return scores


def propagate(
    graph: ActorGraph,
    anchors: dict[int, str],
    alpha: float = 0.95,
    self_training: float = 0.7,
    rounds: int = 2,
) -> tuple[list[str | None], FloatArray]:
    """Class-mass-normalised personalised PageRank from anchor nodes (see module doc).

    After the first pass, the ``self_training`` share of nodes the walk is
    surest about join the anchors with their predicted stance and the walk is
    run again (``rounds`` times): confident neighbours then vote for the hard
    border cases, which gained about 0.3 points of accuracy on polblogs.

    Returns:
        For every node, the winning stance (None when no anchor reaches it)
        and the winning share of the class scores (0..1).
    """
    n = graph.n
    labels: list[str | None] = [None] * n
    confidence = np.zeros(n, np.float64)
    classes = [c for c in STANCES if c in set(anchors.values())]
    if n == 0 or not classes:
        return labels, confidence
    system, root = _operator(graph, alpha)
    scores = _walk(system, root, anchors, classes, alpha)
    for _ in range(rounds if self_training > 0 and len(classes) > 1 else 0):
        total = scores.sum(axis=1)
        share = np.where(total > 0, scores.max(axis=1) / np.maximum(total, 1e-300), 0.0)
        reached = np.flatnonzero(total > 0)
        order = reached[np.argsort(-share[reached], kind="stable")]
        sure = order[: int(self_training * reached.size)]
        best = scores.argmax(axis=1)
        extended = dict(anchors)
        for node in sure.tolist():
            extended.setdefault(int(node), classes[int(best[node])])
        scores = _walk(system, root, extended, classes, alpha)
    total = scores.sum(axis=1)
    best = scores.argmax(axis=1)
    for node in np.flatnonzero(total > 0):
        labels[int(node)] = classes[int(best[node])]
        confidence[node] = float(scores[node, best[node]] / total[node])
    return labels, confidence


def divergence(offline: str | None, online: str | None) -> str | None:
    """``"opposite"`` or ``"different"`` when offline and online stances disagree.

    >>> divergence("ally", "detractor"), divergence("ally", "sympathiser"), divergence("ally", "ally")
    ('opposite', 'different', None)
    """
    if not offline or not online or offline == online:
        return None
    a, b = STANCE_SCORE.get(offline, 0.0), STANCE_SCORE.get(online, 0.0)
    return "opposite" if a * b < 0 else "different"
