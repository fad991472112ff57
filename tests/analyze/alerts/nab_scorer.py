"""A NAB scorer written from the published rules (Lavin & Ahmad 2015; NAB's sweeper).

Each labelled window rewards its earliest detection with a scaled sigmoid of
the detection's relative position in the window (left edge ~ +1, right edge ~
0) times A_TP; a window without detection costs A_FN; a detection outside any
window costs A_FP times the sigmoid of its distance past the previous window
(-1 when there is none or it is far). The first 15% of rows (capped at 750,
as NAB's code does) are probationary: detections there are not scored, and a
window entirely inside it is not counted. Normalised: 100 (S - S_null) /
(S_perfect - S_null), with the null detector missing every window.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import datetime

PROFILES = {
    "standard": {"tp": 1.0, "fp": 0.11, "fn": 1.0},
    "reward_low_FP_rate": {"tp": 1.0, "fp": 0.22, "fn": 1.0},
    "reward_low_FN_rate": {"tp": 1.0, "fp": 0.11, "fn": 2.0},
}


def scaled_sigmoid(position: float) -> float:
    if position >= 3.0:
        return -1.0
    return 2.0 / (1.0 + math.exp(5.0 * position)) - 1.0


@dataclass
class FileScore:
    score: float
    windows: int
    detected: int
    false_positives: int


@dataclass
class Prepared:
    """Per-row weights and window labels of one series: score many detection sets quickly."""

    index: dict[datetime, int]
    weight: list[float]
    label: list[int | None]
    probation: float
    scored: set[int]
    fn: float


def prepare(
    times: list[datetime],
    windows: list[tuple[datetime, datetime]],
    profile: str = "standard",
    probation_fraction: float = 0.15,
    cap_at_5000_rows: bool = True,
) -> Prepared:
    weights = PROFILES[profile]
    n = len(times)
    probation: float = math.floor(probation_fraction * n)
    if cap_at_5000_rows:  # NAB's code: the probation never exceeds 15% of 5,000 rows
        probation = min(probation, probation_fraction * 5000)
    index = {t: i for i, t in enumerate(times)}
    spans = sorted((index[a], index[b]) for a, b in windows)
    max_tp = scaled_sigmoid(-1.0)
    weight = [0.0] * n
    label: list[int | None] = [None] * n
    previous: tuple[int, int] | None = None
    w = 0
    current: tuple[int, int] | None = None
    for i in range(n):
        if w < len(spans) and i == spans[w][0]:
            current = spans[w]
            w += 1
        if current is not None:
            width = current[1] - current[0] + 1
            weight[i] = scaled_sigmoid(-(current[1] - i + 1) / width) * weights["tp"] / max_tp
            label[i] = spans.index(current)
        else:
            if previous is None:
                past = 3.0
            else:
                past = abs(previous[1] - i) / float(previous[1] - previous[0])
            weight[i] = scaled_sigmoid(past) * weights["fp"]
        if current is not None and i == current[1]:
            previous, current = current, None
    scored = {label[i] for i in range(n) if label[i] is not None and i >= probation}
    return Prepared(index, weight, label, probation, scored, weights["fn"])  # type: ignore[arg-type]


def score_prepared(prepared: Prepared, rows: list[int]) -> FileScore:
    """The score of detections given as row indices."""
    best = {k: -prepared.fn for k in prepared.scored}
    fp_total = 0.0
    fps = 0
    for i in rows:
        if i < prepared.probation:
            continue
        label = prepared.label[i]
        if label is None:
            fp_total += prepared.weight[i]
            fps += 1
        elif label in best:
            best[label] = max(best[label], prepared.weight[i])
    detected = sum(1 for k in best if best[k] > -prepared.fn)
    return FileScore(sum(best.values()) + fp_total, len(best), detected, fps)


def score_file(
    times: list[datetime],
    detections: list[datetime],
    windows: list[tuple[datetime, datetime]],
    profile: str = "standard",
    probation_fraction: float = 0.15,
    cap_at_5000_rows: bool = True,
) -> FileScore:
    prepared = prepare(times, windows, profile, probation_fraction, cap_at_5000_rows)
    return score_prepared(prepared, [prepared.index[moment] for moment in detections])


def normalise(total: float, windows: int, profile: str = "standard") -> float:
    weights = PROFILES[profile]
    null = -windows * weights["fn"]
    perfect = windows * weights["tp"]
    return 100.0 * (total - null) / (perfect - null)
