"""``influscope erase`` and ``influscope retention``: personal-data obligations."""

from __future__ import annotations

from typing import Annotated

import typer

from influscope.serve.cli import terminal
from influscope.serve.cli.access import open_workspace
from influscope.serve.cli.output import err, render

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
    if not yes:
        if not terminal.confirm(f"Erase {actor_id} and all their data?"):
            raise typer.Abort()
    with open_workspace(ctx) as ws:
        deleted = ws.privacy.erase_actor(actor_id)
    render([{"table": t, "rows_deleted": n} for t, n in sorted(deleted.items())], "table")
    err.print(f"Erased {actor_id}.")


@retention_app.command("retention")
def retention(
    ctx: typer.Context,
    days: Annotated[
        int | None,
        typer.Option("--days", help="Keep this many days (default: retention_days)."),
    ] = None,
) -> None:
    """Delete documents older than the retention period, with what hangs off them.

    Example: influscope retention --days 730
    """
    with open_workspace(ctx) as ws:
        deleted = ws.privacy.apply_retention(days)
    render([{"table": t, "rows_deleted": n} for t, n in sorted(deleted.items())], "table")
