"""``influscope enrich``: language, sentiment, paid flags, learned fields… on new documents."""

from __future__ import annotations

from typing import Annotated

import typer

from influscope.serve.cli.access import open_workspace
from influscope.serve.cli.output import err, render
from influscope.serve.cli.progress import progress_bar
from influscope.serve.i18n import t


def register(app: typer.Typer) -> None:
    """Add the verb to the app."""

    @app.command("enrich")
    def enrich(
        ctx: typer.Context,
        only: Annotated[
            str | None,
            typer.Option(
                "--only", help="Run one enricher (e.g. sentiment, learned:stance:climate)."
            ),
        ] = None,
        force: Annotated[
            bool, typer.Option("--force", help="Redo documents already done at this version.")
        ] = False,
        fmt: Annotated[str, typer.Option("--format", help="table, csv or json.")] = "table",
    ) -> None:
        """Enrich the documents each enricher has not done yet at its version.

        Example: influscope -w my-ws enrich            (all default enrichers)

        Example: influscope -w my-ws enrich --only sentiment --force
        """
        from influscope.serve.cli.app import lang_of

        lang = lang_of(ctx)
        with open_workspace(ctx) as ws, progress_bar("enrich") as update:
            summary = ws.enrich(only=only, progress=update, force=force)
        render(summary["enrichers"], fmt, ["name", "version", "todo", "done", "written", "seconds"])
        for skipped in summary["skipped"]:
            err.print(t("enrich.skipped", lang, **skipped), markup=False, highlight=False)
