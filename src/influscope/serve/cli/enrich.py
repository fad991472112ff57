"""``influscope enrich``: language, sentiment, paid flags, learned fields… on new documents."""

from __future__ import annotations

from typing import Annotated

import typer

from influscope.serve.cli.access import open_workspace
from influscope.serve.cli.context import lang_for
from influscope.serve.cli.output import err, headed, render
from influscope.serve.cli.params import Format
from influscope.serve.cli.progress import progress_bar
from influscope.serve.i18n import N_, say, t

app = typer.Typer()


# What each enricher did, for a person: to do, done, values written, time taken.
ENRICHER_HEADERS = (
    N_("Enricher"),
    N_("Version"),
    N_("To do"),
    N_("Done"),
    N_("Values written"),
    N_("Seconds"),
)


@app.command("enrich")
def enrich(
    ctx: typer.Context,
    only: Annotated[
        str | None,
        typer.Option("--only", help="Run one enricher (e.g. sentiment, learned:stance:climate)."),
    ] = None,
    force: Annotated[
        bool, typer.Option("--force", help="Redo documents already done at this version.")
    ] = False,
    fmt: Format = "table",
) -> None:
    """Enrich the documents each enricher has not done yet at its version.

    Example: influscope -w my-ws enrich            (all default enrichers)

    Example: influscope -w my-ws enrich --only sentiment --force
    """
    lang = lang_for(ctx)
    with open_workspace(ctx) as ws, progress_bar("enrich") as update:
        summary = ws.enrich.run(only=only, progress=update, force=force)
    columns = ["name", "version", "todo", "done", "written", "seconds"]
    if fmt == "table":  # for a person: headers in words (CSV and JSON keep the field names)
        render(
            headed(summary.enrichers, dict(zip(columns, ENRICHER_HEADERS, strict=True)), lang), fmt
        )
    else:
        render(summary.enrichers, fmt, columns)
    for skipped in summary.skipped:
        err.print(
            t(
                "Skipped {name}: {reason}",
                lang,
                name=skipped.name,
                reason=say(skipped.reason, lang),
            ),
            highlight=False,
        )
