"""Rendering command results: data to stdout as a table, CSV or JSON; messages to stderr.

``out`` and ``err`` print on the rich console of the command's terminal: this
process's, or the client's when the command was forwarded to the process
holding the store (:mod:`influscope.serve.cli.terminal`), so it prints the same
there as here.
"""

from __future__ import annotations

import csv
import math
import re
import sys
from collections.abc import Collection, Mapping, Sequence
from dataclasses import fields
from datetime import datetime
from typing import TYPE_CHECKING, Any, TextIO

import orjson
from rich.console import Console
from rich.table import Table
from rich.text import Text

from influscope.ingest.files.formulas import neutralise
from influscope.serve.cli import terminal
from influscope.serve.formats import moment, number, percent, significant
from influscope.serve.i18n import N_, t
from influscope.serve.labels import label

if TYPE_CHECKING:
    from _typeshed import DataclassInstance

FORMATS = ("table", "csv", "json")
# Wider than any table: to measure one at its natural width.
UNBOUNDED = 100_000
# A percentage as serve.formats.percent writes it, in either language, maybe signed.
# A number or a percentage already written for the language ("1,6", "20\u202f000", "-90,9 %").
WRITTEN_NUMBER = re.compile(r"[+-]?\d[\d,.\u00a0\u202f]*(\s?%)?")
# Headers of the tables that pass their rows' field names (CSV and JSON keep those): a
# person reads "Reason", "Raison", not "reason". Fields not listed are shown as written.
FIELD_HEADERS = {
    "run_id": N_("Run"),
    "file": N_("File"),
    "line": N_("Line"),
    "field": N_("Field"),
    "reason": N_("Reason"),
    "hour": N_("Hour"),
    "posts": N_("Posts"),
    "denials": N_("Denials"),
    "actor_id": N_("Actor"),
    "documents": N_("Documents"),
    "domain": N_("Domain"),
    "url": N_("Address"),
    "level": N_("Escalation level"),
    "channel": N_("Channel"),
    "recipient": N_("Recipient"),
    "status": N_("Status"),
    "attempts": N_("Attempts"),
    "at": N_("When"),
    "kind": N_("Kind"),
    "by_user": N_("By"),
    "detail": N_("Detail"),
    "timestamp": N_("Time"),
    "score": N_("Score"),
    "rule": N_("Rule"),
    "observed": N_("Observed"),
    "expected": N_("Expected"),
    "name": N_("Name"),
    "connector": N_("Connector"),
    "every": N_("Interval"),
    "enabled": N_("Enabled"),
    "options": N_("Options"),
    "role": N_("Role"),
    "created_at": N_("Created"),
    "disabled": N_("Disabled"),
    "logged_at": N_("Logged at"),
    "actor": N_("Actor"),
    "action": N_("Action"),
    "target": N_("Target"),
    "address": N_("Address"),
}
# Whole numbers that name rather than count (a file's line, a rank, a community's
# number): shown as written, never grouped ("line 12345", not "line 12,345").
# The value is the column's header when a table shows it in words (None: field name only).
NAMING_FIELDS: dict[str, str | None] = {
    "line": N_("Line"),
    "rank": N_("Rank"),
    "community": N_("Community"),
    "seq": None,
    "year": None,
    "cluster": None,
    "port": None,
}
RAW_CSV_HELP = (
    "CSV: write text starting with =, +, -, @, tab or CR as is "
    "(default: a leading ' so that spreadsheets do not run it as a formula)."
)


class Stream:
    """``out`` or ``err``: the rich console of the calling thread's terminal."""

    def __init__(self, which: str) -> None:
        self.which = which
        self._default: Console | None = None

    @property
    def console(self) -> Console:
        """The console to print on (built for this process's terminal on first use)."""
        session = terminal.current()
        if session is not None:
            found: Console | None = session.consoles.get(self.which)
            if found is None:
                found = session.consoles[self.which] = self._for(session)
            return found
        if self._default is None:
            self._default = (
                Console(stderr=True, soft_wrap=True) if self.which == "err" else Console()
            )
        return self._default

    def _for(self, session: terminal.Session) -> Console:
        """A console for a forwarded command's client terminal, as rich saw it there."""
        stream = session.stream(self.which)
        color: Any = session.colors.get(self.which)
        return Console(
            file=stream,
            force_terminal=stream.isatty(),
            width=session.width.get(self.which, 80),
            color_system=color,
            soft_wrap=self.which == "err",
            _environ=session.env,
        )

    def print(self, *objects: Any, **options: Any) -> None:
        """Print as :meth:`rich.console.Console.print` does, without markup by default.

        Messages carry names, handles, paths and posts (untrusted): read as rich
        markup, a "[/]" in one raised an error and a "[link=…]" made a link.
        No message of ours uses markup; a caller that means it passes ``markup=True``.
        """
        options.setdefault("markup", False)
        self.console.print(*objects, **options)


