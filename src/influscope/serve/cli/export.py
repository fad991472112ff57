"""``influscope export``: canonical tables out as CSV, JSON Lines or Parquet."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from influscope.serve.cli.access import open_workspace
from influscope.serve.cli.context import lang_for
from influscope.serve.cli.output import RAW_CSV_HELP, err
from influscope.serve.cli.params import ExportFormatOption
from influscope.serve.i18n import t

app = typer.Typer()


@app.command("export")
def export(
    ctx: typer.Context,
    table: Annotated[str, typer.Argument(help="documents, actors, interactions, links, alerts…")],
    fmt: ExportFormatOption = "csv",
    fields: Annotated[
        str | None,
        typer.Option("--fields", help="Comma-separated columns (enrichment fields too)."),
    ] = None,
    output: Annotated[
        Path | None, typer.Option("-o", "--output", help="File to write (default: stdout).")
    ] = None,
    pseudonymise: Annotated[
        bool,
        typer.Option("--pseudonymise", help="Hash actor ids, handles, names; drop bios, raw."),
    ] = False,
    raw_csv: Annotated[bool, typer.Option("--raw-csv", help=RAW_CSV_HELP)] = False,
) -> None:
    """Export a table; the files import back with 'ingest file'.

    In CSV, text starting with =, +, -, @, a tab or CR gets a leading ' so that
    a spreadsheet shows it instead of running it (numbers stay numbers);
    --raw-csv writes it unchanged.

    Example: influscope export documents --format jsonl --fields doc_id,text,sentiment -o docs.jsonl
    """
    wanted = [f.strip() for f in fields.split(",") if f.strip()] if fields else None
    with open_workspace(ctx, read_only=True) as ws:
        rows = ws.data.export(
            table, output, fmt=fmt, fields=wanted, pseudonymise=pseudonymise, raw_csv=raw_csv
        )
    if output is not None:
        err.print(t("{rows} rows written to {path}.", lang_for(ctx), rows=rows, path=output))
