"""Coordinated behaviour on 1M posts: read the window, build shares, estimate the interval, test episodes.

The SIMULATED demo at one million documents (its planted coordinated burst of
125 accounts among ~25k) is imported into a fresh workspace (not timed), then
the crisis analysis runs as a user's command would: shares (normalised texts
and links of every document, built by the engine through Ibis), estimate the
data-driven coordination interval, chain and test episodes, build the network
and its groups. The wall time of each step, the peak RSS and precision/recall
against the planted accounts are appended to BENCHMARKS.md. Run it under
``flock /tmp/bench.lock`` on a shared machine.

Usage: python bench/coordination.py [--posts 1000000] [--keep DIR]
"""

from __future__ import annotations

import argparse
import resource
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from common import record  # noqa: E402

from influscope.analyze.crisis.coordination import find_coordination, shares_from_store
from influscope.demo import build_scenario, write_posts_jsonl
from influscope.workspace import Workspace


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--posts", type=int, default=1_000_000)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--keep", type=Path, default=None, help="reuse/keep the workspace here")
    args = parser.parse_args()
    root = args.keep or Path(tempfile.mkdtemp()) / "ws"
    started = time.perf_counter()
    if not (root / "influscope.duckdb").exists():
        feed = root.parent / f"coordination-{args.posts}.jsonl"
        root.parent.mkdir(parents=True, exist_ok=True)
        write_posts_jsonl(feed, args.posts, seed=args.seed)
        ws = Workspace.init(root)
        ws.ingest.files([feed], fmt="jsonl")
        ws.close()
    prepared = time.perf_counter() - started
    scenario = build_scenario(args.posts, args.seed)
    planted = {scenario.actors.actor_id(int(i)) for i in scenario.actors.burst}
    ws = Workspace.open(root, read_only=True)
    documents = ws.store.count("documents")
    t0 = time.perf_counter()
    shares = shares_from_store(ws.store)
    t2 = time.perf_counter()
    result = find_coordination(shares)
    t3 = time.perf_counter()
    found = set(result.accounts())
    hit = len(found & planted)
    precision = hit / max(len(found), 1)
    recall = hit / max(len(planted), 1)
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    total = t3 - t0
    record(
        f"Coordinated behaviour on {documents:,} posts",
        f"flock /tmp/bench.lock python bench/coordination.py --posts {args.posts}",
        [
            f"workspace: SIMULATED demo seed {args.seed}, {documents:,} documents "
            f"(generated and imported in {prepared:.1f} s, not timed)",
            f"shares read and normalised by the engine (texts and links, reposts left out): "
            f"{len(shares):,} in {t2 - t0:.1f} s",
            f"interval estimate + episodes + chance test + network: {t3 - t2:.1f} s "
            f"(interval {result.interval} s, {result.tested:,} episodes tested, "
            f"{len(result.episodes)} kept, {len(result.groups)} groups)",
            f"total {total:.1f} s (target ≤ 60 s: {'ok' if total <= 60 else 'MISSED'}); peak RSS {peak:.0f} MiB",
            f"planted coordinated accounts: {len(planted)}; found {len(found)}; "
            f"precision {precision:.3f}, recall {recall:.3f}",
        ],
    )


if __name__ == "__main__":
    main()
