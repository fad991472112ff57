"""``influscope brands``: recompute which brands each document cites."""

from __future__ import annotations

from typing import Annotated

import typer

from influscope.serve.cli.output import FORMATS, render
from influscope.workspace import Workspace


def register(app: typer.Typer) -> None:
    """Add the verb to the app."""

    @app.command("brands")
    def brands(
        ctx: typer.Context,
        fmt: Annotated[str, typer.Option("--format", help=f"{', '.join(FORMATS)}.")] = "table",
    ) -> None:
        """Attribute brands to every document again (aliases, @handles, linked domains, minus exclusions).

        Imports attribute new documents already, and 'influscope enrich' redoes
        all of them when the [[brands]] config changed; use this to force it.

        Example: influscope -w my-ws brands
        """
        from influscope.serve.cli.app import workspace_path

        with Workspace.open(workspace_path(ctx)) as ws:
            counts = ws.attribute_brands()
        render([counts], fmt)
