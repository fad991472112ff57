"""``influscope query``: run one boolean query over the stored documents."""

from __future__ import annotations

from typing import Annotated

import typer

from influscope.serve.cli.access import open_workspace
from influscope.serve.cli.output import RAW_CSV_HELP, render
from influscope.serve.cli.params import Format

COLUMNS = ["doc_id", "platform", "author_id", "published_at", "lang", "text"]

app = typer.Typer()


@app.command("query")
def query(
    ctx: typer.Context,
    q: Annotated[str, typer.Argument(help="The query (quote it in the shell).")],
    count: Annotated[bool, typer.Option("--count", help="Print only the number.")] = False,
    fmt: Format = "table",
    limit: Annotated[
        int | None,
        typer.Option("--limit", help="At most N documents, newest first (table: 50; 0: all)."),
    ] = None,
    raw_csv: Annotated[bool, typer.Option("--raw-csv", help=RAW_CSV_HELP)] = False,
) -> None:
    """Find documents with the query language (AND OR NOT ( ) "phrase" wild* NEAR/n lang: platform: author: domain: url: #tag @handle).

    Matching ignores case, accents and French elisions (l'usine = usine).

    Example: influscope query '("usine du futur" OR industrie NEAR/3 "4.0") AND NOT lang:de' --count
    """
    if limit is None and fmt == "table":
        limit = 50
    with open_workspace(ctx, read_only=True) as ws:
        if count:
            found = ws.sov.count(q)
        else:
            rows = ws.sov.search(q, limit=limit or None).to_pylist()
    if count:
        if fmt == "table":
            typer.echo(found)
        else:
            render([{"count": found}], fmt)
        return
    render(rows, fmt, COLUMNS if fmt == "table" else None, raw_csv=raw_csv)
