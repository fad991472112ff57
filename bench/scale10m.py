"""Up to 10M documents on this machine: import, share of voice, map, journey, alerts; peak memory.

For each size (1M, 3M, 10M by default) a fresh workspace with two brands, an
axis, five alert rules and ``[store] memory_limit = "8GB"`` (the machine is
shared; DuckDB spills beyond it) gets the posts of ``bench/ingest.py``'s generator,
then each analysis runs in a child process of its own, the command a user
runs or the workspace method behind it:

- import: ``influscope -w WS ingest file posts.jsonl`` (brand attribution and
  the share-of-voice counts included, as with any workspace that has brands);
- share of voice by week: ``influscope -w WS sov --axis usine --by week``
  (wall time of the command, start-up included) and the call
  ``ws.sov.share_of_voice("usine", by="week")`` timed inside its process;
- map: ``ws.maps.compute()`` over the whole interaction graph;
- journey: ``ws.journeys.compute(axis="usine")`` (the generated corpus has
  no search data: the chain runs on the links and social entries alone);
- alerts: ``ws.alerts.evaluate(now)`` with the rules of :data:`CONFIG`, ``now``
  after the last post.

Peak memory is the largest resident set of any of these processes (``wait4``
gives each child's own peak). Every child has a time limit; one that hits it
is reported as such, never as a figure. The generator is deterministic, so
the first n posts of the largest file are the posts of ``generate(n)``: the
file is written once and the smaller sizes read its head. The scaling
exponent of each step is the slope of log(time) on log(size), fitted by least
squares over the sizes. Figures go to BENCHMARKS.md with the load average
before each step. Run it under ``flock /tmp/bench.lock``.

Usage: python bench/scale10m.py [--sizes 1000000,3000000,10000000] [--dir DIR] [--limit 900]
       [--import-limit 1800] [--data posts.jsonl] [--import-only]
"""

from __future__ import annotations

import argparse
import json
import math
import os
import shutil
import subprocess
import sys
import time
from datetime import UTC, datetime
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from common import record  # noqa: E402

from ingest import TOPICS, generate  # noqa: E402

CONFIG = (
    TOPICS
    + """competitors = ["Robots", "Climat"]

[[alerts]]
name = "spike-robots"
detector = "spike"
brand = "Robots"

[[alerts]]
name = "spike-usine"
detector = "spike"
axis = "usine"

[[alerts]]
name = "coordination"
detector = "coordination"

[[alerts]]
name = "virality"
detector = "virality"

[[alerts]]
name = "new-actor"
detector = "new_actor"
axis = "usine"

[store]
memory_limit = "8GB"
"""
)

CLI = str(Path(sys.executable).with_name("influscope"))
# After the generator's last post (October 2026, days 1-28).
NOW = datetime(2026, 10, 29, tzinfo=UTC)


