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

A random forest combines them (``boosting=True``: a histogram gradient
boosting instead; on Twitter16 the forest is as good or better, see
``bench/rumours.py``). Fitting and predicting are separate, so a
cross-validation fits the participant table on each training fold only.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

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


@dataclass
class VeracityModel:
    """Shape+timing features, optionally participants' history, and a random forest."""

    use_participants: bool = True
    seed: int = 0
    boosting: bool = False
    classes: list[str] = field(default_factory=list)
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
            for account in story.participants:
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
        """Learn the participants' history and the forest from labelled stories."""
        from sklearn.ensemble import HistGradientBoostingClassifier, RandomForestClassifier

        self.classes = sorted(set(labels))
        index = {c: i for i, c in enumerate(self.classes)}
        own = [index[label] for label in labels]
        history: dict[str, NDArray[np.float64]] = defaultdict(lambda: np.zeros(len(self.classes)))
        for story, c in zip(stories, own, strict=True):
            for account in story.participants:
                history[account][c] += 1.0
        self._history = dict(history)
        self._prior = np.bincount(own, minlength=len(self.classes)) / max(len(own), 1)
        if self.boosting:
            self._forest = HistGradientBoostingClassifier(
                learning_rate=0.05, max_iter=300, random_state=self.seed
            )
        else:
            self._forest = RandomForestClassifier(
                n_estimators=500, random_state=self.seed, n_jobs=1
            )
        self._forest.fit(self._features(stories, own), labels)
        return self

    def predict(self, stories: list[Story]) -> list[str]:
        """The verdict of each story."""
        if not stories:
            return []
        return [str(v) for v in self._forest.predict(self._features(stories))]
