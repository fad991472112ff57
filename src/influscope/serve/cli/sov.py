"""``influscope sov``: share of voice per brand on an axis, over time or split."""

from __future__ import annotations

import typer

from influscope.serve.cli.access import open_workspace
from influscope.serve.cli.output import render
from influscope.serve.cli.params import Axis, By, Format, Split

app = typer.Typer()


@app.command("sov")
def sov(
    ctx: typer.Context,
    axis: Axis = None,
    by: By = None,
    split: Split = None,
    fmt: Format = "table",
) -> None:
    """Share of voice: per brand, documents citing it, share, positive share, engagement-weighted share.

    Shares are of the citations of the compared brands (the axis' competitors
    and your own brands) in each group; engagement weighs a document by
    likes + shares + replies + 1.

    Example: influscope sov --axis usine-du-futur --by week --format csv
    """
    with open_workspace(ctx, read_only=True) as ws:
        rows = ws.sov.share_of_voice(axis=axis, by=by, split=split)
    render([row.as_dict() for row in rows], fmt)
