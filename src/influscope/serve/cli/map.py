"""``influscope map``: communities, stance, roles and layout of an axis, as a table or a file."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated

import typer

from influscope.analyze.map.cartography import COLUMNS
from influscope.serve import mapfile
from influscope.serve.cli.access import open_workspace
from influscope.serve.cli.output import err, render
from influscope.serve.cli.params import Axis, Level, MapFormatOption, Resolution, Since, Until

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
) -> None:
    """Compute the map: communities, stance, roles, tiers, kinds and positions.

    Example: influscope map --level coarse --format csv -o map.csv

    Example: influscope map --axis usine-du-futur --since 2026-01-01 --format gexf -o map.gexf
    """
    with open_workspace(ctx) as ws:
        result = ws.maps.compute(
            axis=axis, level=level, since=since, until=until, resolution=resolution
        )
    stats = result.stats
    err.print(
        f"map: {stats.get('nodes')} actors, {stats.get('edges')} edges, "
        f"{stats.get('coarse_communities')} camps, {stats.get('fine_communities')} groups "
        f"(resolution {stats.get('coarse_resolution')}) in {stats.get('seconds')} s",
    )
    if fmt in ("gexf", "graphml"):
        write = mapfile.write_gexf if fmt == "gexf" else mapfile.write_graphml
        if output is None:
            write(result.rows, result.edges, sys.stdout.buffer)
        else:
            with output.open("wb") as handle:
                write(result.rows, result.edges, handle)
        return
    columns = [*COLUMNS] if fmt != "json" else [*COLUMNS, "roles", "color"]
    if output is None:
        render(result.rows, fmt, columns)
        return
    with output.open("w", encoding="utf-8", newline="") as handle:
        render(result.rows, fmt if fmt != "table" else "csv", columns, stream=handle)
    err.print(f"wrote {len(result.rows)} actors to {output}")
