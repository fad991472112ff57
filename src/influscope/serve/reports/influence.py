"""The report's influence section: the lines it prints, in the report's language.

A renderer only: the figures come whole from
:meth:`~influscope.workspace.influence.InfluenceService.report_section` (an
:class:`~influscope.analyze.roi.section.InfluenceSection`, the values the API
answers), and every format prints the same (label, value) lines, so the
report's numbers are the API's numbers formatted by the report's own rules
(:mod:`.numbers`: ``21,5 %`` in French, ``21.5%`` in English).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from influscope.serve.i18n import t
from influscope.serve.reports import numbers

if TYPE_CHECKING:
    from influscope.analyze.influence.stored import StoredTier
    from influscope.analyze.roi.section import InfluenceSection

Line = tuple[str, str]


def decimal(value: float | None, lang: str, signed: bool = False) -> str:
    """A real number with two decimals, the language's decimal mark ('' when unknown)."""
    if value is None:
        return ""
    text = f"{value:+.2f}" if signed else f"{value:.2f}"
    return text.replace(".", ",") if lang == "fr" else text


def _names(rows: list[StoredTier]) -> str:
    return ", ".join(r.name or r.actor_id for r in rows)


def roi_lines(found: InfluenceSection, lang: str) -> list[Line]:
    """Acceptability, balance, journey share, campaigns, then the employee programme."""
    roi, advocacy = found.roi, found.advocacy
    accept = roi.acceptability
    lines = [
        (
            t("ui.acceptability", lang),
            f"{numbers.share(accept.index, lang)} "
            f"[{numbers.share(accept.low, lang)} – {numbers.share(accept.high, lang)}]",
        ),
        (t("ui.stance_balance", lang), decimal(accept.balance, lang, signed=True)),
    ]
    if roi.brand is not None:
        lines.append(
            (
                f"{t('ui.journey_share', lang)} {roi.brand}",
                numbers.share(roi.journey_share.get(roi.brand), lang),
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
                    effect=decimal(effect.effect, lang),
                    low=decimal(effect.low, lang),
                    high=decimal(effect.high, lang),
                ),
            )
        )
    if advocacy.roster:
        lines.append(
            (t("ui.sov_contribution", lang), numbers.share(advocacy.sov_contribution, lang))
        )
        lines.append((t("ui.originality", lang), numbers.share(advocacy.originality, lang)))
        if advocacy.participation:
            last = advocacy.participation[-1]
            lines.append(
                (
                    f"{t('ui.participation', lang)} {last.period}",
                    numbers.share(last.participation, lang),
                )
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
