"""``influscope actor ID``: one actor's card."""

from __future__ import annotations

from typing import Annotated, Any

import typer
from rich.text import Text

from influscope.serve.cli.access import open_workspace
from influscope.serve.cli.context import lang_for
from influscope.serve.cli.output import out, render, render_json
from influscope.serve.i18n import t
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
    _section(
        t("Stance", lang),
        [
            {
                t("Scope", lang): scope_name(row.get("scope") or "", lang),
                t("Stance", lang): label("stance", row.get("stance"), lang),
                t("Source", lang): label("stance_source", row.get("source"), lang),
                t("Confidence", lang): row.get("confidence"),
                t("Online", lang): label("stance", row.get("online"), lang),
                t("Offline", lang): label("stance", row.get("offline"), lang),
                t("Divergence", lang): row.get("divergence"),
                t("Role", lang): label("role", row.get("role"), lang),
                t("Tier", lang): label("tier", row.get("tier"), lang),
            }
            for row in card["stance"]
        ],
        lang,
    )
    _section(
        t("Communities", lang),
        [
            {
                t("Scope", lang): scope_name(row.get("scope") or "", lang),
                t("Level", lang): label("level", row.get("level"), lang),
                t("Community", lang): row.get("community"),
                t("Label", lang): row.get("label"),
            }
            for row in card["communities"]
        ],
        lang,
    )
    _section(
        t("Offline notes", lang),
        [
            {
                t("Date", lang): row.get("date"),
                t("Stance", lang): label("stance", row.get("stance"), lang),
                t("Owner", lang): row.get("owner"),
                t("Note", lang): row.get("note"),
            }
            for row in card["offline_notes"]
        ],
        lang,
    )
    _section(
        t("Documents", lang),
        [
            {
                t("Document", lang): row.get("doc_id"),
                t("Published", lang): row.get("published_at"),
                t("Title", lang): row.get("title"),
                t("Text", lang): row.get("text"),
            }
            for row in card["recent_documents"]
        ],
        lang,
    )


def _section(title: str, rows: list[dict[str, Any]], lang: str) -> None:
    """A titled table, or the title and "Nothing to show." (headers alone read as a glitch)."""
    if rows:
        render(rows, "table", title=title)
    else:
        out.print(Text(t("{section}: nothing to show.", lang, section=title)))
