"""``influscope users``: accounts of the API and dashboard.

Every change made here is written to the audit log as ``cli:<login>`` (the
operating-system user who typed it), beside the API's writes.
"""

from __future__ import annotations

import getpass
import secrets
from typing import Annotated

import typer

from influscope.errors import UsageError
from influscope.serve.cli import terminal
from influscope.serve.cli.access import open_workspace
from influscope.serve.cli.context import lang_for
from influscope.serve.cli.output import render
from influscope.serve.cli.params import Format, RoleOption
from influscope.serve.i18n import t
from influscope.workspace import Workspace

app = typer.Typer(
    help="Users of the API and dashboard (roles admin, analyst, viewer).", no_args_is_help=True
)


@app.command("add")
def add(
    ctx: typer.Context,
    name: Annotated[str, typer.Argument(help="User name.")],
    role: RoleOption = "analyst",
    token: Annotated[bool, typer.Option("--token", help="Also issue an API token.")] = False,
    password: Annotated[
        str | None,
        typer.Option(
            "--password",
            envvar="INFLUSCOPE_PASSWORD",
            help="Password for the dashboard (prompted when interactive; none: token only).",
        ),
    ] = None,
) -> None:
    """Create a user (the first one is always an admin). With --token, the API token is the last word printed.

    Messages follow --lang, else the workspace's language, else the locale.

    Example: influscope -w my-ws users add alice --role analyst --token
    """
    lang = lang_for(ctx)
    if password is None and not token and terminal.stdin_is_terminal():
        password = terminal.ask(t("users.password", lang), hide=True, confirm=True)
    with open_workspace(ctx) as ws:
        created = ws.accounts.add(name, role, token=token, password=password)
        _audit(ws, "users.add", created.name)
    typer.echo(t("users.created", lang, name=created.name, role=created.role), err=True)
    if password is None and not token:
        typer.echo(t("users.no_credentials", lang), err=True)
    if created.token:
        # The token stays the last word of stdout in every language (scripts read it).
        typer.echo(t("users.token", lang, token=created.token))


@app.command("list")
def list_(
    ctx: typer.Context,
    fmt: Format = "table",
) -> None:
    """List users and their roles.

    Example: influscope -w my-ws users list
    """
    with open_workspace(ctx, read_only=True) as ws:
        render(ws.accounts.users(), fmt, ["name", "role", "created_at", "disabled"])


Name = Annotated[str, typer.Argument(help="User name.")]


def _audit(ws: Workspace, action: str, name: str) -> None:
    ws.accounts.audit(f"cli:{getpass.getuser()}", action, name)


@app.command("passwd")
def passwd(
    ctx: typer.Context,
    name: Name,
    password: Annotated[
        str | None,
        typer.Option(
            "--password",
            envvar="INFLUSCOPE_PASSWORD",
            help="The new password, at least 12 characters (prompted when interactive).",
        ),
    ] = None,
    generate: Annotated[
        bool, typer.Option("--generate", help="Generate one and print it (shown once).")
    ] = False,
) -> None:
    """Set a user's password (at least 12 characters); their open sessions are closed.

    Example: influscope -w my-ws users passwd demo --generate
    """
    lang = lang_for(ctx)
    if generate:
        password = secrets.token_urlsafe(15)
    elif password is None:
        if not terminal.stdin_is_terminal():
            raise UsageError(
                "No password given.", "Pass --password, set INFLUSCOPE_PASSWORD or use --generate."
            )
        password = terminal.ask(t("users.password", lang), hide=True, confirm=True)
    with open_workspace(ctx) as ws:
        ws.accounts.set_password(name, password)
        _audit(ws, "users.passwd", name)
    typer.echo(t("users.passwd_done", lang, name=name), err=True)
    if generate:
        typer.echo(t("users.generated", lang, password=password))


@app.command("disable")
def disable(ctx: typer.Context, name: Name) -> None:
    """Disable a user: sessions closed, tokens refused (never the last active admin).

    Example: influscope -w my-ws users disable bob
    """
    with open_workspace(ctx) as ws:
        ws.accounts.disable(name)
        _audit(ws, "users.disable", name)
    typer.echo(t("users.disabled", lang_for(ctx), name=name), err=True)


@app.command("enable")
def enable(ctx: typer.Context, name: Name) -> None:
    """Enable a disabled user again. Example: influscope -w my-ws users enable bob."""
    with open_workspace(ctx) as ws:
        ws.accounts.enable(name)
        _audit(ws, "users.enable", name)
    typer.echo(t("users.enabled", lang_for(ctx), name=name), err=True)


@app.command("delete")
def delete(
    ctx: typer.Context,
    name: Name,
    yes: Annotated[bool, typer.Option("--yes", help="Do not ask for confirmation.")] = False,
) -> None:
    """Delete a user with their tokens and sessions (never the last active admin).

    Example: influscope -w my-ws users delete bob --yes
    """
    lang = lang_for(ctx)
    if not yes and not terminal.confirm(t("users.delete_confirm", lang, name=name)):
        raise typer.Abort()
    with open_workspace(ctx) as ws:
        ws.accounts.delete(name)
        _audit(ws, "users.delete", name)
    typer.echo(t("users.deleted", lang, name=name), err=True)


@app.command("token")
def token_(ctx: typer.Context, name: Name) -> None:
    """Issue a new API token for a user (printed once, as the last word of stdout).

    Tokens expire after [server] token_days. Example: influscope -w my-ws users token alice
    """
    with open_workspace(ctx) as ws:
        issued = ws.accounts.issue_token(name)
        _audit(ws, "users.token", name)
    typer.echo(t("users.token", lang_for(ctx), token=issued))


@app.command("revoke")
def revoke(ctx: typer.Context, name: Name) -> None:
    """Revoke every API token of a user (they answer 401 from now on).

    Example: influscope -w my-ws users revoke alice
    """
    with open_workspace(ctx) as ws:
        count = ws.accounts.revoke_tokens(name)
        _audit(ws, "users.revoke", name)
    typer.echo(t("users.revoked", lang_for(ctx), name=name, count=count), err=True)


@app.command("audit")
def audit(
    ctx: typer.Context,
    limit: Annotated[int, typer.Option("--limit", min=1, help="Entries to show.")] = 50,
    fmt: Format = "table",
) -> None:
    """The audit log: API writes and account changes, newest first.

    Example: influscope -w my-ws users audit --limit 20
    """
    with open_workspace(ctx, read_only=True) as ws:
        entries = ws.accounts.audit_log(limit)
    render(entries, fmt, ["logged_at", "actor", "action", "target", "status", "address"])
