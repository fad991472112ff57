"""``influscope users``: accounts of the API and dashboard."""

from __future__ import annotations

import os
from typing import Annotated

import typer

from influscope.errors import UsageError
from influscope.serve.cli.access import open_workspace
from influscope.serve.cli.context import lang_for
from influscope.serve.cli.output import render
from influscope.serve.cli.params import Format, RoleOption
from influscope.serve.i18n import t
from influscope.store.accounts import generate_password

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
    typer.Option("--generate-password", help="Make a random password and print it once."),
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
    if given is None and ask and os.isatty(0):
        given = typer.prompt(t("Password", lang), hide_input=True, confirmation_prompt=True)
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
