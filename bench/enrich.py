"""Benchmark: language + sentiment enrichment over N generated documents.

Usage: .venv/bin/python bench/enrich.py [N] [--no-write]

Documents are generated here (French and English posts assembled from word
lists, with URLs, mentions, hashtags and emoji, no language given) and written
straight into a fresh workspace's store; the timed part is ``Workspace.enrich``
with only the ``language`` and ``sentiment`` enrichers (reading pages through
Ibis, enriching, writing enrichments and filling ``documents.lang``). The
sentiment step is the default: the lexicon adapted to the workspace by
self-training (fitted on a 30,000-document sample inside the timing). Then the
sentiment step is run again over every document twice, the default then the
lexicon alone (the previous default's code path), each timed in wall and CPU
seconds, so the two rates and their ratio come from the same run; then the
default once more with the simulated demo's four brands blanked (15 phrases,
what a workspace with ``[[brands]]`` pays), and with the opt-in French
lists. Figures are printed and appended to BENCHMARKS.md.
"""

from __future__ import annotations

import os
import sys
import tempfile
import time
from pathlib import Path

import numpy as np
import psutil
import pyarrow as pa
from common import record

from influscope.config import Brand
from influscope.demo.cast import COMPANY, COMPETITORS
from influscope.enrich.base import EnrichContext
from influscope.enrich.pipeline import run_pipeline
from influscope.enrich.sentiment import SentimentEnricher, brand_phrases
from influscope.workspace import Workspace

CONFIG = '[enrich]\nskip = ["paid", "entities"]\n'
WORDS = {
    "fr": (
        "le la les un une des et mais pour avec sans sur dans notre votre service client train "
        "retard usine futur énergie climat merci super nul honte bravo vraiment très trop pas "
        "jamais entreprise projet équipe produit prix qualité livraison commande magasin ville "
        "l'usine d'abord qu'il n'est c'est aujourd'hui demain hier semaine travail emploi"
    ).split(),
    "en": (
        "the a and but for with without on in our your customer service flight delay plane "
        "factory future energy climate thanks great awful shame love hate really very too not "
        "never company project team product price quality delivery order store city today "
        "tomorrow yesterday week work job help please still waiting again"
    ).split(),
}
BRANDS = [
    Brand(name=b.name, aliases=list(b.aliases), handles=[f"@{b.handle}"], domains=[b.domain])
    for b in (COMPANY, *COMPETITORS)
]
EXTRAS = ["https://example.com/x", "@acme", "#climat", "#industrie40", "🙂", "😡", "!", "?"]


def generate(n: int, seed: int = 7) -> pa.Table:
    """n documents, 60% English and 40% French, 8–30 words each."""
    rng = np.random.default_rng(seed)
    texts = []
    langs = rng.random(n) < 0.4
    lengths = rng.integers(8, 31, n)
    for i in range(n):
        vocab = WORDS["fr"] if langs[i] else WORDS["en"]
        words = [vocab[j] for j in rng.integers(0, len(vocab), lengths[i])]
        if rng.random() < 0.5:
            words.insert(
                int(rng.integers(0, len(words))), EXTRAS[int(rng.integers(0, len(EXTRAS)))]
            )
        texts.append(" ".join(words))
    ids = [f"{i:08d}" for i in range(n)]
    return pa.table(
        {
            "doc_id": [f"bench:{i}" for i in ids],
            "platform": pa.array(["bench"] * n),
            "native_id": ids,
            "text": texts,
        }
    )


def main() -> None:
    n = int(sys.argv[1]) if len(sys.argv) > 1 and sys.argv[1].isdigit() else 1_000_000
    folder = Path(tempfile.mkdtemp(prefix="influscope-bench-enrich-"))
    ws = Workspace.init(folder / "ws", CONFIG)
    started = time.perf_counter()
    docs = generate(n)
    with ws.store.transaction() as writer:
        writer.upsert("documents", docs)
    setup = time.perf_counter() - started
    del docs
    load_before = os.getloadavg()[0]
    started, cpu_started = time.perf_counter(), time.process_time()
    summary = ws.enrich.run()
    elapsed = time.perf_counter() - started
    cpu = time.process_time() - cpu_started
    rss = psutil.Process().memory_info().rss / 2**20
    steps = {s.name: s for s in summary.enrichers}
    assert steps["language"].done == n and steps["sentiment"].done == n
    filled = ws.store.to_arrow(ws.store.table("documents").lang.notnull().sum().as_table())
    context = EnrichContext(ws.config, ws.store, "bench-sentiment", ws.root)
    timed = {}
    for label, enricher in (
        ("default", SentimentEnricher()),
        ("lexicon", SentimentEnricher(adapt=False)),
        ("brands", SentimentEnricher(brands=brand_phrases(BRANDS))),
        ("french", SentimentEnricher(french_lists=True)),
    ):
        load_now = os.getloadavg()[0]
        wall, cpu_at = time.perf_counter(), time.process_time()
        [step] = run_pipeline(context, [enricher], force=True)
        assert step.done == n
        timed[label] = (time.perf_counter() - wall, time.process_time() - cpu_at, load_now)
    ws.close()
    rate = n / elapsed
    (a_wall, a_cpu, a_load), (l_wall, l_cpu, l_load) = timed["default"], timed["lexicon"]
    b_wall, b_cpu, b_load = timed["brands"]
    f_wall, f_cpu, f_load = timed["french"]
    lines = [
        f"documents: {n:,} generated (60% English, 40% French, no language given); setup {setup:.1f} s",
        f"enrich (language then sentiment, pages of 50k read through Ibis, writes with provenance): "
        f"{elapsed:.1f} s → **{rate:,.0f} documents/s** (language {steps['language'].seconds:.1f} s, "
        f"sentiment {steps['sentiment'].seconds:.1f} s)",
        f"CPU time of the process: {cpu:.1f} s → {n / cpu:,.0f} documents per CPU-second "
        f"(the machine is shared: 1-min load average {load_before:.1f} on {os.cpu_count()} cores when it started)",
        f"documents.lang filled: {filled.column(0)[0].as_py():,}; peak RSS {rss:,.0f} MiB",
        f"sentiment step again over every document (read, score, write), default "
        f"(lexicon + self-training, fit included): **{n / a_wall:,.0f} documents/s** "
        f"({n / a_cpu:,.0f} per CPU-second, load {a_load:.1f}); lexicon alone, same run: "
        f"{n / l_wall:,.0f} documents/s ({n / l_cpu:,.0f} per CPU-second, load {l_load:.1f}) "
        f"→ ratio **{l_wall / a_wall:.2f}** wall, {l_cpu / a_cpu:.2f} CPU",
        f"default with the demo's brands blanked, same run: {n / b_wall:,.0f} documents/s "
        f"({n / b_cpu:,.0f} per CPU-second, load {b_load:.1f})",
        f"default with `sentiment_french_lists = true`, same run: {n / f_wall:,.0f} documents/s "
        f"({n / f_cpu:,.0f} per CPU-second, load {f_load:.1f})",
    ]
    command = f"flock /tmp/bench.lock .venv/bin/python bench/enrich.py {n}"
    record("enrich: language + sentiment", command, lines)


if __name__ == "__main__":
    main()
