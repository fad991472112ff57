"""Reading a lake through an Ibis backend: DuckDB on one machine, Spark on a cluster.

A :class:`LakeStore` offers the reading half of :class:`~influscope.store.engine.Store`
(``table``, ``to_arrow``, ``batches``, ``ibis``, ``count``, ``lock``), so the
analytics, which are Ibis expressions over ``store.table(...)``, run on a lake
unchanged, whichever engine reads it. The engine is chosen here, at the
store/analyze boundary, and nowhere else: an analysis never asks which engine
it runs on; it reads two properties a backend has:

- ``portable``: fold accents with a ``translate`` table instead of DuckDB's
  ``strip_accents`` (Spark has no such function; DESIGN.md §6);
- ``stored_forms``: whether normalised search forms are kept (the DuckDB
  store keeps them; a lake normalises on the fly).

Each table is the lake's files with the canonical columns and types (those
of the store's migrations, so both engines see one schema), one row per key:
a key written by several imports keeps its newest collection, as the store's
upsert does. A table the lake does not hold reads as empty. Derived tables
that the store materialises (brand attributions) are supplied by the layer
that computes them, as Ibis expressions (:meth:`LakeStore.define`).

The lake holds the canonical tables an import writes (documents, actors,
interactions, links). What the team keeps beside them (labels, roster,
offline notes, search demand and result pages, crawled redirects, stored
maps, erasures) lives in the workspace's DuckDB file; given that store
(``beside``), a lake store reads those tables from it, as Arrow handed to the
engine, so an analysis that joins both (the map's stance labels, the
journey's result pages) runs unchanged. They are read afresh each time: a
map stored a moment ago is the previous map of the next one.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from functools import cache
from typing import Any

import ibis
import ibis.expr.types as ir
import pyarrow as pa

from influscope.errors import N_, StoreError
from influscope.store.engine import ENGINES, ArrowReads, Engine, Store
from influscope.store.lake import PARTITIONS, Lake
from influscope.store.spark import spark_backend
from influscope.store.writer import KEYS

# Which row of a key wins: the newest collection, then the newest run.
NEWEST = ("collected_at", "source_run")
# Tables never handed to an engine (a cluster must not see the privacy salt).
PRIVATE = frozenset({"secrets"})


@cache
def canonical_schemas() -> dict[str, pa.Schema]:
    """Arrow schemas of the store's tables, from its migrations (the one source of types)."""
    store = Store.open(None)
    try:
        names = [r[0] for r in store.con.execute("SHOW TABLES").fetchall()]
        return {
            n: store.con.execute(f'SELECT * FROM "{n}" LIMIT 0').to_arrow_table().schema
            for n in names
        }
    finally:
        store.close()


class LakeStore(ArrowReads):
    """A read-only store over a lake, through the DuckDB or the PySpark Ibis backend.

    Example:
        >>> store = LakeStore.open(Lake.at("ws/lake"), "duckdb")  # doctest: +SKIP
        >>> store.table("documents").count().execute()  # doctest: +SKIP
    """

    read_only = True
    stored_forms = False

    def __init__(
        self, lake: Lake, engine: Engine, backend: Any, beside: Store | None = None
    ) -> None:
        self.lake = lake
        self.beside = beside
        self.engine = engine
        self.ibis = backend
        self.portable = engine == "spark"
        self.lock = threading.RLock()
        self.generation = 0
        self._tables: dict[str, ir.Table] = {}

    @classmethod
    def open(
        cls, lake: Lake, engine: Engine, *, master: str | None = None, beside: Store | None = None
    ) -> LakeStore:
        """Open the lake with an engine (Spark: a local session, or ``master``).

        ``beside``: the workspace store the tables a lake does not hold are read from.
        """
        if engine == "duckdb":
            return cls(lake, engine, ibis.duckdb.connect(), beside)
        if engine == "spark":
            return cls(lake, engine, spark_backend(master), beside)
        raise StoreError(
            N_("Unknown engine {engine}."),
            N_("Engines: {engines}."),
            engine=repr(engine),
            engines=", ".join(ENGINES),
        )

    def close(self) -> None:
        """Nothing to close: the Spark session outlives a store (its start-up is the cost)."""
        self._tables.clear()

    # -- reads -----------------------------------------------------------------
    def define(self, name: str, expr: ir.Table) -> None:
        """Supply a derived table as an expression (e.g. ``document_brands``)."""
        self._tables[name] = expr

    def table(self, name: str) -> ir.Table:
        """The canonical table ``name`` of the lake (empty when the lake has none)."""
        if name in PRIVATE:
            raise StoreError(
                N_("The {table} table is not read through an engine."),
                N_("Use secret()."),
                table=repr(name),
            )
        if name not in PARTITIONS and name not in self._tables and self.beside is not None:
            return self._beside(name, self.beside)
        with self.lock:
            found = self._tables.get(name)
            if found is None:
                found = self._read(name)
                self._tables[name] = found
            return found

    @staticmethod
    def _beside(name: str, beside: Store) -> ir.Table:
        """A table of the workspace store, handed to the engine as Arrow (typed as stored)."""
        return ibis.memtable(beside.to_arrow(beside.table(name)))

    def _read(self, name: str) -> ir.Table:
        schema = canonical_schemas().get(name)
        if schema is None:
            raise StoreError(
                N_("No table {table} in a lake."),
                N_("Lakes hold the canonical tables."),
                table=repr(name),
            )
        if name not in PARTITIONS or not self.lake.has(name):
            return ibis.memtable(schema.empty_table())
        raw = self._files(name)
        target = ibis.schema(schema)
        columns = {c: raw[c].cast(target[c]) for c in target.names}
        table = raw.select(**columns)
        order = [ibis.desc(table[c]) for c in NEWEST if c in table.columns]
        if not order:
            return table.distinct()
        rank = ibis.row_number().over(group_by=[table[k] for k in KEYS[name]], order_by=order)
        return table.mutate(_rank=rank).filter(lambda t: t._rank == 0).drop("_rank")

    def _files(self, name: str) -> ir.Table:
        path = self.lake.table_uri(name)
        if self.engine == "duckdb":
            return self.ibis.read_parquet(
                f"{path}/**/*.parquet", hive_partitioning=True, union_by_name=True
            )
        return self.ibis.read_parquet(path)

    def to_arrow(self, expr: ir.Table) -> pa.Table:
        """Execute an Ibis expression into an Arrow table."""
        with self.lock:
            return expr.to_pyarrow()

    def batches(self, expr: ir.Table, batch_size: int = 100_000) -> Iterator[pa.RecordBatch]:
        """Execute an Ibis expression as a stream of Arrow record batches."""
        with self.lock:
            yield from expr.to_pyarrow_batches(chunk_size=batch_size)

    def count(self, name: str) -> int:
        """Rows of a table (one per key)."""
        return int(self.table(name).count().execute())

    def secret(self, name: str) -> str | None:
        """A secret of the workspace beside the lake (None without one): never sent to the engine."""
        return self.beside.secret(name) if self.beside is not None else None

    def cursor(self, name: str) -> str | None:
        """Resume cursors of the imports into the lake (no analysis state is kept there)."""
        return self.lake.cursors().get(name)
