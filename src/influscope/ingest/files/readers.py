"""Reading tabular and JSON files record by record, each with its line number.

Every reader yields ``(line, record)`` where ``line`` is the 1-based line of the
file where the record starts (CSV rows spanning several lines included), or the
item's position for formats without lines (XLSX rows, Parquet rows, JSON array
items). That number is what an error message names.
"""

from __future__ import annotations

import csv
import gzip
import io
import sys
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import IO, Any

import orjson
import pyarrow.parquet as pq

from influscope.errors import InputError, UsageError

FORMATS = ("csv", "tsv", "json", "jsonl", "parquet", "xlsx", "xml")

Record = dict[str, Any]


def payload(record: Record) -> Record:
    """A record without the keys readers add (``__raw__``, ``__error__``): what the source said."""
    return {k: v for k, v in record.items() if not k.startswith("__")}


def detect_format(path: Path) -> str:
    """Guess the format from the file name (``.gz`` is looked through)."""
    name = path.name.lower()
    if name.endswith(".gz"):
        name = name[:-3]
    suffix = name.rsplit(".", 1)[-1] if "." in name else ""
    aliases = {"ndjson": "jsonl", "jsonlines": "jsonl", "xlsm": "xlsx", "rss": "xml", "atom": "xml"}
    suffix = aliases.get(suffix, suffix)
    if suffix in FORMATS:
        return suffix
    raise UsageError(
        f"{path}: cannot tell the format from the file name.",
        f"Pass --format with one of: {', '.join(FORMATS)}.",
    )


def open_binary(path: Path) -> IO[bytes]:
    """Open a file for reading bytes, decompressing gzip transparently (by magic number)."""
    try:
        handle = path.open("rb")
    except OSError as exc:
        raise InputError(f"{path}: cannot open: {exc.strerror}.") from exc
    magic = handle.read(2)
    handle.seek(0)
    if magic == b"\x1f\x8b":
        return gzip.GzipFile(fileobj=handle)  # type: ignore[return-value]
    return handle


def open_text(path: Path) -> IO[str]:
    """Open a text file as UTF-8 (a BOM is dropped), gzip or not."""
    return io.TextIOWrapper(open_binary(path), encoding="utf-8-sig", newline="")


def read_records(path: Path, fmt: str, sheet: str | None = None) -> Iterator[tuple[int, Record]]:
    """Yield ``(line, record)`` for every record of a file in format ``fmt``."""
    readers = {
        "csv": lambda: _read_delimited(path, ","),
        "tsv": lambda: _read_delimited(path, "\t"),
        "jsonl": lambda: _read_jsonl(path),
        "json": lambda: _read_json(path),
        "parquet": lambda: _read_parquet(path),
        "xlsx": lambda: _read_xlsx(path, sheet),
    }
    if fmt not in readers:
        raise UsageError(f"{path}: format {fmt!r} has no generic reader.", "Use a --preset for it.")
    yield from readers[fmt]()


def _read_delimited(path: Path, delimiter: str) -> Iterator[tuple[int, Record]]:
    csv.field_size_limit(sys.maxsize)
    with open_text(path) as handle:
        reader = csv.reader(handle, delimiter=delimiter)
        try:
            header = next(reader)
        except StopIteration:
            return
        except (csv.Error, UnicodeDecodeError) as exc:
            raise InputError(f"{path}:1: cannot read the header row: {exc}.") from exc
        header = [h.strip() for h in header]
        start = reader.line_num + 1
        while True:
            try:
                row = next(reader)
            except StopIteration:
                return
            except (csv.Error, UnicodeDecodeError) as exc:
                yield start, {"__error__": f"unreadable row: {exc}"}
                start = reader.line_num + 1
                continue
            if len(row) != len(header) and any(row):
                yield (
                    start,
                    {
                        "__error__": f"expected {len(header)} fields as in the header, found {len(row)}",
                    },
                )
            elif any(row):
                yield start, dict(zip(header, row, strict=True))
            start = reader.line_num + 1


def _read_jsonl(path: Path) -> Iterator[tuple[int, Record]]:
    with open_binary(path) as handle:
        yield from iter_jsonl(handle)


def iter_jsonl(lines: Iterable[bytes]) -> Iterator[tuple[int, Record]]:
    """Records of JSON Lines (any binary line source: a file, a zstd stream…), numbered."""
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        try:
            value = orjson.loads(line)
        except orjson.JSONDecodeError as exc:
            yield number, {"__error__": f"invalid JSON: {exc}"}
            continue
        if not isinstance(value, dict):
            yield number, {"__error__": "expected a JSON object on this line"}
            continue
        value["__raw__"] = line.decode("utf-8", "replace").rstrip("\r\n")
        yield number, value


def _read_json(path: Path) -> Iterator[tuple[int, Record]]:
    with open_binary(path) as handle:
        try:
            value = orjson.loads(handle.read())
        except orjson.JSONDecodeError as exc:
            raise InputError(f"{path}: invalid JSON: {exc}.") from exc
    items = value
    if isinstance(value, dict):
        lists = [v for v in value.values() if isinstance(v, list)]
        items = lists[0] if len(lists) == 1 else [value]
    if not isinstance(items, list):
        raise InputError(f"{path}: expected a JSON array of records, or an object holding one.")
    for number, item in enumerate(items, start=1):
        if isinstance(item, dict):
            item["__raw__"] = orjson.dumps(item).decode()
            yield number, item
        else:
            yield number, {"__error__": "expected a JSON object"}


def _read_parquet(path: Path) -> Iterator[tuple[int, Record]]:
    try:
        parquet = pq.ParquetFile(path)
    except Exception as exc:  # pyarrow raises several unrelated types here
        raise InputError(f"{path}: not a readable Parquet file: {exc}.") from exc
    number = 0
    for batch in parquet.iter_batches(batch_size=50_000):
        for record in batch.to_pylist():
            number += 1
            yield number, record


def _read_xlsx(path: Path, sheet: str | None) -> Iterator[tuple[int, Record]]:
    from openpyxl import load_workbook  # noqa: PLC0415

    try:
        book = load_workbook(open_binary(path), read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises zipfile/KeyError/ValueError alike
        raise InputError(f"{path}: not a readable XLSX workbook: {exc}.") from exc
    ws = book[sheet] if sheet else book.worksheets[0]
    rows = ws.iter_rows(values_only=True)
    header: list[str] | None = None
    for number, row in enumerate(rows, start=1):
        cells = ["" if c is None else c for c in row]
        if header is None:
            # Vendor exports put a title block above the table: the header is
            # the first row with at least three non-empty cells.
            if sum(1 for c in cells if str(c).strip()) >= min(3, len(cells)):
                header = [str(c).strip() for c in cells]
            continue
        if not any(str(c).strip() for c in cells):
            continue
        yield number, dict(zip(header, cells, strict=False))
    book.close()
