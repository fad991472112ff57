"""Bench: brand attribution, an axis query and share of voice over N synthetic documents.

Usage: .venv/bin/python bench/brands.py [N] (default 1_000_000); appends to BENCHMARKS.md.
"""

from __future__ import annotations

import platform
import sys
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path

import numpy as np
import pyarrow as pa

from influscope.analyze.share_of_voice import share_of_voice
from influscope.config import parse_config
from influscope.enrich.brands import attribute
from influscope.query import filter_documents
from influscope.store.engine import Store

WORDS = (
    "usine du futur industrie l'usine d'industrie élysée acme globex initech robot 4.0 "
    "transition énergie climat qualité service retard vol bagage merci bravo nul grève "
    "united nations manchester airlines the a of and pour les des une"
).split()
CONFIG = """
[[brands]]
name = "Acme"
own = true
aliases = ["Acme", "Acme Industries"]
handles = ["@acme"]
domains = ["acme.com"]
exclude = '"acme corner"'
[[brands]]
name = "Globex"
aliases = ["Globex"]
handles = ["@globex", "@globex_fr"]
domains = ["globex.fr"]
[[brands]]
name = "Initech"
aliases = ["Initech"]
handles = ["@initech"]
[[brands]]
name = "United"
aliases = ["United Airlines"]
handles = ["@united"]
exclude = '"united nations" OR "manchester united"'
[[axes]]
name = "usine"
query = '("usine du futur" OR industrie NEAR/3 "4.0" OR #industrie40) AND NOT lang:de'
competitors = ["Globex", "Initech"]
"""


def build(store: Store, n: int, seed: int = 7) -> None:
    rng = np.random.default_rng(seed)
    words = np.array(WORDS)
    picks = words[rng.integers(0, len(WORDS), size=(n, 12))]
    texts = [" ".join(row) for row in picks]
    handles = np.array(["acme", "globex", "initech", "united", "someone", "other"])
    mentions = [[h] for h in handles[rng.integers(0, len(handles), size=n)]]
    docs = pa.table(
        {
            "doc_id": [f"twitter:{i}" for i in range(n)],
            "platform": ["twitter"] * n,
            "native_id": [str(i) for i in range(n)],
            "author_id": [f"twitter:u{i % 50_000}" for i in range(n)],
            "published_at": pa.array(
                np.datetime64("2024-01-01")
                + rng.integers(0, 90 * 86400, n).astype("timedelta64[s]"),
                pa.timestamp("us"),
            ),
            "text": texts,
            "lang": np.array(["fr", "en", "de"])[rng.integers(0, 3, n)],
            "likes": rng.integers(0, 20, n),
            "mentions": mentions,
            "hashtags": [["industrie40"] if i % 17 == 0 else [] for i in range(n)],
        }
    )
    linked = np.nonzero(rng.random(n) < 0.1)[0]
    domains = np.array(["acme.com", "www.globex.fr", "lemonde.fr"])[rng.integers(0, 3, len(linked))]
    links = pa.table(
        {
            "doc_id": [f"twitter:{i}" for i in linked],
            "url": [f"https://{d}/p{i}" for d, i in zip(domains, linked, strict=True)],
            "domain": [d.removeprefix("www.") for d in domains],
        }
    )
    with store.transaction() as writer:
        writer.replace_all("documents", docs)
        writer.replace_all("links", links)


def main() -> None:
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 1_000_000
    config = parse_config(CONFIG)
    with tempfile.TemporaryDirectory() as tmp:
        store = Store.open(Path(tmp) / "bench.duckdb")
        started = time.perf_counter()
        build(store, n)
        built = time.perf_counter() - started
        started = time.perf_counter()
        counts = attribute(store, config.brands, "bench")
        attributed = time.perf_counter() - started
        started = time.perf_counter()
        axis_docs = int(
            filter_documents(store.table("documents"), config.axes[0].query, store.table("links"))
            .count()
            .execute()
        )
        queried = time.perf_counter() - started
        started = time.perf_counter()
        rows = share_of_voice(store, config, config.axes[0], by="week")
        sov = time.perf_counter() - started
        store.close()
    lines = [
        f"documents: {n:,} (built in {built:.1f} s)",
        f"brand attribution (4 brands, aliases+handles+domains+exclusions): {attributed:.2f} s "
        f"= {n / attributed:,.0f} docs/s; {counts['attributions']:,} rows, {counts['cited']:,} docs cite a brand",
        f"axis query count: {queried:.2f} s ({axis_docs:,} matching)",
        f"share of voice on the axis by week: {sov:.2f} s ({len(rows)} rows)",
    ]
    print("\n".join(lines))
    stamp = datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC")
    machine = f"{platform.machine()}, {__import__('os').cpu_count()} cores, Python {platform.python_version()}"
    with (
        Path(__file__)
        .resolve()
        .parents[1]
        .joinpath("BENCHMARKS.md")
        .open("a", encoding="utf-8") as out
    ):
        out.write(
            f"\n## Brands, queries, share of voice — {stamp}\n\nMachine: {machine}. "
            f"Command: `.venv/bin/python bench/brands.py {n}`\n\n"
            + "".join(f"- {line}\n" for line in lines)
        )


if __name__ == "__main__":
    main()
