"""Acceptance (issue 12, item 3): every figure of the airline report equals the CLI's.

On the airline tweets with an axis and ``--period 2015-02``, the report's
figures (HTML cards and tables, the PPTX's tables and native chart, the PDF's
text, the API's figures) are compared with what ``status``, ``sov``, ``map``
and ``journey`` print for the same scope. The issue's failure was a share of
voice averaged over weeks (27.2 % where the month's counts give 21.9 %), a
document count of the whole workspace and today's date as the period: each
has its assertion here.
"""

from __future__ import annotations

import shutil
import subprocess

import pytest

from influscope.serve.reports import numbers
from tests.analyze.test_airline_sov import BRANDS
from tests.conftest import shared_path
from tests.serve.report_figures import assert_html_equals_cli, cli_answers, run_cli
from tests.test_ingest_airline import AIRLINE_ARGS

AXIS = """
[[axes]]
name = "disruption"
label = "Disruption"
query = "delay* OR cancel* OR late OR stuck"
"""
SCOPE = ["--axis", "disruption", "--period", "2015-02"]


@pytest.fixture(scope="module")
def airline(tmp_path_factory):
    """The airline workspace, its CLI answers for the scope, and its reports."""
    from influscope.serve.cli.app import main

    tweets = shared_path("datasets", "twitter_us_airline_sentiment", "Tweets.csv")
    root = tmp_path_factory.mktemp("airline") / "ws"
    out = root.parent

    def cli(*args: str) -> str:
        return run_cli(root, *args)

    assert main(["init", str(root)]) == 0
    config = root / "influscope.toml"
    own = BRANDS.replace('name = "American"\n', 'name = "American"\nown = true\n', 1)
    config.write_text(config.read_text() + own + AXIS)
    cli("ingest", "file", str(tweets), *AIRLINE_ARGS)
    answers = cli_answers(root, "disruption", "2015-02")
    cli("report", *SCOPE, "-o", str(out / "r.html"))
    cli("report", *SCOPE, "-o", str(out / "r.pptx"))
    cli("--lang", "fr", "report", *SCOPE, "-o", str(out / "r.pdf"))
    return answers, out, root


@pytest.mark.realdata
def test_html_figures_equal_the_cli(airline):
    answers, out, _ = airline
    html = (out / "r.html").read_text()
    assert_html_equals_cli(html, answers, "2015-02")


@pytest.mark.realdata
def test_pptx_and_pdf_figures_equal_the_cli(airline):
    from pptx import Presentation

    answers, out, _ = airline
    sov = answers["sov"]
    deck = Presentation(str(out / "r.pptx"))
    assert deck.slide_width * 9 == deck.slide_height * 16
    shapes = {s.name: s for slide in deck.slides for s in slide.shapes}
    cards = {
        n.removeprefix("card:"): s.text_frame.text
        for n, s in shapes.items()
        if n.startswith("card:")
    }
    assert cards["documents"].startswith(numbers.count(answers["status"]["documents"], "en"))
    table = shapes["table:sov"].table
    shown = [[table.cell(i, j).text for j in range(3)] for i in range(1, len(table.rows))]
    assert shown == [
        [r["brand"], numbers.count(int(r["docs"]), "en"), numbers.share(float(r["share"]), "en")]
        for r in sov
    ]
    chart = shapes["chart:sov"].chart
    assert list(chart.plots[0].categories) == [r["brand"] for r in sov]
    assert list(chart.plots[0].series[0].values) == pytest.approx([float(r["share"]) for r in sov])
    if shutil.which("pdftotext") is None:
        pytest.fail("pdftotext missing: run 'make system-deps' (poppler-utils)")
    text = subprocess.run(
        ["pdftotext", str(out / "r.pdf"), "-"], capture_output=True, text=True, check=True
    ).stdout

    def spaced(value: str) -> str:  # pdftotext writes the narrow no-break space as a space
        return value.replace("\u202f", " ").replace("\xa0", " ")

    text = spaced(text)
    assert spaced(numbers.count(answers["status"]["documents"], "fr")) in text
    for row in sov:
        assert spaced(numbers.share(float(row["share"]), "fr")) in text


@pytest.mark.realdata
def test_api_figures_equal_the_cli(airline):
    from fastapi.testclient import TestClient

    from influscope.serve.api.app import create_app
    from influscope.workspace import Workspace

    answers, _, root = airline
    with Workspace.open(root) as ws:
        token = ws.accounts.add("figures", role="viewer", token=True).token
        with TestClient(create_app(ws, job_wait=120)) as client:
            found = client.get(
                "/api/reports/figures",
                params={"axis": "disruption", "period": "2015-02"},
                headers={"Authorization": f"Bearer {token}"},
            )
    assert found.status_code == 200, found.text
    figures = found.json()
    assert figures["documents"] == answers["status"]["documents"]
    assert figures["first"] == answers["status"]["first"][:10]
    for row in answers["sov"]:
        assert figures[f"share:{row['brand']}"] == float(row["share"])
        assert figures[f"docs:{row['brand']}"] == int(row["docs"])
    assert [a["actor_id"] for a in figures["top_actors"]] == [
        r["actor_id"] for r in answers["journey"]
    ]
