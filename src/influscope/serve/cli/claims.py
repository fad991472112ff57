"""``influscope claims``: name a narrative, mark it false with its fact-checks, follow its spread."""

from __future__ import annotations

import getpass
from datetime import datetime
from typing import Annotated

import typer

from influscope.serve.cli.access import open_workspace
from influscope.serve.cli.context import lang_for
from influscope.serve.cli.output import as_row, err, headed, render, render_json
from influscope.serve.cli.params import Format
from influscope.serve.i18n import N_, nt, t

COLUMNS = ["claim_id", "label", "verdict", "debunked_at", "query", "origin", "fact_checks"]

app = typer.Typer(
    help="Claims (named narratives): list, add, debunk, spread after the debunk.",
    no_args_is_help=True,
)


# The claims for a person (CSV and JSON keep the field names and values).
HEADERS = {
    "claim_id": N_("Claim"),
    "label": N_("Label"),
    "verdict": N_("Verdict"),
    "debunked_at": N_("Debunked at"),
    "query": N_("Query"),
    "origin": N_("Origin post"),
    "fact_checks": N_("Fact-checks"),
}


@app.command("list")
def list_(ctx: typer.Context, fmt: Format = "table") -> None:
    """List claims, newest first. Example: influscope claims list."""
    with open_workspace(ctx, read_only=True) as ws:
        claims = ws.claims.list()
        lang = lang_for(ctx, ws.config)
    if fmt != "table":
        render(claims, fmt, COLUMNS)
        return
    rows = [
        as_row(c) | {"verdict": c.verdict or None, "fact_checks": " ".join(c.fact_checks)}
        for c in claims
    ]
    shown = headed(rows, HEADERS, lang, words={"verdict": "verdict"}, moments=("debunked_at",))
    if shown:
        render(shown, fmt)
    else:
        err.print(t("No claim yet: name one with influscope claims add LABEL --query Q.", lang))


@app.command("add")
def add(
    ctx: typer.Context,
    label: str,
    query: Annotated[
        str | None, typer.Option("--query", help="The posts that carry it (query language).")
    ] = None,
    origin: Annotated[
        str | None, typer.Option("--origin", help="The origin post of a detected narrative.")
    ] = None,
    by: Annotated[str | None, typer.Option("--by", help="Who names it (default: you).")] = None,
) -> None:
    """Name a claim by a query or a narrative's origin.

    Example: influscope claims add "Vernay plant closing" --query "vernay AND ferme"
    """
    with open_workspace(ctx) as ws:
        claim = ws.claims.add(label, query=query, origin=origin, by=by or getpass.getuser())
        carried = ws.claims.spread(claim.claim_id).spread.documents
        lang = lang_for(ctx, ws.config)
    # How many posts carry it, now: a query that matches nothing is a typo to see at once.
    typer.echo(
        nt(
            "Claim {claim_id} recorded: {count} post carries it.",
            "Claim {claim_id} recorded: {count} posts carry it.",
            carried,
            lang,
            claim_id=claim.claim_id,
        ),
        err=True,
    )
    typer.echo(claim.claim_id)


@app.command("debunk")
def debunk(
    ctx: typer.Context,
    claim_id: str,
    link: Annotated[
        list[str] | None, typer.Option("--link", help="A fact-check URL (repeat for several).")
    ] = None,
    verdict: Annotated[str, typer.Option("--verdict", help="false, misleading or true.")] = "false",
    at: Annotated[
        datetime | None,
        typer.Option(
            "--at", help="When it was debunked (default: first post linking a fact-check)."
        ),
    ] = None,
) -> None:
    """Mark a claim false (or misleading, true) with its fact-checks.

    Example: influscope claims debunk c1a2b3 --link https://factuel.afp.com/vernay
    """
    with open_workspace(ctx) as ws:
        claim = ws.claims.debunk(claim_id, link or [], verdict=verdict, at=at)
        dated_now = at is None and ws.claims.first_link_at(link or []) is None
        lang = lang_for(ctx, ws.config)
    typer.echo(
        t(
            "{claim_id}: verdict recorded, debunked at {at}",
            lang,
            claim_id=claim.claim_id,
            at=claim.debunked_at,
        ),
        err=True,
    )
    if dated_now:  # on past data "now" puts every post before the debunk: say so
        typer.echo(
            t(
                "Warning: no post links the fact-check, so the debunk is dated now; "
                "give --at with the time it was published to follow the spread around it.",
                lang,
            ),
            err=True,
        )


@app.command("spread")
def spread(ctx: typer.Context, claim_id: str, fmt: Format = "table") -> None:
    """Posts and denials of a claim per hour, before and after its debunk.

    Example: influscope claims spread c1a2b3 --format json
    """
    with open_workspace(ctx, read_only=True) as ws:
        found = ws.claims.spread(claim_id)
        lang = lang_for(ctx, ws.config)
    s, claim = found.spread, found.claim
    if claim.debunked_at is None:
        typer.echo(
            t(
                "{label}: {documents} posts carry it; not debunked yet.",
                lang,
                label=claim.label,
                documents=s.documents,
            ),
            err=True,
        )
    else:
        typer.echo(
            t(
                "{label}: {before} posts before the debunk, {after} after ({new} accounts new "
                "to it); hourly peak {peak_before} before, {peak_after} after; after the "
                "debunk, {denials} denials and {shares} posts passing the fact-check on.",
                lang,
                label=claim.label,
                before=s.before,
                after=s.after,
                new=s.new_accounts_after,
                peak_before=s.peak_hourly_before,
                peak_after=s.peak_hourly_after,
                denials=s.denials_after,
                shares=s.fact_check_shares,
            ),
            err=True,
        )
    if fmt == "json":
        render_json(found)
    else:
        render(list(s.hours), fmt, ["hour", "posts", "denials"])
