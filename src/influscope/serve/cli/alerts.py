"""``influscope alerts``: list, show, acknowledge, close and backtest alerts."""

from __future__ import annotations

import getpass
from pathlib import Path
from typing import Annotated, Any

import typer

from influscope.errors import WorkspaceNotFound
from influscope.serve.cli.access import open_workspace
from influscope.serve.cli.alert_views import print_alert
from influscope.serve.cli.alert_views import show as show_as
from influscope.serve.cli.context import lang_for
from influscope.serve.cli.output import err, headed, render
from influscope.serve.cli.params import Format, ShowFormatOption, State
from influscope.serve.explain import scope_words
from influscope.serve.formats import percent
from influscope.serve.i18n import N_, t
from influscope.workspace.alerts import backtest_file

COLUMNS = [
    "alert_id",
    "state",
    "severity",
    "rule",
    "key",
    "window_start",
    "observed",
    "expected",
    "probability",
]


AlertId = Annotated[
    str, typer.Argument(help="The alert's id, as 'alerts list' shows it.", metavar="ALERT")
]

app = typer.Typer(
    help="Alerts raised by the watch: list, show, ack, close, backtest.", no_args_is_help=True
)


def _done(ctx: typer.Context, alert: dict[str, object]) -> None:

    lang, by = lang_for(ctx), alert.get("state_by") or ""
    if alert["state"] == "acked":
        message = t("{alert_id}: acknowledged by {by}", lang, alert_id=alert["alert_id"], by=by)
    else:
        message = t("{alert_id}: closed by {by}", lang, alert_id=alert["alert_id"], by=by)
    typer.echo(message, err=True)


@app.command("list")
def list_(
    ctx: typer.Context,
    state: State = None,
    limit: Annotated[
        int, typer.Option("--limit", help="How many alerts, newest event first.")
    ] = 50,
    fmt: Format = "table",
) -> None:
    """List alerts, newest event first (also while watch or serve holds the store).

    Example: influscope alerts list --state new
    """
    with open_workspace(ctx, read_only=True) as ws:
        rows = ws.alerts.list(state, limit)
        rules, lang = bool(ws.config.alerts), lang_for(ctx, ws.config)
    if fmt == "table":
        render(
            headed(
                [_for_person(r, lang) for r in rows],
                HEADERS,
                lang,
                words=WORDS,
                moments=("window_start",),
            ),
            fmt,
        )
    else:
        render(rows, fmt, COLUMNS)
    if not rows and fmt == "table":  # say why there is nothing, as sov does
        err.print(_why_none(rules, state, lang))


# The table's columns, as a duty officer scans them; CSV and JSON keep COLUMNS with the
# probability, since "9.9e-09" says less to a person than observed beside usual.
HEADERS = {
    "alert_id": N_("Alert"),
    "state": N_("State"),
    "severity": N_("Severity"),
    "rule": N_("Rule"),
    "key": N_("Scope"),
    "window_start": N_("Event (UTC)"),
    "observed": N_("Observed"),
    "expected": N_("Usual"),
}
WORDS = {"state": "state", "severity": "severity"}


def _for_person(row: dict[str, Any], lang: str) -> dict[str, Any]:
    """A row as the table shows it: the scope in words, a negative share as a percentage."""
    shown = dict(row, key=scope_words(row.get("key"), lang))
    if row.get("detector") == "negative_share":  # 0.9 beside 0.4851 read as counts
        for name in ("observed", "expected"):
            value = row.get(name)
            shown[name] = percent(float(value), lang) if value is not None else None
    return shown


def _why_none(rules: bool, state: str | None, lang: str) -> str:
    """Why ``alerts list`` is empty: no rule, no alert in that state, or none raised yet."""
    if not rules:
        return t(
            "No alert rule in influscope.toml: add [[alerts]] (a detector and a scope) for the watch to raise alerts.",
            lang,
        )
    if state:
        return t("No alert in this state.", lang)
    return t(
        "No alert yet: the rules run in 'influscope watch' (or 'influscope watch --once' from cron).",
        lang,
    )


@app.command("show")
def show(ctx: typer.Context, alert_id: AlertId, fmt: ShowFormatOption = "text") -> None:
    """Show an alert: the event, its explanation, the evidence, the notifications.

    Example: influscope alerts show a1b2c3

    Example: influscope alerts show a1b2c3 --format json   (every field, as the API serves it)
    """
    with open_workspace(ctx, read_only=True) as ws:
        found = ws.alerts.get(alert_id)
        lang = lang_for(ctx, ws.config)
    show_as(found, fmt, print_alert, lang)


@app.command("ack")
def ack(
    ctx: typer.Context,
    alert_id: AlertId,
    by: Annotated[str | None, typer.Option("--by", help="Who acknowledges (default: you).")] = None,
) -> None:
    """Acknowledge an alert (stops escalation), also while watch or serve runs.

    Example: influscope alerts ack a1b2c3 --by alice
    """
    with open_workspace(ctx) as ws:
        _done(ctx, ws.alerts.ack(alert_id, by or getpass.getuser()))


@app.command("close")
def close(
    ctx: typer.Context,
    alert_id: AlertId,
    by: Annotated[str | None, typer.Option("--by", help="Who closes (default: you).")] = None,
) -> None:
    """Close an alert. Example: influscope alerts close a1b2c3."""
    with open_workspace(ctx) as ws:
        _done(ctx, ws.alerts.close(alert_id, by or getpass.getuser()))


@app.command("backtest")
def backtest(
    ctx: typer.Context,
    path: Annotated[Path | None, typer.Argument(help="CSV with a time and a value column.")] = None,
    time_col: Annotated[
        str, typer.Option("--time-col", help="Column of the series' timestamps.")
    ] = "timestamp",
    value_col: Annotated[
        str, typer.Option("--value-col", help="Column of the series' counts.")
    ] = "value",
    rule: Annotated[
        str, typer.Option("--rule", help="A spike rule of the config, or 'spike' for defaults.")
    ] = "spike",
    axis: Annotated[
        str | None, typer.Option("--axis", help="Backtest an axis of the store instead.")
    ] = None,
    fmt: Annotated[str, typer.Option("--format", help="csv, table or json.")] = "csv",
) -> None:
    """Run the spike rule point by point (no look-ahead) and print one row per alert.

    Example: influscope alerts backtest volume.csv --time-col timestamp --value-col value --format csv
    """
    try:
        ws = open_workspace(ctx, read_only=True)
    except WorkspaceNotFound:
        if axis:
            raise
        rows = backtest_file(path, time_col, value_col, rule)
    else:
        with ws:
            rows = ws.alerts.backtest(
                path, time_col=time_col, value_col=value_col, rule=rule, axis=axis
            )
    render(rows, fmt, ["timestamp", "score", "rule", "observed", "expected"])
