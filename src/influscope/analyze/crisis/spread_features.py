"""How a story spread, as numbers a veracity model can learn from: shape and timing only.

No text, no identities, no absolute time. The literature on rumour
cascades (Vosoughi et al. 2018; Ma et al. 2017; Goel et al. 2016) points at
a few families of evidence, each computed here from a
:class:`~influscope.analyze.crisis.cascades.Cascade` (times in seconds after
the root):

- **shape**: size, depth and breadth, depth profile (share of posts at depth
  1, 2, 3, 4+), the root's share of direct children, the largest fan-out
  below the root, leaves, structural virality (the Wiener index per pair);
- **kinds of post** when the source says so: share of reposts (a retweet
  keeps the source's tweet id) against replies and quotes, overall, at
  depth 1 and in the first hour;
- **re-entries**: edges that name a post already in the tree (the same
  account retweeting twice, a reply reaching a node twice), and **repeated
  accounts** — how many posts come from an account already seen (a count:
  which account it is is never read);
- **timing**: the delay of the first responses, quantiles of the log delays,
  the growth curve (posts by 5 min, 15 min, 1 h, 6 h, 1 day, 3 days, a week)
  as counts and shares, inter-arrival gaps (quantiles, share of
  simultaneous posts, burstiness ``(σ − μ)/(σ + μ)``, Goh & Barabási 2008),
  the lag of each post behind its parent, active hours and the peak hour;
- **early against late shape**: depth and the root's share in the first
  hour and after the first day, and how depth grows with time;
- the finer **profiles** behind these summaries (arrival curve by delay and
  by rank, sub-cascades, replies against reposts, early windows, each
  post's neighbourhood): :mod:`~influscope.analyze.crisis.spread_profile`.

Measured on Twitter16 (5-fold, 4 classes) in ``bench/rumours.py``.
"""

from __future__ import annotations

from collections import Counter

import numpy as np
from numpy.typing import NDArray

from influscope.analyze.crisis.cascades import Cascade
from influscope.analyze.crisis.spread_profile import spread_profile

GROWTH_MINUTES = (5, 15, 60, 360, 1440, 4320, 10080)
DELAY_QUANTILES = (0.05, 0.1, 0.25, 0.5, 0.75, 0.9)


def _share(mask: NDArray[np.bool_]) -> float:
    return float(mask.mean()) if mask.size else 0.0


def _shape(cascade: Cascade, depths: NDArray[np.int64]) -> dict[str, float]:
    n = cascade.size
    children = np.bincount(cascade.parent[cascade.parent >= 0], minlength=n)
    below_root = np.delete(children, cascade.root)
    sv = cascade.structural_virality
    features = {
        "log_size": float(np.log1p(n)),
        "depth": float(depths.max()),
        "mean_depth": float(depths.mean()),
        "log_breadth": float(np.log1p(np.bincount(depths).max())),
        "root_share": float(children[cascade.root]) / max(n - 1, 1),
        "log_max_fanout_below_root": float(np.log1p(below_root.max())) if below_root.size else 0.0,
        "leaf_share": _share(children == 0),
        "relay_share": _share(below_root > 0),
        "structural_virality": sv,
        "log_structural_virality": float(np.log(sv + 1e-9)),
    }
    for d in (1, 2, 3):
        features[f"depth{d}_share"] = _share(depths == d)
    features["depth4plus_share"] = _share(depths >= 4)
    return features