err = Stream("err")
out = Stream("out")


def as_row(value: Mapping[str, Any] | DataclassInstance) -> dict[str, Any]:
    """A result row as a dict: a service's dataclass (its fields) or a mapping."""
    if isinstance(value, Mapping):
        return dict(value)
    return {f.name: getattr(value, f.name) for f in fields(value)}


def headed(
    found: Sequence[Mapping[str, Any] | DataclassInstance],
    columns: Mapping[str, str],
    lang: str | None,
    shares: Collection[str] = (),
    words: Mapping[str, str] | None = None,
    moments: Collection[str] = (),
) -> list[dict[str, Any]]:
    """Rows for a person's table: ``columns`` maps each field to its header (a msgid).

    The headers are said in the language; the ``shares`` fields (0–1) as its
    percentages; the ``words`` fields (field -> family of
    :mod:`influscope.serve.labels`) in words, a count per code ("ally 3 ·
    employee 2") for a mapping (a share per code when the field is in
    ``shares`` too); the ``moments`` fields as its dates and times; a boolean
    as yes or no. CSV and JSON keep the field names and values.
    """
    rows = []
    for row in map(as_row, found):
        shown = {}
        for field, header in columns.items():
            value = row.get(field)
            if field in moments:
                value = moment(value, lang)
            elif isinstance(value, bool):
                value = t("yes", lang) if value else t("no", lang)
            elif field in shares and isinstance(value, int | float):
                value = percent(value, lang)
            elif words and field in words:
                family = words[field]
                value = (
                    " · ".join(
                        f"{label(family, code, lang)} "
                        + (percent(n, lang) if field in shares else str(n))
                        for code, n in value.items()
                    )
                    if isinstance(value, Mapping)
                    else label(family, value, lang)
                )
            shown[t(header, lang)] = value
        rows.append(shown)
    return rows


def render(
    found: Sequence[Mapping[str, Any] | DataclassInstance],
    fmt: str = "table",
    columns: list[str] | None = None,
    title: str | None = None,
    raw_csv: bool = False,
    stream: TextIO | None = None,
) -> None:
    """Print rows (dicts or a service's dataclasses) to stdout in the chosen format.

    CSV text a spreadsheet would run as a formula is quoted unless ``raw_csv``
    (see :mod:`influscope.ingest.files.formulas`); numbers stay numbers.
    ``stream`` (JSON and CSV): write there instead, e.g. a file given with
    ``-o``; ``sys.stdout`` is never swapped, since a forwarded command shares
    this process with others (:mod:`influscope.serve.cli.terminal`).
    """
    rows = [as_row(row) for row in found]
    columns = columns or (list(rows[0]) if rows else [])
    target = sys.stdout if stream is None else stream
    if fmt == "json":
        target.write(
            orjson.dumps(list(rows), default=str, option=orjson.OPT_INDENT_2).decode() + "\n"
        )
    elif fmt == "csv":
        writer = csv.writer(target, lineterminator="\n")
        writer.writerow(columns)
        safe = _cell if raw_csv else _safe_cell
        for row in rows:
            writer.writerow(["" if row.get(c) is None else safe(row.get(c), True) for c in columns])
    else:
        _print_table(rows, columns, title)


