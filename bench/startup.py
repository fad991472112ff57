"""CLI start-up: ``--help`` and the everyday commands on a tiny workspace, against ``import duckdb``.

Every command is timed as a whole process (wall clock, ``time.perf_counter``
around ``subprocess.run``), in turn within each round (help, ingest, …,
``python -c 'import duckdb'``) after one warm-up each, so a machine whose
speed drifts during the run affects all alike; each command's ratio to
``import duckdb`` is taken round by round and its median reported.

The commands that open a workspace run on two made here by ``influscope
init``: one as ``bench/ingest.py`` makes it (no brands: an import then
attributes nothing), one with that bench's two brands and axis (``TOPICS``),
both holding the same 10 posts. ``ingest file`` re-imports those 10 posts:
every record is read, mapped and found already stored, so the figure is the
command's start-up and set-up, not a write. Targets: ``--help`` ≤ 1 s (issue
#13); the others as low as the libraries the command needs allow (see the
lazy services, ``influscope/workspace/lazy.py``).

Usage: flock /tmp/bench.lock .venv/bin/python bench/startup.py [--runs 10] [--no-write]
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from common import record

from ingest import TOPICS, generate

BIN = Path(sys.executable).parent
POSTS = 10


def wall(command: list[str]) -> float:
    started = time.perf_counter()
    subprocess.run(command, check=True, capture_output=True)
    return time.perf_counter() - started


def workspace(root: Path, data: Path, topics: bool) -> Path:
    """A workspace made by ``influscope init`` (plus ``TOPICS``) holding the posts of ``data``."""
    cli = str(BIN / "influscope")
    subprocess.run([cli, "init", str(root)], check=True, capture_output=True)
    if topics:
        with (root / "influscope.toml").open("a", encoding="utf-8") as config:
            config.write(TOPICS)
    subprocess.run(
        [cli, "-w", str(root), "ingest", "file", str(data)], check=True, capture_output=True
    )
    return root


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=10)
    parser.add_argument("--no-write", action="store_true", help="Do not append to BENCHMARKS.md.")
    args = parser.parse_args()
    cli = str(BIN / "influscope")
    with tempfile.TemporaryDirectory() as tmp:
        data = Path(tmp) / "small.jsonl"
        generate(data, POSTS)
        plain = str(workspace(Path(tmp) / "plain", data, topics=False))
        brands = str(workspace(Path(tmp) / "brands", data, topics=True))
        commands = {
            "influscope --help": [cli, "--help"],
            f"influscope -w WS ingest file small.jsonl ({POSTS} posts, no brands)": [
                cli, "-w", plain, "ingest", "file", str(data)
            ],
            f"influscope -w WS ingest file small.jsonl ({POSTS} posts, 2 brands)": [
                cli, "-w", brands, "ingest", "file", str(data)
            ],
            "influscope -w WS status": [cli, "-w", brands, "status"],
            "influscope -w WS sov --axis usine": [cli, "-w", brands, "sov", "--axis", "usine"],
        }  # fmt: skip
        yardstick = [sys.executable, "-c", "import duckdb"]
        for command in [*commands.values(), yardstick]:  # warm-up: file cache, .pyc
            wall(command)
        rounds = []
        for _ in range(args.runs):
            times = {name: wall(command) for name, command in commands.items()}
            times["duckdb"] = wall(yardstick)
            rounds.append(times)
    duckdb = [r["duckdb"] for r in rounds]
    lines = []
    for name in commands:
        times = [r[name] for r in rounds]
        ratio = statistics.median(r[name] / r["duckdb"] for r in rounds)
        line = (
            f"`{name}`: median {statistics.median(times):.3f} s wall "
            f"(min {min(times):.3f}, max {max(times):.3f}; {args.runs} runs); "
            f"{ratio:.2f}× import duckdb"
        )
        if name == "influscope --help":
            line += "; target ≤ 1 s: " + ("ok" if statistics.median(times) <= 1.0 else "MISSED")
        lines.append(line)
    lines.append(
        f"`python -c 'import duckdb'`: median {statistics.median(duckdb):.3f} s wall "
        f"(min {min(duckdb):.3f}, max {max(duckdb):.3f})"
    )
    record("CLI start-up: --help, ingest, status, sov", "python bench/startup.py", lines)


if __name__ == "__main__":
    main()
