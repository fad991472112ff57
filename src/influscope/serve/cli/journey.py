"""``influscope journey``: who sits on the public's path on an axis (parcours d'influence)."""

from __future__ import annotations

from typing import Annotated, Any

import typer

from influscope.analyze.journey.data import JourneyBasis
from influscope.analyze.journey.report import COLUMNS, PAGE_COLUMNS
from influscope.serve.cli.access import open_workspace
from influscope.serve.cli.context import lang_for
from influscope.serve.cli.output import err, headed, render, render_json
from influscope.serve.cli.params import Axis, Format, JourneyLevelOption
from influscope.serve.formats import number, percent
from influscope.serve.i18n import N_, t

app = typer.Typer(
    help="Journey weights: each actor's share of the public's encounters (searches → results → pages → actors).",
    invoke_without_command=True,
)


# Headers of the table (CSV and JSON keep the field names).
HEADERS = {
    "actor_id": N_("Actor"),
    "name": N_("Name"),
    "kind": N_("Kind"),
    "journey_weight": N_("Journey weight"),
    "journey_rank": N_("Journey rank"),
    "audience": N_("Audience"),
    "audience_rank": N_("Audience rank"),
    "rank_gap": N_("Rank gap"),
    "top_queries": N_("Top queries"),
    "node_id": N_("Node"),
    "url": N_("URL"),
}


def _for_a_person(rows: list[dict[str, Any]], columns: list[str], lang: str) -> list[Any]:
    """The table's rows: the weight as a percentage to two decimals, the kind in words."""
    shown = [
        r | {"journey_weight": percent(r["journey_weight"], lang, 2)}
        if r.get("journey_weight") is not None
        else r
        for r in rows
    ]
    return headed(shown, {c: HEADERS[c] for c in columns}, lang, words={"kind": "kind"})


@app.callback()
def journey(
    ctx: typer.Context,
    axis: Axis = None,
    level: JourneyLevelOption = "actor",
    fmt: Format = "table",
    limit: Annotated[int, typer.Option("--limit", help="Rows shown (0: all).")] = 50,
) -> None:
    """Journey weight beside audience, per actor (or per page); stored for the dashboard.

    Example: influscope journey --axis usine-du-futur --format csv
    """
    if ctx.invoked_subcommand is not None:
        return
    with open_workspace(ctx) as ws:
        rows = ws.journeys.compute(axis, level)
        run = ws.journeys.stored_run(axis)
        lang = lang_for(ctx, ws.config)
    shown = rows[:limit] if limit else rows
    columns = COLUMNS if level == "actor" else PAGE_COLUMNS
    if fmt == "table":
        render(_for_a_person(shown, columns, lang), fmt)
    else:
        render(shown, fmt, columns)
    if fmt == "table" and len(rows) > len(shown):
        err.print(
            t(
                "{shown} of {total} rows shown (--limit 0 for all).",
                lang,
                shown=len(shown),
                total=len(rows),
            )
        )
    basis = run.get("basis") if run else None
    if basis is not None:
        _tell_basis(basis, lang, empty=not rows)


def _tell_basis(basis: JourneyBasis, lang: str | None, empty: bool = False) -> None:
    """What the weights rest on, and a warning when it is a handful of reposts or nothing (stderr)."""
    err.print(
        t(
            "Based on {searches} searches with result pages ({results} results) and {social} social entries (reposts, replies, quotes, links).",
            lang,
            searches=number(basis.searches, lang),
            results=number(basis.results, lang),
            social=number(round(basis.social), lang),
        ),
    )
    if not basis.weighted:
        err.print(
            t(
                "No search volumes imported (ingest demand): every search with result pages "
                "counts the same.",
                lang,
            ),
        )
    if empty:
        err.print(
            t(
                'Warning: no actor is met on this journey. Import search demand and result pages (ingest demand, ingest serp), or add "mention" to [journey] social_kinds for exports without reply ids.',
                lang,
            ),
        )
    elif basis.thin:
        err.print(
            t(
                'Warning: too little to weigh a journey; these shares are those of a few entries. Import search demand and result pages (ingest demand, ingest serp), or add "mention" to [journey] social_kinds for exports without reply ids.',
                lang,
            ),
        )


