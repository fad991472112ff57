"""``influscope sov``: share of voice per brand on an axis, over time or split."""

from __future__ import annotations

from typing import Any

import typer

from influscope.serve.cli.access import open_workspace
from influscope.serve.cli.brand_names import print_name_gaps
from influscope.serve.cli.context import lang_for
from influscope.serve.cli.output import err, headed, render
from influscope.serve.cli.params import Axis, By, Format, Period, Split
from influscope.serve.i18n import N_, t

app = typer.Typer()


@app.command("sov")
def sov(
    ctx: typer.Context,
    axis: Axis = None,
    by: By = None,
    split: Split = None,
    period: Period = None,
    fmt: Format = "table",
) -> None:
    """Share of voice: per brand, documents citing it, share, positive share, engagement-weighted share.

    Shares are of the citations of the compared brands (the axis' competitors
    and your own brands) in each group; engagement weighs a document by
    likes + shares + replies + 1.

    With --period, only the documents published in that year or month count:
    their counts are summed and the shares computed from the sums.

    Example: influscope sov --axis usine-du-futur --by week --format csv

    Example: influscope sov --axis usine-du-futur --period 2026-10
    """
    with open_workspace(ctx, read_only=True) as ws:
        rows = ws.sov.share_of_voice(axis=axis, by=by, split=split, period=period)
        lang, brands = lang_for(ctx, ws.config), bool(ws.config.brands)
        # A person reading the table is told what it may miss; a script (CSV, JSON)
        # does not pay the scan (about 0.5 s at 1M posts, whatever the number of brands).
        gaps = ws.sov.name_gaps() if brands and fmt == "table" else []
    shown = [row.as_dict() for row in rows]
    if fmt == "table":
        if by is not None:  # undated documents have no period: name them, not a blank
            undated = t("no publication date", lang)
            shown = [r if "period" in r else {"period": undated, **r} for r in shown]
        render(for_a_person(shown, lang), fmt)
        # Each document weighs likes + shares + replies + 1: with none of them in the
        # data, the engagement share is the share of documents again, not a second measure.
        if shown and all(r["docs"] and r["engagement"] == r["docs"] for r in shown):
            err.print(
                t(
                    "No likes, shares or replies in these documents: the engagement share is the share of documents.",
                    lang,
                ),
                highlight=False,
            )
        # No document has a tone yet (enrich never ran, or was skipped): the tone
        # columns are empty, which reads as a missing measure unless it says why.
        if any(r["docs"] for r in shown) and not any(r.get("rated") for r in shown):
            err.print(
                t(
                    "No document here has a sentiment yet: run influscope enrich to fill the tone columns.",
                    lang,
                ),
                highlight=False,
            )
    else:
        render(shown, fmt)
    print_name_gaps(gaps, lang)
    if not any(r.get("docs") for r in shown):  # say why there is nothing to share
        err.print(
            t(
                "No brands in influscope.toml: add [[brands]] (name, aliases, @handles) to count their share of voice.",
                lang,
            )
            if not brands
            else t(
                "No document in scope cites a brand: check the brands' aliases and handles, the axis and the period.",
                lang,
            )
        )


# The table's headers (CSV and JSON keep the field names and the shares as fractions, 0-1).
HEADERS = {
    "period": N_("Period"),
    "split": N_("Group"),
    "brand": N_("Brand"),
    "docs": N_("Documents"),
    "share": N_("Share of voice"),
    "positive": N_("Positive"),
    "rated": N_("Rated"),
    "positive_share": N_("Positive share"),
    "positive_rate": N_("Positive rate"),
    "engagement": N_("Engagement"),
    "engagement_share": N_("Engagement share"),
}
SHARES = ("share", "positive_share", "positive_rate", "engagement_share")


def for_a_person(rows: list[dict[str, Any]], lang: str) -> list[dict[str, Any]]:
    """Share-of-voice rows as a person reads them: headers in words, shares as percentages.

    ``period`` and ``split`` are columns only when the rows have them (by period, split).
    """
    grouped = ("period", "split")
    columns = {f: h for f, h in HEADERS.items() if f not in grouped or any(f in r for r in rows)}
    return headed(rows, columns, lang, shares=SHARES)
