"""Rumour models on the shared real data, as issue 14 defines the figures.

Usage:
    .venv/bin/python bench/rumours.py twitter16 [--no-write]
    .venv/bin/python bench/rumours.py rumoureval [--embeddings] [--default-c] [--no-write]

- **twitter16**: veracity (false / non-rumour / true / unverified) from the
  propagation tree's shape and timing only, stratified 5-fold (shuffled,
  seed 0, as the papers), accuracy and F1 per class, for the product's
  model (its learner chosen by cross-validation inside each training fold:
  nested) and, for comparison, each candidate learner alone. Two figures
  that are *not* the issue's definition are printed beside it, labelled as
  such: adding who carried each story (participants' history), and the
  source tweet's id alone — a tweet id embeds its posting time (Twitter's
  snowflake ids), so it measures how far the collection date alone separates
  the classes (a dataset artefact, a leak, never a feature of the model).
- **rumoureval**: reply stance (support / deny / query / comment) on RumourEval
  2017 traindev, leave-one-event-out (events are the source tweets' time
  clusters, see ``tests/analyze/crisis/rumour_data.py``), accuracy and
  macro-F1 per held-out event and pooled, for the learned model, the
  offline cue default and the majority class. The SVM's C is chosen for
  each held-out event by grouped cross-validation over the *other* events
  (nested; the held-out event is never read before it is predicted).
  With ``--embeddings`` the text stage also reads each post's sentence
  embedding (``train reply_stance --embeddings``; one thread, the texts
  encoded once and cached). ``--default-c`` keeps the product's C (0.1)
  instead of choosing it (no choice at all, about 8x faster).
"""

from __future__ import annotations

import os
import sys
import time
from pathlib import Path
from typing import Any

import numpy as np
from common import ROOT, record

sys.path.insert(0, str(ROOT))

from tests.analyze.crisis.rumour_data import (  # noqa: E402
    rumoureval_replies,
    twitter16_stories,
)

from influscope.analyze.crisis.veracity import LEARNERS, VeracityModel  # noqa: E402
from influscope.enrich.learned import scores  # noqa: E402
from influscope.enrich.reply_stance import cue_stance  # noqa: E402
from influscope.enrich.reply_stance_model import build_model, choose_c  # noqa: E402

DEFAULT_C = 0.1  # ReplyStanceModel's default
SHARED = Path(os.environ.get("INFLUSCOPE_SHARED", ROOT.parent / "shared")) / "datasets"


def _line(name: str, result: dict[str, object]) -> str:
    f1 = result["f1"]
    assert isinstance(f1, dict)
    per_class = ", ".join(f"{c} {v:.2f}" for c, v in sorted(f1.items()))
    return (
        f"{name}: accuracy **{result['accuracy']:.3f}**, macro-F1 {result['macro_f1']:.3f} "
        f"(F1 per class: {per_class})"
    )


