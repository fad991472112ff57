"""Whether another process holds the workspace's store, and if so, running the command there.

The root command calls :func:`forward_if_held` before any verb that can be
forwarded (:attr:`~influscope.serve.cli.app.Verb.forward`): when ``watch`` or
``serve`` holds the store and serves its control socket, the whole command
line runs in that process (:mod:`influscope.serve.control.forward`) and this
one exits with the status it ended with. Imported only then, so ``--help``
and the verbs that never need it do not load the config's or the socket's
libraries.
"""

from __future__ import annotations

import os
from pathlib import Path

import typer

from influscope.config import resolve_path
from influscope.errors import InfluscopeError
from influscope.serve.cli.context import lang_for
from influscope.store import holder


def forward_if_held(ctx: typer.Context, workspace: Path | None, args: list[str]) -> None:
    """Run the command in the process holding the store, if one does, and exit with its status."""
    try:
        held = holder.read(resolve_path(workspace))
    except InfluscopeError:
        return  # no workspace there: the verb says so itself
    if held is None or not held.get("socket") or held.get("pid") == os.getpid():
        return
    from influscope.serve.control.forward import forward  # httpx: only to forward

    raise typer.Exit(forward(held, args, lang_for(ctx)))
