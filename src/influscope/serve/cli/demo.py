"""``influscope demo``: build the SIMULATED demo workspace, run what exists on it, serve it."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from influscope.errors import InfluscopeError
from influscope.serve.cli.app import main
from influscope.serve.cli.context import lang_of, workspace_path
from influscope.serve.cli.progress import progress_bar
from influscope.serve.i18n import error_text, language, t
from influscope.store.accounts import generate_password
from influscope.workspace import Workspace
from influscope.workspace.demo import DemoStep

if TYPE_CHECKING:
    from influscope.demo import Highlights

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
    lang = language(lang_of(ctx))
    typer.secho(
        t("SIMULATED DATA — generated scenario, not real posts", lang), fg="yellow", err=True
    )
    with progress_bar("demo") as progress:
        workspace = Workspace.build_demo(target, scale=scale, seed=seed, progress=progress)
    with workspace:
        steps = workspace.demo.pipeline()
        tables = workspace.data.status().tables
        planted = workspace.demo.highlights()
        report = _write_report(workspace, lang) if not serve else None
        account = demo_account(workspace) if serve else None
    _summary(target, scale, seed, tables, planted, steps, report, lang)
    if account:
        typer.secho(
            t(
                "Demo credentials (SIMULATED workspace): user {name}, password {password}"
                " (change it with: influscope -w {workspace} users passwd {name})",
                lang,
                name=account[0],
                password=account[1],
                workspace=target,
            ),
            fg="green",
            err=True,
        )
    elif serve:
        typer.echo(
            t(
                "The demo user {name} exists already; log in as before"
                " (forgotten password: influscope -w {workspace} users passwd {name}).",
                lang,
                name=DEMO_USER,
                workspace=target,
            ),
            err=True,
        )
    if serve:
        _serve(target)


def demo_account(workspace: Workspace) -> tuple[str, str] | None:
    """Create the demo's admin (user ``demo``, random password) unless it exists.

    Without an account nobody could log in to the dashboard the demo serves.
    Returns ``(name, password)`` when created, None when the user was there.
    """
    if any(u.name == DEMO_USER for u in workspace.accounts.users()):
        return None
    password = generate_password()
    workspace.accounts.add(DEMO_USER, role="admin", password=password)
    return DEMO_USER, password


def _summary(
    target: Path,
    scale: int,
    seed: int,
    tables: dict[str, int],
    planted: Highlights | None,
    steps: list[DemoStep],
    report: str | None,
    lang: str,
) -> None:
    """The short closing summary (stderr for messages, as every verb), in the CLI's language."""
    lines = [
        t(
            "SIMULATED demo workspace built in {path} (scale {scale}, seed {seed}).",
            lang,
            path=target,
            scale=scale,
            seed=str(seed),  # an identifier, not a quantity: no grouping
        ),
        "  "
        + ", ".join(
            t("{table}: {count}", lang, table=name, count=count)
            for name, count in tables.items()
            if count
        ),
        "  " + t("inputs and ground truth: {path}", lang, path=target / "demo-input"),
        *(f"  {line}" for line in _planted(planted, lang)),
    ]
    for step in steps:
        detail = t("done in {seconds} s", lang, seconds=step.seconds)
        if step.status == "failed":
            detail = t("failed: {error}", lang, error=step.error)
        lines.append(f"  {step.step}: {detail}")
    if report:
        lines.append("  " + t("report: {path}", lang, path=report))
    typer.echo("\n".join(lines), err=True)


def _planted(found: Highlights | None, lang: str) -> list[str]:
    """What the scenario planted, in three lines of the CLI's language."""
    if found is None:
        return []
    return [
        t(
            "company {company} against {competitors}; axes {axes}",
            lang,
            company=found.company,
            competitors=", ".join(found.competitors),
            axes=", ".join(found.axes),
        ),
        t(
            "planted: {camps} camps, {untapped} untapped actors, {bridges} bridges, "
            "@{central} central on the journey ({followers} followers)",
            lang,
            camps=found.camps,
            untapped=found.untapped,
            bridges=found.bridges,
            central=found.central,
            followers=found.central_followers,
        ),
        t(
            "bad buzz from {start} to {end} UTC; false rumour from {rumour} ({defenders} "
            "defenders); coordinated burst at {burst} ({accounts} accounts)",
            lang,
            start=found.buzz_start,
            end=found.buzz_end,
            rumour=found.rumour_start,
            defenders=found.rumour_defenders,
            burst=found.burst_start,
            accounts=found.burst_accounts,
        ),
    ]


def _write_report(workspace: Workspace, lang: str) -> str:
    """Write the HTML report beside the workspace (its path, or why it was not written)."""
    out = workspace.root / "demo-report.html"
    try:
        workspace.reports.write(fmt="html", out=out)
    except InfluscopeError as error:
        return t("not written ({reason})", lang, reason=error_text(error, lang)[0])
    return str(out)


def _serve(target: Path) -> None:
    """Hand over to ``influscope serve`` on the demo workspace."""
    raise typer.Exit(main(["-w", str(target), "serve"]))
