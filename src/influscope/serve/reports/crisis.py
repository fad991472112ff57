"""The crisis report of one incident, as PDF (WeasyPrint) and PowerPoint (python-pptx).

What a director forwards: when it happened and what was done (timeline),
what is said (the attack's narrative and the others), how it spread (the
cascade), who defended the company and their share of the voice (the crisis
KPI), coordinated accounts, and whether the company's own pages are found on
the crisis searches. Built from ``ws.crisis.incident`` and
``ws.crisis.analyse``; every value is escaped, nothing is fetched.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from jinja2 import Environment, PackageLoader, select_autoescape
from pptx import Presentation
from pptx.util import Inches, Pt
from weasyprint import HTML

from influscope.serve.i18n import t
from influscope.serve.reports import messages  # noqa: F401 - registers the sentences
from influscope.serve.reports.html import _data_only_fetcher
from influscope.workspace.crisis_results import CrisisAnalysis, Incident

_env = Environment(
    loader=PackageLoader("influscope.serve.reports", "templates"),
    autoescape=select_autoescape(default=True, default_for_string=True),
)


def sections(incident: Incident, analysis: CrisisAnalysis, lang: str) -> list[dict[str, Any]]:
    """The report's sections (title and lines), the same for every format."""
    out: list[dict[str, Any]] = []
    out.append(
        {
            "title": t("crisis.timeline", lang),
            "lines": [
                t(
                    "crisis.window",
                    lang,
                    start=f"{incident.window_start:%Y-%m-%d %H:%M}",
                    end=f"{incident.window_end:%Y-%m-%d %H:%M}",
                    state=t(f"ui.incident_{incident.state}", lang),
                    alerts=len(incident.alerts),
                )
            ]
            + [
                f"{e.at:%Y-%m-%d %H:%M} · {e.kind}"
                + (f" · {e.by_user}" if e.by_user else "")
                + (f" · {e.detail}" if e.detail else "")
                for e in incident.timeline[:15]
            ],
        }
    )
    attack = analysis.attack
    if attack is not None:
        cascade = analysis.cascade or {}
        out.append(
            {
                "title": t("crisis.attack", lang),
                "lines": [
                    t(
                        "crisis.attack_line",
                        lang,
                        label=attack.label,
                        origin=attack.origin_author,
                        documents=attack.documents,
                        accounts=attack.accounts,
                    ),
                    t(
                        "crisis.cascade_line",
                        lang,
                        size=cascade.get("size", 0),
                        depth=cascade.get("depth", 0),
                        virality=cascade.get("structural_virality", 0),
                    ),
                    t(
                        "crisis.first_movers",
                        lang,
                        movers=", ".join(cascade.get("first_movers", [])[:5]),
                    ),
                ],
            }
        )
    defenders = analysis.defenders
    if defenders is not None:
        share = f"{100 * defenders.share_of_voice:.0f}" + (" %" if lang == "fr" else "%")
        out.append(
            {
                "title": t("ui.crisis_defenders", lang),
                "lines": [
                    t("crisis.defender_share", lang, share=share, count=len(defenders.actors))
                ]
                + [
                    f"{d.actor_id} · {d.relation} · {d.first_at:%Y-%m-%d %H:%M}"
                    for d in defenders.actors[:12]
                ],
            }
        )
    groups = analysis.coordination.groups
    out.append(
        {
            "title": t("ui.coordination", lang),
            "lines": [
                t("crisis.group", lang, accounts=len(g.accounts), contents=g.contents)
                for g in groups[:5]
            ]
            or [t("crisis.none", lang)],
        }
    )
    riposte = analysis.riposte
    seconds = riposte.seconds_to_first_owned_response
    out.append(
        {
            "title": t("ui.riposte", lang),
            "lines": [
                t(
                    "crisis.query_rank",
                    lang,
                    query=q.query,
                    rank=t("crisis.rank", lang, rank=q.best_owned_rank)
                    if q.best_owned_rank
                    else t("crisis.absent", lang),
                )
                for q in riposte.queries[:10]
            ]
            + [
                t("crisis.first_response", lang, hours=f"{seconds / 3600:.1f}")
                if seconds is not None
                else t("crisis.no_response", lang)
            ],
        }
    )
    return out


def write_crisis_pdf(
    incident: Incident, analysis: CrisisAnalysis, out: Path, lang: str, simulated: bool
) -> None:
    """The crisis report as PDF."""
    html = _env.get_template("crisis.html").render(
        lang=lang,
        title=t("crisis.title", lang, incident=incident.incident_id),
        sections=sections(incident, analysis, lang),
        simulated=t("simulated", lang) if simulated else "",
    )
    HTML(string=html, url_fetcher=_data_only_fetcher()).write_pdf(str(out))


def write_crisis_pptx(
    incident: Incident, analysis: CrisisAnalysis, out: Path, lang: str, simulated: bool
) -> None:
    """The crisis report as a deck: a title slide, then one slide per section."""
    deck = Presentation()
    slide = deck.slides.add_slide(deck.slide_layouts[0])
    slide.shapes.title.text = t("crisis.title", lang, incident=incident.incident_id)
    slide.placeholders[1].text = t("simulated", lang) if simulated else ""
    for part in sections(incident, analysis, lang):
        page = deck.slides.add_slide(deck.slide_layouts[5])
        page.shapes.title.text = part["title"]
        box = page.shapes.add_textbox(Inches(0.5), Inches(1.4), Inches(9), Inches(5.6)).text_frame
        box.word_wrap = True
        for i, line in enumerate(part["lines"] or ["—"]):
            paragraph = box.paragraphs[0] if i == 0 else box.add_paragraph()
            paragraph.text = line
            paragraph.font.size = Pt(13)
    deck.save(str(out))