def child(argv: list[str], limit: float) -> dict[str, object]:
    """Run a command: its wall seconds and stdout, or that it ran out of time."""
    load = os.getloadavg()[0]
    start = time.perf_counter()
    process = subprocess.Popen(argv, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    try:
        out, err = process.communicate(timeout=limit)
    except subprocess.TimeoutExpired:
        process.kill()
        process.communicate()
        return {"timeout": limit, "load": load}
    seconds = time.perf_counter() - start
    if process.returncode != 0:
        raise SystemExit(f"{' '.join(argv)} failed:\n{err.decode()[-3000:]}")
    return {"seconds": seconds, "out": out.decode(), "load": load}


def step(name: str, ws_path: Path) -> None:
    """Child process: run one analysis, print its time and this process's peak RSS as JSON."""
    import resource

    from influscope.workspace import Workspace

    read_only = name == "sov"
    steps: dict[str, float] = {}
    with Workspace.open(ws_path, read_only=read_only) as ws:
        start = time.perf_counter()
        if name == "sov":
            rows = len(ws.sov.share_of_voice("usine", by="week"))
        elif name == "map":
            mapped = ws.maps.compute()
            rows = len(mapped.rows)
            steps = mapped.stats.get("timings", {})
        elif name == "journey":
            rows = len(ws.journeys.compute(axis="usine"))
        elif name == "alerts":
            rows = len(ws.alerts.evaluate(NOW))
        else:
            raise SystemExit(f"unknown step {name}")
        seconds = time.perf_counter() - start
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(json.dumps({"seconds": seconds, "rows": rows, "peak_mb": peak, "steps": steps}))


def measured(argv: list[str], limit: float) -> dict[str, object]:
    """A child run with its own CPU and peak RSS, reported by a wrapper process (``os.wait4``).

    The wrapper's own few MiB are not counted; a step's JSON adds the time of
    the call inside it (``seconds_call``) to the wall time of the whole child.
    """
    wrapper = [sys.executable, __file__, "--wrap", "--", *argv]
    result = child(wrapper, limit)
    if "timeout" in result:
        return result
    lines = str(result.pop("out")).strip().splitlines()
    inner = json.loads(lines[-1])
    if "seconds" in inner:
        inner["seconds_call"] = inner.pop("seconds")
    return result | inner


def wrap(argv: list[str]) -> None:
    """Run a command as our child and print its peak RSS and CPU (``os.wait4``) as JSON."""
    process = subprocess.Popen(argv, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    out = process.stdout.read() if process.stdout else b""
    err = process.stderr.read() if process.stderr else b""
    _, status, usage = os.wait4(process.pid, 0)
    if os.waitstatus_to_exitcode(status) != 0:
        sys.stderr.write(err.decode())
        raise SystemExit(1)
    report = {"cpu": usage.ru_utime + usage.ru_stime, "rss_mb": usage.ru_maxrss / 1024}
    lines = out.decode().strip().splitlines()
    if lines and lines[-1].startswith("{"):
        report |= json.loads(lines[-1])
    print(json.dumps(report))


def head(source: Path, target: Path, lines: int) -> None:
    """The first ``lines`` lines of a file."""
    with source.open("rb") as src, target.open("wb") as dst:
        for count, line in enumerate(src, start=1):
            dst.write(line)
            if count == lines:
                return
    raise SystemExit(f"{source} has fewer than {lines} lines")


def fit(points: list[tuple[int, float]]) -> float:
    """Least-squares slope of log(seconds) on log(size)."""
    xs = [math.log(n) for n, _ in points]
    ys = [math.log(t) for _, t in points]
    mx, my = sum(xs) / len(xs), sum(ys) / len(ys)
    return sum((x - mx) * (y - my) for x, y in zip(xs, ys, strict=True)) / sum(
        (x - mx) ** 2 for x in xs
    )


def describe(name: str, result: dict[str, object]) -> str:
    if "skipped" in result:
        return f"{name}: {result['skipped']}"
    if "timeout" in result:
        return f"{name}: NOT finished within {result['timeout']:.0f} s (load {result['load']:.1f})"
    text = f"{name}: {result['seconds']:.1f} s wall"
    if "seconds_call" in result:
        text += f" (the call itself {result['seconds_call']:.2f} s, {result['rows']} rows)"
    if result.get("steps"):
        slowest = sorted(result["steps"].items(), key=lambda kv: -kv[1])[:4]  # type: ignore[union-attr]
        text += " [slowest steps: " + ", ".join(f"{k} {v:.1f} s" for k, v in slowest) + "]"
    return (
        text
        + f", CPU {result['cpu']:.1f} s, peak RSS {result['rss_mb']:,.0f} MiB (load {result['load']:.1f})"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--sizes", default="1000000,3000000,10000000")
    parser.add_argument("--dir", default="/work/benchdata/scale")
    parser.add_argument("--data", help="an existing file of at least max(sizes) generated posts")
    parser.add_argument("--limit", type=float, default=900.0, help="seconds allowed per analysis")
    parser.add_argument("--import-limit", type=float, default=1800.0, help="seconds for an import")
    parser.add_argument(
        "--import-only",
        action="store_true",
        help="measure the import alone (same command and workspace), not the analyses after it",
    )
    args = parser.parse_args()
    sizes = sorted(int(s) for s in args.sizes.split(","))
    work = Path(args.dir)
    work.mkdir(parents=True, exist_ok=True)
    full = Path(args.data) if args.data else work / f"posts-{sizes[-1]}.jsonl"
    if not full.exists():
        generate(full, sizes[-1])
    command = (
        f"flock /tmp/bench.lock python bench/scale10m.py --sizes {args.sizes} "
        f"--limit {args.limit:.0f} --import-limit {args.import_limit:.0f}"
        + (" --import-only" if args.import_only else "")
    )
    points: dict[str, list[tuple[int, float]]] = {}
    gave_up: dict[str, str] = {}
    peak = 0.0
    for size in sizes:
        data = full if size == sizes[-1] else work / f"posts-{size}.jsonl"
        if data != full:
            head(full, data, size)
        ws = work / f"ws-{size}"
        shutil.rmtree(ws, ignore_errors=True)
        subprocess.run([CLI, "init", str(ws)], check=True, capture_output=True)
        config = ws / "influscope.toml"
        config.write_text(config.read_text() + CONFIG)
        results: dict[str, dict[str, object]] = {}
        results["import"] = measured(
            [CLI, "-w", str(ws), "ingest", "file", str(data)], args.import_limit
        )
        if "timeout" not in results["import"] and not args.import_only:
            results["sov command"] = measured(
                [CLI, "-w", str(ws), "sov", "--axis", "usine", "--by", "week", "--format", "csv"],
                args.limit,
            )
            for name in ("sov", "map", "journey", "alerts"):
                if name in gave_up:
                    # It ran out of time on fewer posts: it would again, at the
                    # cost of the limit in bench time.
                    results[name] = {"skipped": gave_up[name]}
                    continue
                results[name] = measured(
                    [sys.executable, __file__, "--step", name, "--ws", str(ws)], args.limit
                )
                if "timeout" in results[name]:
                    gave_up[name] = (
                        f"not run: did not finish within {args.limit:.0f} s at {size:,} posts"
                    )
        size_mb = sum(f.stat().st_size for f in ws.rglob("*") if f.is_file()) / 1e6
        lines = [f"workspace {size_mb:,.0f} MB on disk"]
        for name, result in results.items():
            lines.append(describe(name, result))
            if "timeout" not in result and "skipped" not in result:
                peak = max(peak, float(result["rss_mb"]))  # type: ignore[arg-type]
                key = f"{name} (call)" if "seconds_call" in result else name
                value = result.get("seconds_call", result["seconds"])
                points.setdefault(key, []).append((size, float(value)))  # type: ignore[arg-type]
        shutil.rmtree(ws, ignore_errors=True)
        if data != full:
            data.unlink()
        # Each size is recorded as soon as it is done: a run stopped later keeps it.
        record(f"Scale: {size:,} posts on one machine (DuckDB store)", command, lines)
    lines = [f"peak RSS of any step at any size: {peak:,.0f} MiB (bar: 12 GB)"]
    for name, found in points.items():
        if len(found) >= 2:
            lines.append(
                f"scaling exponent of {name} over {', '.join(f'{n:,}' for n, _ in found)} posts: "
                f"{fit(found):.2f}"
            )
    record(f"Scale: {', '.join(f'{n:,}' for n in sizes)} posts, scaling", command, lines)


if __name__ == "__main__":
    if len(sys.argv) > 1 and sys.argv[1] == "--wrap":
        wrap(sys.argv[3:])
    elif len(sys.argv) > 1 and sys.argv[1] == "--step":
        step(sys.argv[2], Path(sys.argv[4]))
    else:
        main()
