"""Twitter16 veracity from shape and timing: the candidate feature families of round 3 (issue 14).

Usage:
    OMP_NUM_THREADS=1 flock /tmp/bench.lock .venv/bin/python bench/veracity_variants.py [--no-write]

The product's model (``bench/rumours.py twitter16``: 308 shape and timing
features of ``analyze/crisis/spread_features.py``, learner chosen inside each
training fold) scores 0.592. This script measures, on the same stratified
5-fold split (shuffled, seed 0), the families proposed to go beyond it —
each computed here, not in the product, because none gained:

- **decay**: the arrival rate's power-law exponent fitted per tree (after its
  peak, within the first day, after the first day), its fit, the peak time,
  an exponential rate over the first 48 hours;
- **timing**: time to reach k shares (k = 5 … 200), time to reach a share of
  the final size, their ratios, the gaps' coefficient of variation, entropy,
  largest gap and where it falls;
- **layout**: facts of the file layout that are neither text nor identity —
  edges out of time order, duplicated edges, self-loops, how many times a
  node (an account, counted, never named) appears in the tree, the root's
  author re-appearing, how concentrated the parents are, the replies'
  own-id time (a tweet id minus the source's id: a relative time) against
  the recorded delay;
- **structure**: breadth ratio per level, out-degree Gini below the root,
  the share of posts whose parent is not the root, subtree size
  distribution, Wiener index, single-child relays;
- **linear**: a logistic regression on the product's features (standardised,
  C chosen by cross-validation inside each training fold), the linear
  learner beside the product's forests and boosting;
- **WL**: Weisfeiler–Lehman subtree patterns (1–3 relabelling rounds; a
  post's label is its kind and its delay and lag buckets), counted per
  tree, the 300 most class-dependent patterns kept (chi², fitted on the
  training fold) for boosting, or all of them for a logistic regression.
  Neither grakel nor networkx is a dependency; the relabelling is the
  textbook one in a few lines (hashes of integer tuples: stable between runs).

Each family is scored alone and added to the product's features with a
histogram gradient boosting (the learner the product's nested choice takes
in every fold) — screening figures, read on the evaluation folds, so not a
model's figure. The one model figure is **nested**: for each outer fold, the
feature set (the product's, or it plus one family, or plus all) is chosen by
5-fold cross-validation inside the training fold, then refitted there and
scored on the held-out fold.
"""

from __future__ import annotations

import os
import sys
import time
from collections import Counter
from pathlib import Path
from typing import Any

import numpy as np
from common import ROOT, record

sys.path.insert(0, str(ROOT))

from tests.analyze.crisis.rumour_data import twitter16_stories  # noqa: E402

from influscope.analyze.crisis.cascades import Cascade  # noqa: E402
from influscope.analyze.crisis.veracity import Story  # noqa: E402
from influscope.ingest.files.propagation import read_labels  # noqa: E402

FOLDER = (
    Path(os.environ.get("INFLUSCOPE_SHARED", ROOT.parent / "shared"))
    / "datasets"
    / "rumour_twitter16_propagation_trees"
)


def _gini(x: np.ndarray) -> float:
    x = np.sort(x.astype(np.float64))
    if x.size == 0 or x.sum() == 0:
        return 0.0
    return float((2 * np.arange(1, x.size + 1) - x.size - 1).dot(x) / (x.size * x.sum()))


def _slope(x: np.ndarray, y: np.ndarray, w: np.ndarray | None = None) -> float:
    return float(np.polyfit(x, y, 1, w=w)[0]) if x.size >= 3 else 0.0


