"""Bench: brand attribution, an axis query and share of voice over N synthetic documents.

Times, in one run on one store: the documents' searchable forms (normalised
once, ``document_search``), brand attribution over them, the same attribution
normalising every text on the fly (how it worked before, for the ratio), an
incremental attribution with nothing new, a full one after a brands config
change, an axis query both ways, and share of voice by week from the
``sov_counts`` aggregates (building them, then reading) and computed from the
documents.

Usage: .venv/bin/python bench/brands.py [N] (default 1_000_000); appends to BENCHMARKS.md.
"""

from __future__ import annotations

import sys
import tempfile
import time
from pathlib import Path

import numpy as np
import pyarrow as pa

from influscope.analyze.sov import counts as sov_counts
from influscope.analyze.sov import share as sov
from influscope.config import parse_config
from influscope.enrich import brands, search
from influscope.query.ibis_compiler import filter_documents
from influscope.store.engine import Store

sys.path.insert(0, str(Path(__file__).resolve().parent))
from common import record  # noqa: E402

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


def _triples(rows):  # type: ignore[no-untyped-def]
    columns = [rows[c].to_pylist() for c in ("doc_id", "brand", "via")]
    return sorted(zip(*columns, strict=True))


def timed(action):  # type: ignore[no-untyped-def]
    started = time.perf_counter()
    result = action()
    return result, time.perf_counter() - started


def main() -> None:
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 1_000_000
    config = parse_config(CONFIG)
    changed = parse_config(
        CONFIG.replace('aliases = ["Initech"]', 'aliases = ["Initech", "robot"]')
    )
    axis = config.axes[0]
    with tempfile.TemporaryDirectory() as tmp:
        store = Store.open(Path(tmp) / "bench.duckdb")
        _, built = timed(lambda: build(store, n))
        forms, formed = timed(lambda: search.refresh(store))
        counts, attributed = timed(lambda: brands.attribute(store, config.brands, "bench"))
        on_the_fly = search.search_table
        search.search_table = lambda s: None  # type: ignore[assignment,return-value]
        old_rows, old = timed(lambda: brands.attribution_rows(store, config.brands, "old"))
        search.search_table = on_the_fly
        new_rows, rows_only = timed(lambda: brands.attribution_rows(store, config.brands, "new"))
        same = _triples(old_rows) == _triples(new_rows)
        nothing, noop = timed(lambda: brands.attribute(store, config.brands, "again"))
        redo, redone = timed(lambda: brands.attribute(store, changed.brands, "changed"))
        brands.attribute(store, config.brands, "back")
        docs, links = store.table("documents"), store.table("links")
        fast_count, queried = timed(
            lambda: int(
                filter_documents(docs, axis.query, links, search=search.search_table(store))
                .count()
                .execute()
            )
        )
        slow_count, queried_slow = timed(
            lambda: int(filter_documents(docs, axis.query, links).count().execute())
        )
        built_counts, aggregated = timed(lambda: sov_counts.refresh(store, config))
        rows, read = timed(lambda: sov.share_of_voice(store, config, axis, by="week"))
        direct, computed = timed(
            lambda: store.to_arrow(
                sov.share_of_voice_expr(store, config, axis, by="week", stored_forms=False)[0]
            ).to_pylist()
        )
        store.close()
    lines = [
        f"documents: {n:,} (built in {built:.1f} s)",
        f"searchable forms, normalised once: {formed:.2f} s = {n / formed:,.0f} docs/s "
        f"({forms['computed']:,} computed)",
        f"brand attribution over the stored forms (4 brands, aliases+handles+domains+exclusions,"
        f" writes included): {attributed:.2f} s = {n / attributed:,.0f} docs/s; "
        f"{counts['attributions']:,} rows, {counts['cited']:,} docs cite a brand",
        f"attribution rows alone: stored forms {rows_only:.2f} s vs normalising on the fly "
        f"{old:.2f} s (the former way): {old / rows_only:.1f}x; identical rows: {same}",
        f"forms + attribution together (a first import): {formed + attributed:.2f} s vs "
        f"{old:.2f} s on the fly",
        f"attribution again, nothing new: {noop:.2f} s ({nothing['documents']} documents)",
        f"attribution after a brands config change: {redone:.2f} s ({redo['documents']:,} documents,"
        f" mode {redo['mode']})",
        f"axis query count: {queried:.2f} s over the stored forms vs {queried_slow:.2f} s on the fly "
        f"({fast_count:,} matching; equal: {fast_count == slow_count})",
        f"share-of-voice aggregates built: {aggregated:.2f} s ({built_counts['rows']:,} rows,"
        f" every axis and all documents)",
        f"share of voice on the axis by week: {read * 1000:.0f} ms from the aggregates vs "
        f"{computed:.2f} s computed from the documents ({len(rows)} rows; equal: "
        f"{rows == direct})",
    ]
    record("Brands, queries, share of voice", f".venv/bin/python bench/brands.py {n}", lines)


if __name__ == "__main__":
    main()
