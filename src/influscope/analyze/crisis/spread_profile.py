"""Finer profiles of how a story spread: arrival curve, branches, replies, node neighbourhoods.

:mod:`~influscope.analyze.crisis.spread_features` summarises a cascade in
a few dozen numbers; a veracity model separates the classes better when it
also sees the *profiles* behind those summaries (Twitter16, 5-fold, in
``bench/rumours.py``: accuracy 0.578 with the summaries and a random forest,
0.592 with the profiles and the learner chosen inside each training fold).
Still no text, no identities, no absolute time — every time is relative to
the root:

- **arrival curve**: the share and the count of posts in log-spaced delay
  bins (half a minute to months), the delay of the k-th post (k = 1 … 1,000,
  the growth curve read by rank, so small and large stories compare), the
  quantiles of the log gaps between arrivals and their autocorrelation
  (bursts follow bursts);
- **branches**: the shares of the five largest sub-cascades under the root,
  how many first-level posts were passed on, the out-degree mix of the
  posts below the root, posts counted per depth;
- **replies against reposts** (when the source says which is which): how
  many, how deep, how late, how much they are passed on, how many reposts
  hang below another post than the root;
- **early windows**: the first 10, 25, 50 and 100 posts — how long they
  took, how many answer the root directly, how deep they went;
- **node neighbourhoods**, a one-step message passing in both directions
  (the idea of bi-directional graph models, without learning): for each
  post its delay, its lag behind its parent, its kind, its out-degree, its
  depth and its sub-cascade, then the same for its parent and the mean over
  its children, summarised over the tree (mean, spread, quantiles, max).
"""

from __future__ import annotations

import numpy as np
from numpy.typing import NDArray

from influscope.analyze.crisis.cascades import Cascade

# Minutes after the root: log-spaced edges from half a minute to beyond three months.
DELAY_EDGES = (0.5, 1, 2, 5, 10, 20, 30, 60, 120, 240, 480, 960, 1440, 2880, 5760, 10080,
               20160, 43200, 100000, 200000)  # fmt: skip
RANKS = (1, 2, 3, 5, 8, 13, 20, 30, 50, 75, 100, 150, 200, 300, 500, 750, 1000)
EARLY_POSTS = (10, 25, 50, 100)
NODE_FIELDS = ("delay", "lag", "repost", "out_degree", "depth", "below")


def _share(mask: NDArray[np.bool_]) -> float:
    return float(mask.mean()) if mask.size else 0.0


def arrival_curve(minutes: NDArray[np.float64]) -> dict[str, float]:
    """Delay bins, the growth curve by rank and the gaps' shape (``minutes``: posts but the root)."""
    minutes = np.sort(np.maximum(minutes, 0.0))
    if minutes.size == 0:
        minutes = np.zeros(1)
    features: dict[str, float] = {}
    edges = np.concatenate([[0.0], DELAY_EDGES, [np.inf]])
    counts = np.histogram(minutes, edges)[0]
    for i, count in enumerate(counts):
        features[f"delay_bin{i:02d}_share"] = count / minutes.size
        features[f"delay_bin{i:02d}_log"] = float(np.log1p(count))
    logs = np.log1p(minutes)
    for k in RANKS:
        features[f"log_delay_post{k:04d}"] = float(logs[min(k, logs.size) - 1])
        features[f"reached_post{k:04d}"] = float(k <= logs.size)
    gaps = np.log1p(np.diff(minutes))
    if gaps.size == 0:
        gaps = np.zeros(1)
    for q in (0.1, 0.25, 0.75, 0.99):
        features[f"log_gap_q{int(q * 100):02d}"] = float(np.quantile(gaps, q))
    features["log_gap_first20_mean"] = float(gaps[:20].mean())
    features["log_gap_next80_mean"] = float(gaps[20:100].mean()) if gaps.size > 20 else -1.0
    steady = gaps.size > 3 and gaps[:-1].std() > 0 and gaps[1:].std() > 0
    features["log_gap_autocorr"] = float(np.corrcoef(gaps[:-1], gaps[1:])[0, 1]) if steady else 0.0
    return features


def branches(cascade: Cascade, depths: NDArray[np.int64]) -> dict[str, float]:
    """Sub-cascades under the root, out-degree mix below it, posts per depth."""
    n, root = cascade.size, cascade.root
    sizes = cascade.subtree_sizes()
    children = np.bincount(cascade.parent[cascade.parent >= 0], minlength=n)
    first_level = np.sort(sizes[cascade.parent == root].astype(np.float64))[::-1]
    others = max(n - 1, 1)
    features: dict[str, float] = {}
    for k in range(5):
        features[f"branch{k}_share"] = (first_level[k] if k < first_level.size else 0.0) / others
    passed_on = first_level > 1
    features["log_branches_passed_on"] = float(np.log1p(passed_on.sum()))
    features["branches_passed_on_share"] = _share(passed_on)
    features["log_branches_ge10"] = float(np.log1p(np.sum(first_level >= 10)))
    features["below_first_level_share"] = float(np.sum(first_level[passed_on] - 1)) / others
    below = np.delete(children, root)
    for name, low, high in (("0", 0, 0), ("1", 1, 1), ("2", 2, 2), ("3_5", 3, 5),
                            ("6_20", 6, 20), ("21_up", 21, n)):  # fmt: skip
        features[f"out_degree_{name}_share"] = _share((below >= low) & (below <= high))
    features["log_relays"] = float(np.log1p(np.sum(below > 0)))
    for d in range(1, 8):
        features[f"log_posts_depth{d}"] = float(np.log1p(np.sum(depths == d)))
    return features


