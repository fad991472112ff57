"""Rumours on real data: Twitter16 veracity from propagation only, RumourEval 2017 reply stance.

Both are leave-data-out evaluations as issue 14 defines them; the full runs
with every figure (per class, per held-out event, nested choice of C) are in
``bench/rumours.py`` and BENCHMARKS.md. Here the measured figures are asserted
with a small margin, on the same data and folds, at the product's defaults.
"""

from __future__ import annotations

import numpy as np
import pytest

from influscope.analyze.crisis.veracity import VeracityModel
from influscope.enrich.learned import scores
from influscope.enrich.reply_stance import cue_stance
from influscope.enrich.reply_stance_model import build_model
from tests.analyze.crisis.rumour_data import rumoureval_replies, twitter16_stories
from tests.conftest import shared_path

# Measured on this data at the product's defaults (deterministic: seeded models, fixed folds).
# Twitter16: the product chooses its learner inside each training fold (bench/rumours.py, nested,
# ~15 min, 0.604); gradient boosting, which it chose in two folds (a logistic regression in
# three), is fitted here directly (same features, same folds: 0.592 with boosting alone).
MEASURED_TWITTER16 = 0.592
MEASURED_RUMOUREVAL = 0.710  # C=0.1; bench/rumours.py chooses C on the training events: 0.708


@pytest.mark.realdata
@pytest.mark.slow
def test_twitter16_veracity_from_structure_and_timing() -> None:
    from sklearn.model_selection import StratifiedKFold

    stories, gold, _ = twitter16_stories(
        shared_path("datasets", "rumour_twitter16_propagation_trees")
    )
    assert len(stories) == 818
    y = np.array(gold)
    predicted = np.empty(len(y), dtype=object)
    for train, test in StratifiedKFold(5, shuffle=True, random_state=0).split(y, y):
        model = VeracityModel(use_participants=False, learner="boosting").fit(
            [stories[i] for i in train], list(y[train])
        )
        predicted[test] = model.predict([stories[i] for i in test])
    result = scores(list(y), list(predicted))
    print("twitter16 shape+timing", result)
    # Issue 14 asks 0.75 from structure and timing only: not reached (BENCHMARKS.md).
    assert result["accuracy"] >= MEASURED_TWITTER16 - 0.01, result
    assert min(result["f1"].values()) >= 0.42, result


@pytest.mark.realdata
@pytest.mark.slow
def test_rumoureval_reply_stance_leave_one_event_out() -> None:
    replies, gold, events = rumoureval_replies(
        shared_path("datasets", "rumoureval2017_pheme_threads")
    )
    assert len(set(events.tolist())) == 8
    y = np.array(gold)
    predicted = np.empty(len(y), dtype=object)
    for held in sorted(set(events.tolist())):
        train, test = np.flatnonzero(events != held), np.flatnonzero(events == held)
        model = build_model().fit(
            [replies[i] for i in train], list(y[train]), groups=list(events[train])
        )
        predicted[test] = model.predict([replies[i] for i in test])
    learned = scores(gold, list(predicted))
    default = scores(gold, [cue_stance(r.text) for r in replies])
    majority = scores(gold, ["comment"] * len(gold))
    print("rumoureval learned", learned)
    print("rumoureval offline default", default)
    assert learned["macro_f1"] > majority["macro_f1"] + 0.15
    assert default["f1"]["query"] > 0.3 and default["f1"]["deny"] > 0.0
    # Issue 14 asks 0.75; see BENCHMARKS.md for the measured figure.
    assert learned["accuracy"] >= MEASURED_RUMOUREVAL - 0.01, learned
    assert learned["macro_f1"] >= 0.43, learned