def _print_table(rows: list[dict[str, Any]], columns: list[str], title: str | None) -> None:
    """A table for a person: numbers whole and right-aligned, headers wrapped between words.

    Every cell is plain text (posts are untrusted: rich markup in one is
    shown as written, not run). A number is never broken across lines
    (``0.0348`` read as ``0.034`` over ``8`` is a wrong number); text folds
    where it must, and a header wraps at its words (``positive_share`` is
    shown ``positive share``: the CSV and JSON keep the column names). When
    even the narrowest layout does not fit the terminal, or the output is a
    file or a pipe, the table takes its natural width (a terminal then wraps
    whole lines rather than the table breaking numbers).
    """
    if not rows and title:  # headers alone (or a blank line) read as a glitch
        said = t("{section}: nothing to show.", terminal.spoken() or "en", section=title)
        out.print(Text(said))
        return
    table = Table(title=Text(title) if title else None, show_lines=False)
    lang = terminal.spoken()
    counts = [lang is not None and column not in _naming(lang) for column in columns]
    cells = [
        [
            "" if row.get(c) is None else _cell(row.get(c), counts=k)
            for c, k in zip(columns, counts, strict=True)
        ]
        for row in rows
    ]
    for place, column in enumerate(columns):
        numeric = _numeric(row.get(column) for row in rows)
        widest = max((len(cell[place]) for cell in cells), default=0)
        table.add_column(
            Text(_header(column)),
            justify="right" if numeric else "left",
            min_width=widest if numeric else None,
            overflow="fold",
        )
    for cell in cells:
        # Text, never markup: a post reading "[/]" or "[link=…]" is shown as written.
        table.add_row(*(Text(value) for value in cell))
    console = out.console
    needed = console.measure(table, options=console.options.update_width(UNBOUNDED))
    fits = console.is_terminal and needed.minimum <= console.width
    width = console.width if fits else needed.maximum
    # A print's own width cannot exceed the console's: the console's is set for this table.
    kept = console.width
    console.width = width
    try:
        console.print(table)
    finally:
        console.width = kept


def _header(column: str) -> str:
    """A column's header: its words in the command's language when known, else the field name."""
    known = FIELD_HEADERS.get(column)
    if known is None:
        return column.replace("_", " ")
    return t(known, terminal.spoken() or "en")


def _numeric(values: Any) -> bool:
    """Whether a column holds numbers only (booleans are words; empty cells are ignored).

    A number or a percentage already written for the language ("1,6", "88.2%",
    "-90,9\u00a0%") is a number.
    """
    seen = False
    for value in values:
        if value is None or value == "":
            continue
        if isinstance(value, str) and WRITTEN_NUMBER.fullmatch(value):
            seen = True
            continue
        if isinstance(value, bool) or not isinstance(value, int | float):
            return False
        seen = True
    return seen


def render_json(value: Any) -> None:
    """Print any JSON-able value to stdout."""
    sys.stdout.write(orjson.dumps(value, default=str, option=orjson.OPT_INDENT_2).decode() + "\n")


def _safe_cell(value: Any, exact: bool = False) -> str:
    """A CSV cell: text that could run as a spreadsheet formula is quoted."""
    text = _cell(value, exact)
    return text if isinstance(value, int | float) else neutralise(text)


def _naming(lang: str) -> set[str]:
    """The columns, by field name or by header in ``lang``, whose whole numbers name things."""
    return set(NAMING_FIELDS) | {t(header, lang) for header in NAMING_FIELDS.values() if header}


def _cell(value: Any, exact: bool = False, counts: bool = False) -> str:
    """A value as text: floats rounded and times to the second for reading, exact for CSV.

    A float in a table is written as the command's language writes numbers
    (``0,09227`` in French), once it is decided (:func:`terminal.speak`); so is
    a whole number of a column that ``counts`` (``1 250 000``, ``1,250,000``).
    """
    if counts and isinstance(value, int) and not isinstance(value, bool) and not exact:
        lang = terminal.spoken()
        return number(value, lang) if lang else str(value)
    if isinstance(value, float) and not exact:
        lang = terminal.spoken()
        return significant(value, lang) if lang and math.isfinite(value) else f"{value:.4g}"
    if isinstance(value, datetime) and not exact:
        return value.isoformat(sep=" ", timespec="seconds")
    if isinstance(value, list | dict):
        readable = None if exact else _readable(value)
        return readable if readable is not None else orjson.dumps(value, default=str).decode()
    return str(value)


def _readable(value: list[Any] | dict[str, Any]) -> str | None:
    """A flat list or mapping as a person reads it (``unknown 656 · ally 3``); None if nested.

    JSON in a table cell (``{"unknown":656}``) is for programs: CSV and JSON keep it.
    """
    items = list(value.values()) if isinstance(value, dict) else value
    if any(isinstance(item, list | dict) for item in items):
        return None
    if isinstance(value, dict):
        return " · ".join(f"{key} {_cell(item)}" for key, item in value.items())
    return ", ".join(_cell(item) for item in value)
