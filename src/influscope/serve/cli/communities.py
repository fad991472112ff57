"""``influscope communities``: the profiles of the map's communities."""

from __future__ import annotations

from typing import Any

import typer

from influscope.serve.cli.access import open_workspace
from influscope.serve.cli.context import lang_for
from influscope.serve.cli.map import say_empty_map
from influscope.serve.cli.output import err, render
from influscope.serve.cli.params import Axis, Format, Level, Limit, Since, Until
from influscope.serve.formats import percent
from influscope.serve.i18n import t
from influscope.serve.labels import label

app = typer.Typer()


@app.command("communities")
def communities(
    ctx: typer.Context,
    axis: Axis = None,
    level: Level = "coarse",
    since: Since = None,
    until: Until = None,
    fmt: Format = "table",
    limit: Limit = 30,
) -> None:
    """List community profiles (size, label, role, top actors, terms, stance mix, growth).

    Uses the stored map of the scope, computing it first when there is none.
    The table shows the ``--limit`` largest; CSV and JSON hold them all.

    Example: influscope communities --level fine --format json
    """
    with open_workspace(ctx) as ws:
        lang = lang_for(ctx, ws.config)
        rows = ws.maps.communities(axis=axis, level=level, since=since, until=until)
    if fmt == "json":
        render(rows, "json")
        return
    if fmt == "table":
        if not rows:
            say_empty_map(lang)
        _print_table(rows, lang, limit)
        return
    flat = []
    for row in rows:
        profile = row.get("profile") or {}
        flat.append(
            {
                "community": row["community"],
                "parent": row.get("parent"),
                "label": row["label"],
                "size": row["size"],
                "role": row["role"],
                "top_actors": ", ".join(a["name"] for a in profile.get("top_actors", [])[:5]),
                "stance_mix": profile.get("stance_mix"),
                "growth": profile.get("growth"),
            }
        )
    render(flat, fmt)


def _print_table(rows: list[dict[str, Any]], lang: str, limit: int) -> None:
    """The communities for a person: roles and stances in words, growth as a percentage."""
    nested = any(row.get("parent") is not None for row in rows)
    shown = []
    for row in rows[:limit]:
        profile = row.get("profile") or {}
        mix = profile.get("stance_mix") or {}
        line: dict[str, Any] = {t("Community", lang): row["community"]}
        if nested:
            line[t("Within", lang)] = row.get("parent")
        line |= {
            t("Label", lang): row["label"],
            t("Size", lang): row["size"],
            t("Role", lang): label("role", row["role"], lang),
            t("Top actors", lang): ", ".join(a["name"] for a in profile.get("top_actors", [])[:5]),
            t("Stances", lang): " · ".join(
                f"{label('stance', stance, lang)} {count}"
                for stance, count in sorted(mix.items(), key=lambda kv: (-kv[1], kv[0]))
            ),
            # (late - early) / early activity over the window's two halves.
            t("Activity, 2nd half vs 1st", lang): _change(profile.get("growth"), lang),
        }
        shown.append(line)
    render(shown, "table")
    if len(rows) > limit:
        err.print(
            t(
                "{count} more communities: --limit to show more, --format csv for all.",
                lang,
                count=len(rows) - limit,
            ),
            highlight=False,
        )


def _change(growth: float | None, lang: str) -> str:
    """A relative change with its sign ("+20.0%", "-91.0%", "0.0%")."""
    if growth is None:
        return ""
    text = percent(growth, lang)
    return "+" + text if growth > 0 else text