@app.command("explain")
def explain(
    ctx: typer.Context,
    actor_id: Annotated[
        str, typer.Argument(help="Actor id, e.g. twitter:jdupont or web:lemonde.fr.")
    ],
    axis: Axis = None,
    fmt: Format = "table",
) -> None:
    """The top paths (query → result → page → actor) behind an actor's journey weight.

    Example: influscope journey explain twitter:jdupont --axis usine-du-futur
    """
    with open_workspace(ctx) as ws:
        found = ws.journeys.explain(actor_id, axis)
        lang = lang_for(ctx, ws.config)
    if fmt == "json":
        render_json(found)
        return
    err.print(
        t(
            "{actor}: journey weight {weight} (share of the public's encounters)",
            lang,
            actor=actor_id,
            weight=percent(found["journey_weight"], lang, 2),
        ),
    )
    paths = found["paths"]
    if fmt == "table":  # a share as a percentage (CSV keeps the share, 0-1)
        paths = [
            p | {"share": percent(p["share"], lang, 2)} if p.get("share") is not None else p
            for p in paths
        ]
    render(paths, fmt, ["seq", "entry_kind", "entry", "result", "page", "link_step", "share"])
    if fmt == "table" and found.get("observed_pages"):
        err.print(
            t(
                "Link steps follow observed clicks from {pages} pages (link_step: observed / unobserved; even = even split).",
                lang,
                pages=found["observed_pages"],
            ),
        )


@app.command("queries")
def queries(
    ctx: typer.Context,
    axis: Axis = None,
    fmt: Format = "table",
) -> None:
    """Who occupies each query's results, the company's share of clicks, crisis readiness.

    Example: influscope journey queries --axis usine-du-futur
    """
    with open_workspace(ctx) as ws:
        found = ws.journeys.queries(axis)
        lang = lang_for(ctx, ws.config)
    if fmt == "json":
        render_json(found)
        return
    columns = ["query", "volume", "slots", "top_result", "owned_ranks", "owned_share", "occupants"]
    if fmt == "table":  # shares as percentages, occupants' kinds in words
        shares = ("owned_share", "occupants")
        said = headed(found["queries"], QUERY_HEADERS, lang, shares, {"occupants": "kind"})
        render(said, fmt)
    else:
        render(found["queries"], fmt, columns + ["crisis", "riposte_ready"])
    if found["company_share"] is None:
        err.print(
            t(
                "No search with result pages: import search demand and result pages (ingest demand, ingest serp).",
                lang,
            )
        )
    else:
        err.print(
            t(
                "Company share of journey clicks: {share}",
                lang,
                share=percent(found["company_share"], lang),
            ),
        )
    for query in found["crisis_without_owned"]:
        err.print(
            t("Crisis query without the company in the results: {query}", lang, query=query),
        )
    for query in found["crisis_without_results"]:
        err.print(t("Crisis query with no result page imported: {query}", lang, query=query))


QUERY_HEADERS = {
    "query": N_("Query"),
    "volume": N_("Searches"),
    "slots": N_("Result slots"),
    "top_result": N_("Top result"),
    "owned_ranks": N_("The company's ranks"),
    "owned_share": N_("The company's share"),
    "occupants": N_("Who occupies the results"),
    "crisis": N_("Crisis query"),
    "riposte_ready": N_("Company in the results"),
}


@app.command("precontact")
def precontact(
    ctx: typer.Context,
    actor_id: Annotated[str, typer.Argument(help="Actor to approach, e.g. twitter:jdupont.")],
    axis: Axis = None,
    fmt: Annotated[str, typer.Option("--format", help="table or json.")] = "table",
) -> None:
    """Share of the axis' journeys this actor would add to the company's side.

    Example: influscope journey precontact twitter:jdupont --axis usine-du-futur
    """
    with open_workspace(ctx) as ws:
        found = ws.journeys.precontact(actor_id, axis)
    if fmt == "json":
        render_json(found)
        return
    rows = [{"field": k, "value": v} for k, v in found.items()]
    render(rows, "table", ["field", "value"])
