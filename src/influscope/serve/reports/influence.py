"""The report's influence section: the lines it prints, in the report's language.

A renderer only: the figures come whole from
:meth:`~influscope.workspace.influence.InfluenceService.report_section` (an
:class:`~influscope.analyze.roi.section.InfluenceSection`, the values the API
answers), and every format prints the same (label, value) lines, so the
report's numbers are the API's numbers formatted once, here.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from influscope.serve.formats import labelled, number
from influscope.serve.formats import percent as share_in
from influscope.serve.i18n import nt, t
from influscope.serve.labels import label

if TYPE_CHECKING:
    from influscope.analyze.influence.stored import StoredTier
    from influscope.analyze.roi.section import InfluenceSection

Line = tuple[str, str]


def percent(value: float | None, lang: str) -> str:
    """A share as the report prints it (one decimal, the language's way), '' when unknown."""
    return share_in(None if value is None else float(value), lang)


def _signed(value: float | None, lang: str) -> str:
    """The stance balance with its sign (+0.25), '' when unknown."""
    if value is None:
        return ""
    return ("+" if value > 0 else "") + number(float(value), lang, 2)


def _names(rows: list[StoredTier]) -> str:
    return ", ".join(r.name or r.actor_id for r in rows)


def roi_lines(found: InfluenceSection, lang: str) -> list[Line]:
    """Acceptability, balance, journey share, campaigns, then the employee programme."""
    roi, advocacy = found.roi, found.advocacy
    accept = roi.acceptability
    lines = [
        (
            t("Social acceptability", lang),
            f"{percent(accept.index, lang)} [{percent(accept.low, lang)} – {percent(accept.high, lang)}]",
        ),
        (t("Stance balance (allies − detractors)", lang), _signed(accept.balance, lang)),
        (
            t("Stance trend", lang),
            " · ".join(
                labelled(p.period[:7], percent(p.index, lang), lang)
                for p in roi.stance_trend
                if p.index is not None
            ),
        ),
    ]
    if roi.brand is not None:
        lines.append(
            (
                t("Share of journey encounters: {brand}", lang, brand=roi.brand),
                percent(roi.journey_share.get(roi.brand), lang),
            )
        )
    for campaign in roi.campaigns:
        effect = campaign.estimate
        lines.append(
            (
                t("Campaign: {name}", lang, name=campaign.name),
                t(
                    "Effect: {effect} citations a day (95 % interval {low} to {high})",
                    lang,
                    effect=number(effect.effect, lang, 2),
                    low=number(effect.low, lang, 2),
                    high=number(effect.high, lang, 2),
                ),
            )
        )
    lines += defence_lines(found, lang)
    if advocacy.roster:
        lines.append(
            (
                t("Employees' part of the company's citations", lang),
                percent(advocacy.sov_contribution, lang),
            )
        )
        lines.append((t("Own words", lang), percent(advocacy.originality, lang)))
        if advocacy.participation:
            last = advocacy.participation[-1]
            lines.append(
                (
                    t("Participation: {period}", lang, period=last.period),
                    percent(last.participation, lang),
                )
            )
    return lines


def defence_lines(found: InfluenceSection, lang: str) -> list[Line]:
    """Defenders in incidents: how many, their share of voice, who they are (none: no line)."""
    defence = found.roi.defenders
    if defence is None:
        return []
    split = " · ".join(
        f"{label('defender', name, lang)} {count}" for name, count in defence.by_relation.items()
    )
    return [
        (
            t("Defenders in incidents", lang),
            nt("{count} defender", "{count} defenders", defence.defenders, lang)
            + " · "
            + nt("{count} incident", "{count} incidents", defence.incidents, lang),
        ),
        (
            t("Defenders' share of voice during incidents", lang),
            percent(defence.share_of_voice, lang),
        ),
        (t("Who defended", lang), split),
    ]


def people_lines(found: InfluenceSection, lang: str) -> list[Line]:
    """The leaders of each tier, the rising stars, who is worth meeting.

    Every tier the CLI and the dashboard list is here: with the mainstream
    and affinity tiers alone, a map whose first voices are macro (heard in
    their own community only) read "—", as if it had no influencer.
    """
    return [
        (label("tier", "mainstream", lang), _names(found.mainstream)),
        (label("tier", "macro", lang), _names(found.macro)),
        (label("tier", "affinity", lang), _names(found.affinity)),
        (label("tier", "micro", lang), _names(found.micro)),
        (t("Rising stars", lang), _names(found.rising)),
        (t("Worth a relationship", lang), ", ".join(w.name or w.actor_id for w in found.worth)),
    ]


UNKNOWN = "—"


def _shown(lines: list[Line]) -> list[Line]:
    """Lines with a dash for a value that is unknown or empty: a blank cell reads as an omission."""
    return [(name, value if value.strip() else UNKNOWN) for name, value in lines]


def influence_lines(found: InfluenceSection, lang: str) -> tuple[list[Line], list[Line]]:
    """Both blocks of the section: the return on influence, then the influencers."""
    return _shown(roi_lines(found, lang)), _shown(people_lines(found, lang))
