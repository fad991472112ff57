"""``influscope influence``: profiles, tiers, the relationship log, advocacy, return on influence."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Any, Literal

import typer

from influscope.serve.cli.access import open_workspace
from influscope.serve.cli.context import lang_for
from influscope.serve.cli.ingest_map import report
from influscope.serve.cli.output import as_row, err, headed, render
from influscope.serve.cli.params import Axis, Format, Limit
from influscope.serve.cli.params import Period as Within
from influscope.serve.cli.sov import for_a_person
from influscope.serve.formats import percent
from influscope.serve.i18n import N_, nt, say, t
from influscope.serve.labels import label

app = typer.Typer(
    help="Influencers: kinds with evidence, tiers by position, the relationship log, employee "
    "advocacy, return on influence."
)
Tier = Literal["mainstream", "macro", "affinity", "micro", "none"]
Period = Literal["week", "month", "quarter"]
SERIES = ("fitted", "counterfactual")  # the campaign's daily series: JSON output only


@app.command("profile")
def profile(
    ctx: typer.Context, kind: str | None = None, limit: Limit = 50, fmt: Format = "table"
) -> None:
    """Profile every actor (kind with evidence and confidence), then list the profiles.

    Example: influscope influence profile --kind media --format json
    """
    lang = lang_for(ctx)
    with open_workspace(ctx) as ws:
        done = ws.influence.profile()
        found = ws.influence.profiles(kind, limit=limit)
    kinds = ", ".join(f"{label('kind', k, lang)} {n}" for k, n in sorted(done.kinds.items()))
    if done.actors:
        err.print(
            nt(
                "{count} actor profiled: {kinds}",
                "{count} actors profiled: {kinds}",
                done.actors,
                lang,
                kinds=kinds,
            )
        )
    else:
        err.print(
            t(
                "No actor to profile: no document with an author is imported (influscope "
                "ingest; for a file, --map author=… names its author column).",
                lang,
            )
        )
    rows = [
        {
            "actor_id": r.actor_id,
            "kind": r.kind,
            "source": r.kind_source,
            "confidence": r.kind_confidence,
            "documents": r.documents,
            "mentioned_in": r.mentioned_in,
            "evidence": "; ".join(
                say(e.detail, lang) if e.detail else e.source for e in r.evidence
            ),
        }
        for r in found.items
    ]
    if fmt == "json":
        render(found.items, fmt)
    elif fmt == "table":
        words = {"kind": "kind", "source": "kind_source"}
        render(headed(rows, PROFILE, lang, shares=("confidence",), words=words), fmt)
    else:
        render(rows, fmt)


PROFILE = {
    "actor_id": N_("Actor"),
    "kind": N_("Kind"),
    "source": N_("Read from"),
    "confidence": N_("Confidence"),
    "documents": N_("Documents"),
    "mentioned_in": N_("Mentioned in"),
    "evidence": N_("Evidence"),
}


@app.command("tiers")
def tiers(
    ctx: typer.Context,
    axis: Axis = None,
    tier: Annotated[
        Tier | None,
        typer.Option("--tier", help="Only this tier (mainstream, macro, affinity, micro)."),
    ] = None,
    limit: Limit = 30,
    fmt: Format = "table",
) -> None:
    """Compute influencer tiers by position on the stored map (run 'map' first).

    Example: influscope influence tiers --tier mainstream --limit 10
    """
    lang = lang_for(ctx)
    with open_workspace(ctx) as ws:
        ws.influence.tiers(axis)
        found = ws.influence.stored_tiers(axis, tier=tier, limit=limit)
    if fmt == "json":
        render(found, fmt)
    elif fmt == "csv":
        render([{k: getattr(r, k) for k in TIER_COLUMNS} for r in found], fmt)
    else:  # for a person: the tier and its reasons in words, as the dashboard says them
        rows = [
            {
                t("Actor", lang): r.actor_id,
                t("Name", lang): r.name,
                t("Tier", lang): label("tier", r.tier, lang),
                t("Community", lang): r.community,
                t("Explanation", lang): reasons_text(r.reasons, lang),
            }
            for r in found
        ]
        render(rows, fmt)


TIER_COLUMNS = (
    "actor_id", "name", "tier", "community", "community_rank", "position_pct", "reach",
    "outside_share", "journey_weight", "focus", "rising",
)  # fmt: skip
# A tier's reasons, by code: the sentences of the dashboard's influencers page.
REASONS = {
    "position": (N_("top {top} of the map"), ("top",)),
    "community": (N_("#{rank} of its community of {size}"), ()),
    "reach": (
        N_("communities reached: {communities} ({outside} from outside its own)"),
        ("outside",),
    ),
    "journey": (N_("top {top} of journey weights"), ("top",)),
    "focus": (N_("{share} of its posts on the axis"), ("share",)),
}


def reasons_text(reasons: list[dict[str, Any]], lang: str) -> str:
    """A tier's reasons as one sentence in the language (shares as percentages)."""
    said = []
    for reason in reasons:
        known = REASONS.get(str(reason.get("code")))
        if known is None:
            continue
        message, shares = known
        values = dict(reason.get("values") or {})
        for key in shares:
            values[key] = percent(values.get(key), lang)
        said.append(t(message, lang, **values))
    return " · ".join(said)


