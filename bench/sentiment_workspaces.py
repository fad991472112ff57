"""Out-of-the-box sentiment on workspaces of a realistic size, not on small evaluation splits.

Usage: flock /tmp/bench.lock .venv/bin/python bench/sentiment_workspaces.py [--no-write]

``bench/sentiment_select.py`` plays each labelled set as a workspace, but two
of them are small splits: DEFT 2017 validation (324 tweets) and Allociné dev
(391 reviews) give the adapter too few seeds, so it never runs there and the
selection never saw it on French text. Here every labelled document of a set
is one workspace (DEFT train + validation, 2,163 French tweets; Allociné
train + dev, 3,130 reviews; the airline and SemEval sets as in
``sentiment_quality.py``), labels read only to score. Three candidates with
the shipped settings: the lexicon alone, the adapter free to turn a
lexicon-polar document neutral (before round 6), and the shipped adapter,
which never does (:meth:`influscope.enrich.adapt.Adapter.predict`). Then the
adapter's whole grid (seed margin, SGD alpha, class balance, lexicon weight)
leave-one-set-out for each of the two rules.
"""

from __future__ import annotations

import itertools
import os
import sys
import time
from functools import partial

import numpy as np
import pyarrow as pa
from common import record
from sentiment_quality import airline, allocine, deft, semeval
from sklearn.metrics import accuracy_score, f1_score

from influscope.enrich import adapt
from influscope.enrich.sentiment import THRESHOLD, labels, score
from influscope.enrich.sentiment_tokens import tokenize

MARGINS = (0.2, 0.3, 0.5)
ALPHAS = (1e-5, 1e-4, 1e-3)
BALANCES = (0.0, 0.5, 1.0)
WEIGHTS = (0.5, 1.0, 2.0, 4.0)
RULES = {"may silence": float("inf"), "keeps lexicon-polar (shipped)": THRESHOLD}


SETS = {
    "airline (EN, 14,485)": (airline, "en"),
    "SemEval-2016 (EN, 2,914)": (semeval, "en"),
    "DEFT 2017 train+val (FR, 2,163)": (partial(deft, ("train", "val")), "fr"),
    "Allociné train+dev (FR, 3,130)": (partial(allocine, ("train", "dev")), "fr"),
}


def main() -> None:
    load = os.getloadavg()[0]
    started = time.perf_counter()
    scored: dict[tuple[object, str], tuple[float, float]] = {}
    shipped = (adapt.SEED_MARGIN, adapt.ALPHA, adapt.BALANCE, adapt.LEXICON_WEIGHT)
    for name, (loader, lang) in SETS.items():
        texts, gold = loader()
        text, langs = pa.array(texts), pa.array([lang] * len(texts))
        tokens = tokenize(text)
        compound = score(text, langs, tokens)
        classes = sorted(set(gold))

        def measure(
            predicted: list[str], gold: list[str] = gold, classes: list[str] = classes
        ) -> tuple[float, float]:
            macro = f1_score(gold, predicted, labels=classes, average="macro", zero_division=0)
            return float(accuracy_score(gold, predicted)), float(macro)

        scored[("lexicon", name)] = measure(labels(compound))
        for margin, alpha, balance in itertools.product(MARGINS, ALPHAS, BALANCES):
            model = adapt.fit(tokens, compound, margin=margin, alpha=alpha, balance=balance)
            for weight, (rule, threshold) in itertools.product(WEIGHTS, RULES.items()):
                # An infinite threshold: no document is polar enough to keep (the old rule).
                predicted = (
                    labels(compound)
                    if model is None
                    else adapt.Adapter(model.model, weight).predict(tokens, compound, threshold)[0]
                )
                scored[((rule, margin, alpha, balance, weight), name)] = measure(predicted)
    names = list(SETS)

    def cells(key: object) -> str:
        return "; ".join(
            f"{n} {scored[(key, n)][0]:.3f} / {scored[(key, n)][1]:.3f}" for n in names
        )

    def mean(key: object, among: list[str]) -> float:
        return float(np.mean([scored[(key, n)][1] for n in among]))

    lines = [
        "each set is one workspace of all its labelled documents; labels only score (accuracy / macro-F1)",
        f"lexicon alone: {cells('lexicon')} → mean macro-F1 **{mean('lexicon', names):.3f}**",
    ]
    for rule in RULES:
        key = (rule, *shipped)
        lines.append(
            f"adapter, shipped settings, {rule}: {cells(key)} → mean macro-F1 **{mean(key, names):.3f}**"
        )
    for rule in RULES:
        pool = [k for k in {k for k, _ in scored} if k != "lexicon" and k[0] == rule]
        held = []
        for name in names:
            others = [n for n in names if n != name]
            chosen = max(pool, key=lambda k: (mean(k, others), str(k)))
            held.append(scored[(chosen, name)][1])
            lines.append(
                f"{rule}, held out {name}: chosen on the other three [margin {chosen[1]}, alpha {chosen[2]}, "
                f"balance {chosen[3]}, weight {chosen[4]}] → {scored[(chosen, name)][0]:.3f} / {scored[(chosen, name)][1]:.3f}"
            )
        lines.append(f"{rule}: leave-one-set-out mean macro-F1 **{np.mean(held):.3f}**")
    lines.append(
        f"{len(MARGINS) * len(ALPHAS) * len(BALANCES) * len(WEIGHTS)} adapter settings × 2 rules × 4 sets in {time.perf_counter() - started:.0f} s; 1-min load average {load:.1f} on {os.cpu_count()} cores at start"
    )
    command = "flock /tmp/bench.lock .venv/bin/python bench/sentiment_workspaces.py"
    if "--no-write" in sys.argv:
        print("\n".join(lines))
    else:
        record("enrich: out-of-the-box sentiment on workspace-size sets", command, lines)


if __name__ == "__main__":
    main()
