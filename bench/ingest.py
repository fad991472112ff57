"""Import throughput: 1M JSONL posts through `influscope ingest file` vs DuckDB's own read_json.

Both run in a child process on the same file in the same run, alternately
``--repeat`` times, and the best wall time of each is compared, so a burst of
load from other jobs on a shared machine does not decide the ratio. The CPU
time of each child is reported too (less sensitive to load). The DuckDB
baseline is ``CREATE TABLE AS SELECT * FROM read_json(file)`` into a fresh
database file: reading *and storing*, like an import does. Peak RSS is the
child's maximum resident set size.

Usage: python bench/ingest.py [--posts 1000000] [--repeat 3]
"""

from __future__ import annotations

import argparse
import random
import resource
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


PEAK = "\nimport resource\nprint(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)\n"


def child(code: str, *args: str) -> tuple[float, float, float]:
    """Run python code in a child; return (seconds, CPU seconds, that child's peak RSS in MiB)."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    done = subprocess.run(
        [sys.executable, "-c", code + PEAK, *args], check=True, capture_output=True, text=True
    )
    seconds = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return seconds, cpu, int(done.stdout.strip().splitlines()[-1]) / 1024


DUCKDB = """
import sys, duckdb
con = duckdb.connect(sys.argv[2])
con.execute("CREATE TABLE posts AS SELECT * FROM read_json(?, format='newline_delimited')", [sys.argv[1]])
assert con.execute("SELECT count(*) FROM posts").fetchone()[0] > 0
"""

INFLUSCOPE = """
import sys
from influscope.workspace import Workspace
with Workspace.init(sys.argv[2]) as ws:
    summary = ws.ingest_files([sys.argv[1]])
    assert summary.rejected == 0, summary.errors[:3]
    print(ws.store.count("documents"), ws.store.count("interactions"), file=sys.stderr)
"""


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--posts", type=int, default=1_000_000)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    raw: list[tuple[float, float, float]] = []
    ours: list[tuple[float, float, float]] = []
    with tempfile.TemporaryDirectory() as tmp:
        data = Path(tmp) / "posts.jsonl"
        t0 = time.perf_counter()
        generate(data, args.posts)
        gen = time.perf_counter() - t0
        size = data.stat().st_size / 1e6
        for _ in range(args.repeat):
            target = Path(tmp) / "raw.duckdb"
            raw.append(child(DUCKDB, str(data), str(target)))
            target.unlink()
            ws = Path(tmp) / "ws"
            ours.append(child(INFLUSCOPE, str(data), str(ws)))
            shutil.rmtree(ws)
    best_raw, best_ours = min(raw), min(ours)
    rate_raw = args.posts / best_raw[0]
    rate_ours = args.posts / best_ours[0]

    def runs(results: list[tuple[float, float, float]]) -> str:
        return ", ".join(f"{s:.2f}" for s, _, _ in results)

    record(
        f"Import {args.posts:,} JSONL posts",
        f"python bench/ingest.py --posts {args.posts} --repeat {args.repeat}",
        [
            f"file: {size:.0f} MB, generated in {gen:.1f} s",
            f"DuckDB read_json → table: best {best_raw[0]:.2f} s = {rate_raw:,.0f} posts/s "
            f"(runs {runs(raw)} s; CPU {best_raw[1]:.2f} s; peak RSS {max(r[2] for r in raw):,.0f} MiB)",
            "influscope ingest file (documents, authors, mentions, hashtags, links, edges): "
            f"best {best_ours[0]:.2f} s = {rate_ours:,.0f} posts/s (runs {runs(ours)} s; "
            f"CPU {best_ours[1]:.2f} s; peak RSS {max(r[2] for r in ours):,.0f} MiB)",
            f"ratio influscope / DuckDB (best wall times): {rate_ours / rate_raw:.2f} (target ≥ 0.30); "
            f"CPU-time ratio {best_raw[1] / best_ours[1]:.2f}",
        ],
    )


if __name__ == "__main__":
    main()
