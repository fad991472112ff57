"""``influscope users``: accounts of the API and dashboard."""

from __future__ import annotations

from typing import Annotated

import typer

from influscope.serve.cli import terminal
from influscope.serve.cli.access import open_workspace
from influscope.serve.cli.context import lang_for
from influscope.serve.cli.output import render
from influscope.serve.cli.params import Format, RoleOption
from influscope.serve.i18n import t

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
