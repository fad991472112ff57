"""Reading tabular and JSON files record by record, each with its line number.

Every reader yields ``(line, record)`` where ``line`` is the 1-based line of the
file where the record starts (CSV rows spanning several lines included, JSON
array items too), or the row's number for formats without lines (XLSX rows,
Parquet rows). That number is what an error message names.

A record the reader cannot read is yielded as ``{"__error__": reason}`` (with
``__field__`` and ``__raw__`` when known) at its line, and the runner logs it
as one rejected row: a reader never drops a row and never loses its place.
Damage to the whole file (a corrupt container, a JSON document that does not
parse) raises :class:`~influscope.errors.InputError` naming the file.
"""

from __future__ import annotations

import csv
import io
import json
import sys
from collections import deque
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

import orjson

from influscope.errors import N_, InputError, Phrase, UsageError
from influscope.ingest.files import encoding as enc
from influscope.ingest.files import tabular
from influscope.ingest.files.containers import open_binary
from influscope.ingest.files.formulas import restore

FORMATS = ("csv", "tsv", "json", "jsonl", "parquet", "xlsx", "xml")

Record = dict[str, Any]


def payload(record: Record) -> Record:
    """A record without the keys readers add (``__raw__``, ``__error__``): what the source said."""
    return {k: v for k, v in record.items() if not k.startswith("__")}


def json_text(value: Any) -> str:
    """Compact JSON of a record, for the ``raw`` column and the error log.

    A JSON document read by the standard library may hold integers beyond 64
    bits, which orjson refuses to write: the standard library writes those.
    """
    try:
        return orjson.dumps(value, default=str).decode()
    except orjson.JSONEncodeError:
        return json.dumps(value, default=str, ensure_ascii=False, separators=(",", ":"))


def detect_format(path: Path) -> str:
    """Guess the format from the file name (``.gz`` is looked through), else from its content.

    Exports often come as ``.txt`` or without an extension (SemEval's tab-separated
    ``trainingdata-all-annotations.txt``): their first bytes say what they are.
    """
    name = path.name.lower()
    if name.endswith(".gz"):
        name = name[:-3]
    suffix = name.rsplit(".", 1)[-1] if "." in name else ""
    aliases = {"ndjson": "jsonl", "jsonlines": "jsonl", "xlsm": "xlsx", "rss": "xml", "atom": "xml"}
    suffix = aliases.get(suffix, suffix)
    if suffix in FORMATS:
        return suffix
    found = _format_of_content(path)
    if found is not None:
        return found
    raise UsageError(
        N_("{path}: cannot tell the format from the file name nor from its first line."),
        N_("Pass --format with one of: {formats}."),
        path=str(path),
        formats=", ".join(FORMATS),
    )


def _format_of_content(path: Path) -> str | None:
    """The format the first bytes of a file show, or None when they do not tell.

    Parquet and XLSX by their magic numbers; JSON, JSON Lines and XML by their
    first character; a first line with tabs (and no fewer tabs than commas) is
    TSV, one with commas CSV (semicolons are not read as a delimiter: no guess).
    """
    try:
        with open_binary(path) as handle:
            head = handle.read(enc.SAMPLE)
    except OSError:
        return None
    if head.startswith(b"PAR1"):
        return "parquet"
    if head.startswith(b"PK\x03\x04"):
        return "xlsx"
    text = head.decode(enc.detect(head), enc.MARK).lstrip("\ufeff \t\r\n")
    lines = [line for line in text.splitlines() if line.strip()]
    if not lines:
        return None
    first = lines[0].lstrip()
    if first.startswith("<"):
        return "xml"
    if first.startswith("["):
        return "json"
    if first.startswith("{"):
        following = lines[1].lstrip() if len(lines) > 1 else ""
        whole = first.rstrip().endswith("}") and (not following or following.startswith("{"))
        return "jsonl" if whole else "json"
    tabs, commas = first.count("\t"), first.count(",")
    if tabs and tabs >= commas:
        return "tsv"
    if commas:
        return "csv"
    return None


