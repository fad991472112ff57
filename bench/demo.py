"""Benchmark the SIMULATED demo generator: 1M canonical posts as JSONL, and optionally a whole demo.

Usage:
    .venv/bin/python bench/demo.py [--n 1000000] [--seed 7] [--workspace]

Prints the generation time, posts/s, file size and peak RSS, and appends them
to BENCHMARKS.md. With ``--workspace`` it also times ``Workspace.build_demo``
plus ``demo_pipeline`` at the same scale (what ``influscope demo --scale N``
does before serving).
"""

from __future__ import annotations

import argparse
import os
import platform
import resource
import sys
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path

from influscope.demo import write_posts_jsonl

ROOT = Path(__file__).resolve().parents[1]


def peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--n", type=int, default=1_000_000)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--workspace", action="store_true", help="also build a demo workspace")
    args = parser.parse_args()
    lines = []
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "posts.jsonl"
        started = time.perf_counter()
        write_posts_jsonl(path, args.n, seed=args.seed)
        seconds = time.perf_counter() - started
        size = path.stat().st_size
        lines.append(
            f"write_posts_jsonl: {args.n:,} posts in {seconds:.1f} s "
            f"({args.n / seconds:,.0f} posts/s), {size / 1e6:,.0f} MB, peak RSS {peak_rss_mb():,.0f} MB"
        )
        print(lines[-1], flush=True)
        if args.workspace:
            from influscope.workspace import Workspace

            started = time.perf_counter()
            with Workspace.build_demo(Path(tmp) / "ws", scale=args.n, seed=args.seed) as ws:
                built = time.perf_counter() - started
                steps = ws.demo.pipeline()
                total = time.perf_counter() - started
            ran = ", ".join(f"{s.step} {s.status}" for s in steps)
            lines.append(
                f"build_demo: {args.n:,} documents in {built:.1f} s; with pipeline {total:.1f} s "
                f"({ran}); peak RSS {peak_rss_mb():,.0f} MB"
            )
            print(lines[-1], flush=True)
    stamp = datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC")
    cpu = resource.getrusage(resource.RUSAGE_SELF)
    machine = (
        f"{platform.machine()}, {os.cpu_count()} cores (shared; load average "
        f"{os.getloadavg()[0]:.1f}), Python {platform.python_version()}; "
        f"CPU time used {cpu.ru_utime + cpu.ru_stime:.0f} s"
    )
    command = "python bench/demo.py " + " ".join(sys.argv[1:])
    with (ROOT / "BENCHMARKS.md").open("a", encoding="utf-8") as handle:
        handle.write(
            f"\n## Demo generator ({stamp})\n\nMachine: {machine}. Command: `{command}`\n\n"
        )
        handle.writelines(f"- {line}\n" for line in lines)


if __name__ == "__main__":
    main()
