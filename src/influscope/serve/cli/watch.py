"""``influscope watch``: run sources, enrichment, alert rules and delivery in one process."""

from __future__ import annotations

import logging
import signal
import threading
from typing import Annotated

import typer

from influscope.serve.cli.access import open_workspace
from influscope.serve.cli.output import render_json
from influscope.serve.control.server import ControlServer

app = typer.Typer()


@app.command("watch")
def watch(
    ctx: typer.Context,
    once: Annotated[
        bool, typer.Option("--once", help="Run one cycle and exit (for cron).")
    ] = False,
) -> None:
    """Watch the configured sources and raise alerts until stopped (SIGTERM or Ctrl-C).

    A `push` source serves the push endpoint from this process. Stopping is
    clean; a killed process resumes where it stopped on restart. While it
    runs, `alerts`, `status` and `sources list|check` reach the store through
    this process (its control socket in the workspace).

    Example: influscope -w my-ws watch --once
    """
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(name)s %(levelname)s %(message)s")
    stop = threading.Event()
    previous = signal.signal(signal.SIGTERM, lambda *_: stop.set())
    try:
        with open_workspace(ctx) as ws, ControlServer(ws, "watch"):
            try:
                report = ws.alerts.watch(once=once, stop=stop)
            except KeyboardInterrupt:
                stop.set()
                typer.echo("Stopped.", err=True)
                return
    finally:
        signal.signal(signal.SIGTERM, previous)
    render_json(report)