def open_text(path: Path, encoding: str | None = None) -> io.TextIOWrapper:
    """Open a text file (gzip or not) in its declared or detected encoding.

    Undecodable bytes are marked, never raised (see :mod:`.encoding`); the
    stream's ``encoding`` attribute names the encoding chosen.
    """
    handle = open_binary(path)
    try:
        chosen = enc.sniff(handle, encoding)
    except BaseException:
        handle.close()
        raise
    return io.TextIOWrapper(handle, encoding=chosen, errors=enc.MARK, newline="")


def read_records(
    path: Path, fmt: str, sheet: str | None = None, encoding: str | None = None
) -> Iterator[tuple[int, Record]]:
    """Yield ``(line, record)`` for every record of a file in format ``fmt``.

    ``encoding`` applies to the text formats (CSV, TSV, JSON, JSON Lines).
    """
    if fmt in ("csv", "tsv"):
        yield from read_delimited(path, "," if fmt == "csv" else "\t", encoding)
    elif fmt == "jsonl":
        yield from read_jsonl(path, encoding)
    elif fmt == "json":
        for line, item in json_items(path, encoding):
            if isinstance(item, dict):
                yield line, item
            else:
                yield line, {"__error__": Phrase(N_("expected a JSON object"))}
    elif fmt == "parquet":
        yield from tabular.read_parquet(path)
    elif fmt == "xlsx":
        yield from tabular.read_xlsx(path, sheet)
    else:
        raise UsageError(
            N_("{path}: format {format} has no generic reader."),
            N_("Use a --preset for it."),
            path=str(path),
            format=repr(fmt),
        )


# -- CSV / TSV ---------------------------------------------------------------------------
class _Lines:
    """The physical lines of a text stream, numbered, with the ones a CSV row took.

    ``csv.reader`` pulls one line at a time until a record is complete, so the
    lines taken since :meth:`begin` are exactly that record's. Lines given
    back with :meth:`again` are handed out once more, with their numbers.
    """

    def __init__(self, handle: Iterable[str]) -> None:
        self.source = iter(handle)
        self.pending: deque[tuple[int, str]] = deque()
        self.read = 0
        self.taken: list[tuple[int, str]] = []

    def __iter__(self) -> _Lines:
        return self

    def __next__(self) -> str:
        if self.pending:
            number, line = self.pending.popleft()
        else:
            line = next(self.source)
            self.read += 1
            number = self.read
        self.taken.append((number, line))
        return line

    def begin(self) -> None:
        """Start a new record."""
        self.taken = []

    def again(self, lines: list[tuple[int, str]]) -> None:
        """Hand these lines out again, before any new one."""
        self.pending.extendleft(reversed(lines))

    def text(self) -> str:
        """The current record's lines as the file has them (line break at the end dropped)."""
        return enc.shown("".join(line for _, line in self.taken)).rstrip("\r\n")


# A TSV row read with no quoting at all: every character is the cell's own.
TSV_LITERAL: dict[str, Any] = {"delimiter": "\t", "quoting": csv.QUOTE_NONE}


def _unreadable(error: csv.Error, swallowed: int) -> Phrase:
    """Why the ``csv`` module could not read a row, in words a person can act on."""
    reason = str(error)  # the csv module's own words, for the shapes not known here
    if "expected after" in reason:
        reason = Phrase(N_("text follows a closing quote inside a field"))
    elif "unexpected end of data" in reason:
        reason = Phrase(N_("the file ends inside a quoted field"))
    if swallowed:
        return Phrase(
            N_(
                "unreadable row: {reason}: a quote opened on this line is not closed (the "
                "next {count} lines are read again on their own)"
            ),
            reason=reason,
            count=str(swallowed),
        )
    return Phrase(N_("unreadable row: {reason}"), reason=reason)


