"""Opening the store: the DuckDB file of a workspace, migrated, with an Ibis view of it.

Only this package holds connection and SQL code. Everything upstream hands it
Arrow tables to write (through :mod:`influscope.store.writer`), everything
downstream reads Ibis tables, so analytics written once run on DuckDB here and
on Spark or PostgreSQL elsewhere.
"""

from __future__ import annotations

import os
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

import duckdb
import pyarrow as pa

if TYPE_CHECKING:
    from ibis.expr.types import Table

from influscope import model
from influscope.errors import N_, StoreError, TooLong
from influscope.store import holder
from influscope.store.binding import bound
from influscope.store.writer import Writer

# The engines a heavy analysis can read with (``[store] engine``, ``--engine``): the
# DuckDB file itself, or a Parquet lake through DuckDB or Spark (store/lake_read.py).
# Here, beside the store every command opens, so naming one loads neither the lake nor Ibis.
Engine = Literal["duckdb", "spark"]
ENGINES: tuple[Engine, ...] = ("duckdb", "spark")


def migrations() -> list[tuple[int, str, str]]:
    """The numbered migrations shipped with the package, in order: (number, name, sql)."""
    folder = resources.files("influscope.store").joinpath("migrations")
    found = []
    for entry in folder.iterdir():
        name = entry.name
        if name.endswith(".sql") and name[:4].isdigit():
            found.append((int(name[:4]), name, entry.read_text(encoding="utf-8")))
    return sorted(found)


def cursor_value(con: duckdb.DuckDBPyConnection, name: str) -> str | None:
    """A value of the ``cursors`` table through a connection or cursor (caller holds its lock)."""
    row = bound(con, "SELECT value FROM cursors WHERE name = ?", [name]).fetchone()
    return str(row[0]) if row else None


class ArrowReads:
    """What every reader of the store (the store, a read view, a lake) derives from ``to_arrow``."""

    def to_arrow(self, expr: Any) -> pa.Table:
        """Execute an Ibis expression into an Arrow table (each reader says how)."""
        raise NotImplementedError

    def scalar(self, expr: Any) -> Any:
        """The value of a scalar Ibis expression (a count, a distinct count), read as Arrow."""
        return self.to_arrow(expr.as_table()).column(0)[0].as_py()


