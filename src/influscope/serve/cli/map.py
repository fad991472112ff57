"""``influscope map``: communities, stance, roles and layout of an axis, as a table or a file."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated

import typer

from influscope.errors import UsageError
from influscope.serve.cli.access import open_workspace
from influscope.serve.cli.output import err, render

FORMATS = ("table", "csv", "json", "gexf", "graphml")


def register(app: typer.Typer) -> None:
    """Add the verb to the app."""

    @app.command("map")
    def map_command(
        ctx: typer.Context,
        axis: Annotated[str | None, typer.Option("--axis", help="Restrict to an axis.")] = None,
        level: Annotated[str, typer.Option("--level", help="coarse (camps) or fine.")] = "coarse",
        since: Annotated[str | None, typer.Option("--since", help="Start date (UTC).")] = None,
        until: Annotated[
            str | None, typer.Option("--until", help="End date (UTC, excluded).")
        ] = None,
        resolution: Annotated[
            float | None,
            typer.Option("--resolution", help="Coarse Leiden resolution (default: auto)."),
        ] = None,
        fmt: Annotated[
            str, typer.Option("--format", help="table, csv, json, gexf or graphml.")
        ] = "table",
        output: Annotated[
            Path | None, typer.Option("-o", "--output", help="File to write.")
        ] = None,
    ) -> None:
        """Compute the map: communities, stance, roles, tiers, kinds and positions.

        Example: influscope map --level coarse --format csv -o map.csv
        Example: influscope map --axis usine-du-futur --since 2026-01-01 --format gexf -o map.gexf
        """
        from influscope.analyze.map.cartography import COLUMNS

        if fmt not in FORMATS:
            raise UsageError(f"Unknown format {fmt!r}.", f"Use one of {', '.join(FORMATS)}.")
        with open_workspace(ctx) as ws:
            result = ws.map(axis=axis, level=level, since=since, until=until, resolution=resolution)
        stats = result.stats
        err.print(
            f"map: {stats.get('nodes')} actors, {stats.get('edges')} edges, "
            f"{stats.get('coarse_communities')} camps, {stats.get('fine_communities')} groups "
            f"(resolution {stats.get('coarse_resolution')}) in {stats.get('seconds')} s",
            markup=False,
        )
        if fmt in ("gexf", "graphml"):
            from influscope.serve import mapfile

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
            saved, sys.stdout = sys.stdout, handle
            try:
                render(result.rows, fmt if fmt != "table" else "csv", columns)
            finally:
                sys.stdout = saved
        err.print(f"wrote {len(result.rows)} actors to {output}", markup=False)