class DelimitedRows:
    """The rows of a CSV/TSV text stream as lists of cells, each with its first line.

    Blank lines are no rows. The ``csv`` module reads strictly: text after a
    closing quote, or the end of the file inside a quoted field, is an error
    rather than a guess. A row it cannot read is yielded with ``None`` for its
    cells and the reason in :attr:`error`; if that row took several lines (a
    quote opened and never closed swallows the lines after it), all lines but
    its first are read again as rows of their own. A row that reads but does
    not fit its table is the caller's to reject, as one row: :meth:`misfit`
    names the lines it spans. A cell an export quoted against spreadsheet
    formulas is restored (:mod:`.formulas`).
    """

    def __init__(self, handle: io.TextIOWrapper, delimiter: str) -> None:
        csv.field_size_limit(sys.maxsize)
        self.lines = _Lines(handle)
        self.delimiter = delimiter
        self.encoding = handle.encoding
        self.error = ""
        self._reader = self._new_reader()

    def _new_reader(self) -> Any:
        return csv.reader(self.lines, delimiter=self.delimiter, strict=True)

    def __iter__(self) -> Iterator[tuple[int, list[str] | None]]:
        while True:
            self.lines.begin()
            try:
                row = next(self._reader)
            except StopIteration:
                return
            except csv.Error as exc:
                start = self.lines.taken[0][0] if self.lines.taken else self.lines.read
                first = self.lines.taken[0][1] if self.lines.taken else ""
                swallowed = self._run_on()
                if not swallowed:
                    self._reader = self._new_reader()
                if self.delimiter == "\t" and first:
                    # In a TSV a quote is text more often than quoting (a snippet
                    # '"I'm disappointed" ...'): the row's line read with none.
                    literal = next(csv.reader([first.rstrip("\r\n")], **TSV_LITERAL))
                    yield start, [restore(c) if c[:1] == "'" else c for c in literal]
                    continue
                self.error = _unreadable(exc, swallowed)
                yield start, None
                continue
            if any(row):
                # A cell an export neutralised ('=x) reads back as it was (=x).
                cells = [restore(c) if c[:1] == "'" else c for c in row]
                yield self.lines.taken[0][0], cells

    def raw(self) -> str:
        """The last row's lines as the file has them, for the error log."""
        return self.lines.text()

    def misfit(self, found: str) -> str:
        """``found`` (why the last row does not fit), with the lines it spans if several."""
        if len(self.lines.taken) > 1:
            first, last = self.lines.taken[0][0], self.lines.taken[-1][0]
            return Phrase(
                N_("{reason} (a quoted field runs over lines {first}-{last})"),
                reason=found,
                first=str(first),
                last=str(last),
            )
        return found

    def _run_on(self) -> int:
        """Read the last row's lines after its first again, as rows; how many (0: one line)."""
        swallowed = self.lines.taken[1:]
        if swallowed:
            self.lines.taken = self.lines.taken[:1]
            self.lines.again(swallowed)
            self._reader = self._new_reader()
        return len(swallowed)


def read_delimited(
    path: Path, delimiter: str, encoding: str | None = None
) -> Iterator[tuple[int, Record]]:
    """Rows of a CSV/TSV file with a header row, as dicts keyed by column name.

    A row with undecodable bytes, a wrong number of fields or an unreadable
    quote is one rejected record at its first line; lines a runaway quote
    swallowed are read again as the rows they are (:class:`DelimitedRows`).
    """
    with open_text(path, encoding) as handle:
        rows = DelimitedRows(handle, delimiter)
        header: list[str] | None = None
        for line, cells in rows:
            if header is None:
                header = _header(path, cells, rows)
                continue
            if cells is None:
                yield line, {"__error__": rows.error, "__raw__": rows.raw()}
                continue
            if len(cells) != len(header):
                found = Phrase(
                    N_("expected {expected} fields as in the header, found {found}"),
                    expected=len(header),
                    found=len(cells),
                )
                yield line, {"__error__": rows.misfit(found), "__raw__": rows.raw()}
                continue
            record = dict(zip(header, cells, strict=True))
            bad = damaged_field(record)
            if bad is not None:
                reason = enc.decode_error(rows.encoding, record[bad])
                yield line, {"__error__": reason, "__field__": bad, "__raw__": rows.raw()}
                continue
            yield line, record


