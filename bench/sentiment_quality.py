"""Out-of-the-box sentiment, side by side on four labelled sets (no label is used to predict).

Usage: .venv/bin/python bench/sentiment_quality.py [--no-write]

Candidates: the lexicon alone (``[enrich] sentiment_adapt = false``) and the
default, the lexicon adapted to each set's own documents by self-training
(:mod:`influscope.enrich.adapt`; each set plays the part of a workspace).
Sets: English airline complaints (Tweets.csv, deduplicated), English SemEval-2016
tweets (train + trial, their *Sentiment* column; NEITHER = neutral), French DEFT
2017 validation tweets, French Allociné TV reviews (dev; two classes, so a
neutral answer counts as wrong). The labels are read only to score.
The default is chosen on the mean macro-F1 over the four, not on one set.
"""

from __future__ import annotations

import csv
import io
import os
import sys
import time
from pathlib import Path

import numpy as np
import pyarrow as pa
from common import BENCHMARKS, ROOT, record
from sklearn.metrics import accuracy_score, f1_score

from influscope.enrich import adapt
from influscope.enrich.sentiment import THRESHOLD, labels, score
from influscope.enrich.sentiment_tokens import tokenize

DATA = Path(os.environ.get("INFLUSCOPE_SHARED", ROOT.parent / "shared")) / "datasets"


def airline() -> tuple[list[str], list[str]]:
    path = DATA / "twitter_us_airline_sentiment" / "Tweets.csv"
    first: dict[str, dict[str, str]] = {}
    with path.open(encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            first.setdefault(row["tweet_id"], row)
    return [r["text"] for r in first.values()], [r["airline_sentiment"] for r in first.values()]


def semeval() -> tuple[list[str], list[str]]:
    texts, gold = [], []
    for name in ("trainingdata-all-annotations.txt", "trialdata-all-annotations.txt"):
        raw = (DATA / "semeval2016_task6_stance" / name).read_bytes().decode("cp1252")
        for row in csv.DictReader(io.StringIO(raw), delimiter="\t", quoting=csv.QUOTE_NONE):
            texts.append(row["Tweet"].replace("#SemST", "").strip())
            value = row["Sentiment"].strip().lower()
            gold.append(value if value in ("positive", "negative") else "neutral")
    return texts, gold


def deft(splits: tuple[str, ...] = ("val",)) -> tuple[list[str], list[str]]:
    """DEFT 2017 tweets of ``splits`` (the validation split by default)."""
    folder = DATA / "fr_umsab_deft2017_sentiment"
    names = {"0": "negative", "1": "neutral", "2": "positive"}
    texts: list[str] = []
    gold: list[str] = []
    for split in splits:
        texts += (folder / f"{split}_text.txt").read_text(encoding="utf-8").split("\n")
        values = (folder / f"{split}_labels.txt").read_text(encoding="utf-8").split("\n")
        gold += [names[v] for v in values]
    return texts, gold


def allocine(splits: tuple[str, ...] = ("dev",)) -> tuple[list[str], list[str]]:
    """Allociné reviews of ``splits`` (dev by default); two classes."""
    texts, gold = [], []
    for split in splits:
        path = DATA / "fr_allocine_tv_reviews_dongdemelo" / f"{split}.tsv"
        for line in path.read_text("utf-8").splitlines():
            if line.strip():
                value, text = line.split("\t", 1)
                texts.append(text)
                gold.append("positive" if value.strip() == "1" else "negative")
    return texts, gold


SETS = {
    "airline (EN)": (airline, "en"),
    "SemEval-2016 sentiment (EN)": (semeval, "en"),
    "DEFT 2017 val (FR)": (deft, "fr"),
    "Allociné dev (FR)": (allocine, "fr"),
}


def lexicon_only(text: pa.Array, langs: pa.Array) -> list[str]:
    return labels(score(text, langs))


def adapted(text: pa.Array, langs: pa.Array) -> list[str]:
    tokens = tokenize(text)
    compound = score(text, langs, tokens)
    model = adapt.fit(tokens, compound)
    return labels(compound) if model is None else model.predict(tokens, compound, THRESHOLD)[0]


def main() -> None:
    load_before = os.getloadavg()[0]
    table = [
        "| candidate | " + " | ".join(SETS) + " | mean macro-F1 |",
        "|---" * (len(SETS) + 2) + "|",
    ]
    for name, predict in (
        ("lexicon alone", lexicon_only),
        ("lexicon + self-training (default)", adapted),
    ):
        cells, macros = [], []
        for loader, lang in SETS.values():
            texts, gold = loader()
            text, langs = pa.array(texts), pa.array([lang] * len(texts))
            predict(text[:50], langs[:50])  # warm the lexicon caches out of the timing
            started = time.perf_counter()
            predicted = predict(text, langs)
            rate = len(texts) / (time.perf_counter() - started)
            classes = sorted(set(gold))
            macro = f1_score(gold, predicted, labels=classes, average="macro", zero_division=0)
            macros.append(macro)
            cells.append(
                f"acc {accuracy_score(gold, predicted):.3f}, F1 {macro:.3f} ({rate:,.0f}/s)"
            )
        table.append(f"| {name} | " + " | ".join(cells) + f" | {np.mean(macros):.3f} |")
    lines = [
        "labels are read only to score; each set is its own workspace for the self-training",
        f"1-min load average {load_before:.1f} on {os.cpu_count()} cores at start "
        "(docs/s here are single small sets with the model fitted inside the timing; "
        "bench/enrich.py gives the throughput at 1M documents)",
    ]
    command = ".venv/bin/python bench/sentiment_quality.py"
    if "--no-write" in sys.argv:
        print("\n".join(lines + table))
    else:
        record("enrich: out-of-the-box sentiment quality", command, lines)
        with BENCHMARKS.open("a") as handle:  # a Markdown table, not list items
            handle.write("\n".join(table) + "\n\n")
        print("\n".join(table))


if __name__ == "__main__":
    main()
