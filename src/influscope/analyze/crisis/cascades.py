"""Cascades: who started a story, who moved first, who amplified it, how deep, wide and fast it went.

A cascade is a tree: each post points at the post it reposts, quotes or
answers (its parent); the root has no parent inside the window. From the
tree come the measures the literature uses to tell a broadcast from a viral
spread:

- **size**, **depth** (longest root-to-leaf path) and **breadth** (most posts
  at one depth);
- **structural virality** (Goel et al. 2016): the mean distance between two
  posts of the tree — about 1–2 for a broadcast (everyone reposts the
  root), larger when the story passes from person to person. It is computed
  exactly in linear time from subtree sizes: the Wiener index of a tree is
  the sum over its edges of ``s·(n − s)`` (``s`` posts below the edge);
- **speed**: the time to reach half and nine tenths of the final size, and
  the posts of the first hour;
- **first movers** (the first authors after the root) and **amplifiers**
  (the posts whose own subtrees are largest: their audience carried it on);
- the **communities crossed**, in the order reached, and the **time to reach
  a risk hotspot** when the map names one.

Example:
    >>> c = Cascade.build(["r", "a", "b", "c"], [None, "r", "r", "a"], [0.0, 60.0, 120.0, 600.0])
    >>> c.size, c.depth, c.breadth, round(c.structural_virality, 3)
    (4, 2, 2, 1.667)
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from typing import Any

import numpy as np
from numpy.typing import NDArray


@dataclass
class Cascade:
    """One tree of posts (indices into the parallel lists); ``parent[i]`` is -1 at the root."""

    ids: list[str]
    parent: NDArray[np.int64]
    t: NDArray[np.float64]
    authors: list[str] = field(default_factory=list)

    @classmethod
    def build(
        cls,
        ids: list[str],
        parents: list[str | None],
        times: list[float],
        authors: list[str] | None = None,
    ) -> Cascade:
        """From ids, parent ids (None or unknown → root) and times; the first root is kept."""
        index = {d: i for i, d in enumerate(ids)}
        parent = np.array([index.get(p, -1) if p else -1 for p in parents], dtype=np.int64)
        return cls(list(ids), parent, np.asarray(times, dtype=np.float64), list(authors or []))

    @property
    def size(self) -> int:
        """Posts in the tree."""
        return len(self.ids)

    @property
    def root(self) -> int:
        """Index of the root (the earliest post without a parent)."""
        roots = np.flatnonzero(self.parent < 0)
        return int(roots[np.argmin(self.t[roots])]) if len(roots) else 0

    def depths(self) -> NDArray[np.int64]:
        """Distance of each post from its root (parents are resolved iteratively)."""
        depth = np.full(self.size, -1, dtype=np.int64)
        depth[self.parent < 0] = 0
        for _ in range(self.size):
            todo = depth < 0
            if not todo.any():
                break
            ready = todo & (depth[np.maximum(self.parent, 0)] >= 0)
            if not ready.any():  # a cycle in bad data: cut it at the remaining posts
                depth[todo] = 0
                break
            depth[ready] = depth[self.parent[ready]] + 1
        return depth

    def subtree_sizes(self) -> NDArray[np.int64]:
        """Posts in each post's subtree (itself included)."""
        depth = self.depths()
        sizes = np.ones(self.size, dtype=np.int64)
        for i in np.argsort(-depth, kind="stable"):
            p = int(self.parent[i])
            if p >= 0:
                sizes[p] += sizes[i]
        return sizes

    @property
    def depth(self) -> int:
        """The longest root-to-post path."""
        return int(self.depths().max()) if self.size else 0

    @property
    def breadth(self) -> int:
        """The most posts at one depth."""
        return int(np.bincount(self.depths()).max()) if self.size else 0

    @property
    def structural_virality(self) -> float:
        """Mean distance between two posts (Wiener index over pairs; module doc)."""
        n = self.size
        if n < 2:
            return 0.0
        sizes = self.subtree_sizes()
        below = sizes[self.parent >= 0].astype(np.float64)
        wiener = float(np.sum(below * (n - below)))
        return 2.0 * wiener / (n * (n - 1))

    def time_to(self, share: float) -> float:
        """Seconds from the root until ``share`` of the posts existed."""
        if self.size < 2:
            return 0.0
        times = np.sort(self.t - self.t[self.root])
        k = max(0, int(np.ceil(share * self.size)) - 1)
        return float(times[k])

    def first_movers(self, k: int = 5) -> list[str]:
        """Authors of the first ``k`` posts after the root (distinct, in time order)."""
        movers: list[str] = []
        for i in np.argsort(self.t, kind="stable"):
            author = self.authors[int(i)] if self.authors else self.ids[int(i)]
            if int(i) == self.root or author in movers:
                continue
            movers.append(author)
            if len(movers) >= k:
                break
        return movers

    def amplifiers(self, k: int = 5) -> list[dict[str, Any]]:
        """Posts (not the root) whose subtrees are largest: who carried the story on."""
        sizes = self.subtree_sizes()
        order = sorted(
            (i for i in range(self.size) if i != self.root and sizes[i] > 1),
            key=lambda i: (-int(sizes[i]), self.ids[i]),
        )
        return [
            {
                "doc_id": self.ids[i],
                "author_id": self.authors[i] if self.authors else None,
                "carried": int(sizes[i]) - 1,
            }
            for i in order[:k]
        ]

    def summary(
        self,
        community: dict[str, str] | None = None,
        hotspots: set[str] | None = None,
    ) -> dict[str, Any]:
        """Every measure of the module doc, JSON-ready."""
        start = float(self.t[self.root]) if self.size else 0.0
        result: dict[str, Any] = {
            "origin": self.ids[self.root] if self.size else None,
            "origin_author": self.authors[self.root] if self.authors and self.size else None,
            "size": self.size,
            "depth": self.depth,
            "breadth": self.breadth,
            "structural_virality": round(self.structural_virality, 4),
            "seconds_to_half": self.time_to(0.5),
            "seconds_to_90": self.time_to(0.9),
            "first_hour": int(np.sum(self.t - start <= 3600)),
            "first_movers": self.first_movers(),
            "amplifiers": self.amplifiers(),
        }
        if community is not None and self.authors:
            crossed: list[str] = []
            hotspot_at: float | None = None
            for i in np.argsort(self.t, kind="stable"):
                group = community.get(self.authors[int(i)])
                if group is None:
                    continue
                if group not in crossed:
                    crossed.append(group)
                if hotspots and group in hotspots and hotspot_at is None:
                    hotspot_at = float(self.t[int(i)]) - start
            result["communities"] = crossed
            result["seconds_to_hotspot"] = hotspot_at
        return result


