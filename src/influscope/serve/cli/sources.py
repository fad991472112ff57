"""``influscope sources list|check|poll``: the live sources of influscope.toml and their health."""

from __future__ import annotations

from typing import Annotated

import typer

from influscope.serve.cli.access import open_workspace
from influscope.serve.cli.context import lang_for
from influscope.serve.cli.output import err, render, render_json
from influscope.serve.cli.rejected import print_rejected
from influscope.serve.i18n import nt

app = typer.Typer(
    help="Live sources: list them, check their health, poll one now.", no_args_is_help=True
)

CHECK_COLUMNS = [
    "name", "connector", "health", "last_success_at", "last_error_at", "last_error",
    "last_fetched", "cursor", "next_run_at", "rate_limits",
]  # fmt: skip


@app.command("list")
def sources_list(
    ctx: typer.Context,
    fmt: Annotated[str, typer.Option("--format", help="table, json or csv.")] = "table",
) -> None:
    """List the configured [[sources]] (secrets masked).

    Example: influscope -w my-ws sources list --format json
    """
    with open_workspace(ctx) as ws:
        render(ws.ingest.sources(), fmt, ["name", "connector", "every", "enabled", "options"])


@app.command("check")
def sources_check(
    ctx: typer.Context,
    name: Annotated[str | None, typer.Argument(help="One source (default: all).")] = None,
    fmt: Annotated[str, typer.Option("--format", help="table, json or csv.")] = "table",
) -> int:
    """Show each source's health: last success, last error, cursor, next run, rate limits.

    Exits 1 when a source is failing. Example: influscope -w my-ws sources check news-fr
    """
    with open_workspace(ctx) as ws:
        report = ws.ingest.check(name)
    render(report, fmt, CHECK_COLUMNS)
    return 1 if any(r.health == "failing" for r in report) else 0


@app.command("poll")
def sources_poll(
    ctx: typer.Context,
    name: Annotated[str, typer.Argument(help="The source to poll once.")],
) -> int:
    """Poll one source once now and print what it fetched (JSON).

    Example: influscope -w my-ws sources poll news-fr
    """
    with open_workspace(ctx) as ws:
        summary = ws.ingest.poll(name)
    render_json(summary)
    if summary.rejected:
        lang = lang_for(ctx)
        err.print(
            nt("{count} record rejected:", "{count} records rejected:", summary.rejected, lang)
        )
        print_rejected(summary.errors, summary.rejected, lang)
        return 1
    return 0
