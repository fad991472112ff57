"""How often the campaign interval covers the planted effect, over many demo seeds.

The SIMULATED scenario plants an apprenticeship campaign (``demo/plants.py``):
half the brand-less original posts on the *emploi-compétences* axis between
days 30 and 50 cite Ardent Industrie, with their reposts. This script reads the
generator's arrays (no workspace: the daily count of posts on that axis
citing the company, a close proxy of what the store shows) for ``--seeds``
seeds and reports the share of intervals (interrupted time series, HAC
errors, :mod:`influscope.analyze.roi.its`) that contain the planted effect,
and their mean width.

    .venv/bin/python bench/its_coverage.py --seeds 20 --scale 20000
"""

from __future__ import annotations

import argparse
import os

import numpy as np

from influscope.analyze.roi.its import interrupted_time_series
from influscope.demo import build_scenario
from influscope.demo.cast import DAYS
from influscope.demo.plants import CAMPAIGN_AXIS, CAMPAIGN_DAYS
from influscope.demo.posts import T0


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--seeds", type=int, default=20)
    parser.add_argument("--first", type=int, default=20)
    parser.add_argument("--scale", type=int, default=20_000)
    args = parser.parse_args()
    covered, widths = [], []
    for seed in range(args.first, args.first + args.seeds):
        scenario = build_scenario(args.scale, seed)
        posts = scenario.posts
        day = (posts.t - T0) // 86400
        cites = (posts.topic == CAMPAIGN_AXIS) & (posts.brand == 0)
        series = np.bincount(day[cites], minlength=DAYS)[:DAYS].astype(float)
        planted = len(scenario.plants.campaign_posts) / (CAMPAIGN_DAYS[1] - CAMPAIGN_DAYS[0])
        estimate = interrupted_time_series(series, *CAMPAIGN_DAYS)
        covered.append(estimate.covers(planted))
        widths.append(estimate.high - estimate.low)
        print(
            f"seed {seed}: planted {planted:.2f}/day, estimate {estimate.effect:.2f} [{estimate.low:.2f}, {estimate.high:.2f}]"
        )
    print(
        f"coverage {np.mean(covered):.2f} ({sum(covered)}/{len(covered)}), mean width {np.mean(widths):.2f}; "
        f"scale {args.scale}; load average {os.getloadavg()[0]:.1f}"
    )


if __name__ == "__main__":
    main()
