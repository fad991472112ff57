"""The lake at growing sizes: import into it, then share of voice by week on DuckDB and on Spark.

For each size, the posts of ``bench/ingest.py``'s generator are imported with
``ws.ingest.files`` into a workspace whose ``[store] lake`` is set (timed:
the lake import's pace), then ``ws.sov.share_of_voice(axis, by="week")`` runs
on DuckDB over the lake and on Spark local[2] over the same lake. Spark's
start-up (session and JVM) is timed apart, once, before the first size; each
query is run twice and the second (warm) time is kept, so the start-up and the
first-query compilation do not count as analysis. The rows of both engines
are compared (the bench fails if they differ). The scaling exponent is the
slope of log(time) against log(size) between the smallest and largest size.

Usage: python bench/lake.py [--sizes 50000,200000] [--no-spark]
"""

from __future__ import annotations

import argparse
import math
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from common import record  # noqa: E402

from ingest import TOPICS, generate  # noqa: E402

CONFIG = (
    TOPICS
    + """
[store]
lake = "lake"
"""
)


def timed(action):
    start = time.perf_counter()
    result = action()
    return time.perf_counter() - start, result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--sizes", default="50000,200000")
    parser.add_argument("--no-spark", action="store_true")
    args = parser.parse_args()
    sizes = [int(s) for s in args.sizes.split(",")]
    from influscope.store.spark import spark_backend
    from influscope.workspace import Workspace

    lines = []
    startup = None
    if not args.no_spark:
        startup, _ = timed(spark_backend)
        lines.append(f"Spark local[2] session start-up (once): {startup:.1f} s")
    points: dict[str, list[tuple[int, float]]] = {"import": [], "duckdb": [], "spark": []}
    with tempfile.TemporaryDirectory() as tmp:
        for size in sizes:
            root = Path(tmp) / f"ws{size}"
            Workspace.init(root).close()
            config = root / "influscope.toml"
            config.write_text(config.read_text() + CONFIG)
            data = Path(tmp) / f"posts{size}.jsonl"
            generate(data, size)
            with Workspace.open(root) as ws:
                seconds, summary = timed(lambda: ws.ingest.files([data]))  # noqa: B023
            assert summary.records == size
            points["import"].append((size, seconds))
            answers = {}
            for engine in ["duckdb"] + ([] if args.no_spark else ["spark"]):
                with Workspace.open(root, read_only=True, engine=engine) as ws:
                    cold, _ = timed(lambda: ws.sov.share_of_voice("usine", by="week"))  # noqa: B023
                    warm, rows = timed(lambda: ws.sov.share_of_voice("usine", by="week"))  # noqa: B023
                answers[engine] = [r.as_dict() for r in rows]
                points[engine].append((size, warm))
                lines.append(
                    f"{size:,} posts, sov --by week on {engine} over the lake: "
                    f"{warm:.2f} s warm ({cold:.2f} s first)"
                )
            if "spark" in answers and answers["spark"] != answers["duckdb"]:
                raise SystemExit(f"engines differ at {size} posts")
            lines.append(
                f"{size:,} posts imported into the lake in {seconds:.1f} s = "
                f"{size / seconds:,.0f} posts/s"
            )
    for name, found in points.items():
        if len(found) >= 2:
            (n0, t0), (n1, t1) = found[0], found[-1]
            exponent = math.log(t1 / t0) / math.log(n1 / n0)
            lines.append(f"scaling exponent of {name} ({n0:,} → {n1:,} posts): {exponent:.2f}")
    record(
        "Lake: import and share of voice on DuckDB and Spark",
        f"python bench/lake.py --sizes {args.sizes}",
        lines,
    )


if __name__ == "__main__":
    main()
