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

import csv
import io
import json
import re
import shutil
import subprocess
from html.parser import HTMLParser

import pytest

from influscope.serve.reports import numbers
from tests.analyze.test_airline_sov import BRANDS
from tests.conftest import shared_path
from tests.test_ingest_airline import AIRLINE_ARGS

AXIS = """
[[axes]]
name = "disruption"
label = "Disruption"
query = "delay* OR cancel* OR late OR stuck"
"""
SCOPE = ["--axis", "disruption", "--period", "2015-02"]


class Figures(HTMLParser):
    """The ``data-figure``/``data-value`` cards and the ``data-value`` cells of each table."""

    def __init__(self) -> None:
        super().__init__()
        self.cards: dict[str, str] = {}
        self.tables: dict[str, list[list[str]]] = {}
        self._table: str | None = None

    def handle_starttag(self, tag, attrs):
        found = dict(attrs)
        if "data-figure" in found:
            self.cards[found["data-figure"]] = found["data-value"]
        if tag == "table":
            self._table = found["id"].removeprefix("table-")
            self.tables[self._table] = []
        elif tag == "tr" and self._table:
            self.tables[self._table].append([])
        elif tag == "td" and self._table and "data-value" in found:
            self.tables[self._table][-1].append(found["data-value"])

    def handle_endtag(self, tag):
        if tag == "table":
            self._table = None


def csv_rows(text: str) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(text)))


@pytest.fixture(scope="module")
def airline(tmp_path_factory):
    """The airline workspace, its CLI answers for the scope, and its reports."""
    from influscope.serve.cli.app import main

    tweets = shared_path("datasets", "twitter_us_airline_sentiment", "Tweets.csv")
    root = tmp_path_factory.mktemp("airline") / "ws"
    out = root.parent

    def cli(*args: str) -> str:
        saved = io.StringIO()
        from contextlib import redirect_stdout

        with redirect_stdout(saved):
            code = main(["-w", str(root), *args])
        assert code == 0, (args, saved.getvalue()[-2000:])
        return saved.getvalue()

    assert main(["init", str(root)]) == 0
    config = root / "influscope.toml"
    own = BRANDS.replace('name = "American"\n', 'name = "American"\nown = true\n', 1)
    config.write_text(config.read_text() + own + AXIS)
    cli("ingest", "file", str(tweets), *AIRLINE_ARGS)
    answers = {
        "status": json.loads(cli("status", *SCOPE, "--format", "json")),
        "sov": csv_rows(cli("sov", *SCOPE, "--format", "csv")),
        "sov_month": csv_rows(
            cli("sov", "--axis", "disruption", "--by", "month", "--format", "csv")
        ),
        "map": csv_rows(cli("map", "--axis", "disruption", "--format", "csv")),
        "journey": csv_rows(
            cli("journey", "--axis", "disruption", "--format", "csv", "--limit", "10")
        ),
        "workspace": json.loads(cli("status", "--format", "json")),
    }
    cli("report", *SCOPE, "-o", str(out / "r.html"))
    cli("report", *SCOPE, "-o", str(out / "r.pptx"))
    cli("--lang", "fr", "report", *SCOPE, "-o", str(out / "r.pdf"))
    return answers, out, root


@pytest.mark.realdata
def test_html_figures_equal_the_cli(airline):
    answers, out, _ = airline
    html = (out / "r.html").read_text()
    found = Figures()
    found.feed(html)
    cards = found.cards
    status = answers["status"]
    whole = sum(row["documents"] for row in answers["workspace"]["documents_by_platform"])
    # Documents: the axis in the period, as 'status --axis --period' counts them.
    assert int(cards["documents"]) == status["documents"]
    assert status["documents"] < whole  # scoped, not the whole workspace
    # Period: the data's, not today's.
    subtitle = re.search(r'id="subtitle">([^<]*)<', html).group(1)
    assert f"{status['first'][:10]} → {status['last'][:10]}" in subtitle
    assert status["first"].startswith("2015-02")
    # Share of voice: every brand's documents and share equal 'sov --axis --period'.
    sov = answers["sov"]
    table = found.tables["sov"][1:]
    assert [r[0] for r in table] == [r["brand"] for r in sov]
    for row, cells in zip(sov, table, strict=True):
        assert int(cells[1]) == int(row["docs"])
        assert float(cells[2]) == float(row["share"])
    for row in sov[:3]:
        assert float(cards[f"share:{row['brand']}"]) == float(row["share"])
        assert numbers.share(float(row["share"]), "en") in html
    # The month's share from summed counts (not weekly shares averaged).
    month = {
        r["brand"]: float(r["share"]) for r in answers["sov_month"] if r["period"] == "2015-02-01"
    }
    assert {r["brand"]: float(r["share"]) for r in sov} == month
    # Map: actors and camps as 'map --axis' computed and stored them.
    assert int(cards["map_actors"]) == len(answers["map"])
    assert int(cards["map_camps"]) == len({r["community"] for r in answers["map"]})
    # Top actors: the journey's first ten, same order, same weights.
    journey = answers["journey"]
    # (On tweets without result pages or links the journey may be empty: then so is the table.)
    actors = found.tables.get("top_actors", [[]])[1:]
    assert [r[0] for r in actors] == [r["actor_id"] for r in journey]
    assert [float(r[2]) for r in actors] == [float(r["journey_weight"]) for r in journey]


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
