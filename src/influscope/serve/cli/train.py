"""``influscope train FIELD``: learn a classifier for a field from labelled documents."""

from __future__ import annotations

from typing import Annotated

import typer

from influscope.serve.cli.access import open_workspace
from influscope.serve.cli.context import lang_for
from influscope.serve.cli.output import err, render, render_json
from influscope.serve.formats import number
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
    embeddings: Annotated[
        bool,
        typer.Option(
            "--embeddings",
            help="Also try sentence embeddings (the 'embeddings' extra); "
            "cross-validation keeps the best.",
        ),
    ] = False,
) -> None:
    """Train a classifier (word+char TF-IDF, linear model) and print its CV scores.

    The next 'influscope enrich' fills the field for every other document.
    The field reply_stance (support, deny, query, comment) trains a model that
    reads each reply with its parent and thread, cross-validated by thread.

    Example: influscope -w my-ws train stance:climate
    """
    with open_workspace(ctx) as ws:
        result = ws.enrich.train(field, folds=folds, embeddings=embeddings)
    if fmt == "json":
        render_json(result)
        return
    lang = lang_for(ctx)
    rows = [
        {
            t("Class", lang): c,
            t("F1", lang): number(f, lang),
            t("Labels", lang): result["support"].get(c, 0),
        }
        for c, f in result["f1"].items()
    ]
    title = t("{field} ({folds}-fold cross-validation)", lang, field=field, folds=result["folds"])
    render(rows, "table", title=title)
    err.print(
        t(
            "{field}: accuracy {accuracy}, macro-F1 {macro_f1} ({folds}-fold cross-validation "
            "on {labels} labels); model {version} saved.",
            lang,
            field=field,
            accuracy=number(result["accuracy"], lang),
            macro_f1=number(result["macro_f1"], lang),
            folds=result["folds"],
            labels=result["labels"],
            version=result["version"],
        ),
        highlight=False,
    )
