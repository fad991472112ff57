"""``influscope query``: run one boolean query over the stored documents."""

from __future__ import annotations

from typing import Annotated

import typer

from influscope.serve.cli.access import open_workspace
from influscope.serve.cli.context import lang_for
from influscope.serve.cli.output import RAW_CSV_HELP, err, render
from influscope.serve.cli.params import Format
from influscope.serve.i18n import nt, t

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
        found = ws.sov.count(q) if count or fmt == "table" else 0
        if not count:
            table = ws.sov.search(q, limit=limit or None)
    if count:
        if fmt == "table":
            typer.echo(found)
        else:
            render([{"count": found}], fmt)
        return
    rows = table.to_pylist()
    if fmt != "table":
        # The header even when nothing matches: a script reads the columns it expects.
        render(rows, fmt, table.column_names, raw_csv=raw_csv)
        return
    lang = lang_for(ctx)
    if not rows:
        err.print(t("No document matches this query.", lang), highlight=False)
        return
    render(rows, fmt, COLUMNS)
    # A page of the newest is not the answer's size: say both.
    said = (
        nt(
            "{shown} of {count} matching document, newest first (--limit 0 shows them all).",
            "{shown} of {count} matching documents, newest first (--limit 0 shows them all).",
            found,
            lang,
            shown=len(rows),
        )
        if len(rows) < found
        else nt("{count} matching document.", "{count} matching documents.", found, lang)
    )
    err.print(said, highlight=False)
