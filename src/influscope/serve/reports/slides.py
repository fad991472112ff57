"""The report as a 16:9 PowerPoint deck whose charts and tables stay editable (python-pptx).

Key figures are cards, share of voice a native bar chart beside a native
table (and a native 100 % stacked chart over the weeks), top actors and
alerts native tables, plugin sections cards and a table. Only the map is a
picture (a drawing of thousands of positioned actors). Every text is fitted
to its box before it is written (:mod:`influscope.serve.reports.fitting`),
in the font the fitting measured, so nothing runs off a slide: long tables
continue on further slides, long cells end with "…".
"""

from __future__ import annotations

import io
from collections.abc import Callable
from pathlib import Path
from typing import Any

from pptx import Presentation
from pptx.chart.data import CategoryChartData
from pptx.dml.color import RGBColor
from pptx.enum.chart import XL_CHART_TYPE, XL_LEGEND_POSITION
from pptx.enum.shapes import MSO_SHAPE
from pptx.enum.text import PP_ALIGN
from pptx.util import Emu, Pt

from influscope.serve.i18n import t
from influscope.serve.reports import fitting
from influscope.serve.reports.content import Card, ReportContent, Table, collect
from influscope.workspace.reports import ReportData

# python-pptx's constructors are untyped; what they build is used through Any.
_rgb: Callable[..., Any] = RGBColor
_chart_data: Callable[..., Any] = CategoryChartData

# 16:9 at PowerPoint's widescreen size: 13.333 × 7.5 inches, in points.
SLIDE_W, SLIDE_H = 960.0, 540.0
MARGIN = 36.0
TITLE_TOP, TITLE_H, TITLE_PT = 20.0, 44.0, 26.0
BODY_TOP = TITLE_TOP + TITLE_H + 12.0
BODY_H = SLIDE_H - BODY_TOP - MARGIN
BODY_W = SLIDE_W - 2 * MARGIN
# A box's text area: its width less the insets python-pptx leaves (0.1 in a side),
# and a little slack for a renderer that wraps differently.
INSET = 7.2
SLACK = 0.92
CELL_PT = 11.0
HEADER_PT = 11.0
CELL_MARGIN = 4.0
INK = _rgb(0x1D, 0x27, 0x33)
MUTED = _rgb(0x6B, 0x77, 0x85)
CARD_FILL = _rgb(0xF3, 0xF6, 0xF9)


def _pt(value: float) -> Emu:
    return Emu(Pt(value))


def _text_area(width_pt: float) -> float:
    return (width_pt - 2 * INSET) * SLACK


def _write(frame: Any, text: str, size: float, *, bold: bool = False, colour: Any = INK) -> None:
    """Put ``text`` (already fitted) in a text frame, one paragraph per line, in the fitted font."""
    frame.word_wrap = True
    for i, line in enumerate(text.split("\n")):
        paragraph = frame.paragraphs[0] if i == 0 else frame.add_paragraph()
        run = paragraph.add_run()
        run.text = line
        run.font.size = Pt(size)
        run.font.bold = bold
        run.font.name = fitting.FONT_NAME
        run.font.color.rgb = colour


