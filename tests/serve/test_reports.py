"""Reports: PDF pages turn into PNGs, PPTX re-reads, both hold the SoV chart and the map; all escape."""

from __future__ import annotations

import io
import shutil
import subprocess
import zipfile

import pytest
from PIL import Image

from influscope.analyze.sov.rows import VolumePoint, VolumeTrend
from tests.serve import webdata


def test_pdf_report_renders_with_chart_and_map(site, tmp_path):
    if shutil.which("pdftoppm") is None:
        pytest.fail("pdftoppm missing: run 'make system-deps' (poppler-utils)")
    out = site.ws.reports.write(fmt="pdf", out=tmp_path / "r.pdf", lang="fr")
    assert out.read_bytes().startswith(b"%PDF")
    subprocess.run(["pdftoppm", "-png", "-r", "40", str(out), str(tmp_path / "page")], check=True)
    pages = sorted(tmp_path.glob("page-*.png"))
    assert len(pages) >= 2
    assert all(Image.open(p).size[0] > 200 for p in pages)
    text = subprocess.run(["pdftotext", str(out), "-"], capture_output=True, text=True).stdout
    assert "Part de voix" in text and "Cartographie" in text
    images = subprocess.run(["pdfimages", "-list", str(out)], capture_output=True, text=True).stdout
    assert len([line for line in images.splitlines()[2:] if line.strip()]) >= 2  # SoV chart + map
    shutil.copy(out, webdata_artifact("report.pdf"))


def test_pptx_report_rereads_with_chart_and_map(site, tmp_path):
    from pptx import Presentation

    out = site.ws.reports.write(fmt="pptx", out=tmp_path / "r.pptx", lang="en")
    deck = Presentation(str(out))
    pictures = {
        shape.name: shape
        for slide in deck.slides
        for shape in slide.shapes
        if shape.shape_type == 13
    }
    assert set(pictures) == {"map-image"}  # the share of voice is a native chart
    image = Image.open(io.BytesIO(pictures["map-image"].image.blob))
    assert image.size[0] > 300 and len(set(image.convert("L").getdata())) > 10
    charts = [s for slide in deck.slides for s in slide.shapes if s.has_chart]
    assert {"chart:sov", "chart:sov-over-time"} <= {c.name for c in charts}
    texts = " ".join(
        s.text_frame.text for slide in deck.slides for s in slide.shapes if s.has_text_frame
    ) + " ".join(
        cell.text
        for slide in deck.slides
        for s in slide.shapes
        if s.has_table
        for row in s.table.rows
        for cell in row.cells
    )
    assert "Share of voice" in texts
    # The alert's summary, verbatim and inert (plain text in a table cell, lines broken to fit).
    assert webdata.XSS_TEXT[:30] in texts.replace("\n", " ")
    with zipfile.ZipFile(out) as archive:
        slides = "".join(
            archive.read(n).decode() for n in archive.namelist() if n.startswith("ppt/slides/slide")
        )
    assert "<script>" not in slides  # XML-escaped, not markup


def test_html_report_is_self_contained_and_escaped(site, tmp_path):
    out = site.ws.reports.write(fmt="html", out=tmp_path / "r.html")
    html = out.read_text()
    assert html.count("data:image/png;base64,") == 2
    tags = parse_tags(html)
    assert "script" not in {tag for tag, _ in tags} and "svg" not in {tag for tag, _ in tags}
    assert not [(tag, a) for tag, attrs in tags for a, _ in attrs if a.startswith("on")]
    assert not [
        v
        for _, attrs in tags
        for a, v in attrs
        if a in ("href", "src") and not (v or "").startswith("data:")
    ]
    assert "&lt;script&gt;window.__xss=1" in html  # the payload is shown, as text


def parse_tags(html: str) -> list[tuple[str, list[tuple[str, str | None]]]]:
    """Every start tag of a document with its attributes (stdlib parser, as a browser reads)."""
    from html.parser import HTMLParser

    found: list[tuple[str, list[tuple[str, str | None]]]] = []

    class Collect(HTMLParser):
        def handle_starttag(self, tag, attrs):
            found.append((tag, attrs))

    Collect().feed(html)
    return found


