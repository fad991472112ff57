"""``influscope brands``: recompute which brands each document cites."""

from __future__ import annotations

import typer

from influscope.serve.cli.access import open_workspace
from influscope.serve.cli.brand_names import print_name_gaps
from influscope.serve.cli.context import lang_for
from influscope.serve.cli.output import headed, render
from influscope.serve.cli.params import Format
from influscope.serve.i18n import N_

app = typer.Typer()


@app.command("brands")
def brands(
    ctx: typer.Context,
    fmt: Format = "table",
) -> None:
    """Attribute brands to every document again (aliases, @handles, linked domains, minus exclusions).

    Imports attribute new documents already, and 'influscope enrich' redoes
    all of them when the [[brands]] config changed; use this to force it.

    Example: influscope -w my-ws brands
    """
    with open_workspace(ctx) as ws:
        found = ws.sov.attribute_brands()
        gaps = ws.sov.name_gaps()
        lang = lang_for(ctx, ws.config)
    if fmt == "table":
        headers = {
            "documents": N_("Documents"),
            "attributions": N_("Attributions"),
            "cited": N_("Documents citing a brand"),
            "mode": N_("Redone"),
        }
        render(headed([found], headers, lang, words={"mode": "attribution_mode"}), fmt)
    else:
        render([found], fmt)
    print_name_gaps(gaps, lang)
