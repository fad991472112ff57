"""``influscope ingest graph|roster|notes``: actor networks and what the team knows offline.

The commands are registered on the ``ingest`` group by :mod:`.ingest`.
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from influscope.serve.cli.access import open_workspace
from influscope.serve.cli.output import as_row, err
from influscope.workspace.import_results import GraphImport, TableImport

Encoding = Annotated[
    str | None,
    typer.Option("--encoding", help="Text encoding of the CSV/GML files (default: detected)."),
]


def report(result: GraphImport | TableImport, what: str) -> int:
    """Print an import summary and the first rejected rows; the exit status."""
    shown = {k: v for k, v in as_row(result).items() if k not in ("errors", "written")}
    if isinstance(result, GraphImport):  # per table, as the run log says it
        for table, count in result.written.items():
            shown |= {f"{table}_inserted": count.inserted, f"{table}_updated": count.updated}
    err.print(f"{what}: " + ", ".join(f"{k}={v}" for k, v in shown.items()))
    for e in result.errors[:10]:
        field = f" [{e.field}]" if e.field else ""
        err.print(f"  {e.file}:{e.line}{field}: {e.reason}", highlight=False)
    return 1 if result.errors else 0


def ingest_graph(
    ctx: typer.Context,
    path: Annotated[Path | None, typer.Argument(help="A GEXF, GraphML or GML file.")] = None,
    fmt: Annotated[str | None, typer.Option("--format", help="gexf, graphml or gml.")] = None,
    nodes: Annotated[
        Path | None, typer.Option("--nodes", help="Nodes CSV: id, label, attributes.")
    ] = None,
    edges: Annotated[
        Path | None, typer.Option("--edges", help="Edges CSV: source, target, kind, weight.")
    ] = None,
    platform: Annotated[
        str,
        typer.Option("--platform", help="Prefix of ids for labels that are not web addresses."),
    ] = "graph",
    encoding: Encoding = None,
) -> int:
    """Import an actor network (Gephi, Hyphe, polblogs) as actors and link edges.

    Node labels that are web addresses become 'web:<label>' actors, others
    '<platform>:<label>'; repeated edges are summed, self-loops dropped.

    Example: influscope ingest graph polblogs.gml

    Example: influscope ingest graph --nodes nodes.csv --edges edges.csv
    """
    with open_workspace(ctx) as ws:
        counts = ws.ingest.graph(path, fmt, nodes, edges, platform, encoding)
    return report(counts, "graph")


def ingest_roster(
    ctx: typer.Context,
    path: Annotated[Path, typer.Argument(help="CSV with actor_id,name,department.")],
    encoding: Encoding = None,
) -> int:
    """Import the employee roster (their accounts become kind 'employee').

    Example: influscope ingest roster roster.csv
    """
    with open_workspace(ctx) as ws:
        counts = ws.ingest.roster(path, encoding)
    return report(counts, "roster")


def ingest_notes(
    ctx: typer.Context,
    path: Annotated[Path, typer.Argument(help="CSV with actor_id,date,stance,note,owner.")],
    encoding: Encoding = None,
) -> int:
    """Import offline notes (what stakeholders say in meetings); see 'influscope actor ID'.

    Example: influscope ingest notes notes.csv
    """
    with open_workspace(ctx) as ws:
        counts = ws.ingest.notes(path, encoding)
    return report(counts, "notes")
