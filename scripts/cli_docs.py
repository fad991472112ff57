"""The command reference, generated from the command tree so it never lags the code.

The documentation site builds it at build time (``scripts/docs_hooks.py``);
``python scripts/cli_docs.py`` prints the same Markdown. The tree is walked
through the groups' own ``list_commands``/``get_command`` (Typer's click),
which a group that loads its verbs lazily answers too, so no verb is named here.
``tests/test_docs.py`` checks every command is in the built reference.
"""

from __future__ import annotations

import re
import sys
from collections.abc import Iterator

import typer
from typer.core import TyperGroup, TyperOption

from influscope.serve.cli.app import app

PROG = "influscope"


def root_context() -> typer.Context:
    """A context for the root command, as the shell would make it."""
    return typer.Context(typer.main.get_command(app), info_name=PROG)


def walk(ctx: typer.Context) -> Iterator[typer.Context]:
    """Yield a context for every command under ``ctx`` (groups before their verbs), by name."""
    command = ctx.command
    if not isinstance(command, TyperGroup):
        return
    for name in sorted(command.list_commands(ctx)):
        sub = command.get_command(ctx, name)
        if sub is None or sub.hidden:
            continue
        child = typer.Context(sub, info_name=name, parent=ctx)
        yield child
        yield from walk(child)


def path_of(ctx: typer.Context) -> str:
    """``influscope ingest file`` for the context of that verb."""
    return ctx.command_path


def _text(value: str) -> str:
    """Help text as Markdown text: code spans kept, everything else literal."""
    parts = re.split(r"(`[^`]*`)", value)
    for i in range(0, len(parts), 2):
        part = parts[i].replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
        parts[i] = re.sub(r"([\\*_\[\]|#])", r"\\\1", part)
    return "".join(parts)


def _help(command: typer.core.TyperCommand | TyperGroup) -> str:
    """The command's help as paragraphs; ``Example:`` lines become shell blocks."""
    out: list[str] = []
    shell: list[str] = []  # consecutive example lines become one block
    for block in (command.help or "").strip().split("\n\n"):
        lines = [line.strip() for line in block.strip().splitlines() if line.strip()]
        if not lines:
            continue
        head = lines[0]
        if head.startswith(("Example:", "Examples:")) or head.startswith(f"{PROG} "):
            if head.startswith("Example"):
                lines[0] = head.split(":", 1)[1].strip()
            shell += [line for line in lines if line.startswith(PROG)]
            continue
        if shell:
            out.append("```sh\n" + "\n".join(shell) + "\n```")
            shell = []
        out.append(_text(" ".join(lines)))
    if shell:
        out.append("```sh\n" + "\n".join(shell) + "\n```")
    return "\n\n".join(out)


def _default(param: typer.core.TyperArgument | TyperOption) -> str:
    if param.required:
        return "required"
    default = param.default
    if default is None or default == () or default == [] or callable(default):
        return ""
    if isinstance(param, TyperOption) and param.is_flag:
        if param.secondary_opts:
            return f"`{param.opts[0] if default else param.secondary_opts[0]}`"
        return "on" if default else ""
    return f"`{default}`"


def _parameters(ctx: typer.Context) -> list[str]:
    """A table of the command's arguments and options (the help option left out)."""
    rows = []
    for param in ctx.command.get_params(ctx):
        if param.name == "help":
            continue
        if isinstance(param, TyperOption):
            names = " / ".join(f"`{n}`" for n in [*param.opts, *param.secondary_opts])
        else:
            names = f"`{(param.name or '').upper()}`" + (" …" if param.nargs == -1 else "")
        described = _text(param.help or "")
        if param.envvar:
            described += f" (environment: `{param.envvar}`)"
        flag = isinstance(param, TyperOption) and param.is_flag
        kind = "" if flag else f"`{param.display_type(ctx).strip('<>')}`"
        rows.append(f"| {names} | {kind} | {_default(param)} | {described} |")
    if not rows:
        return []
    return ["| Parameter | Type | Default | Description |", "|---|---|---|---|", *rows]


def section(ctx: typer.Context, level: int) -> list[str]:
    """The Markdown of one command: usage, help, parameters, verbs of a group."""
    command = ctx.command
    out = [f"{'#' * level} `{path_of(ctx)}`", ""]
    usage = " ".join(command.collect_usage_pieces(ctx))
    out += ["```text", f"{path_of(ctx)} {usage}".rstrip(), "```", ""]
    helptext = _help(command)
    if helptext:
        out += [helptext, ""]
    table = _parameters(ctx)
    if table:
        out += [*table, ""]
    if isinstance(command, TyperGroup):
        verbs = []
        for name in sorted(command.list_commands(ctx)):
            sub = command.get_command(ctx, name)
            if sub is not None and not sub.hidden:
                summary = _text(sub.get_short_help_str(limit=100))
                full = f"{path_of(ctx)} {name}"
                verbs.append(f"- [`{full}`](#{full.replace(' ', '-')}): {summary}")
        out += [*verbs, ""]
    return out


def markdown() -> str:
    """The whole command reference page."""
    root = root_context()
    out = [
        "# Command reference",
        "",
        "Generated from the command tree when the site is built (`scripts/cli_docs.py`), so",
        "every command and option here is the installed one. Every command prints data on",
        "stdout and messages on stderr; errors are one `Error:` and one `Hint:` line, with",
        "exit status 1 (2 for a usage error).",
        "",
    ]
    out += section(root, 2)
    for ctx in walk(root):
        out += section(ctx, 2)
    return "\n".join(out).rstrip() + "\n"


if __name__ == "__main__":
    sys.stdout.write(markdown())
