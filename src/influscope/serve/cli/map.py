"""``influscope map``: communities, stance, roles and layout of an axis, as a table or a file."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated, Any

import typer

from influscope.analyze.map.cartography import COLUMNS
from influscope.serve import mapfile
from influscope.serve.cli.access import open_workspace
from influscope.serve.cli.context import lang_for
from influscope.serve.cli.output import err, render
from influscope.serve.cli.params import (
    Axis,
    Level,
    Limit,
    MapFormatOption,
    Resolution,
    Since,
    Until,
)
from influscope.serve.formats import number
from influscope.serve.i18n import t
from influscope.serve.labels import label

app = typer.Typer()


@app.command("map")
def map_command(
    ctx: typer.Context,
    axis: Axis = None,
    level: Level = "coarse",
    since: Since = None,
    until: Until = None,
    resolution: Resolution = None,
    fmt: MapFormatOption = "table",
    output: Annotated[Path | None, typer.Option("-o", "--output", help="File to write.")] = None,
    limit: Limit = 50,
) -> None:
    """Compute the map: communities, stance, roles, tiers, kinds and positions.

    Example: influscope map --level coarse --format csv -o map.csv

    Example: influscope map --axis usine-du-futur --since 2026-01-01 --format gexf -o map.gexf
    """
    with open_workspace(ctx) as ws:
        lang = lang_for(ctx, ws.config)
        result = ws.maps.compute(
            axis=axis, level=level, since=since, until=until, resolution=resolution
        )
    stats = result.stats
    err.print(
        t(
            "Map: {actors} actors, {edges} links, {camps} camps, {groups} groups "
            "(resolution {resolution}), in {seconds} s.",
            lang,
            actors=stats.get("nodes"),
            edges=stats.get("edges"),
            camps=stats.get("coarse_communities"),
            groups=stats.get("fine_communities"),
            resolution=stats.get("coarse_resolution"),
            seconds=stats.get("seconds"),
        ),
        highlight=False,
    )
    if not stats.get("nodes"):
        say_empty_map(lang)
    if fmt in ("gexf", "graphml"):
        write = mapfile.write_gexf if fmt == "gexf" else mapfile.write_graphml
        if output is None:
            write(result.rows, result.edges, sys.stdout.buffer)
        else:
            with output.open("wb") as handle:
                write(result.rows, result.edges, handle)
        return
    columns = [*COLUMNS] if fmt != "json" else [*COLUMNS, "roles", "color"]
    if output is None and fmt == "table":
        _print_table(result.rows, lang, limit)
        return
    if output is None:
        render(result.rows, fmt, columns)
        return
    with output.open("w", encoding="utf-8", newline="") as handle:
        render(result.rows, fmt if fmt != "table" else "csv", columns, stream=handle)
    err.print(t("{count} actors written to {path}.", lang, count=len(result.rows), path=output))


def say_empty_map(lang: str) -> None:
    """Why a map (and so its communities) has no actor, and what to import.

    An empty table and "0 actors" alone read as a failure of the map, not of the data.
    """
    why = t(
        "No actor on this map: it is drawn from the interactions between actors (reposts, "
        "replies, mentions, links), and none falls in this scope.",
        lang,
    )
    what = t(
        "Import posts with their author (--map author=…) and what they repost, answer or "
        "mention; 'influscope status' counts the interactions.",
        lang,
    )
    err.print(f"{why} {what}", highlight=False)


def _print_table(rows: list[dict[str, Any]], lang: str, limit: int) -> None:
    """The map for a person: the ``limit`` heaviest actors, their codes in words.

    CSV, JSON and GEXF keep every actor, every column and the codes.
    """
    ranked = sorted(rows, key=lambda r: (-(r.get("weight") or 0.0), str(r.get("actor_id"))))
    shown = [
        {
            t("Actor", lang): r.get("actor_id"),
            t("Name", lang): r.get("name"),
            t("Community", lang): r.get("community_label") or r.get("community"),
            t("Role", lang): label("role", r.get("role"), lang),
            t("Stance", lang): _stance(r, lang),
            t("Kind", lang): label("kind", r.get("kind"), lang),
            t("Tier", lang): label("tier", r.get("tier"), lang),
            t("Weight", lang): _weight(r.get("weight"), lang),
        }
        for r in ranked[:limit]
    ]
    render(shown, "table")
    if len(ranked) > limit:
        err.print(
            t(
                "{count} more actors: --limit to show more, --format csv -o map.csv for all.",
                lang,
                count=len(ranked) - limit,
            ),
            highlight=False,
        )


def _weight(value: float | None, lang: str) -> str | None:
    """An actor's weight on the map as the language writes numbers (``1,6`` in French)."""
    return None if value is None else number(float(value), lang, digits=2)


def _stance(row: dict[str, Any], lang: str) -> str | None:
    """The stance in words with where it comes from ("detractor (spread through the network)")."""
    stance = row.get("stance")
    if stance is None:
        return None
    said = label("stance", stance, lang)
    source = row.get("stance_source")
    if source and source not in ("owned", "competitor"):  # those say it already
        said += f" ({label('stance_source', source, lang)})"
    return said
