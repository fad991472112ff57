"""``influscope status``: what the workspace holds and how the last runs went."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from typing import Annotated, Any

import typer

from influscope.serve.cli.access import open_workspace
from influscope.serve.cli.context import lang_for
from influscope.serve.cli.output import err, headed, render, render_json
from influscope.serve.cli.params import Axis, Period
from influscope.serve.i18n import N_, say, t

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
            if fmt == "table":  # for a person: the reasons in the language (files keep English)
                rows = [replace(r, reason=say(r.reason, lang)) for r in rows]
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
    tables = [{"table": k, "rows": v} for k, v in report.tables.items()]
    _table(tables, {"table": N_("Table"), "rows": N_("Rows")}, lang, t("Tables", lang))
    by = {"documents": N_("Documents")}
    platforms = report.documents_by_platform
    _table(platforms, {"platform": N_("Platform"), **by}, lang, t("Documents by platform", lang))
    languages = report.documents_by_language
    _table(languages, {"lang": N_("Language"), **by}, lang, t("Documents by language", lang))
    months = report.documents_by_month
    _table(months, {"month": N_("Month"), **by}, lang, t("Documents by month", lang))
    _table(report.last_runs, RUN_COLUMNS, lang, t("Last runs", lang))
    if report.tables.get("documents") and not report.tables.get("enrichments"):
        # "not detected" for every document reads as a fault of the import.
        err.print(
            t(
                "Not enriched yet: 'influscope enrich' detects each document's language and "
                "reads its sentiment, which the map's stance, the share of voice's tone and "
                "the alerts use.",
                lang,
            ),
            highlight=False,
        )
    if report.failing_rules:
        _table(
            report.failing_rules, RULE_COLUMNS, lang, t("Alert rules failing in the watch", lang)
        )


RUN_COLUMNS = {
    "run_id": N_("Run"),
    "command": N_("Command"),
    "status": N_("Status"),
    "errors": N_("Errors"),
    "started_at": N_("Started"),
    "finished_at": N_("Finished"),
}
RULE_COLUMNS = {"rule": N_("Rule"), "error": N_("Error"), "hint": N_("Hint"), "since": N_("Since")}
# Run states and the store's placeholders ("unknown" language, "undated" month) in words.
WORDS = {"status": "run_status", "lang": "placeholder", "month": "placeholder"}


def _table(items: Sequence[Any], columns: dict[str, str], lang: str, title: str) -> None:
    """A status table with its headers, run states and placeholders in the language."""
    render(headed(items, columns, lang, words=WORDS), "table", title=title)