def _timing(delays: NDArray[np.float64]) -> dict[str, float]:
    minutes = np.sort(np.maximum(delays, 0.0)) / 60.0
    if minutes.size == 0:
        minutes = np.zeros(1)
    logs = np.log1p(minutes)
    features = {f"log_delay_q{int(q * 100)}": float(np.quantile(logs, q)) for q in DELAY_QUANTILES}
    features["log_first_delay"] = float(logs[0])
    features["log_fifth_delay"] = float(logs[min(4, logs.size - 1)])
    features["log_lifetime"] = float(logs[-1])
    for m in GROWTH_MINUTES:
        within = float(np.sum(minutes <= m))
        features[f"log_posts_{m}min"] = float(np.log1p(within))
        features[f"share_{m}min"] = within / minutes.size
    gaps = np.diff(np.concatenate([[0.0], minutes]))
    mean, spread = float(gaps.mean()), float(gaps.std())
    features["burstiness"] = (spread - mean) / (spread + mean) if spread + mean > 0 else 0.0
    features["simultaneous_share"] = _share(gaps <= 0.01)
    gap_logs = np.log1p(gaps)
    features["log_gap_q50"] = float(np.quantile(gap_logs, 0.5))
    features["log_gap_q90"] = float(np.quantile(gap_logs, 0.9))
    hours = np.bincount((minutes // 60).astype(np.int64))
    features["log_active_hours"] = float(np.log1p(np.count_nonzero(hours)))
    features["log_peak_hour"] = float(np.log1p(np.argmax(hours)))
    features["peak_hour_share"] = float(hours.max()) / minutes.size
    return features


def _early_late(
    cascade: Cascade, depths: NDArray[np.int64], delays: NDArray[np.float64]
) -> dict[str, float]:
    parent_delay = np.where(cascade.parent >= 0, delays[np.maximum(cascade.parent, 0)], 0.0)
    lag = np.log1p(np.maximum(delays - parent_delay, 0.0)[cascade.parent >= 0] / 60.0)
    if lag.size == 0:
        lag = np.zeros(1)
    early, late = delays <= 3600, delays > 86400
    on_root = cascade.parent == cascade.root
    moving = depths.std() > 0 and delays.std() > 0 and cascade.size > 2
    return {
        "log_lag_q10": float(np.quantile(lag, 0.1)),
        "log_lag_q50": float(np.quantile(lag, 0.5)),
        "log_lag_q90": float(np.quantile(lag, 0.9)),
        "late_parent_share": _share(
            delays[cascade.parent >= 0] < parent_delay[cascade.parent >= 0]
        ),
        "early_depth": float(depths[early].max()) if early.any() else 0.0,
        "early_root_share": _share(on_root[early]),
        "late_mean_depth": float(depths[late].mean()) if late.any() else 0.0,
        "late_root_share": _share(on_root[late]),
        "depth_time_corr": float(np.corrcoef(delays, depths)[0, 1]) if moving else 0.0,
    }


def _kinds(
    cascade: Cascade, depths: NDArray[np.int64], delays: NDArray[np.float64],
    reposts: NDArray[np.bool_] | None,
) -> dict[str, float]:  # fmt: skip
    if reposts is None:
        return {}
    not_root = np.arange(cascade.size) != cascade.root
    return {
        "repost_share": _share(reposts[not_root]),
        "repost_share_depth1": _share(reposts[depths == 1]),
        "repost_share_first_hour": _share(reposts[not_root & (delays <= 3600)]),
    }


def spread_features(
    cascade: Cascade, reposts: NDArray[np.bool_] | None = None, reentries: int = 0
) -> dict[str, float]:
    """Every feature of the module doc, by name (stable order, JSON-ready floats).

    ``reposts`` flags each post that repeats its source (a retweet) against a
    reply or quote; ``reentries`` counts the source's edges that pointed at a
    post already in the tree (the tree keeps the first).

    >>> c = Cascade.build(["r", "a", "b", "c"], [None, "r", "r", "a"], [0.0, 60.0, 120.0, 600.0])
    >>> f = spread_features(c)
    >>> f["depth"], round(f["root_share"], 3), round(f["structural_virality"], 3)
    (2.0, 0.667, 1.667)
    """
    depths = cascade.depths()
    delays = cascade.t - cascade.t[cascade.root]
    features = _shape(cascade, depths)
    features.update(_timing(np.delete(delays, cascade.root)))
    features.update(_early_late(cascade, depths, delays))
    features.update(_kinds(cascade, depths, delays, reposts))
    repeated = sum(c - 1 for c in Counter(a for a in cascade.authors if a).values())
    features["repeated_account_share"] = repeated / max(cascade.size, 1)
    features["log_repeated_accounts"] = float(np.log1p(repeated))
    features["reentry_share"] = reentries / max(cascade.size + reentries, 1)
    features["log_reentries"] = float(np.log1p(reentries))
    features.update(spread_profile(cascade, depths, reposts))
    return {k: float(v) for k, v in features.items()}