def _header(path: Path, cells: list[str] | None, rows: DelimitedRows) -> list[str]:
    if cells is None:
        raise InputError(
            N_("{path}:1: cannot read the header row: {reason}."),
            path=str(path),
            reason=str(rows.error),
        )
    if any(enc.damaged(c) for c in cells):
        raise InputError(
            N_("{path}: the header row has bytes not valid in {encoding} ({bytes})."),
            N_("Import with --encoding naming the file's encoding (cp1252, latin-1, utf-16…)."),
            path=str(path),
            encoding=str(rows.encoding),
            bytes=enc.bad_bytes("".join(cells)),
        )
    return [c.strip() for c in cells]


def damaged_field(record: Record) -> str | None:
    """The first column whose value holds undecodable bytes, or None."""
    for key, value in record.items():
        if isinstance(value, str) and enc.damaged(value):
            return key
    return None


# -- JSON Lines --------------------------------------------------------------------------
def read_jsonl(path: Path, encoding: str | None = None) -> Iterator[tuple[int, Record]]:
    """Records of a JSON Lines file (UTF-8 unless declared or detected otherwise)."""
    with open_binary(path) as handle:
        chosen = enc.sniff(handle, encoding)
        if chosen in ("utf-8", "utf-8-sig"):
            yield from iter_jsonl(handle)
            return
        text = io.TextIOWrapper(handle, encoding=chosen, errors=enc.MARK, newline="")
        for number, line in enumerate(text, start=1):
            if not line.strip():
                continue
            if enc.damaged(line):
                reason = enc.decode_error(chosen, line)
                yield number, {"__error__": reason, "__raw__": enc.shown(line).rstrip("\r\n")}
                continue
            yield number, _json_line(line, line.rstrip("\r\n"))


def iter_jsonl(lines: Iterable[bytes]) -> Iterator[tuple[int, Record]]:
    """Records of UTF-8 JSON Lines (any binary line source: a file, a zstd stream…), numbered.

    A byte-order mark on the first line is dropped.
    """
    for number, line in enumerate(lines, start=1):
        if number == 1 and line.startswith(b"\xef\xbb\xbf"):
            line = line[3:]
        if not line.strip():
            continue
        text = line.decode("utf-8", enc.MARK)
        if enc.damaged(text):
            reason = enc.decode_error("utf-8", text)
            yield number, {"__error__": reason, "__raw__": enc.shown(text).rstrip("\r\n")}
            continue
        yield number, _json_line(line, text.rstrip("\r\n"))


def _json_line(line: bytes | str, raw: str) -> Record:
    try:
        value = orjson.loads(line)
    except orjson.JSONDecodeError as exc:
        reason = Phrase(
            N_("invalid JSON at column {column}: {reason}"), column=str(exc.colno), reason=exc.msg
        )
        return {"__error__": reason, "__raw__": raw}
    if not isinstance(value, dict):
        return {"__error__": Phrase(N_("expected a JSON object on this line")), "__raw__": raw}
    value["__raw__"] = raw
    return value


# -- JSON documents ----------------------------------------------------------------------
def _refuse_constant(name: str) -> Any:
    raise ValueError(f"{name} is not JSON")


_DECODER = json.JSONDecoder(parse_constant=_refuse_constant)
_SPACE = " \t\n\r"


def json_items(
    path: Path, encoding: str | None = None, unwrap: bool = True
) -> Iterator[tuple[int, Any]]:
    """The items of a JSON document with the line each starts on.

    An array yields its items; with ``unwrap``, an object holding exactly one
    array yields that array's items (``{"data": [...]}``); any other value is
    one item. An object item carries its text as ``__raw__`` (numbers beyond
    64 bits included, which orjson could not write back).

    Raises:
        InputError: the document is not JSON (with its line and column), or a
            byte is not valid in the file's encoding.
    """
    with open_binary(path) as handle:
        chosen = enc.sniff(handle, encoding)
        data = handle.read()
    text = data.decode(chosen, enc.MARK)
    if enc.damaged(text):
        at = text.index(next(c for c in text if enc.damaged(c)))
        raise InputError(
            N_("{path}:{line}: bytes not valid in {encoding} ({bytes})."),
            N_("Import with --encoding naming the file's encoding (cp1252, latin-1…)."),
            path=str(path),
            line=str(text.count("\n", 0, at) + 1),
            encoding=str(chosen),
            bytes=enc.bad_bytes(text),
        )
    walker = _Walk(text)
    try:
        yield from walker.items(unwrap)
    except json.JSONDecodeError as exc:
        raise InputError(
            N_("{path}:{line}: invalid JSON at column {column}: {reason}."),
            path=str(path),
            line=str(exc.lineno),
            column=str(exc.colno),
            reason=exc.msg,
        ) from exc
    except (ValueError, RecursionError) as exc:
        line = text.count("\n", 0, walker.position) + 1
        raise InputError(
            N_("{path}:{line}: unreadable JSON: {reason}."),
            path=str(path),
            line=str(line),
            reason=str(exc),
        ) from exc


