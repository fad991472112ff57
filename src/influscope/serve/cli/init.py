"""``influscope init DIR``: create a workspace."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from influscope.config import CONFIG_FILE
from influscope.serve.cli.context import lang_of
from influscope.serve.cli.output import err
from influscope.serve.i18n import language, t
from influscope.workspace import Workspace

app = typer.Typer()


@app.command("init")
def init(
    ctx: typer.Context,
    directory: Annotated[Path, typer.Argument(help="Folder to create the workspace in.")],
) -> None:
    """Create a workspace: a commented influscope.toml and an empty store.

    The workspace speaks the language of the command (--lang, else the locale).

    Example: influscope init my-workspace
    """
    lang = language(lang_of(ctx))
    Workspace.init(directory, language=lang).close()
    err.print(
        t(
            "Workspace created in {path}: edit {config} to add brands and axes.",
            lang,
            path=directory,
            config=directory / CONFIG_FILE,
        )
    )
