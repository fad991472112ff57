"""The veracity model chooses its learner on the stories it is given, and only on them."""

from __future__ import annotations

import numpy as np
import pytest

from influscope.analyze.crisis.cascades import Cascade
from influscope.analyze.crisis.veracity import LEARNERS, Story, VeracityModel


def _stories(seed: int, per_class: int) -> tuple[list[Story], list[str]]:
    """Broadcasts (everyone answers the root within minutes) against slow person-to-person chains."""
    rng = np.random.default_rng(seed)
    stories, labels = [], []
    for k in range(per_class):
        n = int(rng.integers(8, 30))
        ids = [f"b{k}-{i}" for i in range(n)]
        times = np.sort(rng.exponential(120.0, n))
        times[0] = 0.0
        stories.append(Story.of(Cascade.build(ids, [None] + [ids[0]] * (n - 1), list(times))))
        labels.append("broadcast")
        ids = [f"c{k}-{i}" for i in range(n)]
        parents = [None] + [ids[int(rng.integers(max(0, i - 2), i))] for i in range(1, n)]
        times = np.cumsum(rng.exponential(3600.0, n))
        times[0] = 0.0
        stories.append(Story.of(Cascade.build(ids, parents, list(times))))
        labels.append("chain")
    return stories, labels


@pytest.mark.slow
def test_learner_chosen_by_inner_cross_validation_on_training_stories_only() -> None:
    train, train_labels = _stories(1, 15)
    test, test_labels = _stories(2, 10)
    model = VeracityModel(use_participants=False, inner_folds=3).fit(train, train_labels)
    assert sorted(model.inner_accuracy) == sorted(LEARNERS)
    best = max(model.inner_accuracy.values())
    assert model.chosen == next(n for n in LEARNERS if model.inner_accuracy[n] == best)
    predicted = model.predict(test)
    assert np.mean(np.array(predicted) == np.array(test_labels)) >= 0.9
    again = VeracityModel(use_participants=False, inner_folds=3).fit(train, train_labels)
    assert again.chosen == model.chosen and again.predict(test) == predicted


def test_a_named_learner_skips_the_choice() -> None:
    train, labels = _stories(3, 8)
    model = VeracityModel(use_participants=False, learner="extra_trees").fit(train, labels)
    assert model.chosen == "extra_trees" and model.inner_accuracy == {}
    assert model.predict([]) == []


def test_the_linear_learner_separates_broadcasts_from_chains_and_is_deterministic() -> None:
    train, labels = _stories(4, 15)
    test, test_labels = _stories(5, 10)
    model = VeracityModel(use_participants=False, learner="linear").fit(train, labels)
    predicted = model.predict(test)
    assert model.chosen == "linear"
    assert np.mean(np.array(predicted) == np.array(test_labels)) >= 0.9
    again = VeracityModel(use_participants=False, learner="linear").fit(train, labels)
    assert again.predict(test + train) == model.predict(test + train)
