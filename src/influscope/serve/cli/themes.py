"""``influscope themes --axis NAME``: the terms that characterise an axis and its sub-conversations."""

from __future__ import annotations

from typing import Annotated

import typer

from influscope.serve.cli.access import open_workspace
from influscope.serve.cli.output import render
from influscope.serve.cli.params import Format

app = typer.Typer()


@app.command("themes")
def themes(
    ctx: typer.Context,
    axis: Annotated[str, typer.Option("--axis", help="An axis of influscope.toml.")],
    top: Annotated[int, typer.Option("--top", help="Terms per axis and per cluster.")] = 20,
    fmt: Format = "table",
) -> None:
    """Top terms and phrases of an axis (cluster -1) and of each sub-conversation.

    Example: influscope -w my-ws themes --axis usine-du-futur --top 10
    """
    with open_workspace(ctx) as ws:
        rows = ws.enrich.themes(axis, top=top)
    render(rows, fmt, ["cluster", "cluster_size", "rank", "term", "score", "documents"])
