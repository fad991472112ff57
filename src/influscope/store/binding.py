"""Statements with bound values, without DuckDB's Python client importing pandas.

DuckDB's Python client (1.5) tests each bound value against ``pandas.NaT``
and ``pandas.NA`` before converting it (``GetPythonObjectType`` in its
``python_conversion.cpp``), and registering an Arrow table tests it against
pandas' types: both import pandas when it is not imported yet, which costs a
third of a second, the largest single part of a command's start-up, in
commands that never touch pandas. No setting turns the test off. When the
import fails, the client takes the value for what it is (a value that *is* a
pandas object means pandas is imported already, and then nothing here
applies) and keeps no trace of the failure: a later import, by the client or
anyone, loads pandas as usual.

So :func:`without_pandas` makes ``import pandas`` fail for the current thread
only, and only while pandas is not imported: other threads import it as they
please, and code that needs pandas later in the process gets it. Values stay
bound parameters: nothing here moves a value into the SQL text. Importing
this module puts its finder first in ``sys.meta_path``; outside
:func:`without_pandas` it answers nothing, so every import goes on as before.
Used where the commands that need no pandas bind values (the cursors, the
run log, the bulk import's probe and checks); a statement elsewhere that
binds values still loads pandas, which is only slower.
"""

from __future__ import annotations

import importlib.abc
import sys
import threading
from collections.abc import Iterator, Sequence
from contextlib import AbstractContextManager, contextmanager, nullcontext
from importlib.machinery import ModuleSpec
from types import ModuleType
from typing import Any

import duckdb
import pyarrow as pa


class _PandasDeferred(importlib.abc.MetaPathFinder):
    """Refuses ``pandas`` to the threads inside :func:`without_pandas`."""

    def __init__(self) -> None:
        self.local = threading.local()

    def active(self) -> bool:
        return bool(self.local.__dict__.get("depth", 0))

    def find_spec(
        self,
        fullname: str,
        path: Sequence[str] | None,
        target: ModuleType | None = None,
    ) -> ModuleSpec | None:
        if fullname == "pandas" and self.active():
            raise ModuleNotFoundError("pandas is deferred during this statement", name=fullname)
        return None


_DEFERRED = _PandasDeferred()
sys.meta_path.insert(0, _DEFERRED)


@contextmanager
def without_pandas() -> Iterator[None]:
    """Run DuckDB calls that bind Python values without importing pandas (module doc)."""
    if "pandas" in sys.modules:
        yield
        return
    local = _DEFERRED.local
    local.depth = local.__dict__.get("depth", 0) + 1
    try:
        yield
    finally:
        local.depth -= 1


# The client retries the refused import for every bound value, ~15 µs each here
# (50,000 rows of 8 values through ``executemany``: 24.9 s guarded, 18.9 s with
# pandas loaded): beyond this many values, importing pandas once (~0.3 s) is
# the cheaper way.
GUARDED_VALUES = 20_000


def _guarded(values: int) -> AbstractContextManager[None]:
    """:func:`without_pandas` for up to GUARDED_VALUES bound values, nothing beyond."""
    return without_pandas() if values <= GUARDED_VALUES else nullcontext()


def bound_many(con: duckdb.DuckDBPyConnection, sql: str, rows: Sequence[Sequence[Any]]) -> None:
    """``con.executemany(sql, rows)``, without the pandas import while that is cheaper."""
    with _guarded(sum(len(row) for row in rows)):
        con.executemany(sql, rows)


def bound(con: duckdb.DuckDBPyConnection, sql: str, values: Sequence[Any]) -> Any:
    """``con.execute(sql, values)`` without the pandas import while that is cheaper (module doc).

    A list among the values (``IN (SELECT unnest(?))``) counts for its items:
    the client tests each of them.
    """
    with _guarded(sum(len(v) if isinstance(v, list | tuple) else 1 for v in values)):
        return con.execute(sql, values)


def registered(con: duckdb.DuckDBPyConnection, name: str, table: pa.Table) -> None:
    """``con.register(name, table)`` for an Arrow table, without the pandas import.

    The client tests the object against pandas' types once, whatever its
    size, so the guard costs nothing per row.
    """
    with without_pandas():
        con.register(name, table)
