"""``influscope init DIR``: create a workspace."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from influscope.config import CONFIG_FILE
from influscope.serve.cli.context import lang_of
from influscope.serve.cli.output import err
from influscope.serve.i18n import t
from influscope.workspace import Workspace

app = typer.Typer()


@app.command("init")
def init(
    ctx: typer.Context,
    directory: Annotated[Path, typer.Argument(help="Folder to create the workspace in.")],
) -> None:
    """Create a workspace: a commented influscope.toml and an empty store.

    Example: influscope init my-workspace
    """
    Workspace.init(directory).close()
    err.print(t("init.done", lang_of(ctx), path=directory, config=directory / CONFIG_FILE))
