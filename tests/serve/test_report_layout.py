"""Reports a director forwards (issue 13, item 6): 16:9, editable, fitted, readable map.

The deck is re-read with python-pptx: charts must be chart objects and tables
table objects; every text is measured again here with Pillow and the font the
deck names (DejaVu Sans as matplotlib ships it), wrapped greedily at the
width of its box, and must fit its box's height — in French and English, with
thirty long alerts. The map's name boxes (measured by matplotlib's renderer)
must not overlap, must sit inside the drawing, and the legend outside it.
"""

from __future__ import annotations

import importlib.util
import random
from datetime import datetime, timedelta
from pathlib import Path

import pyarrow as pa
import pytest
from PIL import ImageFont

EMU_PER_PT = 12700
SCALE = 20
LINE = 1.2


def dejavu() -> Path:
    spec = importlib.util.find_spec("matplotlib")
    return Path(next(iter(spec.submodule_search_locations))) / "mpl-data/fonts/ttf"


def measure(text: str, size: float, bold: bool) -> float:
    name = "DejaVuSans-Bold.ttf" if bold else "DejaVuSans.ttf"
    return ImageFont.truetype(str(dejavu() / name), round(size * SCALE)).getlength(text) / SCALE


def lines_needed(text: str, size: float, bold: bool, width: float) -> int:
    """Lines a paragraph takes when wrapped at spaces to ``width`` points (words too long: by chars)."""
    count, line = 0, ""
    for word in text.split():
        candidate = f"{line} {word}" if line else word
        if measure(candidate, size, bold) <= width:
            line = candidate
            continue
        if line:
            count += 1
        line = word
        while measure(line, size, bold) > width and len(line) > 1:
            cut = len(line)
            while cut > 1 and measure(line[:cut], size, bold) > width:
                cut -= 1
            count += 1
            line = line[cut:]
    return count + 1


def frame_height(frame, width_pt: float) -> float:
    """Points the paragraphs of a text frame need at ``width_pt``, in the deck's fonts."""
    total = 0.0
    for paragraph in frame.paragraphs:
        runs = paragraph.runs
        assert runs, "every paragraph is written as a run"
        size = runs[0].font.size.pt
        assert runs[0].font.name == "DejaVu Sans"  # the font measured
        text = "".join(r.text for r in runs)
        total += lines_needed(text, size, bool(runs[0].font.bold), width_pt) * size * LINE
    return total


def long_alerts(n: int) -> list[dict]:
    rng = random.Random(7)
    words = "délai annulation bagages remboursement retard équipage correspondance".split()
    now = datetime(2026, 10, 22, 8)
    return [
        {
            "alert_id": f"long{i}",
            "rule": f"spike-{'-'.join(rng.choice(words) for _ in range(6))}",
            "key": f"axis:usine brand:Acme-{i}",
            "severity": rng.choice(["critical", "warning", "info"]),
            "fired_at": now - timedelta(hours=i),
            "window_end": now - timedelta(hours=i),
            "explanation": " ".join(rng.choice(words) for _ in range(120))
            + " Unbrokenwordwithoutanyspace" * 8,
            "evidence": "{}",
            "state": "new",
        }
        for i in range(30)
    ]


@pytest.fixture(scope="module")
def crowded(site):
    with site.ws.store.transaction() as writer:
        writer.upsert("alerts", pa.Table.from_pylist(long_alerts(30)))
    return site


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_pptx_is_16_9_native_and_every_text_fits(crowded, tmp_path, lang):
    from pptx import Presentation
    from pptx.enum.shapes import MSO_SHAPE_TYPE

    out = crowded.ws.reports.write(out=tmp_path / "r.pptx", lang=lang)
    deck = Presentation(str(out))
    width, height = deck.slide_width, deck.slide_height
    assert width * 9 == height * 16
    names = {shape.name: shape for slide in deck.slides for shape in slide.shapes}
    assert names["chart:sov"].shape_type == MSO_SHAPE_TYPE.CHART
    assert names["table:sov"].has_table and names["table:top_actors"].has_table
    assert names["table:alerts"].has_table
    cards = [n for n in names if n.startswith("card:")]
    assert "card:documents" in cards and len(cards) >= 4
    pictures = [s.name for s in names.values() if s.shape_type == MSO_SHAPE_TYPE.PICTURE]
    assert pictures == ["map-image"]  # the map only; every chart and table is native
    alert_slides = [s for s in deck.slides if s.name.startswith("alerts")]
    assert len(alert_slides) >= 2  # thirty alerts continue on further slides
    shown = 0
    for slide in deck.slides:
        for shape in slide.shapes:
            assert shape.left >= 0 and shape.top >= 0
            assert shape.left + shape.width <= width and shape.top + shape.height <= height
            if shape.has_text_frame and shape.text_frame.text:
                frame = shape.text_frame
                inner = (shape.width - frame.margin_left - frame.margin_right) / EMU_PER_PT
                needed = frame_height(frame, inner)
                room = (shape.height - frame.margin_top - frame.margin_bottom) / EMU_PER_PT
                assert needed <= room + 0.5, (slide.name, shape.name, frame.text[:80])
            if shape.has_table:
                table = shape.table
                for r, row in enumerate(table.rows):
                    for c, cell in enumerate(row.cells):
                        inner = table.columns[c].width - cell.margin_left - cell.margin_right
                        needed = frame_height(cell.text_frame, inner / EMU_PER_PT)
                        room = (row.height - cell.margin_top - cell.margin_bottom) / EMU_PER_PT
                        assert needed <= room + 0.5, (slide.name, r, c, cell.text[:80])
                if shape.name == "table:alerts":
                    shown += len(table.rows) - 1
    assert shown == 20  # the report's alerts (at most twenty, newest first), none lost
    assert any("…" in s.text_frame.text for s in names.values() if s.has_text_frame) or any(
        "…" in cell.text
        for slide in alert_slides
        for shape in slide.shapes
        if shape.has_table
        for row in shape.table.rows
        for cell in row.cells
    )


