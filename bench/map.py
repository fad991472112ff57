"""Benchmark: a 1M-edge interaction graph in the store to a finished map.

Generates a planted interaction graph (communities of actors reposting and
mentioning each other, heavy-tailed popularity, 90 days of timestamps),
writes it to a fresh workspace's ``interactions`` table, then — in a child
process, so its peak RSS is the map's own — runs ``Workspace.map()``: graph
aggregation, Leiden at both levels, stance propagation, roles, kinds, layout,
profiles and persistence. Prints the figures and appends them to BENCHMARKS.md.

Usage: python bench/map.py [--edges 1000000] [--nodes 50000] [--communities 20]
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import platform
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import numpy as np
import pyarrow as pa

ROOT = Path(__file__).resolve().parents[1]


def generate(
    ws_path: Path, edges: int, nodes: int, communities: int, seed: int
) -> dict[str, float]:
    from influscope.workspace import Workspace

    rng = np.random.default_rng(seed)
    community = rng.integers(0, communities, nodes)
    members = [np.flatnonzero(community == c) for c in range(communities)]
    popularity = rng.pareto(1.5, nodes) + 1.0
    src = rng.integers(0, nodes, edges)
    inside = rng.random(edges) < 0.9
    dst = np.empty(edges, np.int64)
    for c in range(communities):
        pool = members[c]
        weights = popularity[pool] / popularity[pool].sum()
        mask = inside & (community[src] == c)
        dst[mask] = rng.choice(pool, size=int(mask.sum()), p=weights)
    outside = ~inside
    dst[outside] = rng.choice(nodes, size=int(outside.sum()), p=popularity / popularity.sum())
    keep = src != dst
    src, dst = src[keep], dst[keep]
    kinds = np.array(["repost", "mention", "reply", "quote"])[
        rng.choice(4, size=src.size, p=[0.6, 0.25, 0.1, 0.05])
    ]
    start = np.datetime64("2026-01-01T00:00:00")
    at = start + rng.integers(0, 90 * 86400, src.size).astype("timedelta64[s]")
    ids = np.array([f"twitter:user{i}" for i in range(nodes)], dtype=object)
    table = pa.table(
        {
            "src": pa.array(ids[src], pa.string()),
            "dst": pa.array(ids[dst], pa.string()),
            "kind": pa.array(kinds, pa.string()),
            "doc_id": pa.array([f"twitter:{i}" for i in range(src.size)], pa.string()),
            "at": pa.array(at.astype("datetime64[us]")),
            "weight": pa.array(np.ones(src.size)),
        }
    )
    actors = pa.table(
        {
            "actor_id": pa.array(ids, pa.string()),
            "platform": pa.array(["twitter"] * nodes, pa.string()),
            "handle": pa.array([i.split(":")[1] for i in ids], pa.string()),
            "followers": pa.array((popularity * 300).astype(np.int64)),
        }
    )
    started = time.perf_counter()
    ws = Workspace.init(ws_path)
    with ws.store.transaction() as writer:
        writer.upsert("actors", actors)
        writer.upsert("interactions", table)
    labels = ws_path / "labels.csv"
    with labels.open("w", encoding="utf-8") as handle:
        handle.write("actor_id,field,value\n")
        for c, pool in enumerate(members):
            for i in pool[:5]:
                handle.write(f"{ids[i]},stance,{'ally' if c % 2 else 'detractor'}\n")
    ws.ingest.actor_labels(labels)
    written = ws.store.count("interactions")
    ws.close()
    np.save(ws_path / "truth.npy", community)
    return {"rows": float(written), "seconds": time.perf_counter() - started}


def run_map(ws_path: Path) -> None:
    """Child process: time the map and report peak RSS as JSON on stdout."""
    from influscope.workspace import Workspace

    started = time.perf_counter()
    with Workspace.open(ws_path) as ws:
        opened = time.perf_counter()
        result = ws.maps.compute()
        done = time.perf_counter()
    truth = np.load(ws_path / "truth.npy")
    index = {f"twitter:user{i}": i for i in range(truth.size)}
    found = [(truth[index[r["actor_id"]]], r["community"]) for r in result.rows]
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(
        json.dumps(
            {
                "open_s": opened - started,
                "map_s": done - opened,
                "stats": result.stats,
                "peak_rss_mb": peak,
                "nmi": nmi([a for a, _ in found], [b for _, b in found]),
            }
        )
    )


def nmi(truth: list[int], found: list[int]) -> float:
    from collections import Counter
    from math import log

    n = len(truth)
    joint = Counter(zip(truth, found, strict=True))
    a, b = Counter(truth), Counter(found)
    mutual = sum(c / n * log(c * n / (a[x] * b[y])) for (x, y), c in joint.items())
    ha = -sum(c / n * log(c / n) for c in a.values())
    hb = -sum(c / n * log(c / n) for c in b.values())
    return mutual / ((ha + hb) / 2) if ha + hb else 1.0


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--edges", type=int, default=1_000_000)
    parser.add_argument("--nodes", type=int, default=50_000)
    parser.add_argument("--communities", type=int, default=20)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--run-only", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--no-write", action="store_true", help="Do not append to BENCHMARKS.md.")
    args = parser.parse_args()
    if args.run_only:
        run_map(args.run_only)
        return
    folder = Path(tempfile.mkdtemp(prefix="influscope-bench-map-"))
    try:
        ws_path = folder / "ws"
        made = generate(ws_path, args.edges, args.nodes, args.communities, args.seed)
        load = os.getloadavg()[0]
        child = subprocess.run(
            [sys.executable, __file__, "--run-only", str(ws_path)],
            check=True,
            capture_output=True,
            text=True,
        )
        figures = json.loads(child.stdout.strip().splitlines()[-1])
    finally:
        shutil.rmtree(folder, ignore_errors=True)
    stats = figures["stats"]
    commit = subprocess.run(
        ["git", "-C", str(ROOT), "rev-parse", "--short", "HEAD"], capture_output=True, text=True
    ).stdout.strip()
    lines = [
        f"## Map of a {args.edges:,}-edge interaction graph — "
        f"{dt.datetime.now(dt.UTC):%Y-%m-%d %H:%M} UTC",
        "",
        f"- machine: {platform.processor() or platform.machine()}, {os.cpu_count()} cores, "
        f"Python {platform.python_version()}, load avg {load:.1f} at start",
        f"- commit: {commit}",
        f"- command: `python bench/map.py --edges {args.edges} --nodes {args.nodes} "
        f"--communities {args.communities}`",
        f"- store: {int(made['rows']):,} interaction rows, {args.nodes:,} actors, "
        f"{args.communities} planted communities (written in {made['seconds']:.1f} s, not timed)",
        f"- map graph: {stats['nodes']:,} actors, {stats['edges']:,} undirected edges; "
        f"{stats['coarse_communities']} coarse / {stats['fine_communities']} fine communities, "
        f"coarse resolution {stats['coarse_resolution']}, NMI vs planted {figures['nmi']:.3f}",
        f"- **store to finished map: {figures['map_s']:.1f} s** (target ≤ 60 s: "
        f"{'ok' if figures['map_s'] <= 60 else 'OVER'}); compute {stats['seconds']:.1f} s, "
        f"the rest is persisting and reading back",
        "- steps (s): " + ", ".join(f"{k} {v:.2f}" for k, v in stats["timings"].items()),
        f"- peak RSS of the map process: {figures['peak_rss_mb']:.0f} MB",
        "",
    ]
    text = "\n".join(lines)
    print(text)
    if not args.no_write:
        bench = ROOT / "BENCHMARKS.md"
        if not bench.exists():
            bench.write_text("# Benchmarks\n\n", encoding="utf-8")
        with bench.open("a", encoding="utf-8") as handle:
            handle.write("\n" + text)


if __name__ == "__main__":
    main()