def decay(minutes: np.ndarray) -> dict[str, float]:
    m = np.sort(minutes[minutes > 0])
    if m.size < 5:
        return dict.fromkeys(("pow", "pow_day", "pow_late", "r2", "exp", "peak"), 0.0)
    edges = np.logspace(-1, 6, 29)
    counts = np.histogram(m, edges)[0]
    mid = np.sqrt(edges[1:] * edges[:-1])
    density = counts / np.diff(edges)
    seen = counts > 0
    peak = int(np.argmax(density))
    after = seen & (np.arange(counts.size) >= peak)
    f = {"peak": float(np.log10(mid[peak])), "r2": 0.0, "pow": 0.0}
    if after.sum() >= 3:
        x, y = np.log(mid[after]), np.log(density[after])
        fit = np.polyfit(x, y, 1, w=np.sqrt(counts[after]))
        f["pow"] = float(fit[0])
        f["r2"] = float(
            1 - ((y - np.polyval(fit, x)) ** 2).sum() / max(((y - y.mean()) ** 2).sum(), 1e-9)
        )
    day = seen & (mid > 10) & (mid <= 1440)
    late = seen & (mid > 1440)
    f["pow_day"] = _slope(np.log(mid[day]), np.log(density[day]))
    f["pow_late"] = _slope(np.log(mid[late]), np.log(density[late]))
    hours = np.bincount(np.minimum((m // 60).astype(int), 48), minlength=49)[:48]
    f["exp"] = _slope(np.arange(48)[hours > 0], np.log(hours[hours > 0]))
    return f


def timing(minutes: np.ndarray) -> dict[str, float]:
    m = np.sort(np.maximum(minutes, 0))
    n = m.size
    f = {}
    for k in (5, 10, 20, 50, 100, 200):
        f[f"reach{k}"] = float(np.log1p(m[k - 1])) if n >= k else float(np.log1p(m[-1]) + 5)
    for q in (0.1, 0.25, 0.5, 0.75, 0.9):
        f[f"share{int(q * 100)}"] = float(np.log1p(m[int(q * (n - 1))]))
    f["t90_t50"], f["t50_t10"] = f["share90"] - f["share50"], f["share50"] - f["share10"]
    gaps = np.diff(m)
    if gaps.size <= 2:
        return f | dict.fromkeys(("cv", "zero", "max", "max_at", "entropy"), 0.0)
    hist = np.histogram(np.log1p(gaps), 20)[0] / gaps.size
    return f | {
        "cv": float(gaps.std() / max(gaps.mean(), 1e-9)),
        "zero": float(np.mean(gaps == 0)),
        "max": float(np.log1p(gaps.max())),
        "max_at": float(np.argmax(gaps) / gaps.size),
        "entropy": float(-(hist * np.log(hist + 1e-12)).sum()),
    }


def layout(rows: list[tuple[str, str, float, str, str, float]], story: str) -> dict[str, float]:
    root_uid, root_tweet = rows[0][3], rows[0][4]
    body = rows[1:]
    n = max(len(body), 1)
    users = np.array(list(Counter(r[3] for r in rows).values()))
    parents = np.array(list(Counter((r[0], r[1]) for r in body).values()))
    own = [r for r in body if r[4] != root_tweet]
    f = {
        "out_of_order": sum(r[5] < r[2] for r in body) / n,
        "negative_delay": sum(r[5] < 0 for r in body) / n,
        "duplicate_edges": (len(rows) - len({(r[3], r[4]) for r in rows})) / n,
        "self_loops": sum(r[0] == r[3] for r in body) / n,
        "root_not_story": float(root_tweet != story),
        "account_max_log": float(np.log(users.max())),
        "account_2plus": float(np.mean(users >= 2)),
        "account_3plus": float(np.mean(users >= 3)),
        "root_author_again": float(np.log1p(sum(r[3] == root_uid for r in body))),
        "parents_log": float(np.log1p(parents.size)),
        "parents_gini": _gini(parents),
        "own_tweet": len(own) / n,
    }
    try:
        origin = int(root_tweet) >> 22
        diffs = np.array([((int(r[4]) >> 22) - origin) / 60000.0 - r[5] for r in own] or [0.0])
    except ValueError:
        diffs = np.zeros(1)
    median = float(np.median(diffs))
    f["id_time_minus_delay"] = float(np.sign(median) * np.log1p(abs(median)))
    f["id_time_minus_delay_q90"] = float(np.log1p(np.quantile(np.abs(diffs), 0.9)))
    f["id_time_agrees"] = float(np.mean(np.abs(diffs) < 1.0))
    return f


def structure(c: Cascade, depths: np.ndarray) -> dict[str, float]:
    n = c.size
    children = np.bincount(c.parent[c.parent >= 0], minlength=n)
    per_level = np.bincount(depths, minlength=6)
    below = np.delete(children, c.root)
    sizes = np.delete(c.subtree_sizes(), c.root).astype(np.float64)
    f = {
        f"breadth_ratio{d}": float(np.log1p(per_level[d + 1]) - np.log1p(per_level[d]))
        for d in range(1, 5)
    }
    f["outdeg_gini"] = _gini(below)
    f["max_outdeg"] = float(below.max() / max(n - 1, 1)) if below.size else 0.0
    f["parent_not_root"] = float(np.mean(c.parent[c.parent >= 0] != c.root)) if n > 1 else 0.0
    f["log_wiener"] = float(np.log1p(np.sum(sizes * (n - sizes))))
    f["single_child"] = float(np.mean(children == 1))
    if sizes.size:
        f["sub_ge2"], f["sub_ge5"] = float(np.mean(sizes >= 2)), float(np.mean(sizes >= 5))
        f["sub_max"] = float(sizes.max() / n)
        f["sub_exponent"] = float(1 + sizes.size / np.sum(np.log(sizes / 0.5)))
    else:
        f |= dict.fromkeys(("sub_ge2", "sub_ge5", "sub_max", "sub_exponent"), 0.0)
    return f


def wl_patterns(story: Story, rounds: int) -> Counter[Any]:
    c = story.cascade
    n = c.size
    minutes = (c.t - c.t[c.root]) / 60.0
    has = c.parent >= 0
    lag = np.where(has, np.maximum(minutes - minutes[np.maximum(c.parent, 0)], 0), 0)
    kinds = story.reposts.astype(int) if story.reposts is not None else np.zeros(n, dtype=int)
    kinds = np.where(np.arange(n) == c.root, 2, kinds)
    delay_bucket = np.floor(np.log2(1 + np.maximum(minutes, 0))).astype(int) // 2
    lag_bucket = np.floor(np.log2(1 + lag)).astype(int) // 2
    labels = [hash((int(kinds[i]), int(delay_bucket[i]), int(lag_bucket[i]))) for i in range(n)]
    counts: Counter[Any] = Counter(labels)
    children: list[list[int]] = [[] for _ in range(n)]
    for i in np.flatnonzero(has):
        children[c.parent[i]].append(int(i))
    for r in range(rounds):
        labels = [
            hash((labels[i], tuple(sorted({labels[j] for j in children[i]})))) for i in range(n)
        ]
        counts.update((r, label) for label in labels)
    return counts


def read_rows(story: str) -> list[tuple[str, str, float, str, str, float]]:
    import ast

    rows = []
    for line in (FOLDER / "twitter16" / "tree" / f"{story}.txt").read_text().splitlines():
        if line.strip():
            left, right = line.split("->", 1)
            p, c = ast.literal_eval(left), ast.literal_eval(right)
            rows.append((str(p[0]), str(p[1]), float(p[2]), str(c[0]), str(c[1]), float(c[2])))
    return rows


def _matrix(dicts: list[dict[str, float]]) -> np.ndarray:
    names = sorted(dicts[0])
    return np.array([[d[k] for k in names] for d in dicts])


def main() -> None:
    from sklearn.ensemble import HistGradientBoostingClassifier
    from sklearn.feature_extraction import DictVectorizer
    from sklearn.feature_selection import SelectKBest, chi2
    from sklearn.linear_model import LogisticRegression, LogisticRegressionCV
    from sklearn.metrics import accuracy_score, f1_score
    from sklearn.model_selection import StratifiedKFold
    from sklearn.preprocessing import StandardScaler, normalize

    started = time.time()
    load = os.getloadavg()[0]
    stories, gold, ids = twitter16_stories(FOLDER)
    assert read_labels(FOLDER / "twitter16" / "label.txt").keys() == set(ids)
    y = np.array(gold)
    classes = sorted(set(gold))
    folds = list(StratifiedKFold(5, shuffle=True, random_state=0).split(y, y))
    base = _matrix([s.shape() for s in stories])
    rows: dict[str, list[dict[str, float]]] = {
        "decay": [],
        "timing": [],
        "layout": [],
        "structure": [],
    }
    for story, sid in zip(stories, ids, strict=True):
        c = story.cascade
        minutes = np.delete((c.t - c.t[c.root]) / 60.0, c.root)
        rows["decay"].append(decay(minutes))
        rows["timing"].append(timing(minutes))
        rows["layout"].append(layout(read_rows(sid), sid))
        rows["structure"].append(structure(c, c.depths()))
    families = {k: _matrix(v) for k, v in rows.items()}
    lines: list[str] = []

    def boosting() -> Any:
        return HistGradientBoostingClassifier(random_state=0)

    def report(name: str, predicted: np.ndarray) -> None:
        f1 = f1_score(y, predicted, labels=classes, average=None)
        per_class = ", ".join(f"{c} {v:.2f}" for c, v in zip(classes, f1, strict=True))
        lines.append(
            f"{name}: accuracy **{accuracy_score(y, predicted):.3f}**, macro-F1 {f1.mean():.3f} "
            f"(F1 per class: {per_class})"
        )
        print(lines[-1], flush=True)

    def screen(name: str, x: np.ndarray) -> None:
        predicted = np.empty(len(y), dtype=object)
        for train, test in folds:
            predicted[test] = boosting().fit(x[train], y[train]).predict(x[test])
        report(f"screening, boosting: {name} ({x.shape[1]} features)", predicted)

    screen("the product's features", base)
    linear = np.empty(len(y), dtype=object)
    for train, test in folds:
        scaled = StandardScaler().fit(base[train])
        fitted = LogisticRegressionCV(Cs=[0.01, 0.1, 1.0], cv=5, max_iter=5000).fit(
            scaled.transform(base[train]), y[train]
        )  # C chosen by 5-fold CV inside the training fold
        linear[test] = fitted.predict(scaled.transform(base[test]))
    report("linear: the product's features, logistic regression (C chosen in fold)", linear)
    for name, x in families.items():
        screen(f"{name} alone", x)
        screen(f"the product's + {name}", np.hstack([base, x]))
    everything = np.hstack([base, *families.values()])
    screen("the product's + all four", everything)
    for rounds in (1, 2, 3):
        vectors = DictVectorizer(sort=True).fit_transform(
            [{str(k): v for k, v in wl_patterns(s, rounds).items()} for s in stories]
        )
        share = normalize(vectors, norm="l1")
        logs = normalize(vectors.log1p())
        predicted = np.empty(len(y), dtype=object)
        linear = np.empty(len(y), dtype=object)
        for train, test in folds:
            keep = SelectKBest(chi2, k=300).fit(share[train], y[train])
            predicted[test] = (
                boosting()
                .fit(keep.transform(share[train]).toarray(), y[train])
                .predict(keep.transform(share[test]).toarray())
            )
            linear[test] = (
                LogisticRegression(C=1.0, max_iter=3000)
                .fit(logs[train], y[train])
                .predict(logs[test])
            )
        report(
            f"screening: WL {rounds} round(s), 300 patterns (chi2 in fold) + boosting", predicted
        )
        report(
            f"screening: WL {rounds} round(s), all {vectors.shape[1]} patterns + logistic", linear
        )

    candidates = {"product": base, **{f"+{k}": np.hstack([base, x]) for k, x in families.items()}}
    candidates["+all"] = everything
    predicted = np.empty(len(y), dtype=object)
    chosen = []
    for train, test in folds:
        inner = StratifiedKFold(5, shuffle=True, random_state=0)
        inner_scores = {}
        for name, x in candidates.items():
            hits = 0
            for a, b in inner.split(x[train], y[train]):
                fitted = boosting().fit(x[train][a], y[train][a])
                hits += int(np.sum(fitted.predict(x[train][b]) == y[train][b]))
            inner_scores[name] = hits / len(train)
        best = max(candidates, key=lambda k: inner_scores[k])  # ties: first (the product's)
        chosen.append(f"{best} ({inner_scores[best]:.3f})")
        predicted[test] = (
            boosting().fit(candidates[best][train], y[train]).predict(candidates[best][test])
        )
    report("MODEL (nested): feature set chosen inside each training fold", predicted)
    lines.append("  chosen per outer fold (inner CV accuracy): " + "; ".join(chosen))
    lines.append(
        f"818 trees, 5-fold stratified (seed 0); {time.time() - started:.0f} s; "
        f"load {load:.1f} at start, {os.getloadavg()[0]:.1f} at the end"
    )
    record(
        "Rumours: Twitter16 veracity, round-3 feature families (issue 14)",
        "OMP_NUM_THREADS=1 flock /tmp/bench.lock .venv/bin/python bench/veracity_variants.py",
        lines,
    )


if __name__ == "__main__":
    main()
