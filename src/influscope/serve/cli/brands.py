"""``influscope brands``: recompute which brands each document cites."""

from __future__ import annotations

from typing import Annotated

import typer

from influscope.serve.cli.access import open_workspace
from influscope.serve.cli.output import FORMATS, render


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
        with open_workspace(ctx) as ws:
            counts = ws.attribute_brands()
        render([counts], fmt)
