"""``influscope crawl``: fetch the pages on the public's journeys and what they link to."""

from __future__ import annotations

from typing import Annotated

import typer

from influscope.serve.cli.access import open_workspace
from influscope.serve.cli.context import lang_for
from influscope.serve.cli.output import as_row, err, render_json
from influscope.serve.cli.progress import progress_bar
from influscope.serve.i18n import t

app = typer.Typer()


@app.command("crawl")
def crawl(
    ctx: typer.Context,
    urls: Annotated[list[str] | None, typer.Argument(help="Seed URLs.")] = None,
    from_serp: Annotated[
        bool, typer.Option("--from-serp", help="Seed with every stored result URL.")
    ] = False,
    depth: Annotated[
        int | None,
        typer.Option("--depth", help="Link depth from the seeds (default from config)."),
    ] = None,
    max_pages: Annotated[
        int | None, typer.Option("--max-pages", help="Pages to fetch at most in this run.")
    ] = None,
    allow_private: Annotated[
        bool,
        typer.Option(
            "--allow-private", help="Allow private/loopback addresses (tests, intranets)."
        ),
    ] = False,
    fmt: Annotated[str, typer.Option("--format", help="table or json.")] = "table",
) -> int:
    """Crawl seeds politely (robots.txt, per-host delay, size caps); without seeds, resume.

    Example: influscope crawl --from-serp --depth 1 --max-pages 300
    """
    lang = lang_for(ctx)
    if not urls and not from_serp:
        err.print(t("No seeds given: resuming the URLs still queued from earlier crawls.", lang))
    with open_workspace(ctx) as ws, progress_bar("crawl") as update:
        summary = ws.ingest.crawl(
            urls or [], from_serp, depth, max_pages, allow_private, progress=update
        )
    if fmt == "json":
        render_json(summary)
    else:
        err.print(
            t(
                "{fetched} pages fetched, {skipped} skipped, {failed} failed, {queued} URLs queued, {links} links.",
                lang,
                **as_row(summary),
            ),
            highlight=False,
        )
        for reason, count in sorted(summary.reasons.items()):
            err.print(f"  {count} × {reason}", highlight=False)
    return 0
