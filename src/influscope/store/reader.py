"""A read handle on the store that does not wait for writes.

The watch process writes pushed batches under the store's lock; alert rules
only read. DuckDB lets a second connection handle (a cursor) of the same
database read committed data while a write transaction is open, so the rules
evaluate during a write instead of after it — which is what keeps a burst's
notification within a couple of seconds while posts keep arriving.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import pyarrow as pa

from influscope.store.engine import ArrowReads, cursor_value


class ReadView(ArrowReads):
    """The read side of :class:`~influscope.store.engine.Store` on its own cursor.

    It reads the same DuckDB database as the store, so it answers what analyses
    ask of a store's kind: not portable SQL (DuckDB's own functions are there)
    and the normalised search forms kept beside the documents.
    """

    portable = False
    stored_forms = True

    def __init__(self, store: Any) -> None:
        self.store = store
        self.path = store.path
        self.con = store.con.cursor()
        self.lock = threading.RLock()
        self._ibis: Any = None

    @classmethod
    def of(cls, store: Any) -> ReadView:
        """The read view of a store (one per store, created on first use)."""
        view = getattr(store, "_read_view", None)
        if view is None:
            with store.lock:
                view = cls(store)
            store._read_view = view
        return view

    @property
    def ibis(self) -> Any:
        """An Ibis backend over this cursor."""
        if self._ibis is None:
            import ibis  # noqa: PLC0415

            self._ibis = ibis.duckdb.from_connection(self.con)
        return self._ibis

    def cursor(self, name: str) -> str | None:
        """A committed value of the ``cursors`` table, read on this view's cursor."""
        with self.lock:
            return cursor_value(self.con, name)

    @contextmanager
    def snapshot(self) -> Iterator[Any]:
        """The view's cursor for plain SQL reads (one statement at a time on it)."""
        with self.lock:
            yield self.con

    def table(self, name: str) -> Any:
        """An Ibis table over a store table."""
        return self.ibis.table(name)

    def to_arrow(self, expr: Any) -> pa.Table:
        """Execute an Ibis expression into an Arrow table."""
        with self.lock:
            result: pa.Table = expr.to_pyarrow()
            return result

    def count(self, name: str) -> int:
        """Rows in a store table."""
        return int(self.scalar(self.table(name).count()))