def _textbox(
    slide: Any,
    text: str,
    box: tuple[float, float, float, float],
    size: float,
    *,
    bold: bool = False,
    colour: Any = INK,
    name: str | None = None,
) -> Any:
    """A text box whose text is fitted to the box (lines that fit its height)."""
    left, top, width, height = box
    lines = max(1, int((height - 2 * 3.6) // (size * fitting.LINE_HEIGHT)))
    fitted = fitting.fit(text, size, _text_area(width), lines, bold)
    shape = slide.shapes.add_textbox(_pt(left), _pt(top), _pt(width), _pt(height))
    if name:
        shape.name = name
    _write(shape.text_frame, fitted, size, bold=bold, colour=colour)
    return shape


def _slide(deck: Any, title: str, name: str) -> Any:
    """A blank slide with its title (fitted to one line)."""
    slide = deck.slides.add_slide(deck.slide_layouts[6])
    slide.name = name
    _textbox(slide, title, (MARGIN, TITLE_TOP, BODY_W, TITLE_H), TITLE_PT, bold=True, name="title")
    return slide


def _title_slide(deck: Any, content: ReportContent) -> None:
    slide = deck.slides.add_slide(deck.slide_layouts[6])
    slide.name = "title"
    _textbox(slide, content.title, (MARGIN, 150.0, BODY_W, 90.0), 32.0, bold=True, name="title")
    lines = [content.subtitle]
    if content.provenance:
        lines.append(content.provenance_line)
    lines.append(
        t(
            "Documents and share of voice: the axis in the period. Map and journey: the axis over all the data.",
            content.lang,
        )
    )
    if content.simulated:
        lines.append(t("SIMULATED DATA — generated scenario, not real posts", content.lang))
    _textbox(slide, "\n".join(lines), (MARGIN, 250.0, BODY_W, 200.0), 14.0, colour=MUTED)


def _cards(slide: Any, cards: list[Card], top: float, height: float) -> None:
    """Key figures as cards: the value large, its label below, four to a row."""
    per_row = 4
    gap = 16.0
    width = (BODY_W - gap * (per_row - 1)) / per_row
    rows = max(1, -(-len(cards) // per_row))
    card_h = min(110.0, (height - gap * (rows - 1)) / rows)
    for i, card in enumerate(cards):
        left = MARGIN + (i % per_row) * (width + gap)
        y = top + (i // per_row) * (card_h + gap)
        box = slide.shapes.add_shape(
            MSO_SHAPE.ROUNDED_RECTANGLE, _pt(left), _pt(y), _pt(width), _pt(card_h)
        )
        box.name = f"card:{card.key}"
        box.fill.solid()
        box.fill.fore_color.rgb = CARD_FILL
        box.line.color.rgb = _rgb(0xDD, 0xE3, 0xEA)
        box.shadow.inherit = False
        frame = box.text_frame
        frame.margin_left = frame.margin_right = _pt(INSET)
        value = fitting.fit(card.text, 26.0, _text_area(width), 1, bold=True)
        label = fitting.fit(card.label, 11.0, _text_area(width), 2)
        _write(frame, value, 26.0, bold=True)
        for line in label.split("\n"):
            paragraph = frame.add_paragraph()
            run = paragraph.add_run()
            run.text = line
            run.font.size = Pt(11.0)
            run.font.name = fitting.FONT_NAME
            run.font.color.rgb = MUTED
        for paragraph in frame.paragraphs:
            paragraph.alignment = PP_ALIGN.LEFT


def _table_pages(
    table: Table, widths: list[float], max_lines: list[int], height: float
) -> list[tuple[list[list[str]], list[float]]]:
    """The table's rows fitted to their columns, in pages that fit ``height`` points."""
    header = _row_height(
        [
            fitting.fit(h, HEADER_PT, _cell_area(w), 2, True)
            for h, w in zip(table.columns, widths, strict=True)
        ],
        HEADER_PT,
    )
    pages: list[tuple[list[list[str]], list[float]]] = []
    rows: list[list[str]] = []
    heights: list[float] = []
    used = header
    for row in table.rows:
        cells = [
            fitting.fit(cell, CELL_PT, _cell_area(w), n)
            for cell, w, n in zip(row, widths, max_lines, strict=True)
        ]
        row_h = _row_height(cells, CELL_PT)
        if rows and used + row_h > height:
            pages.append((rows, heights))
            rows, heights, used = [], [], header
        rows.append(cells)
        heights.append(row_h)
        used += row_h
    pages.append((rows, heights))
    return pages


def _cell_area(width: float) -> float:
    return (width - 2 * CELL_MARGIN) * SLACK


def _row_height(cells: list[str], size: float) -> float:
    lines = max(len(c.split("\n")) for c in cells) if cells else 1
    return fitting.height(lines, size) + 2 * CELL_MARGIN + 2.0


def _table(
    slide: Any,
    table: Table,
    rows: list[list[str]],
    heights: list[float],
    widths: list[float],
    top: float,
    left: float = MARGIN,
) -> None:
    """A native table of fitted cells."""
    headers = [
        fitting.fit(h, HEADER_PT, _cell_area(w), 2, True)
        for h, w in zip(table.columns, widths, strict=True)
    ]
    header_h = _row_height(headers, HEADER_PT)
    total = header_h + sum(heights)
    shape = slide.shapes.add_table(
        len(rows) + 1, len(widths), _pt(left), _pt(top), _pt(sum(widths)), _pt(total)
    )
    shape.name = f"table:{table.key}"
    grid = shape.table
    for j, w in enumerate(widths):
        grid.columns[j].width = _pt(w)
    grid.rows[0].height = _pt(header_h)
    for i, h in enumerate(heights, start=1):
        grid.rows[i].height = _pt(h)
    for i, cells in enumerate([headers, *rows]):
        for j, text in enumerate(cells):
            cell = grid.cell(i, j)
            cell.margin_left = cell.margin_right = _pt(CELL_MARGIN)
            cell.margin_top = cell.margin_bottom = _pt(CELL_MARGIN)
            frame = cell.text_frame
            _write(
                frame,
                text,
                HEADER_PT if i == 0 else CELL_PT,
                bold=i == 0,
                colour=_rgb(0xFF, 0xFF, 0xFF) if i == 0 else INK,
            )


def _table_slides(
    deck: Any,
    title: str,
    table: Table | None,
    widths: list[float],
    max_lines: list[int],
    name: str,
    lang: str,
    top: float = BODY_TOP,
) -> None:
    """A table on as many slides as it needs (the title repeated, numbered)."""
    if table is None or not table.rows:
        slide = _slide(deck, title, name)
        _textbox(
            slide, t("Nothing to show.", lang), (MARGIN, BODY_TOP, BODY_W, 40.0), 14.0, colour=MUTED
        )
        return
    pages = _table_pages(table, widths, max_lines, SLIDE_H - top - MARGIN)
    for n, (rows, heights) in enumerate(pages, start=1):
        heading = title if len(pages) == 1 else f"{title} ({n}/{len(pages)})"
        slide = _slide(deck, heading, name if n == 1 else f"{name}-{n}")
        _table(slide, table, rows, heights, widths, top)


def _sov_slides(deck: Any, content: ReportContent) -> None:
    lang = content.lang
    slide = _slide(deck, t("Share of voice", lang), "share-of-voice")
    table = content.sov
    if table is None or not table.rows:
        said = content.empty.get("sov") or t("Nothing to show.", lang)
        _textbox(slide, said, (MARGIN, BODY_TOP, BODY_W, 40.0), 14.0, colour=MUTED)
        return
    widths = [170.0, 120.0, 130.0]
    pages = _table_pages(table, widths, [1, 1, 1], BODY_H)
    rows, heights = pages[0]
    _table(slide, table, rows, heights, widths, BODY_TOP)
    data = _chart_data(number_format="0.0%")
    data.categories = [str(r[0]) for r in table.raw]
    data.add_series(t("Share of voice", lang), [float(r[2] or 0.0) for r in table.raw])
    left = MARGIN + sum(widths) + 24.0
    frame = slide.shapes.add_chart(
        XL_CHART_TYPE.BAR_CLUSTERED,
        _pt(left),
        _pt(BODY_TOP),
        _pt(SLIDE_W - MARGIN - left),
        _pt(BODY_H),
        data,
    )
    frame.name = "chart:sov"
    chart = frame.chart
    chart.has_legend = False
    chart.plots[0].has_data_labels = True
    chart.plots[0].data_labels.number_format = "0.0%"
    chart.plots[0].data_labels.number_format_is_linked = False
    chart.category_axis.reverse_order = True
    # Shares start at zero: an axis starting at the smallest share would magnify differences.
    chart.value_axis.minimum_scale = 0.0
    chart.value_axis.tick_labels.number_format = "0%"
    chart.value_axis.tick_labels.number_format_is_linked = False
    chart.font.size = Pt(11)
    chart.font.name = fitting.FONT_NAME
    periods = sorted({r["period"] for r in content.sov_series})
    if len(periods) < 2:
        return
    over = _slide(deck, t("Share of voice over time", lang), "share-of-voice-over-time")
    series = _chart_data(number_format="0%")
    series.categories = periods
    brands = [str(r[0]) for r in table.raw]
    shares = {(r["period"], r["brand"]): r["share"] for r in content.sov_series}
    for brand in brands:
        series.add_series(brand, [float(shares.get((p, brand)) or 0.0) for p in periods])
    frame = over.shapes.add_chart(
        XL_CHART_TYPE.AREA_STACKED_100, _pt(MARGIN), _pt(BODY_TOP), _pt(BODY_W), _pt(BODY_H), series
    )
    frame.name = "chart:sov-over-time"
    frame.chart.has_legend = True
    frame.chart.legend.position = XL_LEGEND_POSITION.RIGHT
    frame.chart.legend.include_in_layout = False
    frame.chart.font.size = Pt(11)
    frame.chart.font.name = fitting.FONT_NAME
    frame.chart.value_axis.tick_labels.number_format = "0%"
    frame.chart.value_axis.tick_labels.number_format_is_linked = False


def _map_slide(deck: Any, content: ReportContent) -> None:
    slide = _slide(deck, t("Map", content.lang), "map")
    if content.map_png is None:
        said = content.empty.get("map") or t("Nothing to show.", content.lang)
        _textbox(slide, said, (MARGIN, BODY_TOP, BODY_W, 40.0), 14.0)
        return
    picture = slide.shapes.add_picture(io.BytesIO(content.map_png), _pt(MARGIN), _pt(BODY_TOP))
    picture.name = "map-image"
    scale = min(_pt(BODY_W) / picture.width, _pt(BODY_H) / picture.height)
    picture.width = int(picture.width * scale)
    picture.height = int(picture.height * scale)
    picture.left = int((_pt(SLIDE_W) - picture.width) / 2)


def _section_slides(deck: Any, content: ReportContent) -> None:
    for section in content.sections:
        slide = _slide(deck, section.title, f"section:{section.key}")
        top = BODY_TOP
        if section.cards:
            rows = -(-len(section.cards) // 4)
            _cards(slide, section.cards, top, min(BODY_H / 2, rows * 96.0))
            top += min(BODY_H / 2, rows * 96.0) + 16.0
        if section.table is not None and section.table.rows:
            n = len(section.table.columns)
            widths = [BODY_W / n] * n
            pages = _table_pages(section.table, widths, [2] * n, SLIDE_H - top - MARGIN)
            rows_, heights = pages[0]
            _table(slide, section.table, rows_, heights, widths, top)
            for rest in pages[1:]:
                more = _slide(deck, section.title, f"section:{section.key}+")
                _table(more, section.table, rest[0], rest[1], widths, BODY_TOP)


def write_pptx(data: ReportData, out: Path, lang: str) -> None:
    """Exporter ``report-pptx``: the report's data as a 16:9 deck of editable charts and tables."""
    content = collect(data, lang)
    deck = Presentation()
    deck.slide_width = _pt(SLIDE_W)
    deck.slide_height = _pt(SLIDE_H)
    _title_slide(deck, content)
    kpis = _slide(deck, t("Key figures", lang), "key-figures")
    _cards(kpis, content.cards, BODY_TOP, BODY_H)
    _sov_slides(deck, content)
    _map_slide(deck, content)
    _table_slides(
        deck,
        t("Top actors: journey weight vs audience", lang),
        content.top_actors,
        [520.0, 184.0, 184.0],
        [1, 1, 1],
        "top-actors",
        lang,
    )
    if content.influence:
        parts = (
            ("roi", t("Return on influence", lang), content.influence),
            ("influence", t("Influencers", lang), content.influencers),
        )
        for key, title, lines in parts:
            table = Table(
                key,
                [t("Indicator", lang), t("Value", lang)],
                [[label, value] for label, value in lines],
                free=1,
            )
            # Two lines for a label: « Part de voix des défenseurs pendant les incidents ».
            _table_slides(deck, title, table, [300.0, BODY_W - 300.0], [2, 3], key, lang)
    _table_slides(
        deck,
        t("Incidents of the period", lang),
        content.incidents,
        [125.0, 125.0, 105.0, 343.0, 80.0, 110.0],
        [1, 1, 1, 3, 1, 1],
        "incidents",
        lang,
    )
    _table_slides(
        deck,
        t("Alerts of the period", lang),
        content.alerts,
        [125.0, 120.0, 140.0, 393.0, 110.0],
        [1, 1, 2, 3, 1],
        "alerts",
        lang,
    )
    _section_slides(deck, content)
    deck.save(str(out))
