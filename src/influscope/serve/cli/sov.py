"""``influscope sov``: share of voice per brand on an axis, over time or split."""

from __future__ import annotations

from typing import Annotated

import typer

from influscope.serve.cli.access import open_workspace
from influscope.serve.cli.output import FORMATS, render


def register(app: typer.Typer) -> None:
    """Add the verb to the app."""

    @app.command("sov")
    def sov(
        ctx: typer.Context,
        axis: Annotated[
            str | None, typer.Option("--axis", help="Axis name (default: all documents).")
        ] = None,
        by: Annotated[str | None, typer.Option("--by", help="day, week or month.")] = None,
        split: Annotated[
            str | None, typer.Option("--split", help="platform, community or kind.")
        ] = None,
        fmt: Annotated[str, typer.Option("--format", help=f"{', '.join(FORMATS)}.")] = "table",
    ) -> None:
        """Share of voice: per brand, documents citing it, share, positive share, engagement-weighted share.

        Shares are of the citations of the compared brands (the axis' competitors
        and your own brands) in each group; engagement weighs a document by
        likes + shares + replies + 1.

        Example: influscope sov --axis usine-du-futur --by week --format csv
        """
        with open_workspace(ctx, read_only=True) as ws:
            rows = ws.share_of_voice(axis=axis, by=by, split=split)
        render(rows, fmt)