@app.command("worth")
def worth(ctx: typer.Context, axis: Axis = None, limit: Limit = 20, fmt: Format = "table") -> None:
    """Actors worth a relationship: heavy on the journey, not yet in contact, not hostile.

    Example: influscope influence worth --axis usine-du-futur
    """
    with open_workspace(ctx, read_only=True) as ws:
        found = ws.influence.worth(axis, limit)
        lang = lang_for(ctx, ws.config)
    if fmt != "table":
        render(found, fmt)
        return
    words = {"kind": "kind", "stance": "stance", "tier": "tier"}
    render(headed(found, WORTH, lang, shares=("journey_weight",), words=words), fmt)


WORTH = {
    "actor_id": N_("Actor"),
    "name": N_("Name"),
    "kind": N_("Kind"),
    "journey_weight": N_("Journey weight"),
    "journey_rank": N_("Journey rank"),
    "stance": N_("Stance"),
    "tier": N_("Tier"),
}


@app.command("relations")
def relations(
    ctx: typer.Context,
    path: Annotated[Path | None, typer.Argument(help="A relationship-log CSV to import.")] = None,
    actor: Annotated[str | None, typer.Option("--actor", help="Only this actor's entries.")] = None,
    by: Annotated[str | None, typer.Option("--by", help="Who imports (kept in the audit).")] = None,
    fmt: Format = "table",
) -> None:
    """Import a relationship log (CSV, audited), or list it.

    Example: influscope influence relations contacts.csv --by alice
    """
    with open_workspace(ctx) as ws:
        if path is not None:
            result = ws.influence.import_relations(path, by)
            code = report(result, "relations", lang_for(ctx, ws.config))
            if code:
                raise typer.Exit(code)
            return
        render(ws.influence.relations(actor), fmt)


@app.command("advocacy")
def advocacy(
    ctx: typer.Context,
    axis: Axis = None,
    period: Annotated[
        Period, typer.Option("--period", help="Participation period: week, month or quarter.")
    ] = "month",
    names: Annotated[
        bool, typer.Option("--names", help="Show names (who runs the CLI is an admin).")
    ] = False,
    fmt: Format = "table",
) -> None:
    """The employee programme: participation, originality, leaders, leaderboard (pseudonymised).

    Example: influscope influence advocacy --axis usine-du-futur --period month
    """
    lang = lang_for(ctx)
    with open_workspace(ctx, read_only=True) as ws:
        found = ws.influence.advocacy(axis, period, names=names)
    if fmt == "json":
        render([found], "json")
        return
    if fmt == "table" and not found.roster:
        # Nobody is known to be an employee: no figure (not 0 %), but the way in.
        err.print(
            t(
                "No employee roster: import one with 'influscope ingest roster' to follow "
                "employee advocacy.",
                lang,
            )
        )
        return
    # For a person each figure in words, shares as percentages; files keep the field names.
    summary = (
        _programme(found, lang)
        if fmt == "table"
        else [
            {"field": k, "value": v}
            for k, v in as_row(found).items()
            if k not in ("participation", "leaderboard")
        ]
    )
    render(summary, fmt, title=t("Employee programme", lang))
    render(found.participation, fmt, title=t("Participation", lang))
    render(found.leaderboard, fmt, title=t("Leaderboard", lang))


# The employee programme's figures for a person (CSV and JSON keep the field names).
PROGRAMME = {
    "axis": N_("Axis"),
    "period": N_("Participation period"),
    "roster": N_("Employees on the roster"),
    "sov_contribution": N_("Share of the company's citations written by employees"),
    "brand_documents": N_("Documents citing the company"),
    "employee_brand_documents": N_("Of which by employees"),
    "own_words": N_("Employee posts in their own words"),
    "copies": N_("Employee posts copying a message"),
    "reposts": N_("Employee reposts"),
    "originality": N_("Originality"),
    "executives": N_("Executives on the roster"),
    "executive_documents": N_("Executives' documents"),
    "pseudonymised": N_("Names pseudonymised"),
}


def _programme(found: Any, lang: str) -> list[dict[str, Any]]:
    """The programme's figures as rows of a two-column table, in the language."""
    row = as_row(found)
    shown = headed([row], PROGRAMME, lang, shares=("sov_contribution", "originality"))[0]
    return [{t("Figure", lang): k, t("Value", lang): v} for k, v in shown.items()]


