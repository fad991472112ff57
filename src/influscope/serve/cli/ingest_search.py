"""``influscope ingest demand|serp|transitions``: search demand, result pages and reader clicks."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Any

import typer

from influscope.serve.cli.access import open_workspace
from influscope.serve.cli.ingest import ingest_app
from influscope.serve.cli.output import err


def register(app: typer.Typer) -> None:
    """The commands hang on the ``ingest`` group (see :mod:`.ingest`)."""


def _report(ctx: typer.Context, summary: dict[str, Any], what: str) -> int:
    from influscope.serve.cli.app import lang_of
    from influscope.serve.i18n import t

    lang = lang_of(ctx)
    counts = {k: v for k, v in summary.items() if k != "errors"}
    err.print(
        t("search.summary", lang, what=t(what, lang), **counts), markup=False, highlight=False
    )
    for error in summary["errors"][:10]:
        field = f" [{error.field}]" if error.field else ""
        err.print(
            f"  {error.file}:{error.line}{field}: {error.reason}", markup=False, highlight=False
        )
    if summary["rejected"]:
        err.print("The full list is in the run's error log: influscope status --errors")
        return 1
    return 0


@ingest_app.command("demand")
def ingest_demand(
    ctx: typer.Context,
    path: Annotated[
        Path, typer.Argument(help="Demand export (CSV/TSV/XLSX; Keyword Planner UTF-16 too).")
    ],
    preset: Annotated[
        str | None,
        typer.Option(
            "--preset", help="keyword-planner, search-console or generic (default: detected)."
        ),
    ] = None,
    locale: Annotated[
        str | None, typer.Option("--locale", help="Locale of every row (fr-FR…).")
    ] = None,
    period: Annotated[
        str | None, typer.Option("--period", help="Period of every row (2026-09…).")
    ] = None,
    strict: Annotated[
        bool, typer.Option("--strict", help="Import nothing if a row is bad.")
    ] = False,
) -> int:
    """Import search demand: query, volume, locale, period.

    Example: influscope ingest demand "Keyword Stats 2026-10-02.csv" --preset keyword-planner --locale fr-FR
    """
    with open_workspace(ctx) as ws:
        summary = ws.ingest_demand(path, preset, locale=locale, period=period, strict=strict)
    return _report(ctx, summary, "search.queries")


@ingest_app.command("serp")
def ingest_serp(
    ctx: typer.Context,
    path: Annotated[Path, typer.Argument(help="Result pages: CSV/JSONL table or SERP API JSON.")],
    preset: Annotated[
        str | None, typer.Option("--preset", help="generic or serpapi (default: detected).")
    ] = None,
    strict: Annotated[
        bool, typer.Option("--strict", help="Import nothing if a row is bad.")
    ] = False,
) -> int:
    """Import result pages: query, captured_at, rank, url, title, snippet, engine.

    Example: influscope ingest serp serp.csv ; influscope ingest serp response.json --preset serpapi
    """
    with open_workspace(ctx) as ws:
        summary = ws.ingest_serp(path, preset, strict=strict)
    return _report(ctx, summary, "search.slots")


@ingest_app.command("transitions")
def ingest_transitions(
    ctx: typer.Context,
    path: Annotated[
        Path, typer.Argument(help="src_url,dst_url,clicks table, or a Wikimedia clickstream TSV.")
    ],
    preset: Annotated[
        str | None,
        typer.Option("--preset", help="generic or clickstream (default: detected)."),
    ] = None,
    period: Annotated[
        str | None, typer.Option("--period", help="Period of every row (2024-10…).")
    ] = None,
    base_url: Annotated[
        str | None,
        typer.Option(
            "--base-url",
            help="Clickstream: URL prefix of the titles (default from the file name, else English Wikipedia).",
        ),
    ] = None,
    strict: Annotated[
        bool, typer.Option("--strict", help="Import nothing if a row is bad.")
    ] = False,
) -> int:
    """Import observed transitions: how many readers went from one page to the next.

    Example: influscope ingest transitions clickstream-frwiki-2024-10.tsv.gz
    """
    with open_workspace(ctx) as ws:
        summary = ws.ingest_transitions(
            path, preset, period=period, base_url=base_url, strict=strict
        )
    return _report(ctx, summary, "search.transitions")
