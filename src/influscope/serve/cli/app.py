"""The ``influscope`` entry point: the verbs in flow order, loaded lazily, and errors rendered once.

``influscope --help`` lists :data:`VERBS` from this module alone: a verb's
module (and with it the workspace, DuckDB, Ibis…) is imported only when that
verb runs or its own help is asked for, so the command line answers at once.
``tests/test_cli.py`` checks that the list matches the real commands and their
help. Library errors are :class:`~influscope.errors.InfluscopeError` and are
printed here as ``Error: …`` / ``Hint: …`` on stderr with exit status 1 (2 for
usage errors).
"""

from __future__ import annotations

import functools
import importlib
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Annotated, Any

import typer
from typer import _click as click  # typer's own click, which its commands are built on
from typer.core import TyperArgument, TyperCommand, TyperGroup, TyperOption
from typer.exceptions import TyperException

from influscope import __version__
from influscope.errors import InfluscopeError
from influscope.serve.cli import terminal
from influscope.serve.i18n import error_text, t


@dataclass(frozen=True)
class Verb:
    """A verb of the command line: its name, where its Typer app lives, its one-line help.

    ``forward``: while another process (``watch``, ``serve``) holds the store, the
    verb runs inside that process (see :mod:`influscope.serve.control.forward`);
    the verbs that must hold the store themselves, or create a workspace, do not.
    """

    name: str
    module: str
    help: str
    attribute: str = "app"
    forward: bool = True


# Flow order: set up, bring data in, enrich, analyse, watch, serve and report, then the rest.
VERBS: tuple[Verb, ...] = (
    Verb(
        "init",
        "init",
        "Create a workspace: a commented influscope.toml and an empty store.",
        forward=False,
    ),
    Verb("ingest", "ingest", "Import data: posts from files, graphs, search demand, result pages."),
    Verb("enrich", "enrich", "Enrich the documents each enricher has not done yet at its version."),
    Verb("map", "map", "Compute the map: communities, stance, roles, tiers, kinds and positions."),
    Verb(
        "journey",
        "journey",
        "Journey weights: each actor's share of the public's encounters (searches → results "
        "→ pages → actors).",
    ),
    Verb(
        "sov",
        "sov",
        "Share of voice: per brand, documents citing it, share, positive share, "
        "engagement-weighted share.",
    ),
    Verb(
        "influence",
        "influence",
        "Influencers: kinds with evidence, tiers by position, the relationship log, employee "
        "advocacy, return on influence.",
    ),
    Verb(
        "watch",
        "watch",
        "Watch the configured sources and raise alerts until stopped (SIGTERM or Ctrl-C).",
        forward=False,
    ),
    Verb("alerts", "alerts", "Alerts raised by the watch: list, show, ack, close, backtest."),
    Verb(
        "serve",
        "serve",
        "Serve the REST API (/openapi.json) and the dashboard; every route but "
        "/api/health needs a user.",
        forward=False,
    ),
    Verb(
        "report",
        "report",
        "Write a report: KPIs, share-of-voice chart, map, top actors (journey vs "
        "audience), alerts.",
    ),
    Verb(
        "incidents",
        "incidents",
        "Incidents (alerts of one event): list, show, ack, resolve, assign, note, analyse.",
    ),
    Verb(
        "claims", "claims", "Claims (named narratives): list, add, debunk, spread after the debunk."
    ),
    Verb("label", "label", "Import labels (documents, actors) to learn from."),
    Verb(
        "train",
        "train",
        "Train a classifier (word+char TF-IDF, linear model) and print its CV scores.",
    ),
    Verb(
        "themes",
        "themes",
        "Top terms and phrases of an axis (cluster -1: the whole axis) and of each sub-conversation.",
    ),
    Verb(
        "brands",
        "brands",
        "Attribute brands to every document again (aliases, @handles, linked domains, "
        "minus exclusions).",
    ),
    Verb(
        "communities",
        "communities",
        "List community profiles (size, label, role, top actors, terms, stance mix, growth).",
    ),
    Verb(
        "actor",
        "actor",
        "Show an actor: kind and its source, stance with its sources, offline vs online, "
        "communities.",
    ),
    Verb(
        "crawl",
        "crawl",
        "Crawl seeds politely (robots.txt, per-host delay, size caps); without seeds, resume.",
    ),
    Verb(
        "query",
        "query",
        'Find documents with the query language (AND OR NOT ( ) "phrase" wild* NEAR/n '
        "lang: platform: author: domain: url: #tag @handle).",
    ),
    Verb("sources", "sources", "Live sources: list them, check their health, poll one now."),
    Verb(
        "status",
        "status",
        "Show documents by platform, language and month, table sizes and the last runs.",
    ),
    Verb("export", "export", "Export a table; the files import back with 'ingest file'."),
    Verb(
        "erase",
        "privacy",
        "Erase an actor and everything about them; later imports skip them.",
        "erase_app",
    ),
    Verb(
        "retention",
        "privacy",
        "Delete documents older than the retention period, with what hangs off them.",
        "retention_app",
    ),
    Verb("users", "users", "Users of the API and dashboard (roles admin, analyst, viewer)."),
    Verb(
        "demo",
        "demo",
        "Build a workspace from a SIMULATED scenario and run the analyses on it.",
        forward=False,
    ),
)
BY_NAME = {verb.name: verb for verb in VERBS}


