"""Every figure of a report on the SIMULATED demo equals the CLI's (issue 12, item 3).

The demo has search demand and result pages, so its journey is not empty:
the report's top actors are compared with ``journey``'s first ten, beside the
documents, period, share of voice and map compared as on the airline data.
The period is the demo's busiest month.
"""

from __future__ import annotations

import pytest

from influscope.workspace import Workspace
from tests.serve.report_figures import assert_html_equals_cli, cli_answers, run_cli


@pytest.fixture(scope="module")
def demo(tmp_path_factory):
    root = tmp_path_factory.mktemp("demo-report") / "ws"
    with Workspace.build_demo(root, scale=3_000, seed=7) as ws:
        axis = ws.config.axes[0].name
        months = ws.data.status().documents_by_month
    month = max(months, key=lambda m: (m.documents, m.month)).month[:7]
    answers = cli_answers(root, axis, month)
    out = root.parent / "r.html"
    run_cli(root, "report", "--axis", axis, "--period", month, "-o", str(out))
    return answers, out.read_text(), month


def test_demo_report_figures_equal_the_cli(demo):
    answers, html, month = demo
    assert answers["journey"], "the demo's journey has actors to compare"
    assert_html_equals_cli(html, answers, month)
