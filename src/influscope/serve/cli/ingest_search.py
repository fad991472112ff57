"""``influscope ingest demand|serp|transitions``: search demand, result pages and reader clicks.

The commands are registered on the ``ingest`` group by :mod:`.ingest`.
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Literal

import typer

from influscope.serve.cli.access import open_workspace
from influscope.serve.cli.context import lang_for
from influscope.serve.cli.output import err
from influscope.serve.cli.rejected import print_rejected
from influscope.serve.i18n import npt, nt, t
from influscope.workspace.import_results import SearchImport

# What a row of a search import is: its nouns and the key its rows repeat.
Rows = Literal["queries", "result slots", "observed transitions"]


def _report(ctx: typer.Context, summary: SearchImport, rows: Rows) -> int:
    """Print what an import of search data did; ``rows`` names what a row is (``queries``…)."""
    lang = lang_for(ctx)
    counted, inserted, updated = _counts(rows, summary, lang)
    err.print(
        t(
            "{records} ({preset}): {rows} ({inserted}, {updated}), {rejected}.",
            lang,
            records=nt("{count} record read", "{count} records read", summary.records, lang),
            preset=summary.preset,
            rows=counted,
            inserted=inserted,
            updated=updated,
            rejected=nt("{count} rejected", "{count} rejected", summary.rejected, lang),
        ),
        highlight=False,
    )
    if summary.repeated:
        err.print(_repeated(rows, summary.repeated, lang), highlight=False)
    print_rejected(summary.errors, summary.rejected, lang)
    return 1 if summary.rejected else 0


def _repeated(rows: Rows, count: int, lang: str) -> str:
    """Rows of the file that repeated an earlier row's key: kept once, never silently."""
    if rows == "queries":
        return nt(
            "{count} row repeats the query, locale and period of an earlier row: the last one "
            "is kept (a table with one row per region or day keeps them apart in columns named "
            "locale and period).",
            "{count} rows repeat the query, locale and period of an earlier row: the last one "
            "is kept (a table with one row per region or day keeps them apart in columns named "
            "locale and period).",
            count,
            lang,
        )
    if rows == "result slots":
        return nt(
            "{count} row repeats the query, capture time, engine and rank of an earlier row: "
            "the last one is kept.",
            "{count} rows repeat the query, capture time, engine and rank of an earlier row: "
            "the last one is kept.",
            count,
            lang,
        )
    return nt(
        "{count} row repeats the pages, referrer and period of an earlier row: their clicks "
        "are added up.",
        "{count} rows repeat the pages, referrer and period of an earlier row: their clicks "
        "are added up.",
        count,
        lang,
    )


def _counts(rows: Rows, summary: SearchImport, lang: str) -> tuple[str, str, str]:
    """The rows, new and updated counts, each agreeing with what a row is.

    French agrees "new" and "updated" with the noun's gender ("1 requête
    (1 nouvelle)", "2 résultats (2 nouveaux)"), hence one context per kind.
    """
    new, changed = summary.inserted, summary.updated
    if rows == "queries":
        return (
            nt("{count} query", "{count} queries", summary.rows, lang),
            npt("queries", "{count} new", "{count} new", new, lang),
            npt("queries", "{count} updated", "{count} updated", changed, lang),
        )
    if rows == "result slots":
        return (
            nt("{count} result slot", "{count} result slots", summary.rows, lang),
            npt("result slots", "{count} new", "{count} new", new, lang),
            npt("result slots", "{count} updated", "{count} updated", changed, lang),
        )
    return (
        nt("{count} observed transition", "{count} observed transitions", summary.rows, lang),
        npt("transitions", "{count} new", "{count} new", new, lang),
        npt("transitions", "{count} updated", "{count} updated", changed, lang),
    )


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
        summary = ws.ingest.demand(path, preset, locale=locale, period=period, strict=strict)
    return _report(ctx, summary, "queries")


def ingest_serp(
    ctx: typer.Context,
    path: Annotated[Path, typer.Argument(help="Result pages: CSV/JSONL table or SERP API JSON.")],
    preset: Annotated[
        str | None, typer.Option("--preset", help="generic or serpapi (default: detected).")
    ] = None,
    captured_at: Annotated[
        str | None,
        typer.Option(
            "--captured-at",
            help="When the pages were captured, for rows without a date (2026-03-01).",
        ),
    ] = None,
    strict: Annotated[
        bool, typer.Option("--strict", help="Import nothing if a row is bad.")
    ] = False,
) -> int:
    """Import result pages: query, captured_at, rank, url, title, snippet, engine.

    Example: influscope ingest serp serp.csv ; influscope ingest serp response.json --preset serpapi
    """
    with open_workspace(ctx) as ws:
        summary = ws.ingest.serp(path, preset, captured_at=captured_at, strict=strict)
    return _report(ctx, summary, "result slots")


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
        summary = ws.ingest.transitions(
            path, preset, period=period, base_url=base_url, strict=strict
        )
    return _report(ctx, summary, "observed transitions")