COMPLETION = ("install_completion", "show_completion")


class PlainArgument(TyperArgument):
    """An argument shown by its name alone (``FILE...``), without Typer's ``<list[Path]>``."""

    def display_type_rich(self, ctx: click.Context) -> str | None:
        """No type beside the name: the name and the help say what to give."""
        return None

    def _usage_display_name(self) -> str:
        name = self.display_name_raw
        name = name if self.required else f"[{name}]"
        return name + ("..." if self.nargs != 1 and not name.endswith("...") else "")


def plain_help(command: click.Command) -> click.Command:
    """Plain help for a verb and its subcommands: text as written, no placeholder noise.

    Typer's rich help reads ``[watch]`` in a help text as markup and drops it, and
    shows ``<bool>`` beside every flag and ``<list[Path]>`` beside arguments; plain
    help keeps the text, shows a value's metavar only where a value is expected.
    """
    if isinstance(command, TyperCommand | TyperGroup):
        command.rich_markup_mode = None
    # Completion is installed from the root command; a verb's copy of it is noise.
    command.params = [p for p in command.params if p.name not in COMPLETION]
    for param in command.params:
        if isinstance(param, TyperArgument) and not isinstance(param, PlainArgument):
            param.__class__ = PlainArgument
        elif isinstance(param, TyperOption) and not param.is_flag and param.metavar is None:
            param.metavar = (param.name or "value").upper()
    for sub in subcommands(command).values():
        plain_help(sub)
    return command


def load_verb(verb: Verb) -> click.Command:
    """The click command of a verb (its module imported now), with plain help."""
    module = importlib.import_module(f"influscope.serve.cli.{verb.module}")
    command = typer.main.get_command(getattr(module, verb.attribute))
    command.name = verb.name
    _client_paths(command)
    return plain_help(command)


def _client_paths(command: click.Command) -> None:
    """Read a verb's relative path arguments (and its subcommands') from the client's folder.

    A forwarded command runs in a process with its own working folder: its
    callbacks get every relative :class:`~pathlib.Path` value joined to the
    folder the command was typed in (see :func:`influscope.serve.cli.terminal.client_path`);
    a command run here gets its values untouched.
    """
    callback = command.callback
    if callback is not None:
        command.callback = functools.partial(_with_client_paths, callback)
    for sub in subcommands(command).values():
        _client_paths(sub)


def _with_client_paths(callback: Callable[..., Any], **params: Any) -> Any:
    return callback(**{name: _client_value(value) for name, value in params.items()})


def _client_value(value: Any) -> Any:
    if isinstance(value, Path):
        return terminal.client_path(value)
    if isinstance(value, list | tuple) and any(isinstance(v, Path) for v in value):
        return type(value)(terminal.client_path(v) if isinstance(v, Path) else v for v in value)
    return value


def first_paragraph(text: str | None) -> str:
    """A help text's first paragraph on one line (what the verb list shows)."""
    return " ".join((text or "").strip().split("\n\n")[0].split())


def subcommands(command: click.Command) -> dict[str, click.Command]:
    """A group's commands by name (the root's verbs, loaded now), nothing for a leaf command."""
    if isinstance(command, LazyVerbs):
        return {verb.name: load_verb(verb) for verb in VERBS}
    if isinstance(command, TyperGroup):
        return dict(command.commands)
    return {}