def twitter16(write: bool) -> None:
    """The issue's figure and the two labelled non-figures (module doc)."""
    from sklearn.ensemble import RandomForestClassifier
    from sklearn.model_selection import StratifiedKFold

    started = time.time()
    stories, gold, ids = twitter16_stories(SHARED / "rumour_twitter16_propagation_trees")
    y = np.array(gold)
    folds = list(StratifiedKFold(5, shuffle=True, random_state=0).split(y, y))
    lines = []
    runs: tuple[tuple[str, dict[str, Any]], ...] = (
        (
            "structure + timing, learner chosen inside each training fold (the product's "
            "model; the issue's figure)",
            {},
        ),
        *(
            (f"structure + timing, {name} alone (for comparison, not chosen)", {"learner": name})
            for name in LEARNERS
        ),
        (
            "NOT the issue's definition: + who carried each story (learner chosen likewise)",
            {"use_participants": True},
        ),
    )
    for name, kwargs in runs:
        predicted = np.empty(len(y), dtype=object)
        chosen, before = [], len(lines)
        for train, test in folds:
            options: dict[str, Any] = {"use_participants": False, **kwargs}
            model = VeracityModel(**options).fit([stories[i] for i in train], list(y[train]))
            predicted[test] = model.predict([stories[i] for i in test])
            inner = ", ".join(f"{k} {v:.3f}" for k, v in model.inner_accuracy.items())
            chosen.append(f"{model.chosen}" + (f" ({inner})" if inner else ""))
        lines.append(_line(name, scores(gold, list(predicted))))
        if model.inner_accuracy:
            lines.append("  learner per outer fold (inner CV accuracy): " + "; ".join(chosen))
        print("\n".join(lines[before:]), flush=True)
    leak = np.array([[int(i) / 1e18] for i in ids])
    predicted = np.empty(len(y), dtype=object)
    for train, test in folds:
        forest = RandomForestClassifier(500, random_state=0, n_jobs=1).fit(leak[train], y[train])
        predicted[test] = forest.predict(leak[test])
    lines.append(
        _line(
            "LEAK, not a model: the source tweet's id (its posting time) alone",
            scores(gold, list(predicted)),
        )
    )
    lines.append(f"818 trees, 5-fold stratified (seed 0); {time.time() - started:.0f} s")
    print(lines[-2:], flush=True)
    if write:
        record(
            "Rumours: Twitter16 veracity from propagation shape and timing (issue 14)",
            "OMP_NUM_THREADS=1 flock /tmp/bench.lock .venv/bin/python bench/rumours.py twitter16",
            lines,
        )


def rumoureval(write: bool) -> None:
    """Leave-one-event-out reply stance (module doc)."""
    embeddings = "--embeddings" in sys.argv
    started = time.time()
    replies, gold, events = rumoureval_replies(SHARED / "rumoureval2017_pheme_threads")
    y = np.array(gold)
    predicted = np.empty(len(y), dtype=object)
    lines = []
    for held in sorted(set(events.tolist())):
        train, test = np.flatnonzero(events != held), np.flatnonzero(events == held)
        chosen = [replies[i] for i in train]
        c = (
            DEFAULT_C
            if "--default-c" in sys.argv
            else choose_c(chosen, list(y[train]), list(events[train]), embeddings=embeddings)
        )
        model = build_model(c, embeddings).fit(chosen, list(y[train]), groups=list(events[train]))
        predicted[test] = model.predict([replies[i] for i in test])
        result = scores(list(y[test]), list(predicted[test]))
        lines.append(
            f"held-out event {held} ({len(test)} posts, C={c}"
            f"{' (default)' if '--default-c' in sys.argv else ' chosen on the other events'}): "
            f"accuracy {result['accuracy']:.3f}, macro-F1 {result['macro_f1']:.3f}"
        )
        print(lines[-1], flush=True)
    lines.append(_line("pooled, learned model", scores(gold, list(predicted))))
    lines.append(
        _line("pooled, offline cue default", scores(gold, [cue_stance(r.text) for r in replies]))
    )
    lines.append(_line("pooled, majority class", scores(gold, ["comment"] * len(gold))))
    lines.append(
        f"4,519 posts, 8 events; {time.time() - started:.0f} s; load {os.getloadavg()[0]:.1f} at the end"
    )
    print("\n".join(lines[-4:]), flush=True)
    if write:
        record(
            "Rumours: RumourEval 2017 reply stance, leave-one-event-out (issue 14)"
            + (", with sentence embeddings" if embeddings else "")
            + (", default C" if "--default-c" in sys.argv else ""),
            "OMP_NUM_THREADS=1 .venv/bin/python bench/rumours.py rumoureval"
            + (" --embeddings" if embeddings else "")
            + (" --default-c" if "--default-c" in sys.argv else ""),
            lines,
        )


if __name__ == "__main__":
    which = sys.argv[1] if len(sys.argv) > 1 else ""
    if which not in ("twitter16", "rumoureval"):
        sys.exit(__doc__)
    {"twitter16": twitter16, "rumoureval": rumoureval}[which]("--no-write" not in sys.argv)
