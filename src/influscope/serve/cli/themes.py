"""``influscope themes --axis NAME``: the terms that characterise an axis and its sub-conversations."""

from __future__ import annotations

from typing import Annotated

import typer

from influscope.serve.cli.access import open_workspace
from influscope.serve.cli.context import lang_for
from influscope.serve.cli.output import headed, render
from influscope.serve.cli.params import Format
from influscope.serve.i18n import N_, t

app = typer.Typer()


@app.command("themes")
def themes(
    ctx: typer.Context,
    axis: Annotated[str, typer.Option("--axis", help="An axis of influscope.toml.")],
    top: Annotated[int, typer.Option("--top", help="Terms per axis and per cluster.")] = 20,
    fmt: Format = "table",
) -> None:
    """Top terms and phrases of an axis (cluster -1: the whole axis) and of each sub-conversation.

    Example: influscope -w my-ws themes --axis usine-du-futur --top 10
    """
    with open_workspace(ctx) as ws:
        rows = ws.enrich.themes(axis, top=top)
        lang = lang_for(ctx, ws.config)
    if fmt != "table":
        render(rows, fmt, ["cluster", "cluster_size", "rank", "term", "score", "documents"])
        return
    # For a person, each sub-conversation by its words; the axis as a whole by name
    # (CSV and JSON keep the cluster number, -1 for the whole axis).
    whole = t("Whole axis", lang)
    shown = [
        r | {"conversation": whole if r["cluster"] == -1 else r.get("label") or str(r["cluster"])}
        for r in rows
    ]
    headers = {
        "conversation": N_("Conversation"),
        "cluster_size": N_("Its documents"),
        "rank": N_("Rank"),
        "term": N_("Term"),
        "score": N_("Score"),
        "documents": N_("Documents with it"),
    }
    render(headed(shown, headers, lang), fmt)
