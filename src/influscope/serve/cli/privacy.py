"""``influscope erase`` and ``influscope retention``: personal-data obligations."""

from __future__ import annotations

from typing import Annotated

import typer

from influscope.serve.cli import terminal
from influscope.serve.cli.access import open_workspace
from influscope.serve.cli.context import lang_for
from influscope.serve.cli.output import err, render
from influscope.serve.i18n import t

erase_app = typer.Typer()
retention_app = typer.Typer()


@erase_app.command("erase")
def erase(
    ctx: typer.Context,
    actor_id: Annotated[str, typer.Argument(help="The actor to erase, e.g. twitter:jdoe.")],
    yes: Annotated[bool, typer.Option("--yes", help="Do not ask for confirmation.")] = False,
) -> None:
    """Erase an actor and everything about them; later imports skip them.

    Example: influscope erase twitter:jdoe --yes
    """
    with open_workspace(ctx) as ws:
        lang = lang_for(ctx, ws.config)
        # Asked on the terminal the command was typed in (the client's, when forwarded).
        question = t(
            "Erase {actor} and all their data (posts, edges, notes, labels, and their name in alerts, maps and other people's posts)?",
            lang,
            actor=actor_id,
        )
        if not yes and not terminal.confirm(question):
            raise typer.Abort()
        deleted = ws.privacy.erase_actor(actor_id)
    render([{"table": n, "rows_deleted": c} for n, c in sorted(deleted.items())], "table")
    err.print(
        t(
            "Erased {actor}; the database file was rewritten without their data, and later imports skip them.",
            lang,
            actor=actor_id,
        ),
    )


@retention_app.command("retention")
def retention(
    ctx: typer.Context,
    days: Annotated[
        int | None,
        typer.Option("--days", help="Keep this many days (default: retention_days)."),
    ] = None,
    yes: Annotated[bool, typer.Option("--yes", help="Do not ask for confirmation.")] = False,
) -> None:
    """Delete documents older than the retention period, with what hangs off them.

    Prints what it will delete (rows per table, and the cutoff date) and asks
    before deleting anything, unless --yes.

    Example: influscope retention --days 730 --yes
    """
    with open_workspace(ctx) as ws:
        lang = lang_for(ctx, ws.config)
        cutoff, planned = ws.privacy.retention_plan(days)
        kept = days or ws.config.workspace.retention_days
        when = cutoff.date().isoformat()
        if not planned:
            err.print(
                t(
                    "Nothing was published before {cutoff} ({days} days): nothing to delete.",
                    lang,
                    cutoff=when,
                    days=kept,
                ),
            )
            return
        err.print(
            t(
                "Documents published before {cutoff} ({days} days) will be deleted, with what hangs off them:",
                lang,
                cutoff=when,
                days=kept,
            ),
        )
        render([{"table": n, "rows": c} for n, c in sorted(planned.items())], "table")
        if not yes and not terminal.confirm(t("Delete these rows for good?", lang)):
            raise typer.Abort()
        deleted = ws.privacy.apply_retention(days)
    render([{"table": n, "rows_deleted": c} for n, c in sorted(deleted.items())], "table")
