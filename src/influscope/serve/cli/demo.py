"""``influscope demo``: build the simulated demo workspace and run what exists on it."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer


def register(app: typer.Typer) -> None:
    """Add the verb to the app."""

    @app.command("demo")
    def demo(
        ctx: typer.Context,
        scale: Annotated[
            int, typer.Option("--scale", help="Number of documents to generate.")
        ] = 20_000,
        serve: Annotated[
            bool, typer.Option("--serve/--no-serve", help="Serve the dashboard afterwards.")
        ] = True,
        seed: Annotated[int, typer.Option("--seed", help="Random seed of the scenario.")] = 7,
    ) -> None:
        """Build a workspace from a SIMULATED scenario and run the analyses on it.

        Example: influscope -w demo-workspace demo --no-serve
        """
        from influscope.serve.cli.app import workspace_path

        target = workspace_path(ctx) or Path("demo-workspace")
        typer.echo(f"demo not built yet ({target}, {scale}, {serve}, {seed})")
