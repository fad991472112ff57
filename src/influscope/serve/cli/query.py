"""``influscope query``: run one boolean query over the stored documents."""

from __future__ import annotations

from typing import Annotated

import typer

from influscope.serve.cli.access import open_workspace
from influscope.serve.cli.output import FORMATS, render

COLUMNS = ["doc_id", "platform", "author_id", "published_at", "lang", "text"]


def register(app: typer.Typer) -> None:
    """Add the verb to the app."""

    @app.command("query")
    def query(
        ctx: typer.Context,
        q: Annotated[str, typer.Argument(help="The query (quote it in the shell).")],
        count: Annotated[bool, typer.Option("--count", help="Print only the number.")] = False,
        fmt: Annotated[str, typer.Option("--format", help=f"{', '.join(FORMATS)}.")] = "table",
        limit: Annotated[
            int | None,
            typer.Option("--limit", help="At most N documents, newest first (table: 50; 0: all)."),
        ] = None,
    ) -> None:
        """Find documents with the query language (AND OR NOT ( ) "phrase" wild* NEAR/n lang: platform: author: domain: url: #tag @handle).

        Matching ignores case, accents and French elisions (l'usine = usine).

        Example: influscope query '("usine du futur" OR industrie NEAR/3 "4.0") AND NOT lang:de' --count
        """
        if limit is None and fmt == "table":
            limit = 50
        with open_workspace(ctx, read_only=True) as ws:
            result = ws.query(q, count=count, limit=limit or None)
        if isinstance(result, int):
            if fmt == "table":
                typer.echo(result)
            else:
                render([{"count": result}], fmt)
            return
        render(result, fmt, COLUMNS if fmt == "table" else None)
