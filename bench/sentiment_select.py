"""Choosing the self-training settings across labelled sets, never on one (leave one set out).

Usage: .venv/bin/python bench/sentiment_select.py [--no-write]

The adapter of :mod:`influscope.enrich.adapt` has three settings that change
its labels: the seed margin (from which |compound| a lexicon label is a seed),
the SGD regularisation and the weight of the lexicon's compound in the final
decision. Each combination of a small grid is run on the four sets of
``bench/sentiment_quality.py`` (each set is its own workspace; labels are only
read to score). For each set, the combination with the best mean macro-F1 on
the *other three* is applied to it: that held-out figure is the
cross-validated one. The shipped default is the combination best on all four
(in-sample, hence optimistic; both are written).
"""

from __future__ import annotations

import itertools
import os
import time

import numpy as np
import pyarrow as pa
from common import record
from sentiment_quality import SETS
from sklearn.metrics import accuracy_score, f1_score

from influscope.enrich import adapt
from influscope.enrich.sentiment import labels, score
from influscope.enrich.sentiment_tokens import tokenize

MARGINS = (0.2, 0.3, 0.5)
ALPHAS = (1e-5, 1e-4, 1e-3)
WEIGHTS = (0.5, 1.0, 2.0, 4.0)
Setting = tuple[float, float, float]


def run_grid() -> dict[tuple[Setting, str], tuple[float, float]]:
    """(setting, set name) -> (accuracy, macro-F1) for every setting of the grid."""
    out: dict[tuple[Setting, str], tuple[float, float]] = {}
    for name, (loader, lang) in SETS.items():
        texts, gold = loader()
        text, langs = pa.array(texts), pa.array([lang] * len(texts))
        tokens = tokenize(text)
        compound = score(text, langs, tokens)
        classes = sorted(set(gold))
        for margin, alpha in itertools.product(MARGINS, ALPHAS):
            model = adapt.fit(tokens, compound, margin=margin, alpha=alpha)
            for weight in WEIGHTS:
                if model is None:  # too few seeds: the product falls back to the lexicon
                    predicted = labels(compound)
                else:
                    predicted = adapt.Adapter(model.model, weight).predict(tokens, compound)[0]
                macro = f1_score(gold, predicted, labels=classes, average="macro", zero_division=0)
                out[((margin, alpha, weight), name)] = (accuracy_score(gold, predicted), macro)
    return out


def describe(setting: Setting) -> str:
    """A setting as the module constants name it."""
    return f"margin {setting[0]:g}, alpha {setting[1]:g}, lexicon weight {setting[2]:g}"


def main() -> None:
    load_before = os.getloadavg()[0]
    started = time.perf_counter()
    scores = run_grid()
    grid = list(itertools.product(MARGINS, ALPHAS, WEIGHTS))

    def best(names: list[str]) -> Setting:
        return max(grid, key=lambda s: (np.mean([scores[(s, n)][1] for n in names]), s))

    lines, held = [], []
    for name in SETS:
        chosen = best([n for n in SETS if n != name])
        accuracy, macro = scores[(chosen, name)]
        held.append(macro)
        lines.append(
            f"held out {name}: chosen on the other three [{describe(chosen)}] → "
            f"**accuracy {accuracy:.3f}, macro-F1 {macro:.3f}**"
        )
    lines.append(f"leave-one-set-out mean macro-F1: **{np.mean(held):.3f}**")
    shipped = best(list(SETS))
    per_set = ", ".join(
        f"{n} acc {scores[(shipped, n)][0]:.3f} / F1 {scores[(shipped, n)][1]:.3f}" for n in SETS
    )
    lines.append(f"chosen on all four (shipped): [{describe(shipped)}]; in-sample {per_set}")
    shipped_now = (adapt.SEED_MARGIN, adapt.ALPHA, adapt.LEXICON_WEIGHT)
    lines.append(
        f"module defaults [{describe(shipped_now)}] "
        + ("match" if shipped_now == shipped else "DIFFER from")
        + " the setting chosen on all four"
    )
    lines.append(
        f"{len(grid)} settings × {len(SETS)} sets in {time.perf_counter() - started:.0f} s; "
        f"1-min load average {load_before:.1f} on {os.cpu_count()} cores at start"
    )
    command = ".venv/bin/python bench/sentiment_select.py"
    record("enrich: self-training settings, leave one set out", command, lines)


if __name__ == "__main__":
    main()
