"""A newcomer types the README's first-workspace commands on the airline export (issue 13.7).

The commands of the README's "Your first workspace" shell blocks run as written,
one bash session, in a folder that looks like a clone after ``make install``
(``.venv``, ``docs/``) holding the export ``Tweets.csv``. The PATH has no
influscope on it: ``source .venv/bin/activate`` from the README must put it
there. Every step must exit 0, and the report must show share of voice with the
figures ``sov`` gives.
"""

from __future__ import annotations

import csv
import io
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from babel.numbers import format_percent

from tests.conftest import shared_path

ROOT = Path(__file__).resolve().parents[1]
README = ROOT / "README.md"
# `serve` runs until stopped; the browser and wheel tests serve and browse.
BLOCKING = re.compile(r"^influscope -w \S+ serve\b")
MARK = "::step::"


def first_workspace_lines() -> list[str]:
    """The shell lines of the README's "Your first workspace" section, in order."""
    text = README.read_text(encoding="utf-8")
    section = re.search(r"^## Your first workspace\n(.*?)^## ", text, re.M | re.S)
    assert section, "the README has no 'Your first workspace' section"
    blocks = re.findall(r"^```sh\n(.*?)^```", section.group(1), re.M | re.S)
    return [line for block in blocks for line in block.splitlines() if line.strip()]


def test_the_section_covers_the_first_hour():
    lines = first_workspace_lines()
    assert lines[0] == "source .venv/bin/activate"  # how influscope gets on the PATH
    verbs = [line.split()[3] if line.startswith("influscope -w") else "" for line in lines]
    for verb in ("ingest", "enrich", "sov", "map", "report", "users", "serve"):
        assert verb in verbs, verb
    assert any("users passwd" in line for line in lines)
    assert any(line.startswith("cat docs/examples/") and ">>" in line for line in lines)


@pytest.mark.realdata
@pytest.mark.slow
def test_readme_first_workspace_on_the_airline_export(tmp_path):
    tweets = shared_path("datasets", "twitter_us_airline_sentiment", "Tweets.csv")
    clone = tmp_path / "clone"
    clone.mkdir()
    (clone / ".venv").symlink_to(Path(sys.executable).parents[1])
    (clone / "docs").symlink_to(ROOT / "docs")
    (clone / "Tweets.csv").symlink_to(tweets)
    steps = [line for line in first_workspace_lines() if not BLOCKING.match(line)]
    script = ["set -u -o pipefail"]
    for i, line in enumerate(steps):
        script += [f"echo '{MARK}{i}' >&2", line, "code=$?; [ $code -eq 0 ] || exit $code"]
    env = {k: v for k, v in os.environ.items() if not k.startswith(("INFLUSCOPE_", "VIRTUAL_ENV"))}
    env |= {"PATH": "/usr/local/bin:/usr/bin:/bin", "LANG": "C.UTF-8", "COLUMNS": "200"}
    done = subprocess.run(
        ["bash", "-c", "\n".join(script)],
        cwd=clone,
        env=env,
        capture_output=True,
        text=True,
        timeout=1800,
    )
    reached = [int(n) for n in re.findall(rf"{MARK}(\d+)", done.stderr)]
    failed = steps[reached[-1]] if reached else "before the first step"
    assert done.returncode == 0, (failed, done.stdout[-2000:], done.stderr[-3000:])
    assert reached == list(range(len(steps)))

    # The report shows share of voice: the chart, and each leading brand's share as `sov`
    # computes it, in the report's language.
    report = (clone / "report.html").read_text(encoding="utf-8")
    assert '<img id="sov-chart"' in report
    sov = subprocess.run(
        [
            str(clone / ".venv/bin/influscope"),
            "-w",
            "my-ws",
            "sov",
            "--axis",
            "delays",
            "--format",
            "csv",
        ],
        cwd=clone,
        env=env,
        capture_output=True,
        text=True,
        check=True,
    )
    rows = list(csv.DictReader(io.StringIO(sov.stdout)))
    assert {r["brand"] for r in rows} >= {"United", "American", "US Airways", "Southwest"}
    for row in sorted(rows, key=lambda r: -float(r["share"]))[:3]:
        share = format_percent(float(row["share"]), "#,##0.0%", locale="en")
        # The report's key-figure card of that brand shows the CLI's share.
        card = re.search(
            rf'data-figure="share:{re.escape(row["brand"])}"[^>]*><div class="value">([^<]*)</div>',
            report,
        )
        assert card is not None and card.group(1) == share, (row, share)
