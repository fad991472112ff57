"""``influscope incidents``: the alerts of one event as one incident; its lifecycle and crisis analysis."""

from __future__ import annotations

import getpass
from pathlib import Path
from typing import Annotated

import typer

from influscope.errors import UsageError
from influscope.serve.cli.access import open_workspace
from influscope.serve.cli.alert_views import print_incident
from influscope.serve.cli.alert_views import show as show_as
from influscope.serve.cli.context import lang_for
from influscope.serve.cli.output import as_row, err, headed, render, render_json
from influscope.serve.cli.params import Format, ShowFormatOption
from influscope.serve.explain import incident_title
from influscope.serve.i18n import N_, t
from influscope.serve.reports.crisis import write_crisis_pdf, write_crisis_pptx
from influscope.workspace.crisis_results import Incident

COLUMNS = [
    "incident_id",
    "state",
    "severity",
    "window_start",
    "window_end",
    "alerts",
    "owner",
    "title",
]

app = typer.Typer(
    help="Incidents (alerts of one event): list, show, ack, resolve, assign, note, analyse.",
    no_args_is_help=True,
)
By = Annotated[str | None, typer.Option("--by", help="Who does it (default: you).")]


def _done(ctx: typer.Context, incident: Incident, message: str) -> None:
    """Say what was done (``message`` marked with ``N_``, translated here)."""
    typer.echo(t(message, lang_for(ctx), incident_id=incident.incident_id), err=True)


@app.command("list")
def list_(
    ctx: typer.Context,
    state: Annotated[
        str | None, typer.Option("--state", help="open, acknowledged or resolved.")
    ] = None,
    limit: Annotated[int, typer.Option("--limit")] = 50,
    fmt: Format = "table",
) -> None:
    """List incidents, newest event first.

    Example: influscope incidents list --state open
    """
    with open_workspace(ctx, read_only=True) as ws:
        rows = ws.crisis.incidents(state, limit)
        lang = lang_for(ctx, ws.config)
    if fmt == "table":
        said = [as_row(r) | {"title": incident_title(r.title, lang)} for r in rows]
        render(
            headed(said, HEADERS, lang, words=WORDS, moments=("window_start", "window_end")), fmt
        )
    else:
        render(rows, fmt, COLUMNS)
    if not rows and fmt == "table":  # headers alone read as a glitch
        err.print(
            t("No incident in this state.", lang)
            if state
            else t("No incident: incidents group the alerts the watch raises.", lang)
        )


# The table's columns (CSV and JSON: COLUMNS, the codes).
HEADERS = {
    "incident_id": N_("Incident"),
    "state": N_("State"),
    "severity": N_("Severity"),
    "window_start": N_("Event start (UTC)"),
    "window_end": N_("Event end (UTC)"),
    "alerts": N_("Alerts"),
    "owner": N_("Owner"),
    "title": N_("Title"),
}
WORDS = {"state": "incident_state", "severity": "severity"}


@app.command("show")
def show(ctx: typer.Context, incident_id: str, fmt: ShowFormatOption = "text") -> None:
    """Show an incident: the event, its alerts, its timeline, the evidence posts.

    Example: influscope incidents show i1b2c3

    Example: influscope incidents show i1b2c3 --format json   (every field, as the API serves it)
    """
    with open_workspace(ctx, read_only=True) as ws:
        found = ws.crisis.incident(incident_id)
        lang = lang_for(ctx, ws.config)
    show_as(found, fmt, print_incident, lang)


@app.command("ack")
def ack(ctx: typer.Context, incident_id: str, by: By = None) -> None:
    """Acknowledge an incident (stops every escalation). Example: influscope incidents ack i1b2c3."""
    with open_workspace(ctx) as ws:
        _done(
            ctx,
            ws.crisis.acknowledge(incident_id, by or getpass.getuser()),
            N_("{incident_id}: acknowledged"),
        )


@app.command("resolve")
def resolve(ctx: typer.Context, incident_id: str, by: By = None) -> None:
    """Resolve an incident. Example: influscope incidents resolve i1b2c3."""
    with open_workspace(ctx) as ws:
        _done(
            ctx,
            ws.crisis.resolve(incident_id, by or getpass.getuser()),
            N_("{incident_id}: resolved"),
        )


@app.command("assign")
def assign(ctx: typer.Context, incident_id: str, owner: str, by: By = None) -> None:
    """Give an incident to someone. Example: influscope incidents assign i1b2c3 alice."""
    with open_workspace(ctx) as ws:
        _done(
            ctx,
            ws.crisis.assign(incident_id, owner, by or getpass.getuser()),
            N_("{incident_id}: owner set"),
        )


@app.command("note")
def note(ctx: typer.Context, incident_id: str, text: str, by: By = None) -> None:
    """Add a note to the timeline. Example: influscope incidents note i1b2c3 "Statement sent"."""
    with open_workspace(ctx) as ws:
        _done(
            ctx,
            ws.crisis.note(incident_id, text, by or getpass.getuser()),
            N_("{incident_id}: note added"),
        )


@app.command("analyse")
def analyse(
    ctx: typer.Context,
    incident_id: str,
    query: Annotated[
        list[str] | None, typer.Option("--query", help="A crisis query for riposte readiness.")
    ] = None,
) -> None:
    """Narratives, cascade, coordination, defenders and riposte of an incident (JSON).

    Example: influscope incidents analyse i1b2c3 --query "ardent vernelle"
    """
    with open_workspace(ctx, read_only=True) as ws:
        render_json(ws.crisis.analyse(incident_id, queries=query))


@app.command("report")
def report(
    ctx: typer.Context,
    incident_id: str,
    fmt: Annotated[str, typer.Option("--format", help="pdf or pptx.")] = "pdf",
    out: Annotated[str | None, typer.Option("--out", help="Output file.")] = None,
    query: Annotated[
        list[str] | None, typer.Option("--query", help="A crisis query for riposte readiness.")
    ] = None,
) -> None:
    """Write the crisis report of an incident (PDF or PowerPoint).

    Example: influscope incidents report i1b2c3 --format pptx --out crisis.pptx
    """
    if fmt not in ("pdf", "pptx"):
        raise UsageError(
            N_("Unknown format {format}."),
            N_("Use --format pdf or --format pptx."),
            format=repr(fmt),
        )
    with open_workspace(ctx, read_only=True) as ws:
        incident = ws.crisis.incident(incident_id)
        analysis = ws.crisis.analyse(incident_id, queries=query)
        target = Path(out) if out else ws.root / f"crisis-{incident_id}.{fmt}"
        writer = write_crisis_pdf if fmt == "pdf" else write_crisis_pptx
        writer(
            incident,
            analysis,
            target,
            lang_for(ctx, ws.config),
            bool(ws.config.workspace.simulated),
        )
    typer.echo(str(target))
