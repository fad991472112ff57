"""CLI start-up: ``influscope --help`` against ``python -c 'import duckdb'``, run in turn.

Both are timed as whole processes (wall clock, ``time.perf_counter`` around
``subprocess.run``), alternating A B A B after one warm-up each, so a machine
whose speed drifts during the run affects both alike; the ratio is taken pair
by pair and its median reported. Target (issue #13): ``--help`` ≤ 1 s.

Usage: python bench/startup.py [--runs 10]
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import time
from pathlib import Path

from common import record

BIN = Path(sys.executable).parent


def wall(command: list[str]) -> float:
    started = time.perf_counter()
    subprocess.run(command, check=True, capture_output=True)
    return time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=10)
    args = parser.parse_args()
    help_cmd = [str(BIN / "influscope"), "--help"]
    duckdb_cmd = [sys.executable, "-c", "import duckdb"]
    wall(help_cmd), wall(duckdb_cmd)  # warm-up: file cache, .pyc
    pairs = [(wall(help_cmd), wall(duckdb_cmd)) for _ in range(args.runs)]
    a = [p[0] for p in pairs]
    b = [p[1] for p in pairs]
    ratio = statistics.median(x / y for x, y in pairs)
    lines = [
        f"`influscope --help`: median {statistics.median(a):.3f} s wall "
        f"(min {min(a):.3f}, max {max(a):.3f}; {args.runs} runs); target ≤ 1 s: "
        + ("ok" if statistics.median(a) <= 1.0 else "MISSED"),
        f"`python -c 'import duckdb'`: median {statistics.median(b):.3f} s wall "
        f"(min {min(b):.3f}, max {max(b):.3f})",
        f"ratio --help / import duckdb (pair by pair, median): {ratio:.2f}",
    ]
    record("CLI start-up: influscope --help", "python bench/startup.py", lines)


if __name__ == "__main__":
    main()
