"""The one writer: every row that enters the store goes through :class:`Writer`.

Writes are upserts keyed on each table's primary key, so re-importing the same
data changes nothing and a newer version of a record replaces the older one.
A :class:`Writer` only exists inside :meth:`Store.transaction`, so a batch of
documents, actors, edges and the cursor that says "done up to here" commit
together or not at all — which is what makes a killed import resumable.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

import duckdb
import pyarrow as pa

from influscope import model
from influscope.model import ACTOR_ID_COLUMNS
from influscope.store.binding import bound, bound_many, registered

# Columns that record where/when a row came from; a change in them alone is not
# a new version of the record.
PROVENANCE = ("source_run", "collected_at")

# Keys of the high-volume tables, which carry no PRIMARY KEY constraint (see
# migration 0001): this writer is what keeps them unique.
KEYS: dict[str, list[str]] = {
    name: list(spec.key) for name, spec in model.TABLES.items() if spec.keyed == "writer"
}

_names = (f"_influscope_batch_{n}" for n in itertools.count())


@dataclass(frozen=True)
class WriteCount:
    """How many rows a write inserted and updated."""

    inserted: int = 0
    updated: int = 0

    def __add__(self, other: WriteCount) -> WriteCount:
        return WriteCount(self.inserted + other.inserted, self.updated + other.updated)


class Writer:
    """Upserts Arrow tables inside the transaction that created it."""

    def __init__(self, con: duckdb.DuckDBPyConnection) -> None:
        self.con = con
        self._columns: dict[str, list[str]] = {}
        self._erasures: bool | None = None
        # Incoming rows dropped per table because they name an erased actor, and
        # the ids of the documents among them (what hangs off those goes too).
        self.erased: dict[str, int] = {}
        self.erased_documents: set[str] = set()

    def _erased_condition(self, cols: list[str]) -> str | None:
        """SQL true for an incoming row naming an erased actor in an actor-id column.

        Every write of rows from outside goes through here, so a re-import of
        notes, a roster, labels, posts (or a table added later with an actor-id
        column, see :data:`influscope.model.ACTOR_ID_COLUMNS`) cannot bring an
        erased person back. None when nothing was ever erased (one count).
        """
        actor_cols = [c for c in cols if c in ACTOR_ID_COLUMNS]
        if not actor_cols or not self._any_erasure():
            return None
        salt = "(SELECT value FROM secrets WHERE name = 'salt')"
        return " OR ".join(
            f"coalesce(sha256({salt} || lower(CAST({_quote(c)} AS VARCHAR))) "
            "IN (SELECT actor_hash FROM erasures), false)"
            for c in actor_cols
        )

    def _any_erasure(self) -> bool:
        if self._erasures is None:
            row = self.con.execute("SELECT count(*) FROM erasures").fetchone()
            self._erasures = bool(row and row[0])
        return self._erasures

    def is_erased(self, actor_id: str | None) -> bool:
        """Whether ``actor_id`` was erased: for code that writes rows with plain SQL.

        Rows written through :meth:`upsert` and :meth:`append` are checked
        already; a module that INSERTs rows naming an actor itself asks here.
        """
        if not actor_id or not self._any_erasure():
            return False
        row = bound(
            self.con,
            "SELECT count(*) FROM erasures WHERE actor_hash = "
            "sha256((SELECT value FROM secrets WHERE name = 'salt') || lower(?))",
            [actor_id],
        ).fetchone()
        return bool(row and row[0])

    def _without_erased(self, table: str, source: str, cols: list[str]) -> str | None:
        """A temp table of ``source`` without rows naming erased actors (None: nothing to drop)."""
        condition = self._erased_condition(cols)
        if condition is None:
            return None
        kept = next(_names)
        col_list = ", ".join(_quote(c) for c in cols)
        self.con.execute(
            f"CREATE TEMP TABLE {kept} AS SELECT {col_list} FROM {source} AS s "
            f"WHERE NOT ({condition})"
        )
        row = self.con.execute(
            f"SELECT (SELECT count(*) FROM {source} AS s) - (SELECT count(*) FROM {kept})"
        ).fetchone()
        if row and row[0]:
            self.erased[table] = self.erased.get(table, 0) + int(row[0])
            if table == "documents" and "doc_id" in cols:
                dropped = self.con.execute(
                    f"SELECT doc_id FROM {source} AS s WHERE {condition}"
                ).fetchall()
                self.erased_documents.update(str(r[0]) for r in dropped)
        return kept

    def columns(self, table: str) -> list[str]:
        """Column names of a store table, in order."""
        if table not in self._columns:
            rows = bound(
                self.con,
                "SELECT column_name FROM information_schema.columns WHERE table_name = ? "
                "ORDER BY ordinal_position",
                [table],
            ).fetchall()
            self._columns[table] = [r[0] for r in rows]
        return self._columns[table]

    def key(self, table: str) -> list[str]:
        """Key columns of a store table, as the model declares them (see :mod:`influscope.model`).

        Raises:
            ValueError: the table has no key (its rows are rebuilt, not upserted).
        """
        key = list(model.spec(table).key)
        if not key:
            raise ValueError(f"{table} has no key: its rows are appended or rebuilt")
        return key

    def upsert(
        self, table: str, data: pa.Table, *, coalesce: bool = True, newer: str | None = None
    ) -> WriteCount:
        """Insert new rows and update changed ones, keyed on the table's primary key.

        Args:
            table: store table name.
            data: rows to write; columns missing from it are left as they are.
            coalesce: keep the stored value where the incoming one is null (a
                mention-derived actor stub must not blank a full profile).
            newer: a timestamp column; an incoming row replaces a stored one only
                when its value is not older (out-of-order imports keep the newest).

        Returns:
            The counts of inserted and updated rows. Rows identical to the
            stored ones (provenance columns aside) are not touched.
        """
        if data.num_rows == 0:
            return WriteCount()
        known = self.columns(table)
        cols = [c for c in data.column_names if c in known]
        view = next(_names)
        registered(self.con, view, data.select(cols))
        try:
            return self.upsert_from(table, view, cols, coalesce=coalesce, newer=newer)
        finally:
            self.con.unregister(view)

    def upsert_from(
        self,
        table: str,
        source: str,
        cols: list[str],
        *,
        coalesce: bool = True,
        newer: str | None = None,
        update: bool = True,
        unique: bool = False,
    ) -> WriteCount:
        """Upsert from a relation already in the engine (temp table or view); see :meth:`upsert`.

        Existing keys are updated first (only rows whose content changed), then
        new keys are inserted with an anti-join, so a first import of a million
        rows is one plain insert. With ``update=False`` existing keys are left
        alone (derived stubs and edges: insert if absent). ``unique=True`` is the
        caller's promise that ``source`` has no duplicate keys (skips a check).
        """
        q = _quote
        key = self.key(table)
        missing = [k for k in key if k not in cols]
        if missing:
            raise ValueError(f"upsert into {table} needs key columns {missing}")
        keys = ", ".join(q(k) for k in key)
        col_list = ", ".join(q(c) for c in cols)
        kept = self._without_erased(table, source, cols)
        scratch = [kept] if kept else []
        staged = kept or source
        if not unique and self._has_duplicate_keys(staged, key):
            # One row per key (DuckDB refuses to update one row twice in a statement): the
            # newest, then the row's content decides, so the same input keeps the same row
            # whatever order the engine's threads read it in.
            ties = [q(c) for c in cols if c not in key and c not in PROVENANCE]
            order = (
                ", ".join(
                    ([f"{q(newer)} DESC NULLS LAST"] if newer in cols else [])
                    + [f"{c} DESC NULLS LAST" for c in ties]
                )
                or "1"
            )
            latest = next(_names)
            scratch.append(latest)
            self.con.execute(
                f"CREATE TEMP TABLE {latest} AS SELECT {col_list} FROM {staged} "
                f"QUALIFY row_number() OVER (PARTITION BY {keys} ORDER BY {order}) = 1"
            )
            staged = latest
        try:
            join = " AND ".join(f"s.{q(k)} = t.{q(k)}" for k in key)
            content = [c for c in cols if c not in key]
            compared = [c for c in content if c not in PROVENANCE]
            updated = 0
            empty = self._is_empty(table)
            if content and update and not empty:
                updated = self._update_existing(
                    table,
                    staged,
                    key,
                    content,
                    compared,
                    coalesce,
                    newer if newer in cols else None,
                )
            # Into an empty table (a first import) every key is new: no anti-join.
            absent = "" if empty else f"WHERE NOT EXISTS (SELECT 1 FROM {q(table)} t WHERE {join})"
            row = self.con.execute(
                f"INSERT INTO {q(table)} ({col_list}) SELECT {col_list} FROM {staged} s {absent}"
            ).fetchone()
            inserted = int(row[0]) if row else 0
            return WriteCount(inserted, updated)
        finally:
            for name in scratch:
                self.con.execute(f"DROP TABLE IF EXISTS {name}")

    def _update_existing(
        self,
        table: str,
        staged: str,
        key: list[str],
        content: list[str],
        compared: list[str],
        coalesce: bool,
        newer: str | None,
    ) -> int:
        """UPDATE … FROM the staged rows whose key exists and whose content changed."""
        q = _quote

        def value(c: str) -> str:
            return f"coalesce(s.{q(c)}, t.{q(c)})" if coalesce else f"s.{q(c)}"

        join = " AND ".join(f"s.{q(k)} = t.{q(k)}" for k in key)
        changed = " OR ".join(f"{value(c)} IS DISTINCT FROM t.{q(c)}" for c in compared) or "false"
        condition = f"({changed})"
        if newer:
            condition += f" AND (s.{q(newer)} IS NULL OR t.{q(newer)} IS NULL OR s.{q(newer)} >= t.{q(newer)})"
        sets = ", ".join(f"{q(c)} = {value(c)}" for c in content)
        row = self.con.execute(
            f"UPDATE {q(table)} AS t SET {sets} FROM {staged} AS s WHERE {join} AND {condition}"
        ).fetchone()
        return int(row[0]) if row else 0

    def _is_empty(self, table: str) -> bool:
        row = self.con.execute(f"SELECT NOT EXISTS (SELECT 1 FROM {_quote(table)})").fetchone()
        return bool(row and row[0])

    def _has_duplicate_keys(self, source: str, key: list[str]) -> bool:
        keys = ", ".join(_quote(k) for k in key)
        row = self.con.execute(
            f"SELECT count(*) > count(DISTINCT ({keys})) FROM {source}"
        ).fetchone()
        return bool(row and row[0])

    def insert(self, table: str, rows: list[dict[str, Any]]) -> None:
        """Append plain rows (logs: runs, run errors)."""
        if not rows:
            return
        cols = list(rows[0])
        placeholders = ", ".join("?" for _ in cols)
        bound_many(
            self.con,
            f"INSERT INTO {_quote(table)} ({', '.join(_quote(c) for c in cols)}) VALUES ({placeholders})",
            [[r.get(c) for c in cols] for r in rows],
        )

    def update(self, table: str, key: dict[str, Any], values: dict[str, Any]) -> int:
        """Set ``values`` on the row(s) matching ``key``; returns rows changed."""
        sets = ", ".join(f"{_quote(c)} = ?" for c in values)
        where = " AND ".join(f"{_quote(c)} = ?" for c in key)
        row = bound(
            self.con,
            f"UPDATE {_quote(table)} SET {sets} WHERE {where}",
            [*values.values(), *key.values()],
        ).fetchone()
        return int(row[0]) if row else 0

    def delete(self, table: str, column: str, values: list[Any]) -> int:
        """Delete the rows whose ``column`` is in ``values``; returns rows deleted."""
        if not values:
            return 0
        row = bound(
            self.con,
            f"DELETE FROM {_quote(table)} WHERE {_quote(column)} IN (SELECT unnest(?))",
            [values],
        ).fetchone()
        return int(row[0]) if row else 0

    def update_in(self, table: str, values: dict[str, Any], column: str, keys: list[Any]) -> int:
        """Set ``values`` on the rows whose ``column`` is in ``keys``; returns rows changed."""
        if not keys:
            return 0
        sets = ", ".join(f"{_quote(c)} = ?" for c in values)
        row = bound(
            self.con,
            f"UPDATE {_quote(table)} SET {sets} WHERE {_quote(column)} IN (SELECT unnest(?))",
            [*values.values(), keys],
        ).fetchone()
        return int(row[0]) if row else 0

    def append(self, table: str, data: pa.Table) -> int:
        """Insert Arrow rows as they are, with no key check (results replaced per scope).

        For derived tables whose rows are deleted and rewritten as a whole
        (e.g. a map's edges per scope): a plain insert, no index to maintain.
        """
        if data.num_rows == 0:
            return 0
        known = self.columns(table)
        cols = [c for c in data.column_names if c in known]
        view = next(_names)
        registered(self.con, view, data.select(cols))
        kept = None
        try:
            kept = self._without_erased(table, view, cols)
            col_list = ", ".join(_quote(c) for c in cols)
            row = self.con.execute(
                f"INSERT INTO {_quote(table)} ({col_list}) SELECT {col_list} FROM {kept or view}"
            ).fetchone()
        finally:
            self.con.unregister(view)
            if kept:
                self.con.execute(f"DROP TABLE IF EXISTS {kept}")
        return int(row[0]) if row else 0

    def replace_all(self, table: str, data: pa.Table) -> None:
        """Replace a table's whole content (configuration mirrors: axes, brands)."""
        self.con.execute(f"DELETE FROM {_quote(table)}")
        if data.num_rows:
            view = next(_names)
            registered(self.con, view, data)
            try:
                cols = ", ".join(_quote(c) for c in data.column_names)
                self.con.execute(f"INSERT INTO {_quote(table)} ({cols}) SELECT {cols} FROM {view}")
            finally:
                self.con.unregister(view)

    def fill_missing(self, table: str, data: pa.Table, column: str) -> int:
        """Set ``column`` from ``data`` (keyed on the table's key) where it is null; returns rows."""
        if data.num_rows == 0:
            return 0
        key = self.key(table)
        view = next(_names)
        registered(self.con, view, data.select([*key, column]))
        try:
            join = " AND ".join(f"t.{_quote(k)} = v.{_quote(k)}" for k in key)
            row = self.con.execute(
                f"UPDATE {_quote(table)} AS t SET {_quote(column)} = v.{_quote(column)} "
                f"FROM {view} AS v WHERE {join} AND t.{_quote(column)} IS NULL "
                f"AND v.{_quote(column)} IS NOT NULL"
            ).fetchone()
        finally:
            self.con.unregister(view)
        return int(row[0]) if row else 0

    # -- writes computed by the engine from Ibis expressions (derived tables) --------
    def insert_query(self, table: str, expr: Any) -> int:
        """Insert the rows of an Ibis expression, computed by the engine (no round trip).

        For derived tables built from the store's own data (search forms,
        aggregates): the rows never leave DuckDB. Columns are matched by name.
        """
        with _compiled(self.con, expr) as sql:
            row = self.con.execute(f"INSERT INTO {_quote(table)} BY NAME {sql}").fetchone()
        return int(row[0]) if row else 0

    def delete_query(self, table: str, column: str, expr: Any) -> int:
        """Delete the rows whose ``column`` is among the values of a one-column Ibis expression."""
        with _compiled(self.con, expr) as sql:
            row = self.con.execute(
                f"DELETE FROM {_quote(table)} WHERE {_quote(column)} IN ({sql})"
            ).fetchone()
        return int(row[0]) if row else 0

    def update_query(self, table: str, values: dict[str, Any], column: str, expr: Any) -> int:
        """Set ``values`` on the rows whose ``column`` is among the values of an Ibis expression."""
        sets = ", ".join(f"{_quote(c)} = ?" for c in values)
        with _compiled(self.con, expr) as sql:
            row = bound(
                self.con,
                f"UPDATE {_quote(table)} SET {sets} WHERE {_quote(column)} IN ({sql})",
                list(values.values()),
            ).fetchone()
        return int(row[0]) if row else 0

    def update_all(self, table: str, values: dict[str, Any]) -> int:
        """Set ``values`` on every row (a mark redone for all rows: no key to look up)."""
        sets = ", ".join(f"{_quote(c)} = ?" for c in values)
        row = bound(
            self.con, f"UPDATE {_quote(table)} SET {sets}", list(values.values())
        ).fetchone()
        return int(row[0]) if row else 0

    def set_cursor(self, name: str, value: str) -> None:
        """Record how far a resumable task got (committed with the batch it describes)."""
        bound(
            self.con,
            "INSERT INTO cursors VALUES (?, ?, now()::TIMESTAMP) "
            "ON CONFLICT (name) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at",
            [name, value],
        )


@contextmanager
def _compiled(con: duckdb.DuckDBPyConnection, expr: Any) -> Iterator[str]:
    """The SQL of an Ibis expression, its in-memory tables registered on ``con`` meanwhile.

    Ibis registers a memtable when its own backend runs the expression; the
    writer runs the SQL on its connection, so it registers them itself (an
    empty result, as attribution with no brand, is one).
    """
    import ibis.expr.operations as ops  # noqa: PLC0415 - heavy: only derived-table writes

    tables = {op.name: op.data.to_pyarrow(op.schema) for op in expr.op().find(ops.InMemoryTable)}
    for name, data in tables.items():
        registered(con, name, data)
    try:
        yield _sql(expr)
    finally:
        for name in tables:
            con.unregister(name)


def _sql(expr: Any) -> str:
    """The DuckDB SQL of an Ibis expression over this store's tables."""
    import ibis  # noqa: PLC0415 - heavy: only derived-table writes need it

    return str(ibis.to_sql(expr, dialect="duckdb"))


def _quote(identifier: str) -> str:
    return '"' + identifier.replace('"', '""') + '"'
