"""Workspaces with [[sources]] pointing at the loopback API server."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import tomlkit

from influscope.workspace import Workspace


def source_workspace(root: Path, sources: list[dict[str, Any]]) -> Workspace:
    """A workspace whose influscope.toml declares ``sources`` (loopback allowed, fast backoff)."""
    for source in sources:
        source.setdefault("every", "10m")
        options = source.setdefault("options", {})
        options.setdefault("allow_private", True)
        options.setdefault("backoff", 0.01)
    text = '[workspace]\nname = "test"\n\n' + tomlkit.dumps({"sources": sources})
    return Workspace.init(root, config_text=text)


def reopen(ws: Workspace) -> Workspace:
    """Close and reopen a workspace, as a restarted process would."""
    root = ws.root
    ws.close()
    return Workspace.open(root)