class Store(ArrowReads):
    """A workspace's DuckDB database: migrated on open, read through Ibis.

    Example:
        >>> store = Store.open(Path("ws/influscope.duckdb"))  # doctest: +SKIP
        >>> store.table("documents").count().execute()  # doctest: +SKIP
    """

    # What an analysis may ask of the engine it runs on (a lake answers otherwise,
    # see influscope.store.lake_read): DuckDB folds accents with strip_accents,
    # and this store keeps the documents' normalised search forms.
    portable = False
    stored_forms = True

    def __init__(self, con: duckdb.DuckDBPyConnection, path: Path | None) -> None:
        self._root = con
        self._owner = threading.current_thread()
        self._local = threading.local()
        # Connection handles of other threads, closed with the store (DuckDB keeps
        # the file locked while any handle of the database is open).
        self._handles: dict[threading.Thread, duckdb.DuckDBPyConnection] = {}
        self._handles_lock = threading.Lock()
        self.path = path
        # The write lock: one write transaction at a time in this process. Reads
        # never take it: each thread reads on its own handle, which sees the last
        # committed state (DuckDB's MVCC), so a read never waits behind a write.
        self.lock = threading.RLock()
        self.read_only = False
        # Bumped by every write transaction: readers that cache answers (the API)
        # compare it. DuckDB lets no other process write while this one holds
        # the file open for writing (other processes send their commands through
        # this one's control socket), so it sees every change.
        self.generation = 0
        # Write transactions committed by each thread: a cached answer computed by
        # a job is tagged with the generation it read unless the job itself wrote.
        self._writes = threading.local()
        # The read view on its own cursor (store.reader.ReadView), made on first use.
        self._read_view: Any = None

    def writes_here(self) -> int:
        """How many write transactions the calling thread has run on this store."""
        count: int = getattr(self._writes, "count", 0)
        return count

    @property
    def con(self) -> duckdb.DuckDBPyConnection:
        """The calling thread's connection handle to the database.

        The thread that opened the store uses the connection it opened; every
        other thread gets its own handle (a cursor: a connection of its own to
        the same database), because one DuckDB connection must not run two
        statements at once, and so that :meth:`deadline` can interrupt this
        thread's query without touching another's.
        """
        found: duckdb.DuckDBPyConnection | None = getattr(self._local, "con", None)
        if found is not None:
            return found
        thread = threading.current_thread()
        if thread is self._owner:
            found = self._root
        else:
            with self._handles_lock:
                for gone in [t for t in self._handles if not t.is_alive()]:
                    self._handles.pop(gone).close()
                found = self._root.cursor()
                self._handles[thread] = found
        self._local.con = found
        return found

    @classmethod
    def open(
        cls, path: Path | None, read_only: bool = False, memory_limit: str | None = None
    ) -> Store:
        """Open (creating and migrating when needed) the database at ``path`` (None: in memory).

        ``memory_limit`` (``"8GB"``) caps DuckDB's memory for this database;
        beyond it, DuckDB spills to a temporary folder beside the file.
        """
        target = str(path) if path is not None else ":memory:"
        try:
            con = duckdb.connect(target, read_only=read_only)
        except duckdb.Error as exc:
            if path is not None and holder.is_lock_conflict(exc):
                raise holder.busy_error(path, exc) from exc
            raise StoreError(
                N_("Cannot open the store {path}: {reason}"),
                N_("Check that the file is a DuckDB database this user can read and write."),
                path=target,
                reason=str(exc),
            ) from exc
        if memory_limit is not None:
            # A validated size (config pattern); SET takes no parameter.
            con.execute(f"SET memory_limit = '{memory_limit}'")
        store = cls(con, path)
        store.read_only = read_only
        if not read_only:
            store.migrate()
        return store

    def close(self) -> None:
        """Close every handle, then the database (which checkpoints it and frees the file)."""
        with self._handles_lock:
            for handle in self._handles.values():
                handle.close()
            self._handles.clear()
        self._root.close()

    def interrupt(self, thread: threading.Thread) -> None:
        """Stop the query a thread's handle is running now (it raises there), if any."""
        with self._handles_lock:
            handle = self._handles.get(thread)
        if handle is not None:
            handle.interrupt()

    @contextmanager
    def deadline(self, seconds: float | None) -> Iterator[None]:
        """Cut this thread's queries still running after ``seconds`` (raises :class:`TooLong`).

        A timer interrupts this thread's connection handle (DuckDB stops the
        running statement at once); other threads' queries go on. ``None``
        means no limit.
        """
        if not seconds:
            yield
            return
        con = self.con
        timer = threading.Timer(seconds, con.interrupt)
        timer.daemon = True
        timer.start()
        try:
            yield
        except duckdb.InterruptException as exc:
            raise TooLong(
                N_("The request took more than {seconds} s and was stopped."),
                N_(
                    "Narrow it (a shorter query, fewer wildcards, an axis or a period), "
                    "or run the command line, which has no time limit."
                ),
                seconds=f"{seconds:g}",
            ) from exc
        finally:
            timer.cancel()

    def compact(self) -> None:
        """Rewrite the database file so that deleted values are gone from the disk.

        DuckDB reuses the blocks a DELETE frees but never wipes them, and
        VACUUM does not rewrite a table: an erased bio stays readable in the
        file. Copying the database into a fresh file (``COPY FROM DATABASE``)
        and putting it in place of the old one leaves only live rows. The
        connection is reopened on the new file; Ibis is rebuilt on next use.
        """
        if self.path is None or self.read_only:
            return
        scratch = self.path.with_name(self.path.name + ".compact")
        for leftover in (scratch, scratch.with_name(scratch.name + ".wal")):
            leftover.unlink(missing_ok=True)
        with self.lock:
            row = self.con.execute("SELECT current_database()").fetchone()
            name = '"' + str(row[0] if row else "").replace('"', '""') + '"'
            self.con.execute("CHECKPOINT")
            target = "'" + str(scratch).replace("'", "''") + "'"
            self.con.execute(f"ATTACH {target} AS _influscope_compact")
            try:
                self.con.execute(f"COPY FROM DATABASE {name} TO _influscope_compact")
            finally:
                self.con.execute("DETACH _influscope_compact")
            with self._handles_lock:
                for handle in self._handles.values():
                    handle.close()
                self._handles.clear()
            self._root.close()
            os.replace(scratch, self.path)
            self.path.with_name(self.path.name + ".wal").unlink(missing_ok=True)
            self._root = duckdb.connect(str(self.path))
            # Every thread's handle and Ibis backend were on the closed connection.
            self._local = threading.local()
            self._read_view = None
            self.generation += 1

    # -- schema -----------------------------------------------------------------
    def schema_version(self) -> int:
        """The number of the last migration applied (0 for an empty database)."""
        exists = self.con.execute(
            "SELECT count(*) FROM information_schema.tables WHERE table_name = 'schema_migrations'"
        ).fetchone()
        if not exists or not exists[0]:
            return 0
        row = self.con.execute("SELECT coalesce(max(number), 0) FROM schema_migrations").fetchone()
        return int(row[0]) if row else 0

    def migrate(self) -> list[str]:
        """Apply the migrations not applied yet, each in its own transaction.

        Applied migrations are tracked by number, not by a high-water mark, so a
        migration that lands with a lower number than one already applied (work
        merged from parallel branches) is still applied.
        """
        self.con.execute(
            "CREATE TABLE IF NOT EXISTS schema_migrations "
            "(number INTEGER PRIMARY KEY, name VARCHAR, applied_at TIMESTAMP DEFAULT now())"
        )
        done = {r[0] for r in self.con.execute("SELECT number FROM schema_migrations").fetchall()}
        applied = []
        for number, name, sql in migrations():
            if number in done:
                continue
            try:
                self.con.execute("BEGIN TRANSACTION")
                self.con.execute(sql)
                bound(
                    self.con,
                    "INSERT INTO schema_migrations (number, name) VALUES (?, ?)",
                    [number, name],
                )
                self.con.execute("COMMIT")
            except duckdb.Error as exc:
                self.con.execute("ROLLBACK")
                raise StoreError(
                    N_("Migration {name} failed: {reason}"), name=name, reason=str(exc)
                ) from exc
            applied.append(name)
        return applied

    # -- reads ------------------------------------------------------------------
    @property
    def ibis(self) -> Any:
        """The Ibis backend over this thread's connection handle."""
        found = getattr(self._local, "ibis", None)
        if found is None:
            import ibis  # noqa: PLC0415 - on first read: a plain command never pays for it

            found = self._local.ibis = ibis.duckdb.from_connection(self.con)
        return found

    def table(self, name: str) -> Table:
        """An Ibis table over a store table (bound to this thread's handle)."""
        return self.ibis.table(name)

    def to_arrow(self, expr: Table) -> pa.Table:
        """Execute an Ibis expression into an Arrow table, on this thread's handle.

        Not through the backend's ``to_pyarrow`` when that can be helped: Ibis
        12's DuckDB result converter imports Ibis's pandas formats, so pandas
        (a third of a second, the largest part of ``status`` or ``sov``'s
        start-up), to convert an Arrow table to Arrow. It differs from Ibis's
        plain Arrow conversion (the one used here) only for columns of the null
        type: an expression that has one still goes through it. The SQL, the
        pre-execution hooks (in-memory tables) and the relation are the
        backend's own (``tests/store/test_arrow_results.py`` pins both ways equal).
        """
        backend = self.ibis
        if any(dtype.is_null() for dtype in expr.as_table().schema().types):
            converted: pa.Table = backend.to_pyarrow(expr)
            return converted
        relation = backend._to_duckdb_relation(expr)
        result: pa.Table = expr.__pyarrow_result__(relation.to_arrow_table())
        return result

    def rows(self, expr: Table) -> list[dict[str, Any]]:
        """Execute an Ibis expression into a list of row dicts (small results)."""
        found: list[dict[str, Any]] = self.to_arrow(expr).to_pylist()
        return found

    def batches(self, expr: Table, batch_size: int = 100_000) -> Iterator[pa.RecordBatch]:
        """Execute an Ibis expression as a stream of Arrow record batches."""
        reader = self.ibis.to_pyarrow_batches(expr, chunk_size=batch_size)
        yield from reader

    def primary_key(self, name: str) -> list[str]:
        """Key columns of a store table as the model declares them ([] for unkeyed tables)."""
        return list(model.spec(name).key)

    def count(self, name: str) -> int:
        """Rows in a store table (plain SQL: commands that only count never load Ibis)."""
        quoted = '"' + name.replace('"', '""') + '"'
        row = self.con.execute(f"SELECT count(*) FROM {quoted}").fetchone()
        return int(row[0]) if row else 0

    def cursor(self, name: str) -> str | None:
        """A committed value of the ``cursors`` table (resume points, clocks, fingerprints)."""
        return cursor_value(self.con, name)

    def secret(self, name: str) -> str | None:
        """A value of the ``secrets`` table (the privacy salt), None when unset.

        Read with plain SQL and never as a table: a secret is not handed to an engine.
        """
        with self.lock:
            row = bound(self.con, "SELECT value FROM secrets WHERE name = ?", [name]).fetchone()
        return str(row[0]) if row else None

    @contextmanager
    def snapshot(self) -> Iterator[duckdb.DuckDBPyConnection]:
        """The calling thread's handle for plain SQL reads that never wait for a write.

        The statements of the block read one committed state (a read
        transaction: DuckDB's MVCC snapshot), so a page and its total, or
        incidents and their alerts, agree even while another thread commits.
        A thread inside its own write transaction reads in it (its writes
        included). Reads that decide a write on what another thread is writing
        (a delivery checking its alert's state) take :attr:`lock` instead.
        """
        con = self.con
        if getattr(self._local, "writing", False):
            yield con
            return
        con.execute("BEGIN TRANSACTION")
        try:
            yield con
        finally:
            con.execute("ROLLBACK")  # it only read

    @contextmanager
    def transaction(self) -> Iterator[Any]:
        """A write transaction; see :class:`influscope.store.writer.Writer`."""
        with self.lock:
            con = self.con
            writer = Writer(con)
            con.execute("BEGIN TRANSACTION")
            self._local.writing = True
            try:
                yield writer
            except BaseException:
                con.execute("ROLLBACK")
                raise
            else:
                con.execute("COMMIT")
            finally:
                self._local.writing = False
                self.generation += 1
                self._writes.count = self.writes_here() + 1