def test_report_cli_and_users_cli(cli, tmp_path):
    from influscope.workspace import Workspace

    webdata.build(cli.root).close()
    code, out, err = cli(
        "users", "add", "root", "--role", "viewer", "--token", "--password", "longpassword"
    )
    assert code == 0, err
    token = out.split()[-1]
    assert token.startswith("isc_")
    code, out, err = cli("users", "add", "bob", "--role", "viewer")
    assert code == 0
    with Workspace.open(cli.root) as ws:
        roles = {u.name: u.role for u in ws.accounts.users()}
        assert ws.accounts.authenticate(token=token).name == "root"
    assert roles == {"root": "admin", "bob": "viewer"}  # the first user is made an admin
    code, out, err = cli("report", "--format", "html", "-o", str(tmp_path / "cli.html"))
    assert code == 0, err
    html = (tmp_path / "cli.html").read_text()
    # Through the CLI too, the share of voice and the map are the real charts.
    assert 'id="sov-chart"' in html and 'id="map-image"' in html
    code, _, err = cli("report", "--format", "docx", "-o", str(tmp_path / "x.docx"))
    assert code == 2 and "docx" in err


def webdata_artifact(name: str):
    from tests.serve.conftest import ARTIFACTS

    ARTIFACTS.mkdir(exist_ok=True)
    return ARTIFACTS / name


def test_report_reads_the_stored_map_and_journey(tmp_path, monkeypatch):
    """A report shows what 'influscope map'/'journey' stored, computing only what is missing."""
    ws = webdata.build(tmp_path / "ws", actors=20)
    try:
        assert ws.maps.stored_run() is None and ws.journeys.stored_run() is None
        first = ws.reports.write(fmt="html", out=tmp_path / "first.html", lang="en").read_text()
        assert "Map computed for this report" in first
        assert "Influence journey computed for this report" in first
        map_run, journey_run = ws.maps.stored_run(), ws.journeys.stored_run()
        assert map_run is not None and journey_run is not None  # computed once, and stored
        # The journey computed for the report says what it rests on.
        basis = journey_run["basis"]
        assert f"{basis.searches} searches with result pages" in first
        assert ("too few to weigh a journey" in first) == basis.thin

        def recompute(*args, **kwargs):
            raise AssertionError("the report recomputed an analysis that is stored")

        monkeypatch.setattr(ws.maps, "compute", recompute)
        monkeypatch.setattr(ws.journeys, "compute", recompute)
        second = ws.reports.write(fmt="html", out=tmp_path / "second.html", lang="fr").read_text()
        assert f"Cartographie du {map_run['created_at']:%Y-%m-%d %H:%M} UTC" in second
        assert f"exécution {map_run['run_id']}" in second
        assert f"exécution {journey_run['run_id']}" in second
        assert f"parcours calculé sur {basis.searches} recherches" in second
        assert "calculée pour ce rapport" not in second
        assert second.count("data:image/png;base64,") == 2  # the stored map is drawn
    finally:
        ws.close()


def test_a_report_warns_when_its_journey_rests_on_a_few_reposts(tmp_path):
    """Posts without search data: the top actors' shares are those of a handful of entries."""
    from influscope.workspace import Workspace
    from tests.conftest import DATA

    mini = DATA / "journey" / "mini"
    ws = Workspace.init(tmp_path / "thin", (mini / "influscope.toml").read_text())
    try:
        ws.ingest.files([mini / "posts.jsonl"])
        html = ws.reports.write(fmt="html", out=tmp_path / "r.html", lang="en").read_text()
        assert "journey based on 0 searches with result pages" in html
        assert "too few to weigh a journey" in html
        french = ws.reports.write(fmt="html", out=tmp_path / "fr.html", lang="fr").read_text()
        assert "parcours calculé sur 0 recherche avec pages de résultats et " in french
        ws.ingest.demand(mini / "demand.csv")
        ws.ingest.serp(mini / "serp.csv")
        ws.journeys.compute()
        html = ws.reports.write(fmt="html", out=tmp_path / "r2.html", lang="fr").read_text()
        assert "parcours calculé sur" in html and "trop peu pour peser" not in html
    finally:
        ws.close()


