"""How often the campaign interval covers the planted effect, over many demo seeds.

The SIMULATED scenario plants an apprenticeship campaign (``demo/plants.py``):
half the brand-less original posts on the *emploi-compétences* axis between
days 30 and 50 cite Ardent Industrie, with their reposts; the planted effect
is the number of documents turned per campaign day (``ground_truth.json``).

``--from store`` (the default) measures what the product shows: for each seed
it imports the demo into a fresh workspace, attributes brands, and reads the
campaign's estimate from ``ws.influence.roi(axis)`` (the campaign as the
relationship log names it, the daily series from the store), as the API and
the report do. ``--from posts`` reads the generator's arrays instead (posts on
the axis citing the company, per day: no workspace, ~0.2 s a seed) and sets
the interval of the product (AR(1) errors) beside OLS with Newey–West (HAC)
errors, the previous one, on the same series.

    flock /tmp/bench.lock .venv/bin/python bench/its_coverage.py --seeds 40 --scale 4000
    .venv/bin/python bench/its_coverage.py --from posts --seeds 400 --scale 20000
"""

from __future__ import annotations

import argparse
import json
import math
import os
import sys
import tempfile
import time
from pathlib import Path

import numpy as np
from common import record

from influscope.analyze.roi.its import ItsEstimate, interrupted_time_series
from influscope.demo import build_scenario
from influscope.demo.cast import DAYS
from influscope.demo.plants import CAMPAIGN_AXIS, CAMPAIGN_DAYS
from influscope.demo.posts import T0
from influscope.workspace import Workspace


def from_store(root: Path, scale: int, seed: int) -> tuple[float, ItsEstimate]:
    """(planted effect, the product's estimate) for one seed, through a workspace."""
    ws = Workspace.build_demo(root, scale=scale, seed=seed)
    try:
        ws.sov.attribute_brands()
        truth = json.loads((root / "demo-input" / "ground_truth.json").read_text())
        planted = truth["campaign"]
        roi = ws.influence.roi(planted["axis"])
        estimate = roi.campaign(planted["name"])
        if estimate is None:
            raise SystemExit(f"seed {seed}: the campaign {planted['name']!r} was not measured")
        return float(planted["effect_per_day"]), estimate
    finally:
        ws.close()


def hac_interval(series: np.ndarray) -> tuple[float, float]:
    """The previous interval: OLS with Newey–West errors, lag floor(4 (n/100)^(2/9))."""
    import statsmodels.api as sm

    n = series.size
    t = np.arange(n, dtype=np.float64)
    during = ((t >= CAMPAIGN_DAYS[0]) & (t < CAMPAIGN_DAYS[1])).astype(np.float64)
    lags = max(int(math.floor(4.0 * (n / 100.0) ** (2.0 / 9.0))), 1)
    fit = sm.OLS(series, np.column_stack([np.ones(n), t, during])).fit(
        cov_type="HAC", cov_kwds={"maxlags": lags}, use_t=True
    )
    low, high = fit.conf_int(alpha=0.05)[2]
    return float(low), float(high)


def from_posts(scale: int, seed: int) -> tuple[float, ItsEstimate, tuple[float, float]]:
    """(planted effect, AR(1) estimate, HAC interval) on the generator's own daily counts."""
    scenario = build_scenario(scale, seed)
    posts = scenario.posts
    day = (posts.t - T0) // 86400
    cites = (posts.topic == CAMPAIGN_AXIS) & (posts.brand == 0)
    series = np.bincount(day[cites], minlength=DAYS)[:DAYS].astype(float)
    planted = len(scenario.plants.campaign_posts) / (CAMPAIGN_DAYS[1] - CAMPAIGN_DAYS[0])
    return planted, interrupted_time_series(series, *CAMPAIGN_DAYS), hac_interval(series)


def _seeds(seeds: list[int]) -> str:
    """A seed list as it reads: '1000..1039' for a run of seeds, else each."""
    if seeds == list(range(seeds[0], seeds[0] + len(seeds))) and len(seeds) > 2:
        return f"{seeds[0]}..{seeds[-1]}"
    return " ".join(map(str, seeds))


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--from", dest="source", choices=["store", "posts"], default="store")
    parser.add_argument("--seeds", type=int, default=20)
    parser.add_argument("--first", type=int, default=1000)
    parser.add_argument("--seed", type=int, nargs="*", help="these seeds instead of a range")
    parser.add_argument("--scale", type=int, default=4_000)
    parser.add_argument("--record", action="store_true", help="append the figures to BENCHMARKS.md")
    args = parser.parse_args()
    load = os.getloadavg()[0]
    started = time.perf_counter()
    covered, widths, errors, hac_covered, hac_widths = [], [], [], [], []
    seeds = args.seed or list(range(args.first, args.first + args.seeds))
    for seed in seeds:
        if args.source == "store":
            with tempfile.TemporaryDirectory(prefix="its-") as tmp:
                planted, estimate = from_store(Path(tmp) / "ws", args.scale, seed)
        else:
            planted, estimate, (low, high) = from_posts(args.scale, seed)
            hac_covered.append(low <= planted <= high)
            hac_widths.append(high - low)
        covered.append(estimate.covers(planted))
        widths.append(estimate.high - estimate.low)
        errors.append(estimate.effect - planted)
        print(
            f"seed {seed}: planted {planted:.2f}/day, estimate {estimate.effect:.2f} "
            f"[{estimate.low:.2f}, {estimate.high:.2f}] rho {estimate.rho:.2f}"
            f"{'' if covered[-1] else '  MISSED'}",
            flush=True,
        )
    seconds = time.perf_counter() - started
    lines = [
        f"source: {args.source}; scale {args.scale}; seeds {_seeds(seeds)}",
        f"AR(1) errors (the product): coverage {np.mean(covered):.3f} ({sum(covered)}/{len(covered)}), "
        f"mean width {np.mean(widths):.2f}/day, mean error {np.mean(errors):+.2f}/day, "
        f"RMSE {math.sqrt(np.mean(np.square(errors))):.2f}/day",
    ]
    if hac_covered:
        lines.append(
            f"OLS + Newey-West (HAC), same series: coverage {np.mean(hac_covered):.3f} "
            f"({sum(hac_covered)}/{len(hac_covered)}), mean width {np.mean(hac_widths):.2f}/day"
        )
    lines.append(
        f"load: 1-min average {load:.1f} at start, {os.getloadavg()[0]:.1f} at end; {seconds:.0f} s"
    )
    command = "python bench/its_coverage.py " + " ".join(sys.argv[1:])
    if args.record:
        record("Campaign effect: interval coverage over demo seeds", command, lines)
    else:
        print("\n".join(lines))


if __name__ == "__main__":
    main()
