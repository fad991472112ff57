"""The report as a PowerPoint deck (python-pptx): title, KPIs, share of voice, map, actors, alerts."""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any

from pptx import Presentation
from pptx.util import Inches, Pt

from influscope.serve.i18n import t
from influscope.serve.reports.content import ReportContent, collect
from influscope.workspace import ReportData


def _title_slide(deck: Any, content: ReportContent) -> None:
    slide = deck.slides.add_slide(deck.slide_layouts[0])
    slide.shapes.title.text = content.title
    subtitle = content.subtitle
    if content.provenance:
        subtitle += "\n" + " · ".join(content.provenance)
    if content.simulated:
        subtitle += "\n" + t("simulated", content.lang)
    slide.placeholders[1].text = subtitle


def _text_slide(deck: Any, title: str, lines: list[str]) -> None:
    slide = deck.slides.add_slide(deck.slide_layouts[5])
    slide.shapes.title.text = title
    box = slide.shapes.add_textbox(Inches(0.6), Inches(1.5), Inches(8.8), Inches(5.2)).text_frame
    box.word_wrap = True
    for i, line in enumerate(lines or ["—"]):
        paragraph = box.paragraphs[0] if i == 0 else box.add_paragraph()
        paragraph.text = line
        paragraph.font.size = Pt(14)


def _picture_slide(deck: Any, title: str, png: bytes | None, name: str, lang: str) -> None:
    if png is None:
        _text_slide(deck, title, [t("ui.empty", lang)])
        return
    slide = deck.slides.add_slide(deck.slide_layouts[5])
    slide.shapes.title.text = title
    picture = slide.shapes.add_picture(io.BytesIO(png), Inches(0.6), Inches(1.4), width=Inches(8.8))
    picture.name = name
    if picture.height > Inches(5.9):
        ratio = Inches(5.9) / picture.height
        picture.height = Inches(5.9)
        picture.width = int(picture.width * ratio)


def write_pptx(data: ReportData, out: Path, lang: str) -> None:
    """Exporter ``report-pptx``: the report's data as a deck."""
    content = collect(data, lang)
    deck = Presentation()
    _title_slide(deck, content)
    _text_slide(deck, t("ui.kpis", lang), [f"{label}: {value}" for label, value in content.kpis])
    _picture_slide(deck, t("ui.share_of_voice", lang), content.sov_png, "sov-chart", lang)
    _picture_slide(deck, t("ui.map", lang), content.map_png, "map-image", lang)
    _text_slide(
        deck,
        t("ui.top_actors", lang),
        [
            f"{a['name']} — {a['weight'] or 0:.1%} · {a['followers'] or 0:,}"
            for a in content.top_actors
        ],
    )
    if content.influence:
        _text_slide(
            deck, t("ui.roi", lang), [f"{label}: {value}" for label, value in content.influence]
        )
        _text_slide(
            deck,
            t("ui.influence", lang),
            [f"{label}: {value}" for label, value in content.influencers],
        )
    _text_slide(
        deck,
        t("ui.alerts_period", lang),
        [
            f"{a.get('fired_at')} [{a.get('severity')}] {a.get('rule')}: {a.get('explanation') or ''}"[
                :300
            ]
            for a in content.alerts
        ],
    )
    deck.save(str(out))