class _Walk:
    """Decodes a JSON document value by value, keeping each item's position."""

    def __init__(self, text: str) -> None:
        self.text = text.removeprefix("\ufeff")
        self.position = 0

    def _skip(self, at: int) -> int:
        while at < len(self.text) and self.text[at] in _SPACE:
            at += 1
        return at

    def _line(self, at: int) -> int:
        return self.text.count("\n", 0, at) + 1

    def _value(self, at: int) -> tuple[Any, int]:
        self.position = at
        value, end = _DECODER.raw_decode(self.text, at)
        return value, end

    def _array(self, at: int) -> tuple[list[tuple[int, int, Any]], int]:
        """Items of the array opening at ``at``, with their start and end; and its end."""
        items: list[tuple[int, int, Any]] = []
        at = self._skip(at + 1)
        if self.text.startswith("]", at):
            return items, at + 1
        while True:
            value, end = self._value(at)
            items.append((at, end, value))
            at = self._skip(end)
            if self.text.startswith(",", at):
                at = self._skip(at + 1)
            elif self.text.startswith("]", at):
                return items, at + 1
            else:
                raise json.JSONDecodeError("expected ',' or ']'", self.text, at)

    def _object(self, at: int) -> tuple[dict[str, Any], dict[str, list[tuple[int, int, Any]]], int]:
        """The object opening at ``at``; the spans of the items of its array members."""
        members: dict[str, Any] = {}
        arrays: dict[str, list[tuple[int, int, Any]]] = {}
        at = self._skip(at + 1)
        if self.text.startswith("}", at):
            return members, arrays, at + 1
        while True:
            key, end = self._value(at)
            if not isinstance(key, str):
                raise json.JSONDecodeError("expected a property name", self.text, at)
            at = self._skip(end)
            if not self.text.startswith(":", at):
                raise json.JSONDecodeError("expected ':'", self.text, at)
            at = self._skip(at + 1)
            if self.text.startswith("[", at):
                items, end = self._array(at)
                arrays[key] = items
                members[key] = [value for _, _, value in items]
            else:
                members[key], end = self._value(at)
                arrays.pop(key, None)
            at = self._skip(end)
            if self.text.startswith(",", at):
                at = self._skip(at + 1)
            elif self.text.startswith("}", at):
                return members, arrays, at + 1
            else:
                raise json.JSONDecodeError("expected ',' or '}'", self.text, at)

    def items(self, unwrap: bool) -> Iterator[tuple[int, Any]]:
        """``(line, item)``; an object item gets its text, verbatim, as ``__raw__``."""
        at = self._skip(0)
        if self.text.startswith("[", at):
            found, end = self._array(at)
        elif unwrap and self.text.startswith("{", at):
            members, arrays, end = self._object(at)
            lists = [k for k, v in members.items() if isinstance(v, list)]
            found = arrays[lists[0]] if len(lists) == 1 else [(at, end, members)]
        else:
            value, end = self._value(at)
            found = [(at, end, value)]
        if self._skip(end) != len(self.text):
            raise json.JSONDecodeError("extra data after the document", self.text, self._skip(end))
        line, counted = 1, 0
        for start, stop, value in found:
            line += self.text.count("\n", counted, start)
            counted = start
            if isinstance(value, dict):
                value["__raw__"] = self.text[start:stop]
            yield line, value
