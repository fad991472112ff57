"""``influscope report``: a management report in HTML, PDF or PowerPoint."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer


def register(app: typer.Typer) -> None:
    """Add the verb to the app."""

    @app.command("report")
    def report(
        ctx: typer.Context,
        out: Annotated[Path, typer.Option("-o", "--output", help="File to write.")],
        fmt: Annotated[str, typer.Option("--format", help="html, pdf or pptx.")] = "html",
        axis: Annotated[str | None, typer.Option("--axis", help="Axis (default: all).")] = None,
        period: Annotated[
            str | None, typer.Option("--period", help="A year or month, e.g. 2026-10.")
        ] = None,
    ) -> None:
        """Write a report: KPIs, share-of-voice chart, map, top actors (journey vs audience), alerts.

        The report's language is the global --lang, else the workspace's; the
        messages' is --lang, else the workspace's when its file sets one, else the locale.

        Example: influscope -w my-ws --lang fr report --axis usine-du-futur --period 2026-10 --format pdf -o report.pdf
        """
        from influscope.errors import UsageError
        from influscope.serve.cli.access import open_workspace
        from influscope.serve.cli.app import lang_for, lang_of
        from influscope.serve.i18n import t

        if fmt not in ("html", "pdf", "pptx"):
            lang = lang_for(ctx)
            raise UsageError(t("report.unknown_format", lang, fmt=fmt), t("report.formats", lang))
        with open_workspace(ctx) as ws:
            path = ws.report(axis=axis, period=period, fmt=fmt, out=out, lang=lang_of(ctx))
            lang = lang_for(ctx, ws)
        typer.echo(t("report.written", lang, path=path), err=True)
