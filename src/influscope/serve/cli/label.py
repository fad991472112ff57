"""``influscope label …``: give the workspace labels to learn from."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from influscope.serve.cli.access import open_workspace
from influscope.serve.cli.context import lang_for
from influscope.serve.cli.label_actors import label_actors
from influscope.serve.cli.output import err
from influscope.serve.i18n import nt, say, t

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
    for error in counts["errors"][:10]:
        where = f" [{error['field']}]" if error["field"] else ""
        reason = say(error["reason"], lang)
        err.print(f"  {path}:{error['line']}{where}: {reason}", highlight=False)
    if counts["rejected"]:
        err.print(
            t("The full list is in the run's error log: influscope status --errors", lang),
            highlight=False,
        )
        return 1
    return 0


app.command("actors")(label_actors)
