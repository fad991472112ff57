"""What every verb reads from the root command: the workspace folder and the message language."""

from __future__ import annotations

import tomllib
from pathlib import Path
from typing import Any

import typer

from influscope.config import CONFIG_FILE, Config, resolve_path
from influscope.serve.cli import terminal
from influscope.serve.i18n import language


def workspace_path(ctx: typer.Context) -> Path | None:
    """The -w/--workspace value given to the root command."""
    obj: dict[str, Any] = ctx.find_root().obj or {}
    found: Path | None = obj.get("workspace")
    return found


def engine_of(ctx: typer.Context) -> str | None:
    """The --engine value given to the root command (None: the workspace's ``[store] engine``)."""
    obj: dict[str, Any] = ctx.find_root().obj or {}
    found: str | None = obj.get("engine")
    return found


def lang_of(ctx: typer.Context) -> str | None:
    """The --lang value given to the root command."""
    obj: dict[str, Any] = ctx.find_root().obj or {}
    found: str | None = obj.get("lang")
    return found


def lang_for(ctx: typer.Context, config: Config | None = None) -> str:
    """The language of a command's messages: --lang, else the workspace's, else the locale.

    The workspace's ``language`` counts only when its influscope.toml sets it.
    ``config`` is the open workspace's; without one the file is read directly
    (a command may need to speak before it opens the store, e.g. to prompt).
    """
    configured: str | None = None
    if config is not None:
        settings = config.workspace
        if "language" in settings.model_fields_set:
            configured = settings.language
    else:
        configured = configured_language(workspace_path(ctx))
    chosen = language(lang_of(ctx), configured)
    terminal.speak(chosen)  # the command's tables write their numbers so too
    return chosen


def configured_language(path: Path | None) -> str | None:
    """``[workspace] language`` of the workspace's file, None when unset or unreadable."""
    try:
        data = tomllib.loads((resolve_path(path) / CONFIG_FILE).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    value = data.get("workspace", {}).get("language")
    return value if isinstance(value, str) else None