# The return-on-influence tables for a person (CSV and JSON keep the fields, shares 0-1).
JOURNEY_SHARE = {"brand": N_("Brand"), "journey_share": N_("Share of the public's encounters")}
ACCEPTABILITY = {
    "index": N_("Acceptability index"),
    "low": N_("Low"),
    "high": N_("High"),
    "balance": N_("Balance"),
    "favourable": N_("Favourable"),
    "opposed": N_("Opposed"),
    "neutral": N_("Neutral"),
    "favourable_weight": N_("Favourable weight"),
    "opposed_weight": N_("Opposed weight"),
    "weighting": N_("Weighted by"),
    "level": N_("Confidence level"),
}
TREND = {"period": N_("Period"), "actors": N_("Actors")} | {
    field: ACCEPTABILITY[field]
    for field in ("index", "low", "high", "balance", "favourable", "opposed")
}
DEFENCE = {
    "period": N_("Period"),
    "incidents": N_("Incidents"),
    "defenders": N_("Defenders"),
    "documents": N_("Documents"),
    "conversation": N_("Documents in the incidents"),
    "share_of_voice": N_("Defenders' share of voice"),
    "by_relation": N_("Who they are"),
}
# A campaign's effect on the brand's daily citations (interrupted time series).
CAMPAIGN = {
    "campaign": N_("Campaign"),
    "start": N_("Start"),
    "end": N_("End"),
    "effect": N_("Effect (citations a day)"),
    "low": N_("Low"),
    "high": N_("High"),
    "std_error": N_("Standard error"),
    "p_value": N_("p-value"),
    "level": N_("Confidence level"),
    "before": N_("Daily citations before"),
    "during": N_("Daily citations during"),
    "periods": N_("Days"),
    "campaign_periods": N_("Campaign days"),
    "method": N_("Method"),
}
ROI_SHARES = ("index", "low", "high", "balance", "favourable_weight", "opposed_weight", "level")


@app.command("roi")
def roi(
    ctx: typer.Context, axis: Axis = None, period: Within = None, fmt: Format = "table"
) -> None:
    """Return on influence: share of voice, acceptability and its trend, defenders, campaigns.

    Example: influscope influence roi --axis emploi-competences --period 2026-Q4 --format json
    """
    lang = lang_for(ctx)
    with open_workspace(ctx, read_only=True) as ws:
        found = ws.influence.roi(axis, within=period)
    if fmt == "json":
        render([found], "json")
        return
    journey = [{"brand": b, "journey_share": s} for b, s in found.journey_share.items()]
    if fmt == "table":  # for a person: headers in words, shares as percentages
        sov_rows = for_a_person([r.as_dict() for r in found.share_of_voice], lang)
        render(sov_rows, fmt, title=t("Share of voice", lang))
        render(
            headed(journey, JOURNEY_SHARE, lang, shares=("journey_share",)),
            fmt,
            title=t("Share of journey encounters", lang),
        )
        if found.acceptability.favourable + found.acceptability.opposed:
            acceptability = headed([found.acceptability], ACCEPTABILITY, lang, shares=ROI_SHARES)
            render(acceptability, fmt, title=t("Acceptability", lang))
        else:  # an index of nobody: say what it needs rather than a row of blanks
            render([], fmt, title=t("Acceptability", lang))
            err.print(
                t(
                    "No actor of the map is an ally or a detractor of the brand: the index "
                    "weighs favourable against opposed actors (influscope map, then "
                    "influscope actor ID to see a stance's sources).",
                    lang,
                )
            )
        trend = headed(found.stance_trend, TREND, lang, shares=ROI_SHARES)
        render(trend, fmt, title=t("Stance trend", lang))
        if found.defenders is not None:
            periods = headed(
                found.defenders.periods,
                DEFENCE,
                lang,
                shares=("share_of_voice",),
                words={"by_relation": "defender"},
            )
            render(periods, fmt, title=t("Defenders in incidents", lang))
    else:
        render(found.share_of_voice, fmt, title=t("Share of voice", lang))
        render(journey, fmt)
        render([found.acceptability], fmt, title=t("Acceptability", lang))
        render(found.stance_trend, fmt, title=t("Stance trend", lang))
        if found.defenders is not None:
            render(found.defenders.periods, fmt, title=t("Defenders in incidents", lang))
    campaigns = [
        {"campaign": c.name, "start": c.start, "end": c.end}
        | {k: v for k, v in as_row(c.estimate).items() if k not in SERIES}
        for c in found.campaigns
    ]
    render(
        headed(campaigns, CAMPAIGN, lang, shares=("level",)) if fmt == "table" else campaigns,
        fmt,
        title=t("Campaigns", lang),
    )
