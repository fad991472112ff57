"""Reading a report's figures back, and the CLI's answers for the same scope, to compare them.

Shared by the airline (real data) and demo comparisons: the CLI is run
in-process (``influscope.serve.cli.app.main``) on the workspace, the report's
HTML read back through its ``data-figure``/``data-value`` attributes.
"""

from __future__ import annotations

import csv
import io
import json
import re
from contextlib import redirect_stdout
from html.parser import HTMLParser
from pathlib import Path

from influscope.serve.cli.app import main
from influscope.serve.reports import numbers


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


def run_cli(root: Path, *args: str) -> str:
    """The CLI's standard output for ``args`` on the workspace at ``root`` (exit 0 asserted)."""
    saved = io.StringIO()
    with redirect_stdout(saved):
        code = main(["-w", str(root), *args])
    assert code == 0, (args, saved.getvalue()[-2000:])
    return saved.getvalue()


def cli_answers(root: Path, axis: str, period: str) -> dict:
    """What ``status``, ``sov``, ``map`` and ``journey`` say for the axis and period."""
    scope = ["--axis", axis, "--period", period]
    return {
        "status": json.loads(run_cli(root, "status", *scope, "--format", "json")),
        "sov": csv_rows(run_cli(root, "sov", *scope, "--format", "csv")),
        "sov_month": csv_rows(
            run_cli(root, "sov", "--axis", axis, "--by", "month", "--format", "csv")
        ),
        "map": csv_rows(run_cli(root, "map", "--axis", axis, "--format", "csv")),
        "journey": csv_rows(
            run_cli(root, "journey", "--axis", axis, "--format", "csv", "--limit", "10")
        ),
        "workspace": json.loads(run_cli(root, "status", "--format", "json")),
    }


def assert_html_equals_cli(html: str, answers: dict, month: str) -> None:
    """Every figure of the report's HTML equals the CLI's (``month`` the period, YYYY-MM)."""
    found = Figures()
    found.feed(html)
    cards = found.cards
    lang = re.search(r'<html lang="(\w+)"', html).group(1)
    status = answers["status"]
    whole = sum(row["documents"] for row in answers["workspace"]["documents_by_platform"])
    # Documents: the axis in the period, as 'status --axis --period' counts them.
    assert int(cards["documents"]) == status["documents"]
    assert 0 < status["documents"] < whole  # scoped, not the whole workspace
    # Period: the data's, not today's.
    subtitle = re.search(r'id="subtitle">([^<]*)<', html).group(1)
    assert f"{status['first'][:10]} → {status['last'][:10]}" in subtitle
    assert status["first"].startswith(month) and status["last"].startswith(month)
    # Share of voice: every brand's documents and share equal 'sov --axis --period'.
    sov = answers["sov"]
    table = found.tables["sov"][1:]
    assert [r[0] for r in table] == [r["brand"] for r in sov]
    for row, cells in zip(sov, table, strict=True):
        assert int(cells[1]) == int(row["docs"])
        assert float(cells[2]) == float(row["share"])
    for row in sov[:3]:
        assert float(cards[f"share:{row['brand']}"]) == float(row["share"])
        assert numbers.share(float(row["share"]), lang) in html
    # The month's share from summed counts (not weekly shares averaged).
    by_month = {
        r["brand"]: float(r["share"]) for r in answers["sov_month"] if r["period"] == f"{month}-01"
    }
    assert {r["brand"]: float(r["share"]) for r in sov if float(r["docs"])} == {
        b: s for b, s in by_month.items() if s
    }
    # Map: actors and camps as 'map --axis' computed and stored them.
    assert int(cards["map_actors"]) == len(answers["map"])
    assert int(cards["map_camps"]) == len({r["community"] for r in answers["map"]})
    # Top actors: the journey's first ten, same order, same weights (both empty on data
    # without result pages or links, such as the airline tweets).
    journey = answers["journey"]
    actors = found.tables.get("top_actors", [[]])[1:]
    assert [r[0] for r in actors] == [r["actor_id"] for r in journey]
    assert [float(r[2]) for r in actors] == [float(r["journey_weight"]) for r in journey]
