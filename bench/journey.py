"""Benchmark the journey chain: build + exact solve on a synthetic web of queries, slots and links.

Default size is the acceptance target: 100k queries, 1M result slots (10 per
query), 5M links between 1M pages of 50k sites. ``--scale 0.1`` runs a tenth.
Prints the figures and appends them to BENCHMARKS.md.

    .venv/bin/python bench/journey.py            # full size
    .venv/bin/python bench/journey.py --scale 0.05
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import platform
import resource
import sys
import time
from pathlib import Path

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from influscope.analyze.journey.model import DEFAULT_CTR, JourneyGraph, JourneyParams, solve_journey
from influscope.analyze.journey.paths import explain, top_queries

ROOT = Path(__file__).resolve().parents[1]


def names(prefix: str, values: np.ndarray) -> pa.Array:
    """Strings like 'https://s12.example/p345' built in Arrow (fast)."""
    return pc.binary_join_element_wise(prefix, pa.array(values.astype(str)), "")


def synthetic(queries: int, slots_per_query: int, pages: int, links: int, sites: int, seed: int):
    rng = np.random.default_rng(seed)
    # Popular pages are ranked and linked more often (Zipf-like popularity).
    popularity = 1.0 / np.arange(1, pages + 1) ** 0.8
    popularity /= popularity.sum()
    page_ids = np.arange(pages)
    site_of = rng.integers(0, sites, pages)
    page_names = pc.binary_join_element_wise(
        names("https://s", site_of), names(".example/p", page_ids), ""
    )
    volume = np.floor(rng.pareto(1.2, queries) * 50 + 10)
    slot_query = np.repeat(np.arange(queries), slots_per_query)
    slot_rank = np.tile(np.arange(1, slots_per_query + 1), queries)
    slot_page = rng.choice(pages, size=queries * slots_per_query, p=popularity)
    ctr = np.array(DEFAULT_CTR + (0.01,) * max(0, slots_per_query - len(DEFAULT_CTR)))
    src = rng.integers(0, pages, links)
    dst = rng.choice(pages, size=links, p=popularity)
    query_names = names("query ", np.arange(queries))
    graph = JourneyGraph(
        demand=pa.table({"query": query_names, "volume": volume}),
        slots=pa.table(
            {
                "query": query_names.take(pa.array(slot_query)),
                "node": page_names.take(pa.array(slot_page)),
                "prob": ctr[slot_rank - 1],
            }
        ),  # fmt: skip
        links=pa.table(
            {
                "src": page_names.take(pa.array(src)),
                "dst": page_names.take(pa.array(dst)),
                "weight": np.ones(links),
            }
        ),  # fmt: skip
        social=pa.table(
            {
                "node": page_names.take(pa.array(rng.integers(0, pages, max(1, links // 100)))),
                "weight": np.ones(max(1, links // 100)),
            }
        ),  # fmt: skip
        actors=pa.table({"node": page_names, "actor": names("web:s", site_of).cast(pa.string())}),
    )
    return graph


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--scale", type=float, default=1.0)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--no-write", action="store_true", help="Do not append to BENCHMARKS.md.")
    args = parser.parse_args()
    queries = int(100_000 * args.scale)
    pages = int(1_000_000 * args.scale)
    links = int(5_000_000 * args.scale)
    sites = max(10, int(50_000 * args.scale))
    start = time.perf_counter()
    graph = synthetic(queries, 10, pages, links, sites, args.seed)
    generated = time.perf_counter() - start

    start = time.perf_counter()
    result = solve_journey(graph, JourneyParams())
    weights = result.actor_weight_vector()
    solved = time.perf_counter() - start
    top = result.actors[int(np.argmax(weights))]

    start = time.perf_counter()
    paths = explain(result, top, top=10)
    queries_top = top_queries(result, top)
    explained = time.perf_counter() - start
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024

    figures = {
        "queries": queries,
        "slots": graph.slots.num_rows,
        "links": graph.links.num_rows,
        "pages": len(result.nodes),
        "actors": len(result.actors),
        "generate_s": round(generated, 2),
        "build_and_solve_s": round(solved, 2),
        "explain_top_actor_s": round(explained, 2),
        "weights_sum": round(float(weights.sum()), 12),
        "max_rss_mb": round(rss),
    }
    for key, value in figures.items():
        print(f"{key:>22}: {value}")
    print(
        f"top actor {top}: weight {weights.max():.5f}, {len(paths)} paths, top queries {queries_top}"
    )
    if not args.no_write:
        machine = f"{platform.machine()}, {os.cpu_count()} cores, Python {sys.version.split()[0]}"
        line = (
            f"| {dt.date.today()} | `python bench/journey.py --scale {args.scale}` | {machine} | "
            f"{queries:,} queries, {figures['slots']:,} slots, {figures['links']:,} links, "
            f"{figures['pages']:,} pages | build+solve {solved:.1f} s, explain {explained:.1f} s, "
            f"max RSS {figures['max_rss_mb']} MB |\n"
        )
        path = ROOT / "BENCHMARKS.md"
        text = path.read_text() if path.exists() else "# Benchmarks\n"
        if "## Journey (bench/journey.py)" not in text:
            text += (
                "\n## Journey (bench/journey.py)\n\nExact absorbing-chain solve (build matrices, "
                "solve, actor weights); generation of the synthetic graph excluded.\n\n"
                "| date | command | machine | size | figures |\n|---|---|---|---|---|\n"
            )
        path.write_text(text + line)


if __name__ == "__main__":
    main()
