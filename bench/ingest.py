"""Import throughput: 1M JSONL posts through `influscope ingest file` vs DuckDB's own read_json.

Both run as a child process on the same file in the same run, alternately
``--repeat`` times, and the best wall time of each is compared, so a burst of
load from other jobs on a shared machine does not decide the ratio. The CPU
time of each child is reported too (less sensitive to load). Two DuckDB
baselines, both ``CREATE TABLE AS SELECT * FROM read_json(file)``: into an
in-memory table (the engine's physical pace on this file: the baseline issue
#17 sets, ratio ≥ 0.3) and into a fresh database file (reading *and
storing*, like an import does; reported beside it, never instead of it). Ours is the command
a user runs, ``influscope -w WS ingest file posts.jsonl``, in a workspace made
by ``influscope init`` beforehand (not timed). CPU time and peak RSS are those
of each child process alone (``os.wait4``).

Usage: python bench/ingest.py [--posts 1000000] [--repeat 3]
"""

from __future__ import annotations

import argparse
import os
import random
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import orjson

sys.path.insert(0, str(Path(__file__).resolve().parent))
from common import record  # noqa: E402

WORDS_FR = "l'usine du futur industrie robotique énergie climat emploi innovation usine chaîne atelier numérique sobriété".split()
WORDS_EN = "factory future industry robots energy climate jobs innovation plant supply chain digital".split()

# What the generated posts talk about, as workspace config: two brands and one axis.
# The benches that analyse these posts (lake, scale10m) start their config with it.
TOPICS = """
[[brands]]
name = "Robots"
aliases = ["robotique", "robots"]

[[brands]]
name = "Climat"
aliases = ["climat", "climate"]

[[axes]]
name = "usine"
query = 'usine OR factory OR #industrie40'
"""


def generate(path: Path, n: int, seed: int = 1) -> None:
    """Write n canonical posts (FR/EN, mentions, hashtags, links) as JSONL."""
    rng = random.Random(seed)
    with path.open("wb") as handle:
        lines = []
        for i in range(n):
            fr = rng.random() < 0.6
            words = WORDS_FR if fr else WORDS_EN
            text = " ".join(rng.choice(words) for _ in range(rng.randint(8, 22)))
            if rng.random() < 0.4:
                text += f" @user{rng.randint(0, 20000)}"
            if rng.random() < 0.25:
                text += f" #{rng.choice(['industrie40', 'usinedufutur', 'climat', 'jobs'])}"
            if rng.random() < 0.15:
                text += f" https://site{rng.randint(0, 500)}.fr/article/{i}?utm_source=tw"
            lines.append(
                orjson.dumps(
                    {
                        "id": str(i),
                        "platform": rng.choice(["twitter", "mastodon", "bluesky"]),
                        "author": f"user{rng.randint(0, 50000)}",
                        "text": text,
                        "published_at": f"2026-{rng.randint(8, 10):02d}-{rng.randint(1, 28):02d}T{rng.randint(0, 23):02d}:{rng.randint(0, 59):02d}:00+02:00",
                        "lang": "fr" if fr else "en",
                        "likes": rng.randint(0, 500),
                        "shares": rng.randint(0, 80),
                    }
                )
            )
            if len(lines) == 100_000:
                handle.write(b"\n".join(lines) + b"\n")
                lines = []
        if lines:
            handle.write(b"\n".join(lines) + b"\n")


def child(argv: list[str]) -> tuple[float, float, float]:
    """Run a command; return (seconds, CPU seconds, peak RSS in MiB) of that process alone."""
    start = time.perf_counter()
    process = subprocess.Popen(argv, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _, status, usage = os.wait4(process.pid, 0)
    seconds = time.perf_counter() - start
    process.returncode = os.waitstatus_to_exitcode(status)
    errors = process.stderr.read().decode() if process.stderr else ""
    if process.returncode != 0:
        raise SystemExit(f"{' '.join(argv)} failed:\n{errors}")
    return seconds, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024


DUCKDB = """
import sys, duckdb
con = duckdb.connect(sys.argv[2])  # ":memory:" for the in-memory baseline
con.execute("CREATE TABLE posts AS SELECT * FROM read_json(?, format='newline_delimited')", [sys.argv[1]])
assert con.execute("SELECT count(*) FROM posts").fetchone()[0] > 0
"""

CLI = str(Path(sys.executable).with_name("influscope"))


def import_once(data: Path, ws: Path, posts: int) -> tuple[float, float, float]:
    """``influscope init`` (not timed), then the timed ``influscope ingest file``."""
    subprocess.run([CLI, "init", str(ws)], check=True, capture_output=True)
    result = child([CLI, "-w", str(ws), "ingest", "file", str(data)])
    from influscope.workspace import Workspace

    with Workspace.open(ws) as opened:
        stored = opened.store.count("documents")
    if stored != posts:
        raise SystemExit(f"expected {posts} documents, the store has {stored}")
    shutil.rmtree(ws)
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--posts", type=int, default=1_000_000)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    memory: list[tuple[float, float, float]] = []
    raw: list[tuple[float, float, float]] = []
    ours: list[tuple[float, float, float]] = []
    with tempfile.TemporaryDirectory() as tmp:
        data = Path(tmp) / "posts.jsonl"
        t0 = time.perf_counter()
        generate(data, args.posts)
        gen = time.perf_counter() - t0
        size = data.stat().st_size / 1e6
        for _ in range(args.repeat):
            memory.append(child([sys.executable, "-c", DUCKDB, str(data), ":memory:"]))
            target = Path(tmp) / "raw.duckdb"
            raw.append(child([sys.executable, "-c", DUCKDB, str(data), str(target)]))
            target.unlink()
            ours.append(import_once(data, Path(tmp) / "ws", args.posts))
    best_memory, best_raw, best_ours = min(memory), min(raw), min(ours)
    rate_memory = args.posts / best_memory[0]
    rate_raw = args.posts / best_raw[0]
    rate_ours = args.posts / best_ours[0]

    def runs(results: list[tuple[float, float, float]]) -> str:
        return ", ".join(f"{s:.2f}" for s, _, _ in results)

    record(
        f"Import {args.posts:,} JSONL posts",
        f"python bench/ingest.py --posts {args.posts} --repeat {args.repeat}",
        [
            f"file: {size:.0f} MB, generated in {gen:.1f} s",
            f"DuckDB read_json → in-memory table: best {best_memory[0]:.2f} s = "
            f"{rate_memory:,.0f} posts/s (runs {runs(memory)} s; CPU {best_memory[1]:.2f} s)",
            f"DuckDB read_json → table in a file: best {best_raw[0]:.2f} s = {rate_raw:,.0f} posts/s "
            f"(runs {runs(raw)} s; CPU {best_raw[1]:.2f} s; peak RSS {max(r[2] for r in raw):,.0f} MiB)",
            "`influscope ingest file` (documents, authors, mentions, hashtags, links, edges): "
            f"best {best_ours[0]:.2f} s = {rate_ours:,.0f} posts/s (runs {runs(ours)} s; "
            f"CPU {best_ours[1]:.2f} s; peak RSS {max(r[2] for r in ours):,.0f} MiB)",
            f"ratio influscope / DuckDB in-memory (best wall times): {rate_ours / rate_memory:.2f} "
            f"(issue #17: ≥ 0.30); / DuckDB file-backed: {rate_ours / rate_raw:.2f}; "
            f"CPU-time ratio (in-memory) {best_memory[1] / best_ours[1]:.2f}",
        ],
    )


if __name__ == "__main__":
    main()
