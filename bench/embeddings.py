"""Learned classifiers with and without sentence embeddings, side by side (issue 12, item 8).

Usage:
    flock /tmp/bench.lock .venv/bin/python bench/embeddings.py [--no-write]

- **SemEval-2016 stance**: the split of tests/enrich/test_quality_realdata.py
  (per target, 80 % of the training tweets labelled, stratified, seed 0; the
  other 20 % scored), F_avg over all targets. Each fixed variant (n-grams
  alone, embeddings alone, both), then the product's choice: the variant with
  the best 5-fold macro-F1 on each target's training labels (``train
  --embeddings``), and the choice among n-gram variants only (``train``).
- **DEFT 2017** (French sentiment): train -> validation macro-F1, the same
  variants and choices.
- **Time per 1,000 documents**, one thread: encoding (cache empty) against
  the n-gram model's featurisation + prediction.

One thread everywhere (OMP_NUM_THREADS=1, set before the encoder loads), so
the figures do not depend on what else the machine runs beyond its load.
"""

from __future__ import annotations

import csv
import io
import os
import sys
import time
from pathlib import Path

os.environ["OMP_NUM_THREADS"] = "1"

import numpy as np  # noqa: E402
from common import ROOT, record  # noqa: E402
from sklearn.model_selection import train_test_split  # noqa: E402

from influscope.enrich import embeddings  # noqa: E402
from influscope.enrich.learned import (  # noqa: E402
    EMBEDDING_VARIANTS,
    NGRAM_VARIANTS,
    Variant,
    build_model,
    scores,
    train,
)

DATA = Path(os.environ.get("INFLUSCOPE_SHARED", ROOT.parent / "shared")) / "datasets"
FIXED = [
    Variant("ngrams", False, 0.5),
    Variant("ngrams", True, 0.5),
    Variant("embeddings", False, 1.0),
    Variant("both", False, 0.5),
]


def semeval_splits() -> list[tuple[list[str], list[str], list[str], list[str]]]:
    """Per target: train texts, train labels, held-out texts, held-out labels."""
    path = DATA / "semeval2016_task6_stance" / "trainingdata-all-annotations.txt"
    text = path.read_bytes().decode("cp1252")
    rows = list(csv.DictReader(io.StringIO(text), delimiter="\t", quoting=csv.QUOTE_NONE))
    out = []
    for target in sorted({r["Target"] for r in rows}):
        mine = [r for r in rows if r["Target"] == target]
        texts = [r["Tweet"].replace("#SemST", "").strip() for r in mine]
        stances = [r["Stance"] for r in mine]
        tr, te, ytr, yte = train_test_split(
            texts, stances, test_size=0.2, random_state=0, stratify=stances
        )
        out.append((tr, ytr, te, yte))
    return out


def deft_split() -> tuple[list[str], list[str], list[str], list[str]]:
    """DEFT 2017 train and validation tweets with their labels."""
    folder = DATA / "fr_umsab_deft2017_sentiment"

    def lines(name: str) -> list[str]:
        return (folder / name).read_text(encoding="utf-8").split("\n")

    names = {"0": "negative", "1": "neutral", "2": "positive"}
    return (
        lines("train_text.txt"),
        [names[v] for v in lines("train_labels.txt")],
        lines("val_text.txt"),
        [names[v] for v in lines("val_labels.txt")],
    )


def f_avg(gold: list[str], predicted: list[str]) -> float:
    f1 = scores(gold, predicted)["f1"]
    return (f1.get("FAVOR", 0.0) + f1.get("AGAINST", 0.0)) / 2


def fixed(variant: Variant, tr: list[str], ytr: list[str], te: list[str]) -> list[str]:
    model = build_model(variant.C, variant.lexicon, variant.features).fit(tr, ytr)
    return [str(v) for v in model.predict(te)]


def chosen(
    tr: list[str], ytr: list[str], te: list[str], with_embeddings: bool
) -> tuple[list[str], str]:
    result = train(tr, ytr, folds=5, embeddings=with_embeddings)
    return [str(v) for v in result.model.predict(te)], result.metrics["variant"]


def semeval(lines: list[str]) -> None:
    splits = semeval_splits()
    gold = [y for *_, yte in splits for y in yte]
    for variant in FIXED:
        predicted = [p for tr, ytr, te, _ in splits for p in fixed(variant, tr, ytr, te)]
        lines.append(
            f"SemEval-2016 held-out 20 %, always {variant.describe()}: F_avg {f_avg(gold, predicted):.3f}"
        )
        print(lines[-1], flush=True)
    for with_embeddings, name in ((False, "train"), (True, "train --embeddings")):
        predicted, picks = [], []
        for tr, ytr, te, _ in splits:
            values, pick = chosen(tr, ytr, te, with_embeddings)
            predicted += values
            picks.append(pick)
        candidates = EMBEDDING_VARIANTS if with_embeddings else NGRAM_VARIANTS
        lines.append(
            f"SemEval-2016 held-out 20 %, `{name}` (chosen per target by 5-fold CV on its training "
            f"labels among {len(candidates)} variants: {', '.join(picks)}): F_avg {f_avg(gold, predicted):.3f}"
        )
        print(lines[-1], flush=True)


def deft(lines: list[str]) -> None:
    tr, ytr, te, yte = deft_split()
    for variant in FIXED:
        macro = scores(yte, fixed(variant, tr, ytr, te))["macro_f1"]
        lines.append(f"DEFT 2017 train -> val, always {variant.describe()}: macro-F1 {macro:.3f}")
        print(lines[-1], flush=True)
    for with_embeddings, name in ((False, "train"), (True, "train --embeddings")):
        predicted, pick = chosen(tr, ytr, te, with_embeddings)
        macro = scores(yte, predicted)["macro_f1"]
        lines.append(f"DEFT 2017 train -> val, `{name}` (chose {pick}): macro-F1 {macro:.3f}")
        print(lines[-1], flush=True)


def timing(lines: list[str]) -> None:
    splits = semeval_splits()
    texts = [t for tr, _, te, _ in splits for t in tr + te][:1000]
    embeddings._cache.clear()
    started = time.perf_counter()
    embeddings.embed(texts)
    encode = time.perf_counter() - started
    tr, ytr, _, _ = splits[0]
    model = build_model(0.5, False, "ngrams").fit(tr, ytr)
    started = time.perf_counter()
    model.predict(texts)
    ngram = time.perf_counter() - started
    lines.append(
        f"time per 1,000 tweets, one thread: sentence embeddings {encode:.1f} s (encoding), "
        f"n-gram model {ngram:.2f} s (features + prediction); load {os.getloadavg()[0]:.1f}"
    )
    print(lines[-1], flush=True)


def main() -> None:
    started = time.time()
    lines: list[str] = [f"encoder {embeddings.version()}"]
    timing(lines)
    semeval(lines)
    deft(lines)
    lines.append(f"{time.time() - started:.0f} s; load {os.getloadavg()[0]:.1f} at the end")
    if "--no-write" not in sys.argv:
        record(
            "Learned classifiers with sentence embeddings (issue 12)",
            "flock /tmp/bench.lock .venv/bin/python bench/embeddings.py",
            lines,
        )


if __name__ == "__main__":
    np.random.seed(0)
    main()
