"""Benchmark the set-based reads against the row-by-row ones they replaced, on one demo workspace.

Three analyses read the store in bulk: the journey's inputs (onward links of
every document), the rising-star attention (every interaction of the scope)
and the advocacy axis sets (every document of the axis). Each is timed in its
own process (so its peak memory is its own) with this tree's code and, with
``--baseline-src``, with another tree's (``git archive main src | tar -x -C
/tmp/main`` gives the former code), alternated ``--repeat`` times; the best
of each is reported. The demo workspace is built once and reused.

    .venv/bin/python bench/rows.py --scale 100000 --baseline-src /tmp/main/src
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from common import record  # noqa: E402

STEPS = {
    "journey inputs": (
        "from influscope.analyze.journey.data import load_inputs\n"
        "found = load_inputs(ws.store, ws.config)\n"
        "size = found.graph.links.num_rows\n"
    ),
    "rising attention": (
        "from influscope.analyze.influence.stored import _attention\n"
        "from influscope.analyze.map.scope import Scope\n"
        "size = len(_attention(ws.store, ws.config, Scope(), {}, 3))\n"
    ),
    "advocacy": (
        "from influscope.analyze.advocacy.program import compute_advocacy\n"
        "size = compute_advocacy(ws.store, ws.config).brand_documents\n"
    ),
}
RUNNER = """
import json, resource, sys, time
from influscope.workspace import Workspace
ws = Workspace.open(sys.argv[1], read_only=True)
ws.store.count("documents")
start = time.perf_counter()
{step}
took = time.perf_counter() - start
peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
print(json.dumps({{"seconds": took, "peak_mib": peak, "size": size}}))
"""


def run(step: str, workspace: Path, src: Path | None) -> dict[str, float]:
    """One timed step in a fresh process (``src`` first on the path: another tree's code)."""
    env = dict(os.environ)
    if src is not None:
        env["PYTHONPATH"] = str(src)
    out = subprocess.run(
        [sys.executable, "-c", RUNNER.format(step=STEPS[step]), str(workspace)],
        capture_output=True,
        text=True,
        env=env,
        check=True,
    )
    found: dict[str, float] = json.loads(out.stdout.strip().splitlines()[-1])
    return found


def main() -> None:
    """Build or reuse the demo, time each step per tree, record the best of each."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--scale", type=int, default=100_000)
    parser.add_argument("--repeat", type=int, default=2)
    parser.add_argument("--baseline-src", type=Path, default=None)
    parser.add_argument("--workspace", type=Path, default=Path("/tmp/influscope-bench-rows"))
    args = parser.parse_args()
    workspace = args.workspace / f"demo-{args.scale}"
    if not (workspace / "influscope.toml").exists():
        from influscope.workspace import Workspace

        started = time.perf_counter()
        Workspace.build_demo(workspace, scale=args.scale, seed=7).close()
        print(f"demo built in {time.perf_counter() - started:.0f} s", flush=True)
    trees: dict[str, Path | None] = {"set-based (this tree)": None}
    if args.baseline_src is not None:
        trees = {"row by row (baseline)": args.baseline_src, **trees}
    lines = [f"demo workspace: scale {args.scale}, seed 7"]
    for step in STEPS:
        best: dict[str, dict[str, float]] = {}
        for _ in range(args.repeat):
            for name, src in trees.items():
                found = run(step, workspace, src)
                if name not in best or found["seconds"] < best[name]["seconds"]:
                    best[name] = found
                print(step, name, found, flush=True)
        for name, found in best.items():
            lines.append(
                f"{step}, {name}: {found['seconds']:.2f} s, peak {found['peak_mib']:.0f} MiB "
                f"(size {found['size']:.0f})"
            )
    load = os.getloadavg()[0]
    lines.append(f"load avg {load:.1f} at end")
    command = " ".join(["python", "bench/rows.py", *sys.argv[1:]])
    record("Set-based reads vs row by row", command, lines)


if __name__ == "__main__":
    main()
