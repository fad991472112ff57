"""How a CLI command reaches the workspace: open the store, or run inside the process holding it.

DuckDB lets one process hold the store for writing and shuts every other one
out, even readers. While ``influscope watch`` or ``influscope serve`` runs, every
command (but those that must hold the store themselves) is forwarded to that
process by the root command (:mod:`influscope.serve.control.forward`) and runs
there, in a thread whose :class:`~influscope.serve.cli.terminal.Session` gives
it the held workspace here: it prints exactly what it would have printed.
A store held by a process that serves no control socket (a short command such
as an import) gives the :class:`~influscope.errors.StoreBusy` error naming it.
"""

from __future__ import annotations

import typer

from influscope.serve.cli import terminal
from influscope.serve.cli.context import engine_of, workspace_path
from influscope.workspace import Workspace


def open_workspace(ctx: typer.Context, *, read_only: bool = False) -> Workspace:
    """The workspace of ``-w``: opened here, or the held one for a forwarded command.

    The held one is lent: closing it (leaving the ``with`` block) leaves the
    store open for the process that holds it.
    """
    session = terminal.current()
    if session is not None:
        return session.workspace.lend()
    return Workspace.open(workspace_path(ctx), read_only=read_only, engine=engine_of(ctx))
