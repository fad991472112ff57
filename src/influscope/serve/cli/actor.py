"""``influscope actor ID``: one actor's card."""

from __future__ import annotations

from typing import Annotated, Any

import typer

from influscope.serve.cli.access import open_workspace
from influscope.serve.cli.context import lang_for
from influscope.serve.cli.output import render, render_json
from influscope.serve.i18n import N_, t
from influscope.serve.labels import label

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
    print_card(card, lang)


def scope_name(key: str, lang: str) -> str:
    """A stored scope (``axis|since|until``) as words: the axis, or the whole workspace."""
    axis, since, until = ([*key.split("|"), "", ""])[:3]
    name = axis or t("Whole workspace", lang)
    if since or until:
        name += f" ({since[:10] or '…'} – {until[:10] or '…'})"
    return name


def print_card(card: dict[str, Any], lang: str) -> None:
    """The card as tables for a person: words in the language, a scope's name, no empty tables.

    ``--format json`` keeps the codes (``detractor``, ``axis|since|until``) for programs.
    """
    kind = label("kind", card.get("kind"), lang)
    if card.get("kind_source"):
        kind += f" ({label('kind_source', card['kind_source'], lang)})"
    facts = [
        (t("Actor", lang), card["actor_id"]),
        (t("Name", lang), card.get("name")),
        (t("Kind", lang), kind),
        (t("Followers", lang), card.get("followers")),
        (t("Documents", lang), card.get("documents")),
        (t("Offline stance", lang), label("stance", card.get("offline_stance"), lang)),
        (t("Online stance", lang), label("stance", card.get("online_stance"), lang)),
        (t("Divergence", lang), card.get("divergence")),
    ]
    field, value = t("Field", lang), t("Value", lang)
    render(
        [{field: f, value: v} for f, v in facts], "table", [field, value], title=card["actor_id"]
    )
    for title, key, columns in SECTIONS:
        # A section with no row says "<title>: nothing to show." (render does).
        render([_shown(row, columns, lang) for row in card[key]], "table", title=t(title, lang))


# The card's tables: title, card key, then each column's header, field and how it is
# shown (a label family, SCOPE for a stored scope's name, None for the value as is).
SCOPE = "scope"
SECTIONS: list[tuple[str, str, list[tuple[str, str, str | None]]]] = [
    (N_("Stance"), "stance", [
        (N_("Scope"), "scope", SCOPE), (N_("Stance"), "stance", "stance"),
        (N_("Source"), "source", "stance_source"), (N_("Confidence"), "confidence", None),
        (N_("Online"), "online", "stance"), (N_("Offline"), "offline", "stance"),
        (N_("Divergence"), "divergence", None), (N_("Role"), "role", "role"),
        (N_("Tier"), "tier", "tier"),
    ]),
    (N_("Communities"), "communities", [
        (N_("Scope"), "scope", SCOPE), (N_("Level"), "level", "level"),
        (N_("Community"), "community", None), (N_("Label"), "label", None),
    ]),
    (N_("Offline notes"), "offline_notes", [
        (N_("Date"), "date", None), (N_("Stance"), "stance", "stance"),
        (N_("Owner"), "owner", None), (N_("Note"), "note", None),
    ]),
    (N_("Documents"), "recent_documents", [
        (N_("Document"), "doc_id", None), (N_("Published"), "published_at", None),
        (N_("Title"), "title", None), (N_("Text"), "text", None),
    ]),
]  # fmt: skip


def _shown(
    row: dict[str, Any], columns: list[tuple[str, str, str | None]], lang: str
) -> dict[str, Any]:
    """One row of a card's table: translated headers, values as words."""
    shown: dict[str, Any] = {}
    for header, field, family in columns:
        value = row.get(field)
        if family == SCOPE:
            value = scope_name(value or "", lang)
        elif family is not None:
            value = label(family, value, lang)
        shown[t(header, lang)] = value
    return shown
