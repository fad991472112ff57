"""``influscope ingest …``: bring data into the workspace."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from influscope.ingest.files.columns import CONTENT, looks_like_data, maps, shown
from influscope.ingest.files.generic import parse_mapping
from influscope.serve.cli.access import open_workspace
from influscope.serve.cli.context import lang_for
from influscope.serve.cli.ingest_map import ingest_graph, ingest_notes, ingest_roster
from influscope.serve.cli.ingest_search import ingest_demand, ingest_serp, ingest_transitions
from influscope.serve.cli.output import err
from influscope.serve.cli.progress import progress_bar
from influscope.serve.cli.rejected import print_rejected
from influscope.serve.i18n import nt, t

app = typer.Typer(
    help="Import data: posts from files, graphs, search demand, result pages.", no_args_is_help=True
)


@app.command("file")
def ingest_file(
    ctx: typer.Context,
    paths: Annotated[list[Path], typer.Argument(help="Files to import (gzip accepted).")],
    fmt: Annotated[
        str | None,
        typer.Option(
            "--format", help="csv, tsv, json, jsonl, parquet or xlsx (default: from the name)."
        ),
    ] = None,
    preset: Annotated[
        str | None,
        typer.Option("--preset", help="A vendor or platform export (see docs/presets.md)."),
    ] = None,
    platform: Annotated[
        str | None, typer.Option("--platform", help="Platform of the posts (twitter, web…).")
    ] = None,
    mapping: Annotated[
        list[str] | None, typer.Option("--map", help="FIELD=COLUMN, repeatable.")
    ] = None,
    strict: Annotated[
        bool, typer.Option("--strict", help="Abort on the first bad row, importing nothing.")
    ] = False,
    encoding: Annotated[
        str | None,
        typer.Option(
            "--encoding",
            help="Text encoding of the files: utf-8, cp1252, latin-1, utf-16… (default: detected).",
        ),
    ] = None,
) -> int:
    """Import posts from files.

    Example: influscope ingest file Tweets.csv --platform twitter --map id=tweet_id
    --map author=name --map published_at=tweet_created --map shares=retweet_count

    Example: influscope ingest file export-excel.csv --encoding cp1252
    """
    lang = lang_for(ctx)
    with open_workspace(ctx) as ws, progress_bar("import") as update:
        summary = ws.ingest.files(
            list(paths),
            fmt=fmt,
            preset=preset,
            platform=platform,
            mapping=parse_mapping(mapping or []),
            strict=strict,
            progress=update,
            encoding=encoding,
        )
    for file, line in summary.resumed_from.items():
        err.print(
            t(
                "Resumed {file} after line {line} (an earlier run was interrupted).",
                lang,
                file=file,
                line=line,
            )
        )
    docs = summary.counts.get("documents", {"inserted": 0, "updated": 0})
    # What was read but neither added, updated nor rejected repeats a document
    # already read (twice in the file, or imported before): say so, never hide it.
    duplicates = max(0, summary.records - docs["inserted"] - docs["updated"] - summary.rejected)
    err.print(
        t(
            "{read}: {added}, {updated}, {duplicates} (already imported or repeated in the "
            "file), {rejected}.",
            lang,
            read=nt(
                "{count} record read from {files}",
                "{count} records read from {files}",
                summary.records,
                lang,
                files=nt("{count} file", "{count} files", summary.files, lang),
            ),
            added=nt("{count} document added", "{count} documents added", docs["inserted"], lang),
            updated=nt("{count} updated", "{count} updated", docs["updated"], lang),
            duplicates=nt("{count} duplicate", "{count} duplicates", duplicates, lang),
            rejected=nt("{count} rejected", "{count} rejected", summary.rejected, lang),
        ),
        highlight=False,
    )
    for file, columns in summary.textless.items():
        err.print(
            t(
                "{path}: no column gives the documents' text (none is named {fields}): no "
                "query, brand or axis finds its documents. Its columns: {columns}.",
                lang,
                path=file,
                fields=", ".join(CONTENT),
                columns=shown(columns),
            ),
            highlight=False,
        )
        if looks_like_data(columns):
            err.print(
                t(
                    "Its first line reads like data, not column names: a table needs a "
                    "header row naming its columns (id, text, author…).",
                    lang,
                ),
                highlight=False,
            )
    for file, missed in summary.unread.items():
        err.print(
            t(
                "{path}: its columns {columns} look like fields this import left empty; "
                "to read them, import it again with: {maps}",
                lang,
                path=file,
                columns=", ".join(missed.values()),
                maps=maps(missed),
            ),
            highlight=False,
        )
    if summary.rejected:
        err.print(
            nt("{count} record rejected:", "{count} records rejected:", summary.rejected, lang)
        )
        print_rejected(summary.errors, summary.rejected, lang)
        return 1
    return 0


app.command("graph")(ingest_graph)
app.command("roster")(ingest_roster)
app.command("notes")(ingest_notes)
app.command("demand")(ingest_demand)
app.command("serp")(ingest_serp)
app.command("transitions")(ingest_transitions)