def cascades_of(rows: list[dict[str, Any]], min_size: int = 2) -> list[Cascade]:
    """Split window rows (``doc_id, parent, t, author_id``) into trees, largest first."""
    index = {r["doc_id"]: i for i, r in enumerate(rows)}
    root_of: list[int] = []
    for i in range(len(rows)):
        seen = {i}
        j = i
        while True:
            p = rows[j].get("parent")
            k = index.get(p) if p else None
            if k is None or k in seen:
                break
            seen.add(k)
            j = k
        root_of.append(j)
    groups: dict[int, list[int]] = {}
    for i, r in enumerate(root_of):
        groups.setdefault(r, []).append(i)
    trees = []
    for members in groups.values():
        if len(members) < min_size:
            continue
        members.sort(key=lambda i: (rows[i]["t"], rows[i]["doc_id"]))
        trees.append(
            Cascade.build(
                [rows[i]["doc_id"] for i in members],
                [rows[i].get("parent") for i in members],
                [float(rows[i]["t"]) for i in members],
                [rows[i].get("author_id") or "" for i in members],
            )
        )
    trees.sort(key=lambda c: (-c.size, c.ids[c.root]))
    return trees


def tree_features(cascade: Cascade) -> dict[str, float]:
    """Structure and timing of a tree, for veracity models (no text, no identities)."""
    n = cascade.size
    depths = cascade.depths()
    delays = np.sort(cascade.t - cascade.t[cascade.root])
    positive = np.maximum(delays[1:], 0.0) if n > 1 else np.zeros(1)
    children = np.bincount(cascade.parent[cascade.parent >= 0], minlength=n)
    authors = Counter(cascade.authors) if cascade.authors else Counter()
    logs = np.log1p(positive / 60.0)
    return {
        "log_size": float(np.log1p(n)),
        "depth": float(cascade.depth),
        "log_breadth": float(np.log1p(cascade.breadth)),
        "structural_virality": cascade.structural_virality,
        "root_share": float(children[cascade.root]) / max(n - 1, 1),
        "deep_share": float(np.mean(depths >= 2)),
        "mean_depth": float(depths.mean()),
        "leaf_share": float(np.mean(children == 0)),
        "max_children_nonroot": float(np.delete(children, cascade.root).max()) if n > 1 else 0.0,
        "users_per_post": (len(authors) / n) if authors else 1.0,
        "delay_q10": float(np.quantile(logs, 0.1)),
        "delay_q50": float(np.quantile(logs, 0.5)),
        "delay_q90": float(np.quantile(logs, 0.9)),
        "delay_max": float(logs.max()),
        "in_10min": float(np.mean(positive <= 600)),
        "in_1h": float(np.mean(positive <= 3600)),
        "in_1d": float(np.mean(positive <= 86400)),
        "log_to_half": float(np.log1p(cascade.time_to(0.5) / 60.0)),
        "log_to_90": float(np.log1p(cascade.time_to(0.9) / 60.0)),
    }
