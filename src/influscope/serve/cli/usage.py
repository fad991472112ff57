"""Usage errors of the command line (an unknown option, a missing argument…) in the language.

Typer's parser writes them in English whatever the command's language
("Error: No such option: --limit"), beside a French session's every other
line. Its messages carry no message ids, only their text: each known shape
is read back here (the option, the value, the choices) and said again from
the catalogue. A message of a shape not listed keeps its English words
inside the language's frame ("Erreur : …"), never a wrong translation.
"""

from __future__ import annotations

import re
from typing import Any

from influscope.serve.i18n import N_, t

# The parser's messages, each as (its shape, the catalogue's message with the same fields).
MESSAGES = [
    (
        re.compile(r"No such option: (?P<name>\S+) \(Possible options: (?P<options>.+)\)"),
        N_("No such option: {name} (possible options: {options})."),
    ),
    (re.compile(r"No such option: (?P<name>\S+)"), N_("No such option: {name}.")),
    (re.compile(r"No such command (?P<name>'.*')\."), N_("No such command: {name}.")),
    (re.compile(r"Missing command\."), N_("Missing command.")),
    (
        re.compile(r"Got unexpected extra argument\(s\) \((?P<args>.*)\)"),
        N_("Unexpected extra arguments: {args}."),
    ),
    (re.compile(r"Missing argument (?P<name>'.*?')\..*"), N_("Missing argument {name}.")),
    (re.compile(r"Missing option (?P<name>'.*?')\..*"), N_("Missing option {name}.")),
    (
        re.compile(r"Option (?P<name>'.*') requires an argument\."),
        N_("Option {name} needs a value."),
    ),
    (
        re.compile(r"Option (?P<name>'.*') requires (?P<count>\d+) arguments\."),
        N_("Option {name} needs {count} values."),
    ),
    (
        re.compile(r"Option (?P<name>'.*') does not take a value\."),
        N_("Option {name} takes no value."),
    ),
]
INVALID = re.compile(r"Invalid value for (?P<name>.+?): (?P<reason>.+)", re.S)
# Why a value was refused (Typer's own words, or pydantic's when a parameter is validated).
REASONS = [
    (
        re.compile(r"(?P<value>'.*') is not one of (?P<choices>.+)\."),
        N_("{value} is not one of {choices}."),
    ),
    (re.compile(r"Input should be a valid integer.*"), N_("expected a whole number.")),
    (re.compile(r"Input should be a valid number.*"), N_("expected a number.")),
    (re.compile(r"Input should be a valid boolean.*"), N_("expected true or false.")),
    (
        re.compile(r"Input should be greater than or equal to (?P<bound>\S+)"),
        N_("expected {bound} or more."),
    ),
    (
        re.compile(r"Input should be less than or equal to (?P<bound>\S+)"),
        N_("expected {bound} or less."),
    ),
    (
        re.compile(r"(?:File|Directory|Path) (?P<path>'.*') does not exist\."),
        N_("{path} does not exist."),
    ),
]
VALUE_ERROR = "Value error, "  # pydantic's prefix of a validator's own message


def said(message: str, lang: str | None) -> str:
    """A parser message in ``lang`` when its shape is known, else as written."""
    found = INVALID.fullmatch(message)
    if found:
        reason = found["reason"].removeprefix(VALUE_ERROR)
        return t(
            "Invalid value for {name}: {reason}",
            lang,
            name=found["name"],
            reason=_match(REASONS, reason, lang) or reason,
        )
    return _match(MESSAGES, message, lang) or message


def _match(table: list[tuple[re.Pattern[str], str]], text: str, lang: str | None) -> str | None:
    for shape, msgid in table:
        found = shape.fullmatch(text)
        if found:
            return t(msgid, lang, **found.groupdict())
    return None


def usage_error_text(error: Any, lang: str | None) -> str:
    """What a usage error prints: the command's usage, where to find help, and why, in ``lang``.

    ``error`` is Typer's (a ``UsageError`` with its context, or another
    ``ClickException`` without one), shown as Typer shows it, in the words
    of the language.
    """
    lines = []
    ctx = getattr(error, "ctx", None)
    if ctx is not None:
        usage = ctx.get_usage().removeprefix("Usage: ")
        lines.append(t("Usage: {usage}", lang, usage=usage))
        if ctx.command.get_help_option(ctx) is not None:
            command = f"{ctx.command_path} {ctx.help_option_names[0]}"
            lines.append(t("Try '{command}' for help.", lang, command=command))
        lines.append("")
    lines.append(t("Error: {message}", lang, message=said(error.format_message(), lang)))
    return "\n".join(lines) + "\n"
