"""``influscope actor ID``: one actor's card."""

from __future__ import annotations

from typing import Annotated

import typer

from influscope.serve.cli.access import open_workspace
from influscope.serve.cli.context import lang_for
from influscope.serve.cli.output import render, render_json
from influscope.serve.i18n import t

app = typer.Typer()


@app.command("actor")
def actor(
    ctx: typer.Context,
    actor_id: Annotated[str, typer.Argument(help="An actor id, e.g. twitter:jdupont.")],
    fmt: Annotated[str, typer.Option("--format", help="table or json.")] = "table",
) -> None:
    """Show an actor: kind and its source, stance with its sources, offline vs online, communities.

    Example: influscope actor web:dailykos.com --format json
    """
    lang = lang_for(ctx)
    with open_workspace(ctx, read_only=True) as ws:
        card = ws.maps.actor_card(actor_id)
    if fmt == "json":
        render_json(card)
        return
    facts = [
        {"field": k, "value": card.get(k)}
        for k in (
            "actor_id",
            "name",
            "kind",
            "kind_source",
            "followers",
            "documents",
            "offline_stance",
            "online_stance",
            "divergence",
        )
    ]
    render(facts, "table", ["field", "value"], title=card["actor_id"])
    render(
        card["stance"],
        "table",
        [
            "scope",
            "stance",
            "source",
            "confidence",
            "online",
            "offline",
            "divergence",
            "role",
            "tier",
        ],
        title=t("Stance", lang),
    )
    render(
        card["communities"],
        "table",
        ["scope", "level", "community", "label"],
        title=t("Communities", lang),
    )
    render(
        card["offline_notes"],
        "table",
        ["date", "stance", "owner", "note"],
        title=t("Offline notes", lang),
    )
    render(
        card["recent_documents"],
        "table",
        ["doc_id", "published_at", "title", "text"],
        title=t("Documents", lang),
    )
