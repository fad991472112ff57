"""``influscope label actors FILE.csv``: stance, kind or merge labels on actors."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from influscope.serve.cli.access import open_workspace


def label_group(app: typer.Typer) -> typer.Typer:
    """The ``label`` group, shared with other label commands (created if absent)."""
    for info in app.registered_groups:
        if info.name == "label" and info.typer_instance is not None:
            return info.typer_instance
    group = typer.Typer(help="Label actors or documents by hand.", no_args_is_help=True)
    app.add_typer(group, name="label")
    return group


def register(app: typer.Typer) -> None:
    """Add ``label actors`` to the ``label`` group."""
    group = label_group(app)

    @group.command("actors")
    def label_actors(
        ctx: typer.Context,
        path: Annotated[Path, typer.Argument(help="CSV with actor_id,field,value.")],
    ) -> int:
        """Label actors: field 'stance' (ally, sympathiser, neutral, detractor), 'kind', or 'same'.

        Stance labels seed the propagation of 'influscope map'; kind labels
        always win over detected kinds; actors sharing a 'same' value are merged.

        Example: influscope label actors labels.csv
        """
        from influscope.serve.cli.ingest_map import report

        with open_workspace(ctx) as ws:
            counts = ws.label_actors(path)
        return report(counts, "labels")
