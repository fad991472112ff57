"""``influscope status``: what the workspace holds and how the last runs went."""

from __future__ import annotations

from typing import Annotated

import typer

from influscope.serve.cli.access import open_workspace
from influscope.serve.cli.context import lang_for
from influscope.serve.cli.output import render, render_json
from influscope.serve.cli.params import Axis, Period
from influscope.serve.i18n import t

app = typer.Typer()


@app.command("status")
def status(
    ctx: typer.Context,
    fmt: Annotated[str, typer.Option("--format", help="table or json.")] = "table",
    errors: Annotated[
        bool,
        typer.Option("--errors", help="List the rejected rows of the last run that had any."),
    ] = False,
    run: Annotated[
        str | None, typer.Option("--run", help="With --errors: that run's errors.")
    ] = None,
    axis: Axis = None,
    period: Period = None,
) -> None:
    """Show documents by platform, language and month, table sizes and the last runs.

    With --axis and/or --period: the documents in that scope and the dates
    they span (the "Documents" and "Period" a report of that scope shows).

    Example: influscope -w my-ws status --format json

    Example: influscope -w my-ws status --axis usine-du-futur --period 2026-10
    """
    lang = lang_for(ctx)
    if axis is not None or period is not None:
        with open_workspace(ctx, read_only=True) as ws:
            scope = ws.sov.scope(axis, period)
        if fmt == "json":
            render_json(scope)
        else:
            render([vars(scope)], "table", title=t("Scope", lang))
        return
    with open_workspace(ctx, read_only=True) as ws:
        if errors:
            rows = ws.data.run_errors(run)
            render(rows, fmt, ["run_id", "file", "line", "field", "reason"])
            return
        report = ws.data.status()
    if fmt == "json":
        render_json(report)
        return
    if report.simulated:
        typer.secho(
            t("SIMULATED DATA — generated scenario, not real posts", lang), fg="yellow", err=True
        )
    render(
        [{"table": k, "rows": v} for k, v in report.tables.items()],
        "table",
        title=t("Tables", lang),
    )
    render(report.documents_by_platform, "table", title=t("Documents by platform", lang))
    render(report.documents_by_language, "table", title=t("Documents by language", lang))
    render(report.documents_by_month, "table", title=t("Documents by month", lang))
    render(
        report.last_runs,
        "table",
        ["run_id", "command", "status", "errors", "started_at", "finished_at"],
        title=t("Last runs", lang),
    )
    if report.failing_rules:
        render(report.failing_rules, "table", ["rule", "error", "hint", "since"],
               title=t("Alert rules failing in the watch", lang))  # fmt: skip