class LazyVerbs(TyperGroup):
    """The root group: lists :data:`VERBS` in flow order and imports a verb only when used."""

    def list_commands(self, ctx: click.Context) -> list[str]:
        """The verbs in flow order."""
        return [verb.name for verb in VERBS]

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        """The verb's command, its module imported on first use."""
        verb = BY_NAME.get(cmd_name)
        return load_verb(verb) if verb is not None else None

    def format_help(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        """Plain help from the static list (no verb module, no rich rendering imported)."""
        click.Command.format_help(self, ctx, formatter)

    def format_commands(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        """The verbs and their one-line help, from :data:`VERBS`."""
        with formatter.section("Commands"):
            formatter.write_dl([(verb.name, verb.help) for verb in VERBS])


app = typer.Typer(
    cls=LazyVerbs,
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
    engine: Annotated[
        str | None,
        typer.Option(
            "--engine",
            help="Engine of the heavy analyses: duckdb or spark (default: [store] engine).",
        ),
    ] = None,
    version: Annotated[
        bool, typer.Option("--version", callback=_version, is_eager=True, help="Show the version.")
    ] = False,
) -> None:
    """Global options shared by every verb."""
    # Filled in place: main() reads the workspace back to speak its language on an error.
    given: dict[str, Any] = ctx.obj if ctx.obj is not None else {}
    given.update(workspace=workspace, lang=lang, engine=engine)
    ctx.obj = given
    session = terminal.current()
    if session is not None:  # a forwarded command, running in the process holding the store
        given.update(workspace=session.workspace.root, lang=lang or session.lang)
        return
    verb = BY_NAME.get(ctx.invoked_subcommand or "")
    args: list[str] = given.get("argv") or []
    if verb is None or not verb.forward or ctx.resilient_parsing or {"-h", "--help"} & set(args):
        return
    from influscope.serve.cli.holding import forward_if_held  # config, psutil, httpx

    forward_if_held(ctx, workspace, args)


def report_error(error: InfluscopeError, lang: str | None = None) -> None:
    """Print an error the one way the CLI does, in the language."""
    message, hint = error_text(error, lang)
    sys.stderr.write(t("Error: {message}", lang, message=message) + "\n")
    if hint:
        sys.stderr.write(t("Hint: {hint}", lang, hint=hint) + "\n")


def _lang_option(argv: list[str]) -> str | None:
    """The --lang given before the verb, for errors raised before any verb knows it."""
    for i, arg in enumerate(argv):
        if arg == "--lang" and i + 1 < len(argv):
            return argv[i + 1]
        if arg.startswith("--lang="):
            return arg.partition("=")[2]
    return None


def _workspace_language(given: dict[str, Any]) -> str | None:
    """The language the workspace's file sets, None when unset, unreadable or no workspace."""
    from influscope.serve.cli.context import configured_language  # noqa: PLC0415 - config: not for --help

    return configured_language(given.get("workspace"))


def main(argv: list[str] | None = None, lang: str | None = None) -> int:
    """Run the CLI; returns (and exits with) the status code.

    ``lang`` is the language of an error's lines when ``--lang`` is not given
    (a forwarded command's client's); without either, the workspace's file's
    ``language``, else the locale's, as for every other message.
    """
    args = list(sys.argv[1:] if argv is None else argv)
    lang = _lang_option(args) or lang
    given: dict[str, Any] = {"argv": args}
    try:
        # The program's name in usage lines: not ``__main__.py`` under ``python -m``.
        result: Any = app(args=args, prog_name="influscope", standalone_mode=False, obj=given)
    except InfluscopeError as error:
        report_error(error, lang or _workspace_language(given))
        code = error.exit_code
    except typer.Exit as done:
        code = done.exit_code
    except typer.Abort:
        sys.stderr.write(t("Aborted.", lang) + "\n")
        code = 130
    except click.exceptions.NoArgsIsHelpError as error:
        error.show()  # a group called bare: its help
        code = int(error.exit_code)
    except (TyperException, click.ClickException) as error:
        # Usage errors from the parser (unknown option, missing argument): exit 2.
        from influscope.serve.cli.usage import usage_error_text  # noqa: PLC0415 - errors only

        said = lang or _workspace_language(given)
        if isinstance(error, click.ClickException):
            sys.stderr.write(usage_error_text(error, said))
        else:
            sys.stderr.write(t("Error: {message}", said, message=error) + "\n")
        code = int(getattr(error, "exit_code", 2))
    else:
        code = result if isinstance(result, int) else 0
    finally:
        terminal.speak(None)  # the next command on this thread decides its own language
    if argv is None:
        sys.exit(code)
    return code
