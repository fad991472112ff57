"""``influscope communities``: the profiles of the map's communities."""

from __future__ import annotations

import typer

from influscope.serve.cli.access import open_workspace
from influscope.serve.cli.output import render
from influscope.serve.cli.params import Axis, Format, Level, Since, Until

app = typer.Typer()


@app.command("communities")
def communities(
    ctx: typer.Context,
    axis: Axis = None,
    level: Level = "coarse",
    since: Since = None,
    until: Until = None,
    fmt: Format = "table",
) -> None:
    """List community profiles (size, label, role, top actors, terms, stance mix, growth).

    Uses the stored map of the scope, computing it first when there is none.

    Example: influscope communities --level fine --format json
    """
    with open_workspace(ctx) as ws:
        rows = ws.maps.communities(axis=axis, level=level, since=since, until=until)
    if fmt == "json":
        render(rows, "json")
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