def replies_and_reposts(
    cascade: Cascade, depths: NDArray[np.int64], minutes: NDArray[np.float64],
    reposts: NDArray[np.bool_],
) -> dict[str, float]:  # fmt: skip
    """How replies (own post) and reposts (the source repeated) differ in place and time."""
    n, root = cascade.size, cascade.root
    not_root = np.arange(n) != root
    reply, repost = not_root & ~reposts, not_root & reposts
    on_root = cascade.parent == root
    children = np.bincount(cascade.parent[cascade.parent >= 0], minlength=n)
    sizes = cascade.subtree_sizes()
    has = bool(reply.any())
    features = {
        "log_replies": float(np.log1p(reply.sum())),
        "log_reposts": float(np.log1p(repost.sum())),
        "reply_mean_depth": float(depths[reply].mean()) if has else 0.0,
        "reply_on_root_share": _share(on_root[reply]),
        "reply_passed_on_share": _share(children[reply] > 0),
        "reply_below_share": float(np.sum(sizes[reply] - 1)) / max(n - 1, 1),
        "log_first_reply": float(np.log1p(minutes[reply].min())) if has else -1.0,
        "log_reply_median": float(np.log1p(np.median(minutes[reply]))) if has else -1.0,
        "reply_after_day_share": _share(minutes[reply] > 1440),
        "log_repost_median": (
            float(np.log1p(np.median(minutes[repost]))) if repost.any() else -1.0
        ),
        "repost_below_root_share": _share(~on_root[repost]),
    }
    windows = (("hour1", -np.inf, 60.0), ("day1", 60.0, 1440.0), ("later", 1440.0, np.inf))
    for name, start, end in windows:
        inside = not_root & (minutes > start) & (minutes <= end)
        features[f"{name}_deep_share"] = _share(depths[inside] >= 2) if inside.any() else -1.0
        features[f"{name}_reply_share"] = _share(reply[inside]) if inside.any() else -1.0
    return features


def early_windows(
    cascade: Cascade, depths: NDArray[np.int64], minutes: NDArray[np.float64],
    reposts: NDArray[np.bool_],
) -> dict[str, float]:  # fmt: skip
    """The first posts: how long they took, how many answer the root, how deep they went."""
    order = np.argsort(minutes, kind="stable")
    on_root = cascade.parent == cascade.root
    reply = ~reposts & (np.arange(cascade.size) != cascade.root)
    features: dict[str, float] = {}
    for k in EARLY_POSTS:
        first = order[: k + 1]
        later = first[1:]
        features[f"first{k}_log_minutes"] = float(np.log1p(minutes[order[min(k, order.size - 1)]]))
        features[f"first{k}_root_share"] = _share(on_root[later])
        features[f"first{k}_depth"] = float(depths[first].max())
        features[f"first{k}_reply_share"] = _share(reply[later])
    return features


def neighbourhoods(
    cascade: Cascade, depths: NDArray[np.int64], minutes: NDArray[np.float64],
    reposts: NDArray[np.bool_],
) -> dict[str, float]:  # fmt: skip
    """Each post, its parent and its children's mean, summarised over the tree (module doc)."""
    n, root = cascade.size, cascade.root
    parent = np.maximum(cascade.parent, 0)
    has_parent = cascade.parent >= 0
    children = np.bincount(cascade.parent[has_parent], minlength=n).astype(np.float64)
    lag = np.where(has_parent, np.maximum(minutes - minutes[parent], 0.0), 0.0)
    node = np.column_stack([
        np.log1p(np.maximum(minutes, 0.0)), np.log1p(lag), reposts.astype(np.float64),
        np.log1p(children), depths.astype(np.float64),
        np.log1p(cascade.subtree_sizes() - 1.0),
    ])  # fmt: skip
    summed = np.zeros_like(node)
    np.add.at(summed, cascade.parent[has_parent], node[has_parent])
    child_mean = summed / np.maximum(children, 1.0)[:, None]
    not_root = np.arange(n) != root
    relays = not_root & (children > 0)
    features: dict[str, float] = {"relay_share_below_root": _share(relays[not_root])}
    views = (("self", node[not_root]), ("parent", node[parent][not_root]),
             ("children", child_mean[relays]))  # fmt: skip
    for view, rows in views:
        if rows.shape[0] == 0:
            rows = np.zeros((1, node.shape[1]))
        stats = {
            "mean": rows.mean(axis=0), "std": rows.std(axis=0),
            "q10": np.quantile(rows, 0.1, axis=0), "q50": np.quantile(rows, 0.5, axis=0),
            "q90": np.quantile(rows, 0.9, axis=0), "max": rows.max(axis=0),
        }  # fmt: skip
        for stat, values in stats.items():
            for name, value in zip(NODE_FIELDS, values, strict=True):
                features[f"{view}_{name}_{stat}"] = float(value)
    return features


def spread_profile(
    cascade: Cascade, depths: NDArray[np.int64], reposts: NDArray[np.bool_] | None
) -> dict[str, float]:
    """Every profile of the module doc; without repost flags every post counts as a reply."""
    minutes = (cascade.t - cascade.t[cascade.root]) / 60.0
    kinds = np.zeros(cascade.size, dtype=bool) if reposts is None else reposts
    features = arrival_curve(np.delete(minutes, cascade.root))
    features.update(branches(cascade, depths))
    features.update(early_windows(cascade, depths, minutes, kinds))
    features.update(neighbourhoods(cascade, depths, minutes, kinds))
    if reposts is not None:
        features.update(replies_and_reposts(cascade, depths, minutes, reposts))
    return features
