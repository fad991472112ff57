"""How a CLI command reaches the workspace: open the store, or ask the process holding it.

DuckDB lets one process hold the store for writing and shuts every other one
out, even readers. While ``influscope watch`` or ``influscope serve`` runs, the
commands an on-call person needs (``alerts list|show|ack|close``, ``status``,
``sources list|check``) go through that process's control socket instead; they
get a :class:`~influscope.serve.control.client.ControlClient`, which has the
same services (``alerts``, ``data``, ``ingest``) for what they use, and print
exactly what they would have printed. Every other command gets the
:class:`~influscope.errors.StoreBusy` error that names the holder.
"""

from __future__ import annotations

from typing import Literal, overload

import typer

from influscope.errors import StoreBusy
from influscope.serve.cli.context import engine_of, workspace_path
from influscope.serve.control.client import ControlClient
from influscope.workspace import Workspace


@overload
def open_workspace(
    ctx: typer.Context, *, read_only: bool = False, remote: Literal[False] = False
) -> Workspace: ...


@overload
def open_workspace(
    ctx: typer.Context, *, read_only: bool = False, remote: Literal[True]
) -> Workspace | ControlClient: ...


def open_workspace(
    ctx: typer.Context, *, read_only: bool = False, remote: bool = False
) -> Workspace | ControlClient:
    """The workspace of ``-w``, or (with ``remote``) a client of the process holding its store.

    Both are context managers with the same services for what a remote command
    uses. Without ``remote`` — or when the holder serves no control socket (a
    short command such as an import) — a held store raises ``StoreBusy``.
    """
    try:
        return Workspace.open(workspace_path(ctx), read_only=read_only, engine=engine_of(ctx))
    except StoreBusy as busy:
        if not remote or not busy.holder or not busy.holder.get("socket"):
            raise
        return ControlClient(busy.holder)