def test_map_labels_do_not_overlap_and_legend_is_outside():
    from influscope.serve.reports.images import LABELLED, draw_map, inside, overlaps

    rng = random.Random(3)
    nodes = [
        {
            "actor_id": f"twitter:a{i}",
            "name": f"Very long organisation name number {i} $x$",
            "x": rng.gauss(0, 1),
            "y": rng.gauss(0, 1),
            "weight": rng.random(),
            "community": i % 7,
            "community_label": f"camp {i % 7} · words · more words",
        }
        for i in range(600)
    ]
    picture = draw_map(nodes, [], "fr")
    boxes = list(picture.labels.values())
    assert 3 <= len(boxes) <= LABELLED
    heaviest = sorted(nodes, key=lambda n: -n["weight"])[:LABELLED]
    assert set(picture.labels) <= {n["actor_id"] for n in heaviest}  # only top actors named
    for i, a in enumerate(boxes):
        assert inside(a, picture.axes)
        for b in boxes[i + 1 :]:
            assert not overlaps(a, b)
    assert picture.legend is not None and not overlaps(picture.legend, picture.axes)
    assert picture.legend[2] <= picture.size[0] and picture.legend[1] >= 0


def test_report_format_comes_from_the_extension(cli, tmp_path):
    from tests.serve import webdata

    webdata.build(cli.root).close()
    code, _, err = cli("report", "-o", str(tmp_path / "x.docx"))
    assert code != 0 and ".docx" in err and not (tmp_path / "x.docx").exists()
    code, _, err = cli("report", "--format", "pdf", "-o", str(tmp_path / "x.pptx"))
    assert code != 0 and "pptx" in err
    code, _, err = cli("report", "-o", str(tmp_path / "x.pdf"))
    assert code == 0, err
    assert (tmp_path / "x.pdf").read_bytes().startswith(b"%PDF")


def test_a_plugged_section_is_in_every_format(site, tmp_path):
    import gettext
    import io

    from babel.messages.catalog import Catalog
    from babel.messages.mofile import write_mo
    from pptx import Presentation

    from influscope.workspace.report_sections import Figure, ReportSection

    # The plugin ships its own French catalogue (its sentences are not influscope's).
    french = Catalog(locale="fr")
    for english, translated in (
        ("Incident of the week", "Incident de la semaine"),
        ("Reach", "Portée"),
        ("Share", "Part"),
    ):
        french.add(english, translated)
    compiled = io.BytesIO()
    write_mo(compiled, french)
    compiled.seek(0)
    plugin_catalogues = {"fr": gettext.GNUTranslations(compiled)}

    def translations(lang: str) -> gettext.NullTranslations:
        return plugin_catalogues.get(lang, gettext.NullTranslations())

    seen = []

    def incident(ctx, scope):
        seen.append((scope.axis, scope.period))
        return ReportSection(
            key="incident",
            title="Incident of the week",
            figures=[Figure("Reach", 12345), Figure("Share", 0.256, "share")],
            columns=["Actor", "Share"],
            rows=[["Mallory <b>", 0.5], ["Bob", 0.25]],
            kinds=["text", "share"],
            translations=translations,
        )

    site.ws.reports.add_section("incident", incident)
    try:
        html = site.ws.reports.write(out=tmp_path / "r.html", lang="fr", axis="usine").read_text()
        deck = Presentation(str(site.ws.reports.write(out=tmp_path / "r.pptx", lang="en")))
    finally:
        site.ws.reports.sections.clear()
    assert seen == [("usine", None), (None, None)]
    assert "Incident de la semaine" in html and "12\u202f345" in html and "25,6\u202f%" in html
    assert 'data-figure="incident:Reach" data-value="12345"' in html
    assert "Portée" in html and "Acteur" in html  # the plugin's word, then influscope's
    assert "Mallory &lt;b&gt;" in html
    slides = {s.name: s for s in deck.slides}
    shapes = {shape.name: shape for shape in slides["section:incident"].shapes}
    assert "Incident of the week" in shapes["title"].text_frame.text
    table = shapes["table:incident"].table
    assert [[c.text for c in row.cells] for row in table.rows] == [
        ["Actor", "Share"],
        ["Mallory <b>", "50.0%"],
        ["Bob", "25.0%"],
    ]
