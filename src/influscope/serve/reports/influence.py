"""The report's influence section: the lines it prints, in the report's language.

A renderer only: the figures come whole from
:meth:`~influscope.workspace.influence.InfluenceService.report_section` (an
:class:`~influscope.analyze.roi.section.InfluenceSection`, the values the API
answers), and every format prints the same (label, value) lines, so the
report's numbers are the API's numbers formatted once, here.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from influscope.serve.i18n import t

if TYPE_CHECKING:
    from influscope.analyze.influence.stored import StoredTier
    from influscope.analyze.roi.section import InfluenceSection

Line = tuple[str, str]


def percent(value: float | None) -> str:
    """A share as the report prints it (one decimal), '' when unknown."""
    return "" if value is None else f"{float(value) * 100:.1f} %"


def _names(rows: list[StoredTier]) -> str:
    return ", ".join(r.name or r.actor_id for r in rows)


def roi_lines(found: InfluenceSection, lang: str) -> list[Line]:
    """Acceptability, balance, journey share, campaigns, then the employee programme."""
    roi, advocacy = found.roi, found.advocacy
    accept = roi.acceptability
    lines = [
        (
            t("ui.acceptability", lang),
            f"{percent(accept.index)} [{percent(accept.low)} – {percent(accept.high)}]",
        ),
        (t("ui.stance_balance", lang), "" if accept.balance is None else f"{accept.balance:+.2f}"),
    ]
    if roi.brand is not None:
        lines.append(
            (
                f"{t('ui.journey_share', lang)} {roi.brand}",
                percent(roi.journey_share.get(roi.brand)),
            )
        )
    for campaign in roi.campaigns:
        effect = campaign.estimate
        lines.append(
            (
                f"{t('ui.campaigns', lang)}: {campaign.name}",
                t(
                    "ui.campaign_effect",
                    lang,
                    effect=f"{effect.effect:.2f}",
                    low=f"{effect.low:.2f}",
                    high=f"{effect.high:.2f}",
                ),
            )
        )
    if advocacy.roster:
        lines.append((t("ui.sov_contribution", lang), percent(advocacy.sov_contribution)))
        lines.append((t("ui.originality", lang), percent(advocacy.originality)))
        if advocacy.participation:
            last = advocacy.participation[-1]
            lines.append(
                (f"{t('ui.participation', lang)} {last.period}", percent(last.participation))
            )
    return lines


def people_lines(found: InfluenceSection, lang: str) -> list[Line]:
    """The leading mainstream and affinity influencers, the rising stars, who is worth meeting."""
    return [
        (t("ui.tier_mainstream", lang), _names(found.mainstream)),
        (t("ui.tier_affinity", lang), _names(found.affinity)),
        (t("ui.rising", lang), _names(found.rising)),
        (t("ui.worth", lang), ", ".join(w.name or w.actor_id for w in found.worth)),
    ]


def influence_lines(found: InfluenceSection, lang: str) -> tuple[list[Line], list[Line]]:
    """Both blocks of the section: the return on influence, then the influencers."""
    return roi_lines(found, lang), people_lines(found, lang)
