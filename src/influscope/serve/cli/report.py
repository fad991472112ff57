"""``influscope report``: a management report in HTML, PDF or PowerPoint."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, cast, get_args

import typer

from influscope.errors import UsageError
from influscope.options import HELP, ReportFormat
from influscope.serve.cli.access import open_workspace
from influscope.serve.cli.context import lang_for, lang_of
from influscope.serve.cli.params import Axis, Period
from influscope.serve.i18n import t

app = typer.Typer()


@app.command("report")
def report(
    ctx: typer.Context,
    out: Annotated[Path, typer.Option("-o", "--output", help="File to write.")],
    fmt: Annotated[
        str | None,
        typer.Option("--format", help=HELP["report_format"] + " Default: the file's extension."),
    ] = None,
    axis: Axis = None,
    period: Period = None,
) -> None:
    """Write a report: KPIs, share-of-voice chart, map, top actors (journey vs audience), alerts.

    The report's language is the global --lang, else the workspace's; the
    messages' is --lang, else the workspace's when its file sets one, else the locale.

    Every figure is the CLI's for the same scope: documents as 'status --axis
    --period', shares as 'sov --axis --period', the map and journey stored by
    'map --axis' and 'journey --axis'. The format is the file's extension
    (.html, .pdf, .pptx); any other extension is an error.

    Example: influscope -w my-ws --lang fr report --axis usine-du-futur --period 2026-10 -o report.pdf
    """
    if fmt is not None and fmt not in get_args(
        ReportFormat
    ):  # checked here to say it in the user's language
        lang = lang_for(ctx)
        raise UsageError(t("report.unknown_format", lang, fmt=fmt), t("report.formats", lang))
    with open_workspace(ctx) as ws:
        path = ws.reports.write(
            axis=axis,
            period=period,
            fmt=cast(ReportFormat | None, fmt),
            out=out,
            lang=lang_of(ctx),
        )
        lang = lang_for(ctx, ws.config)
    typer.echo(t("report.written", lang, path=path), err=True)
