"""``influscope train FIELD``: learn a classifier for a field from labelled documents."""

from __future__ import annotations

from typing import Annotated

import typer

from influscope.serve.cli.access import open_workspace
from influscope.serve.cli.context import lang_of
from influscope.serve.cli.output import err, render, render_json
from influscope.serve.i18n import t

app = typer.Typer()


@app.command("train")
def train(
    ctx: typer.Context,
    field: Annotated[
        str, typer.Argument(help="The labelled field, e.g. sentiment or stance:climate.")
    ],
    folds: Annotated[int, typer.Option("--folds", help="Cross-validation folds.")] = 5,
    fmt: Annotated[str, typer.Option("--format", help="table or json.")] = "table",
) -> None:
    """Train a classifier (word+char TF-IDF, logistic regression) and print its CV scores.

    The next 'influscope enrich' fills the field for every other document.

    Example: influscope -w my-ws train stance:climate
    """
    with open_workspace(ctx) as ws:
        result = ws.enrich.train(field, folds=folds)
    if fmt == "json":
        render_json(result)
        return
    rows = [
        {"class": c, "f1": f, "labels": result["support"].get(c, 0)}
        for c, f in result["f1"].items()
    ]
    render(rows, "table", ["class", "f1", "labels"], title=f"{field} ({result['folds']}-fold)")
    err.print(
        t(
            "train.done",
            lang_of(ctx),
            field=field,
            accuracy=f"{result['accuracy']:.3f}",
            macro_f1=f"{result['macro_f1']:.3f}",
            folds=result["folds"],
            labels=result["labels"],
            version=result["version"],
        ),
        markup=False,
        highlight=False,
    )
