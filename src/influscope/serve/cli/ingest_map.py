"""``influscope ingest graph|roster|notes``: actor networks and what the team knows offline.

The commands are registered on the ``ingest`` group by :mod:`.ingest`.
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from influscope.serve.cli.access import open_workspace
from influscope.serve.cli.context import lang_for
from influscope.serve.cli.output import err
from influscope.serve.i18n import N_, npt, nt, say, t
from influscope.workspace.import_results import GraphImport, TableImport

Encoding = Annotated[
    str | None,
    typer.Option("--encoding", help="Text encoding of the CSV/GML files (default: detected)."),
]


# What each import of an actor table is, as the summary's first words.
TABLES = {
    "labels": N_("Actor labels"),
    "roster": N_("Roster"),
    "notes": N_("Offline notes"),
    "relations": N_("Relationship log"),
}


def report(result: GraphImport | TableImport, what: str, lang: str) -> int:
    """Print an import summary and the first rejected rows, in the language; the exit status."""
    if isinstance(result, GraphImport):
        summary = t(
            "Graph: {nodes} and {edges} read; {actors} and {links} written "
            "({repeated} summed, {loops} dropped), {rejected}.",
            lang,
            nodes=nt("{count} node row", "{count} node rows", result.node_rows, lang),
            edges=nt("{count} edge row", "{count} edge rows", result.edge_rows, lang),
            actors=nt("{count} actor", "{count} actors", result.nodes, lang),
            links=nt("{count} link", "{count} links", result.edges, lang),
            repeated=nt(
                "{count} repeated edge", "{count} repeated edges", result.duplicate_edges, lang
            ),
            loops=nt("{count} self-loop", "{count} self-loops", result.self_loops, lang),
            rejected=npt("rows", "{count} rejected", "{count} rejected", result.rejected, lang),
        )
    else:
        # Rows neither added nor updated were stored as they are already (or name an erased actor).
        unchanged = max(0, result.rows - result.inserted - result.updated)
        summary = t(
            "{what}: {read}: {added}, {updated}, {unchanged}, {rejected}.",
            lang,
            what=t(TABLES[what], lang),
            read=nt("{count} row read", "{count} rows read", result.rows + result.rejected, lang),
            added=npt("rows", "{count} added", "{count} added", result.inserted, lang),
            updated=npt("rows", "{count} updated", "{count} updated", result.updated, lang),
            unchanged=npt("rows", "{count} unchanged", "{count} unchanged", unchanged, lang),
            rejected=npt("rows", "{count} rejected", "{count} rejected", result.rejected, lang),
        )
    err.print(summary, highlight=False)
    for e in result.errors[:10]:
        field = f" [{e.field}]" if e.field else ""
        err.print(f"  {e.file}:{e.line}{field}: {say(e.reason, lang)}", highlight=False)
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
        lang = lang_for(ctx, ws.config)
    return report(counts, "graph", lang)


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
        lang = lang_for(ctx, ws.config)
    return report(counts, "roster", lang)


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
        lang = lang_for(ctx, ws.config)
    return report(counts, "notes", lang)
