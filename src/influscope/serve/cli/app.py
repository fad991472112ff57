"""The ``influscope`` entry point: builds the Typer app and renders errors once.

Verb modules register themselves on the app (see ``VERBS``); library errors are
:class:`~influscope.errors.InfluscopeError` and are printed here as
``Error: …`` / ``Hint: …`` on stderr with exit status 1 (2 for usage errors).
"""

from __future__ import annotations

import importlib
import pkgutil
import sys
from pathlib import Path
from typing import Annotated, Any

import click
import typer
from typer.exceptions import TyperException

from influscope import __version__
from influscope.errors import InfluscopeError
from influscope.serve.i18n import language, t

app = typer.Typer(
    name="influscope",
    help="Influence intelligence: communities, journeys, share of voice and alerts on your axes.\n\n"
    "Examples:\n\n  influscope init my-ws\n\n  influscope -w my-ws ingest file posts.csv --platform twitter\n\n"
    "  influscope -w my-ws status",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    add_completion=False,
    context_settings={"help_option_names": ["-h", "--help"]},
)


def _version(value: bool) -> None:
    if value:
        typer.echo(f"influscope {__version__}")
        raise typer.Exit()


@app.callback()
def root(
    ctx: typer.Context,
    workspace: Annotated[
        Path | None,
        typer.Option(
            "-w",
            "--workspace",
            envvar="INFLUSCOPE_WORKSPACE",
            help="Workspace folder (default: current folder).",
        ),
    ] = None,
    lang: Annotated[str | None, typer.Option("--lang", help="Message language: en or fr.")] = None,
    version: Annotated[
        bool, typer.Option("--version", callback=_version, is_eager=True, help="Show the version.")
    ] = False,
) -> None:
    """Global options shared by every verb."""
    ctx.obj = {"workspace": workspace, "lang": lang}


def workspace_path(ctx: typer.Context) -> Path | None:
    """The -w/--workspace value given to the root command."""
    obj: dict[str, Any] = ctx.find_root().obj or {}
    return obj.get("workspace")


def lang_of(ctx: typer.Context) -> str | None:
    """The --lang value given to the root command."""
    obj: dict[str, Any] = ctx.find_root().obj or {}
    return obj.get("lang")


def lang_for(ctx: typer.Context, ws: Any = None) -> str:
    """The language of a command's messages: --lang, else the workspace's, else the locale.

    The workspace's ``language`` counts only when its influscope.toml sets it.
    ``ws`` is the open Workspace; without one the file is read directly (a
    command may need to speak before it opens the store, e.g. to prompt).
    """
    configured = None
    if ws is not None:
        settings = ws.config.workspace
        if "language" in settings.model_fields_set:
            configured = settings.language
    else:
        configured = _configured_language(workspace_path(ctx))
    return language(lang_of(ctx), configured)


def _configured_language(path: Path | None) -> str | None:
    """``[workspace] language`` of the workspace's file, None when unset or unreadable."""
    import tomllib

    from influscope.config import CONFIG_FILE
    from influscope.workspace import resolve_path

    try:
        data = tomllib.loads((resolve_path(path) / CONFIG_FILE).read_text(encoding="utf-8"))
    except (OSError, ValueError, InfluscopeError):
        return None
    value = data.get("workspace", {}).get("language")
    return value if isinstance(value, str) else None


def _register_verbs() -> None:
    """Import every module of this package that defines ``register(app)`` (one per verb)."""
    package = importlib.import_module("influscope.serve.cli")
    for info in sorted(pkgutil.iter_modules(package.__path__), key=lambda i: i.name):
        module = importlib.import_module(f"influscope.serve.cli.{info.name}")
        register = getattr(module, "register", None)
        if callable(register):
            register(app)


_register_verbs()


def report_error(error: InfluscopeError, lang: str | None = None) -> None:
    """Print an error the one way the CLI does."""
    sys.stderr.write(f"{t('error', lang)}: {error.message}\n")
    if error.hint:
        sys.stderr.write(f"{t('hint', lang)}: {error.hint}\n")


def main(argv: list[str] | None = None) -> int:
    """Run the CLI; returns (and exits with) the status code."""
    try:
        result = app(args=argv, standalone_mode=False)
    except InfluscopeError as error:
        report_error(error)
        code = error.exit_code
    except typer.Exit as done:
        code = done.exit_code
    except typer.Abort:
        sys.stderr.write("Aborted.\n")
        code = 130
    except (TyperException, click.ClickException) as error:
        # Usage errors from the parser (unknown option, missing argument): exit 2.
        show = getattr(error, "show", None)
        if callable(show):
            show()
        else:
            sys.stderr.write(f"Error: {error}\n")
        code = int(getattr(error, "exit_code", 2))
    else:
        code = result if isinstance(result, int) else 0
    if argv is None:
        sys.exit(code)
    return code
