"""``influscope label actors FILE.csv``: stance, kind or merge labels on actors.

Registered on the ``label`` group by :mod:`.label`.
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from influscope.serve.cli.access import open_workspace
from influscope.serve.cli.context import lang_for
from influscope.serve.cli.ingest_map import report


def label_actors(
    ctx: typer.Context,
    path: Annotated[Path, typer.Argument(help="CSV with actor_id,field,value.")],
    encoding: Annotated[
        str | None,
        typer.Option("--encoding", help="Text encoding of the file (default: detected)."),
    ] = None,
) -> int:
    """Label actors: field 'stance' (ally, sympathiser, neutral, detractor), 'kind', or 'same'.

    Stance labels seed the propagation of 'influscope map'; kind labels
    always win over detected kinds; actors sharing a 'same' value are merged.

    Example: influscope label actors labels.csv
    """
    with open_workspace(ctx) as ws:
        counts = ws.ingest.actor_labels(path, encoding)
        lang = lang_for(ctx, ws.config)
    return report(counts, "labels", lang)
