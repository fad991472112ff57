"""Veracity of a story from how it spread: its tree's shape and timing, and who carried it.

No text is read. Two kinds of evidence:

- the **shape and timing** of the cascade (:func:`~.spread_features.spread_features`:
  depth and breadth profiles, structural virality, reposts against replies,
  re-entries and repeated accounts counted (never named), growth curve,
  inter-arrival gaps and burstiness, early against late shape);
- its **participants**: accounts that carried earlier stories of a known
  verdict. For each class, a story's score is the mean over its
  participants (not its author) of the smoothed log share of that class among
  the labelled stories they carried before — the "amplifiers of false
  rumours" of the literature. It is learned from the training stories only;
  on a training story its own label is left out (no leak).

Which learner combines them is chosen on the training stories alone
(``learner="choose"``, the default): a random forest, extremely randomised
trees, a histogram gradient boosting and a logistic regression (standardised
features, its C chosen by its own cross-validation) are each scored by stratified
cross-validation *inside* the stories given to :meth:`VeracityModel.fit`,
and the best is refitted on all of them — a cross-validation around
``fit`` is therefore nested, the held-out fold never chooses. Fitting and
predicting are separate, so a cross-validation fits the participant table
on each training fold only. Figures: ``bench/rumours.py``. Families measured
beside these and left out because none gained (per-tree decay exponents,
time to k shares, layout facts, per-level structure, Weisfeiler–Lehman
subtree patterns, a feature set chosen by nested cross-validation):
``bench/veracity_variants.py``.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any, Literal

import numpy as np
from numpy.typing import NDArray

from influscope.analyze.crisis.cascades import Cascade
from influscope.analyze.crisis.spread_features import spread_features


@dataclass
class Story:
    """A cascade with its participants (the accounts that spread it, the author excluded)."""

    cascade: Cascade
    participants: frozenset[str] = frozenset()
    reposts: NDArray[np.bool_] | None = None
    reentries: int = 0

    @classmethod
    def of(cls, cascade: Cascade, reposts: list[bool] | None = None, reentries: int = 0) -> Story:
        """Participants are the cascade's authors but the root's; reposts flag retweets."""
        root_author = cascade.authors[cascade.root] if cascade.authors else None
        flags = None if reposts is None else np.asarray(reposts, dtype=bool)
        participants = frozenset(a for a in cascade.authors if a and a != root_author)
        return cls(cascade, participants, flags, reentries)

    def shape(self) -> dict[str, float]:
        """Shape and timing features (no text, no identities, no absolute time)."""
        return spread_features(self.cascade, self.reposts, self.reentries)


Learner = Literal["forest", "extra_trees", "boosting", "linear"]
LEARNERS: tuple[Learner, ...] = ("forest", "extra_trees", "boosting", "linear")
# The linear learner's regularisation, chosen by its own 5-fold CV on the stories it is fitted on.
LINEAR_C = (0.01, 0.1, 1.0)


def make_learner(name: Learner, seed: int) -> Any:
    """An unfitted scikit-learn classifier, single-threaded and seeded (same input, same verdicts)."""
    from sklearn.ensemble import (
        ExtraTreesClassifier,
        HistGradientBoostingClassifier,
        RandomForestClassifier,
    )

    if name == "linear":
        from sklearn.linear_model import LogisticRegressionCV
        from sklearn.pipeline import make_pipeline
        from sklearn.preprocessing import StandardScaler

        # Hundreds of correlated shape features on a few hundred stories: a regularised
        # linear model competes with the trees (Twitter16, BENCHMARKS.md).
        return make_pipeline(
            StandardScaler(),
            LogisticRegressionCV(
                Cs=list(LINEAR_C), cv=5, l1_ratios=(0.0,), scoring="accuracy",
                use_legacy_attributes=False, max_iter=5000,
            ),
        )  # fmt: skip
    if name == "boosting":
        return HistGradientBoostingClassifier(learning_rate=0.1, max_iter=100, random_state=seed)
    if name == "extra_trees":
        return ExtraTreesClassifier(n_estimators=500, random_state=seed, n_jobs=1)
    return RandomForestClassifier(n_estimators=500, random_state=seed, n_jobs=1)


@dataclass
class VeracityModel:
    """Shape+timing features, optionally participants' history, and a learner chosen in ``fit``."""

    use_participants: bool = True
    seed: int = 0
    learner: Learner | Literal["choose"] = "choose"
    inner_folds: int = 5
    classes: list[str] = field(default_factory=list)
    chosen: Learner | None = None
    inner_accuracy: dict[str, float] = field(default_factory=dict)
    _history: dict[str, NDArray[np.float64]] = field(default_factory=dict)
    _prior: NDArray[np.float64] = field(default_factory=lambda: np.zeros(0))
    _forest: Any = None

    def _participants(
        self, stories: list[Story], own: list[int] | None = None
    ) -> NDArray[np.float64]:
        k = len(self.classes)
        out = np.zeros((len(stories), k + 1))
        for row, story in enumerate(stories):
            total = np.zeros(k)
            known = 0
            # Sorted: a frozenset's order follows the process' string hashing, and the float
            # sum below must not (same input, same verdicts in every run).
            for account in sorted(story.participants):
                counts = self._history.get(account)
                if counts is None:
                    continue
                if own is not None:
                    counts = counts.copy()
                    counts[own[row]] -= 1.0
                if counts.sum() <= 0:
                    continue
                total += np.log((counts + self._prior) / (counts.sum() + 1.0))
                known += 1
            out[row, :k] = total / max(known, 1)
            out[row, k] = known / max(len(story.participants), 1)
        return out

    def _features(self, stories: list[Story], own: list[int] | None = None) -> NDArray[np.float64]:
        shape = np.array([[v for _, v in sorted(s.shape().items())] for s in stories])
        if not self.use_participants:
            return shape
        return np.hstack([shape, self._participants(stories, own)])

    def fit(self, stories: list[Story], labels: list[str]) -> VeracityModel:
        """Learn the participants' history, choose the learner on these stories, fit it."""
        self.classes = sorted(set(labels))
        index = {c: i for i, c in enumerate(self.classes)}
        own = [index[label] for label in labels]
        history: dict[str, NDArray[np.float64]] = defaultdict(lambda: np.zeros(len(self.classes)))
        for story, c in zip(stories, own, strict=True):
            for account in story.participants:
                history[account][c] += 1.0
        self._history = dict(history)
        self._prior = np.bincount(own, minlength=len(self.classes)) / max(len(own), 1)
        features = self._features(stories, own)
        self.chosen = self._choose(features, labels) if self.learner == "choose" else self.learner
        self._forest = make_learner(self.chosen, self.seed).fit(features, labels)
        return self

    def _choose(self, features: NDArray[np.float64], labels: list[str]) -> Learner:
        """The learner with the best stratified CV accuracy on the training stories (ties: order)."""
        from sklearn.model_selection import StratifiedKFold, cross_val_score

        folds = StratifiedKFold(self.inner_folds, shuffle=True, random_state=self.seed)
        target = np.asarray(labels)
        self.inner_accuracy = {
            name: float(
                cross_val_score(make_learner(name, self.seed), features, target, cv=folds).mean()
            )
            for name in LEARNERS
        }
        return max(LEARNERS, key=lambda name: self.inner_accuracy[name])

    def predict(self, stories: list[Story]) -> list[str]:
        """The verdict of each story."""
        if not stories:
            return []
        return [str(v) for v in self._forest.predict(self._features(stories))]
