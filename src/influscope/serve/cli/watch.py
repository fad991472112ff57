"""``influscope watch``: run sources, enrichment, alert rules and delivery in one process."""

from __future__ import annotations

import logging
import signal
import threading
from typing import TYPE_CHECKING, Annotated

import typer

from influscope.serve.cli.access import open_workspace
from influscope.serve.cli.context import lang_for
from influscope.serve.cli.output import render_json
from influscope.serve.cli.params import ShowFormatOption
from influscope.serve.control.server import ControlServer
from influscope.serve.i18n import nt, t
from influscope.workspace.import_results import PollResult

if TYPE_CHECKING:
    from influscope.watch.loop import WatchSummary

app = typer.Typer()


@app.command("watch")
def watch(
    ctx: typer.Context,
    once: Annotated[
        bool, typer.Option("--once", help="Run one cycle and exit (for cron).")
    ] = False,
    fmt: ShowFormatOption = "text",
) -> None:
    """Watch the configured sources and raise alerts until stopped (SIGTERM or Ctrl-C).

    A `push` source serves the push endpoint from this process. Stopping is
    clean; a killed process resumes where it stopped on restart. While it
    runs, `alerts`, `status` and `sources list|check` reach the store through
    this process (its control socket in the workspace).

    Example: influscope -w my-ws watch --once

    Example: influscope -w my-ws watch --once --format json   (the cycle's report, for scripts)
    """
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(name)s %(levelname)s %(message)s")
    stop = threading.Event()
    previous = signal.signal(signal.SIGTERM, lambda *_: stop.set())
    try:
        with open_workspace(ctx) as ws, ControlServer(ws, "watch"):
            lang = lang_for(ctx, ws.config)
            try:
                report = ws.alerts.watch(once=once, stop=stop)
            except KeyboardInterrupt:
                stop.set()
                typer.echo(t("Stopped.", lang), err=True)
                return
    finally:
        signal.signal(signal.SIGTERM, previous)
    if fmt == "json":
        render_json(report)
    else:
        typer.echo("\n".join(said(report, lang)))


def said(report: WatchSummary, lang: str) -> list[str]:
    """The watch's report for a person: each source, the new alerts, what was sent, what failed."""
    lines = [
        nt(
            "{count} cycle run; in the last one:",
            "{count} cycles run; in the last one:",
            report.cycles,
            lang,
        )
    ]
    for name, result in sorted(report.sources.items()):
        lines.append("  " + _source(name, result, lang))
    if not report.sources:
        lines.append("  " + t("no source is due (or none is configured in [[sources]])", lang))
    if report.pushed:
        lines.append(
            "  "
            + nt(
                "{count} post received on the push endpoint",
                "{count} posts received on the push endpoint",
                report.pushed,
                lang,
            )
        )
    alerts = nt("{count} new alert", "{count} new alerts", len(report.alerts), lang)
    if report.alerts:
        alerts += ": " + ", ".join(report.alerts[:10]) + (", …" if len(report.alerts) > 10 else "")
        alerts += " — " + t("see 'influscope alerts show ID'", lang)
    lines.append("  " + alerts)
    sent = sum(report.deliveries.values())
    if sent:
        channels = ", ".join(f"{name} {count}" for name, count in sorted(report.deliveries.items()))
        lines.append(
            "  "
            + nt("{count} notification sent", "{count} notifications sent", sent, lang)
            + f" ({channels})"
        )
    for error in report.errors:
        lines.append("  " + t("failed: {reason}", lang, reason=error))
    return lines


def _source(name: str, result: object, lang: str) -> str:
    """One source's line: what it read (a file) or fetched (a connector), or that it was unchanged."""
    if isinstance(result, PollResult):
        return t(
            "{source}: {fetched}, {rejected}",
            lang,
            source=name,
            fetched=nt("{count} record fetched", "{count} records fetched", result.fetched, lang),
            rejected=nt("{count} rejected", "{count} rejected", result.rejected, lang),
        )
    if isinstance(result, dict) and result.get("skipped") == "unchanged":
        return t("{source}: unchanged since the last cycle", lang, source=name)
    if isinstance(result, dict) and "records" in result:
        return t(
            "{source}: {read}, {rejected}",
            lang,
            source=name,
            read=nt("{count} record read", "{count} records read", int(result["records"]), lang),
            rejected=nt("{count} rejected", "{count} rejected", int(result["rejected"]), lang),
        )
    return f"{name}: {result}"
