"""Parquet files and XLSX workbooks: tables whose rows are numbered, not lined.

A row's number (1-based, the header row of a sheet counted as Excel counts
it) is what an error names. A value Python cannot hold (a Parquet timestamp in
the year 300000, a decimal wider than the column) rejects its row alone, with
the column named. A file whose container is damaged (a truncated zip, a
corrupt Parquet page, a missing sheet) raises one
:class:`~influscope.errors.InputError` naming the file.
"""

from __future__ import annotations

import zipfile
import zlib
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pyarrow as pa

from influscope.errors import N_, InputError, Phrase
from influscope.ingest.files.containers import open_binary

# What pyarrow raises on a damaged file (ArrowInvalid is a ValueError, ArrowIOError an OSError).
PARQUET_ERRORS: tuple[type[BaseException], ...] = (pa.ArrowException, OSError, ValueError)
# What a value Python cannot represent raises while converting a row.
VALUE_ERRORS: tuple[type[BaseException], ...] = (ValueError, OverflowError, pa.ArrowException)
# What openpyxl raises on a damaged workbook: the zip layer (BadZipFile, zlib,
# EOF, and NotImplementedError for a compression method or zip version it does
# not know), the XML parsers (their ParseError is a SyntaxError), its lookups of
# parts the package lists but does not hold (KeyError, IndexError), and its
# own slips on packages it does not expect (a workbook of chart sheets only
# fails with AttributeError inside openpyxl 3.1). Only the calls into openpyxl
# are guarded with these, never our code.
XLSX_ERRORS: tuple[type[BaseException], ...] = (
    zipfile.BadZipFile,
    zlib.error,
    NotImplementedError,
    OSError,
    EOFError,
    KeyError,
    IndexError,
    ValueError,
    TypeError,
    AttributeError,
    SyntaxError,
)
DAMAGED_HINT = N_("The file is truncated or corrupt: export or download it again.")


def read_parquet(path: Path) -> Iterator[tuple[int, dict[str, Any]]]:
    """Rows of a Parquet file, numbered from 1."""
    # Here, not at the top: pyarrow.parquet brings pyarrow's file systems and ssl,
    # a few hundredths of a second of every command that reads files, most of them
    # reading no Parquet (pyproject.toml bans it at module level where that matters).
    import pyarrow.parquet as pq  # noqa: PLC0415 - banned at module level (pyproject.toml)

    try:
        parquet = pq.ParquetFile(path)
    except PARQUET_ERRORS as exc:
        raise InputError(
            N_("{path}: not a readable Parquet file: {reason}."),
            DAMAGED_HINT,
            path=str(path),
            reason=str(exc),
        ) from exc
    number = 0
    batches = parquet.iter_batches(batch_size=50_000)
    while True:
        try:
            batch = next(batches)
        except StopIteration:
            return
        except PARQUET_ERRORS as exc:
            raise InputError(
                N_("{path}: damaged Parquet data after row {row}: {reason}."),
                DAMAGED_HINT,
                path=str(path),
                row=str(number),
                reason=str(exc),
            ) from exc
        try:
            rows = batch.to_pylist()
        except VALUE_ERRORS:
            rows = [_row(batch, i) for i in range(batch.num_rows)]
        for row in rows:
            number += 1
            yield number, row


def _row(batch: pa.RecordBatch, index: int) -> dict[str, Any]:
    """One row converted value by value: the first value Python cannot hold rejects it."""
    record: dict[str, Any] = {}
    for name, column in zip(batch.schema.names, batch.columns, strict=True):
        try:
            record[name] = column[index].as_py()
        except VALUE_ERRORS as exc:
            return {
                "__error__": Phrase(N_("value out of range: {reason}"), reason=str(exc)),
                "__field__": name,
            }
    return record


def read_xlsx(path: Path, sheet: str | None = None) -> Iterator[tuple[int, dict[str, Any]]]:
    """Rows below the header row of a sheet (the first one unless named), numbered as in Excel.

    Vendor exports put a title block above the table: the header is the first
    row with at least three non-empty cells (or all of them, in a narrower
    table). Rows above it are the title, not records.
    """
    header: list[str] | None = None
    for number, cells in xlsx_rows(path, sheet):
        if header is None:
            if sum(1 for c in cells if str(c).strip()) >= min(3, len(cells)) and cells:
                header = [str(c).strip() for c in cells]
            continue
        if not any(str(c).strip() for c in cells):
            continue
        if len(cells) > len(header) and any(str(c).strip() for c in cells[len(header) :]):
            yield (
                number,
                {
                    "__error__": Phrase(
                        N_("expected {expected} cells as in the header, found {found}"),
                        expected=len(header),
                        found=len(cells),
                    )
                },
            )
            continue
        yield number, dict(zip(header, cells, strict=False))


def xlsx_rows(path: Path, sheet: str | None = None) -> Iterator[tuple[int, list[Any]]]:
    """The cells of every row of a sheet (empty cells as ``""``), numbered as in Excel.

    Raises:
        InputError: the workbook is damaged, has no sheet, or has no sheet so named.
    """
    from openpyxl import load_workbook  # noqa: PLC0415 - declared heavy (pyproject)

    with open_binary(path) as handle:
        try:
            book = load_workbook(handle, read_only=True, data_only=True)
        except XLSX_ERRORS as exc:
            raise InputError(
                N_("{path}: not a readable XLSX workbook: {reason}."),
                DAMAGED_HINT,
                path=str(path),
                reason=str(exc or type(exc).__name__),
            ) from exc
        try:
            # Chart sheets hold no cells: only worksheets count.
            sheets = {ws.title: ws for ws in book.worksheets}
            if sheet is not None and sheet not in sheets:
                raise InputError(
                    N_("{path}: no worksheet named {name}."),
                    N_("Worksheets: {names}.") if sheets else N_("Worksheets: none."),
                    path=str(path),
                    name=repr(sheet),
                    names=", ".join(map(repr, sheets)),
                )
            if not sheets:
                raise InputError(
                    N_("{path}: the workbook has no worksheet."), DAMAGED_HINT, path=str(path)
                )
            chosen = sheets[sheet] if sheet is not None else next(iter(sheets.values()))
            rows = chosen.iter_rows(values_only=True)
            number = 0
            while True:
                try:
                    row = next(rows)
                except StopIteration:
                    return
                except XLSX_ERRORS as exc:
                    raise InputError(
                        N_("{path}: damaged sheet data after row {row}: {reason}."),
                        DAMAGED_HINT,
                        path=str(path),
                        row=str(number),
                        reason=str(exc or type(exc).__name__),
                    ) from exc
                number += 1
                yield number, ["" if c is None else c for c in row]
        finally:
            book.close()
