"""``influscope users``: accounts of the API and dashboard.

Every change made here is written to the audit log as ``cli:<login>`` (the
operating-system user who typed it), beside the API's writes.
"""

from __future__ import annotations

import getpass
from typing import Annotated

import typer

from influscope.errors import UsageError
from influscope.serve.cli import terminal
from influscope.serve.cli.access import open_workspace
from influscope.serve.cli.context import lang_for
from influscope.serve.cli.output import render
from influscope.serve.cli.params import Format, RoleOption
from influscope.serve.i18n import nt, t
from influscope.store.accounts import generate_password
from influscope.workspace import Workspace

app = typer.Typer(
    help="Users of the API and dashboard (roles admin, analyst, viewer).", no_args_is_help=True
)


PasswordOption = Annotated[
    str | None,
    typer.Option(
        "--password",
        envvar="INFLUSCOPE_PASSWORD",
        help="Password for the dashboard, 12 characters or more (prompted when interactive).",
    ),
]
GenerateOption = Annotated[
    bool,
    typer.Option(
        "--generate-password", "--generate", help="Make a random password and print it once."
    ),
]


def _password(given: str | None, generate: bool, ask: bool, lang: str) -> str | None:
    """The password to set: given, generated, or typed twice at a terminal (``ask``)."""
    if generate and given is not None:
        raise UsageError(
            t("Give --password or --generate-password, not both.", lang),
            t("--generate-password prints the password it made.", lang),
        )
    if generate:
        return generate_password()
    if given is None and ask and terminal.stdin_is_terminal():
        given = terminal.ask(t("Password", lang), hide=True, confirm=True)
    return given


@app.command("add")
def add(
    ctx: typer.Context,
    name: Annotated[str, typer.Argument(help="User name.")],
    role: RoleOption = "analyst",
    token: Annotated[bool, typer.Option("--token", help="Also issue an API token.")] = False,
    password: PasswordOption = None,
    generate: GenerateOption = False,
) -> None:
    """Create a user (the first one is always an admin). With --token, the API token is the last word printed.

    A password has at least 12 characters; --generate-password makes one and
    prints it once. Messages follow --lang, else the workspace's language, else the locale.

    Example: influscope -w my-ws users add alice --role analyst --generate-password
    """
    lang = lang_for(ctx)
    password = _password(password, generate, ask=not token, lang=lang)
    with open_workspace(ctx) as ws:
        created = ws.accounts.add(name, role, token=token, password=password)
        _audit(ws, "users.add", created.name)
    typer.echo(
        t("User {name} created with role {role}.", lang, name=created.name, role=created.role),
        err=True,
    )
    if generate and password:
        typer.echo(t("Password (shown once): {password}", lang, password=password))
    if password is None and not token:
        typer.echo(
            t(
                "This user has neither a password nor a token: give one with --password or --token.",
                lang,
            ),
            err=True,
        )
    if created.token:
        # The token stays the last word of stdout in every language (scripts read it).
        typer.echo(t("API token (shown once): {token}", lang, token=created.token))


@app.command("passwd")
def passwd(
    ctx: typer.Context,
    name: Annotated[str, typer.Argument(help="User name.")],
    password: PasswordOption = None,
    generate: GenerateOption = False,
) -> None:
    """Change a user's dashboard password (the demo's included) and sign its sessions out.

    Without --password or --generate-password the new password is asked twice
    at the terminal.

    Example: influscope -w demo-workspace users passwd demo --generate-password
    """
    lang = lang_for(ctx)
    new = _password(password, generate, ask=True, lang=lang)
    if new is None:
        raise UsageError(
            t("No new password given.", lang),
            t("Give --password, --generate-password, or run it at a terminal.", lang),
        )
    with open_workspace(ctx) as ws:
        ws.accounts.set_password(name, new)
        _audit(ws, "users.passwd", name)
    typer.echo(t("Password of {name} changed; its sessions are closed.", lang, name=name), err=True)
    if generate:
        typer.echo(t("Password (shown once): {password}", lang, password=new))


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


@app.command("disable")
def disable(ctx: typer.Context, name: Name) -> None:
    """Disable a user: sessions closed, tokens refused (never the last active admin).

    Example: influscope -w my-ws users disable bob
    """
    with open_workspace(ctx) as ws:
        ws.accounts.disable(name)
        _audit(ws, "users.disable", name)
    typer.echo(
        t("User {name} disabled: sessions closed, tokens refused.", lang_for(ctx), name=name),
        err=True,
    )


@app.command("enable")
def enable(ctx: typer.Context, name: Name) -> None:
    """Enable a disabled user again. Example: influscope -w my-ws users enable bob."""
    with open_workspace(ctx) as ws:
        ws.accounts.enable(name)
        _audit(ws, "users.enable", name)
    typer.echo(t("User {name} enabled again.", lang_for(ctx), name=name), err=True)


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
    if not yes and not terminal.confirm(
        t("Delete user {name}, their tokens and sessions?", lang, name=name)
    ):
        raise typer.Abort()
    with open_workspace(ctx) as ws:
        ws.accounts.delete(name)
        _audit(ws, "users.delete", name)
    typer.echo(t("User {name} deleted with their tokens and sessions.", lang, name=name), err=True)


@app.command("token")
def token_(ctx: typer.Context, name: Name) -> None:
    """Issue a new API token for a user (printed once, as the last word of stdout).

    Tokens expire after [server] token_days. Example: influscope -w my-ws users token alice
    """
    with open_workspace(ctx) as ws:
        issued = ws.accounts.issue_token(name)
        _audit(ws, "users.token", name)
    typer.echo(t("API token (shown once): {token}", lang_for(ctx), token=issued))


@app.command("revoke")
def revoke(ctx: typer.Context, name: Name) -> None:
    """Revoke every API token of a user (they answer 401 from now on).

    Example: influscope -w my-ws users revoke alice
    """
    with open_workspace(ctx) as ws:
        count = ws.accounts.revoke_tokens(name)
        _audit(ws, "users.revoke", name)
    typer.echo(
        nt(
            "{count} API token of {name} revoked.",
            "{count} API tokens of {name} revoked.",
            count,
            lang_for(ctx),
            name=name,
        ),
        err=True,
    )


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
