"""``influscope label …``: give the workspace labels to learn from."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from influscope.model import RowError
from influscope.serve.cli.access import open_workspace
from influscope.serve.cli.context import lang_for
from influscope.serve.cli.label_actors import label_actors
from influscope.serve.cli.output import err
from influscope.serve.cli.rejected import print_rejected
from influscope.serve.i18n import nt, t

app = typer.Typer(help="Import labels (documents, actors) to learn from.", no_args_is_help=True)


@app.command("docs")
def label_docs(
    ctx: typer.Context,
    path: Annotated[Path, typer.Argument(help="CSV with the columns doc_id,field,value.")],
) -> int:
    """Store document labels (e.g. sentiment, stance:climate) for 'influscope train'.

    Example: influscope -w my-ws label docs labels.csv    (lines like twitter:123,stance:climate,favor)
    """
    lang = lang_for(ctx)
    with open_workspace(ctx) as ws:
        counts = ws.enrich.label_docs(path)
    fields = ", ".join(f"{k} ({v})" for k, v in counts["fields"].items()) or "-"
    err.print(
        t(
            "{labels} ({fields}); {rejected}.",
            lang,
            labels=nt("{count} label stored", "{count} labels stored", counts["labels"], lang),
            fields=fields,
            rejected=nt(
                "{count} line rejected", "{count} lines rejected", counts["rejected"], lang
            ),
        ),
        highlight=False,
    )
    errors = [RowError(str(path), e["line"], e["field"], e["reason"]) for e in counts["errors"]]
    print_rejected(errors, counts["rejected"], lang)
    return 1 if counts["rejected"] else 0


app.command("actors")(label_actors)
