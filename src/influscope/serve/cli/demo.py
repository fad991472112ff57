"""``influscope demo``: build the SIMULATED demo workspace, run what exists on it, serve it."""

from __future__ import annotations

import secrets
from pathlib import Path
from typing import Annotated

import typer

from influscope.errors import InfluscopeError
from influscope.serve.cli.app import main
from influscope.serve.cli.context import lang_of, workspace_path
from influscope.serve.cli.progress import progress_bar
from influscope.serve.i18n import t
from influscope.workspace import DemoStep, Workspace

DEMO_USER = "demo"

app = typer.Typer()


@app.command("demo")
def demo(
    ctx: typer.Context,
    scale: Annotated[
        int, typer.Option("--scale", help="Number of documents to generate.")
    ] = 20_000,
    seed: Annotated[int, typer.Option("--seed", help="Random seed of the scenario.")] = 7,
    serve: Annotated[
        bool, typer.Option("--serve/--no-serve", help="Serve the dashboard afterwards.")
    ] = True,
) -> None:
    """Build a workspace from a SIMULATED scenario and run the analyses on it.

    The scenario is invented (a French industrial company, « Ardent Industrie »,
    three competitors, camps, a bad buzz, a false rumour, search results); its
    input files and ground truth are written under DIR/demo-input/.

    Example: influscope -w demo-workspace demo --scale 20000 --no-serve
    """
    target = workspace_path(ctx) or Path("demo-workspace")
    lang = lang_of(ctx)
    typer.secho(t("simulated", lang), fg="yellow", err=True)
    with progress_bar("demo") as progress:
        workspace = Workspace.build_demo(target, scale=scale, seed=seed, progress=progress)
    with workspace:
        steps = workspace.demo.pipeline()
        tables = workspace.data.status().tables
        planted = workspace.demo.highlights()
        report = _write_report(workspace) if not serve else None
        account = demo_account(workspace) if serve else None
    _summary(target, scale, seed, tables, planted, steps, report)
    if account:
        typer.secho(
            f"Demo credentials (SIMULATED workspace): user {account[0]!r}, password {account[1]!r}",
            fg="green",
            err=True,
        )
    elif serve:
        typer.echo(f"The demo user {DEMO_USER!r} exists already; log in as before.", err=True)
    if serve:
        _serve(target)


def demo_account(workspace: Workspace) -> tuple[str, str] | None:
    """Create the demo's admin (user ``demo``, random password) unless it exists.

    Without an account nobody could log in to the dashboard the demo serves.
    Returns ``(name, password)`` when created, None when the user was there.
    """
    if any(u.name == DEMO_USER for u in workspace.accounts.users()):
        return None
    password = secrets.token_urlsafe(12)
    workspace.accounts.add(DEMO_USER, role="admin", password=password)
    return DEMO_USER, password


def _summary(
    target: Path,
    scale: int,
    seed: int,
    tables: dict[str, int],
    planted: list[str],
    steps: list[DemoStep],
    report: str | None,
) -> None:
    """The short closing summary (stderr for messages, as every verb)."""
    lines = [
        f"SIMULATED demo workspace built in {target} (scale {scale}, seed {seed}).",
        "  " + ", ".join(f"{name}: {count}" for name, count in tables.items() if count),
        f"  inputs and ground truth: {target / 'demo-input'}",
        *(f"  {line}" for line in planted),
    ]
    for step in steps:
        status = step.status
        detail = f" ({step.seconds} s)" if status == "ok" else ""
        if status == "failed":
            detail = f": {step.error}"
        lines.append(f"  {step.step}: {status}{detail}")
    if report:
        lines.append(f"  report: {report}")
    typer.echo("\n".join(lines), err=True)


def _write_report(workspace: Workspace) -> str:
    """Write the HTML report beside the workspace (its path, or why it was not written)."""
    out = workspace.root / "demo-report.html"
    try:
        workspace.reports.write(fmt="html", out=out)
    except InfluscopeError as error:
        return f"not written ({error.message})"
    return str(out)


def _serve(target: Path) -> None:
    """Hand over to ``influscope serve`` on the demo workspace."""
    raise typer.Exit(main(["-w", str(target), "serve"]))