def test_a_report_on_undated_documents_citing_brands(tmp_path):
    """Posts without a time (SemEval's tweets): the report stopped on a KeyError ('period').

    The share of voice is in the table; the chart over time says why it has nothing to draw.
    """
    from pptx import Presentation

    from influscope.serve import charts
    from influscope.workspace import Workspace

    config = (
        '[[brands]]\nname = "Acme"\naliases = ["Acme"]\nown = true\n\n'
        '[[brands]]\nname = "Globex"\naliases = ["Globex"]\n'
    )
    ws = Workspace.init(tmp_path / "undated", config)
    posts = tmp_path / "posts.jsonl"
    posts.write_text(
        "".join(
            f'{{"id": "{i}", "platform": "twitter", "text": "{name} again"}}\n'
            for i, name in enumerate(["Acme", "Acme", "Globex"])
        )
    )
    try:
        ws.ingest.files([posts])
        ws.enrich.run(only="brands")
        html = ws.reports.write(fmt="html", out=tmp_path / "r.html", lang="en").read_text()
        reason = "The documents in scope have no publication date: nothing to place over time."
        assert reason in html and 'id="sov-chart"' not in html
        assert 'id="table-sov"' in html
        deck = ws.reports.write(fmt="pptx", out=tmp_path / "r.pptx", lang="fr")
        said = [
            shape.text_frame.text
            for slide in Presentation(str(deck)).slides
            for shape in slide.shapes
            if shape.has_text_frame
        ]
        assert "Part de voix" in said and "Part de voix dans le temps" not in said
        spec = charts.sov_over_time([r.as_dict() for r in ws.sov.share_of_voice(by="week")], "fr")
        assert spec["usermeta"]["empty"].startswith("Les documents du périmètre n'ont pas de date")
        # The overview's volume trend: the same reason, not "Nothing to show".
        trend = ws.sov.volume_trend()
        assert (trend.points, trend.undated) == ([], 3)
        assert charts.volume(trend, "en")["usermeta"]["empty"] == reason
        dated = VolumeTrend("day", [VolumePoint("2026-01-05", 3)], 0)
        assert "usermeta" not in charts.volume(dated, "en")
        # Journey charts with nothing to draw say what to import, in the language.
        assert charts.journey_weights([], "fr")["usermeta"]["empty"].startswith(
            "Aucun acteur n'est rencontré sur ce parcours : importez la demande"
        )
        assert "ingest serp" in charts.journey_queries([], "en")["usermeta"]["empty"]
        assert "usermeta" in charts.journey_vs_audience([], "en")
        drawn = charts.journey_weights([{"actor_id": "web:a.fr", "journey_weight": 1.0}], "en")
        assert "usermeta" not in drawn
    finally:
        ws.close()


def test_the_reports_share_of_voice_over_time_is_binned_by_its_span(site):
    """Nine days of tweets by week were two points: the series follows the days in scope."""
    from datetime import datetime

    from influscope.analyze.sov.scope import ScopeCount
    from influscope.workspace.reports import _series_bin

    def spanning(first: str, last: str) -> ScopeCount:
        return ScopeCount(
            None, None, 10, datetime.fromisoformat(first), datetime.fromisoformat(last)
        )

    assert _series_bin(spanning("2015-02-16", "2015-02-24")) == "day"
    assert _series_bin(spanning("2026-08-23", "2026-11-20")) == "week"  # the demo's quarter
    assert _series_bin(spanning("2024-01-01", "2024-10-01")) == "week"
    assert _series_bin(spanning("2020-01-01", "2025-01-01")) == "month"
    assert _series_bin(ScopeCount(None, "2015-02", 0, None, None)) == "week"  # nothing in scope
    data = site.ws.reports.data(axis="usine")
    unit = _series_bin(data.scope)
    assert {r.period for r in data.sov_series} == {
        r.period for r in site.ws.sov.share_of_voice(axis="usine", by=unit)
    }
