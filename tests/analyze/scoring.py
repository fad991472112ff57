"""Scores for checking maps against ground truth (no scikit-learn needed)."""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Sequence


def nmi(truth: Sequence[object], found: Sequence[object]) -> float:
    """Normalised mutual information with the arithmetic-mean normalisation (sklearn's default)."""
    n = len(truth)
    assert n == len(found) and n > 0
    joint = Counter(zip(truth, found, strict=True))
    a, b = Counter(truth), Counter(found)
    mutual = sum(c / n * math.log(c * n / (a[x] * b[y])) for (x, y), c in joint.items())
    ha = -sum(c / n * math.log(c / n) for c in a.values())
    hb = -sum(c / n * math.log(c / n) for c in b.values())
    if ha == 0 and hb == 0:
        return 1.0
    return mutual / ((ha + hb) / 2) if ha + hb > 0 else 0.0


def largest_component(nodes: set[str], edges: list[tuple[str, str]]) -> set[str]:
    """The largest connected component of an undirected graph given as id pairs."""
    parent = {v: v for v in nodes}

    def find(v: str) -> str:
        while parent[v] != v:
            parent[v] = parent[parent[v]]
            v = parent[v]
        return v

    for s, t in edges:
        if s in parent and t in parent:
            parent[find(s)] = find(t)
    groups: Counter[str] = Counter(find(v) for v in nodes)
    root = groups.most_common(1)[0][0]
    return {v for v in nodes if find(v) == root}
