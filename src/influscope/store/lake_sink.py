"""The lake as the destination of an import (see ``ingest.runner.Sink``).

What a batch implies (mentions, hashtags and links from the text, actor
stubs, reply/repost/quote and mention edges) is derived by the very code the
DuckDB store uses (:func:`influscope.store.ingestion.write_batch`), run on a
scratch in-memory store that holds one batch at a time; its rows are then
written to the lake as Parquet (:class:`influscope.store.lake.Lake`). One
implementation of the derivations means the lake holds the rows the store
would hold, which the engine contract tests compare.

Known difference: an edge whose target document arrived in an *earlier batch*
(a reply imported after its parent, more than a batch apart) is resolved in the
store, where every document is at hand, but not here, where a batch only sees
itself. Replies within a batch (20,000 records by default) are resolved.

The run log and the error log stay in the workspace's DuckDB store: they are
the workspace's bookkeeping, not data an engine analyses.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from influscope.ingest.batch import Batch
from influscope.model import RowError
from influscope.store.engine import Store
from influscope.store.ingestion import resolve_references, write_batch
from influscope.store.lake import PARTITIONS, Lake
from influscope.store.runs import log_errors, now
from influscope.store.writer import WriteCount


class LakeSink:
    """Writes import batches to a lake; cursors live in the lake, errors in the workspace store.

    Example:
        >>> sink = LakeSink(Lake.at("ws/lake"), ws.store, run_id)  # doctest: +SKIP
        >>> ImportRunner(sink).run(sources)  # doctest: +SKIP
    """

    def __init__(self, lake: Lake, log: Store, run_id: str) -> None:
        self.lake = lake
        self.log = log
        self.run_id = run_id
        self.error_seq = 0
        self.collected_at: Any = None
        self.scratch = Store.open(None)
        self.batches = 0

    def cursor(self, name: str) -> str | None:
        """The committed value of a resume cursor of this lake."""
        return self.lake.cursors().get(name)

    def bulk(self, spec: Any) -> None:
        """No in-engine whole-file path: every record goes through batches (resumable)."""
        del spec
        return None

    def transaction(self) -> Any:
        """A transaction: batches are derived on the scratch store and written on commit."""
        return self._transaction()

    @contextmanager
    def _transaction(self) -> Iterator[_LakeTx]:
        tx = _LakeTx(self)
        try:
            yield tx
        except BaseException:
            self._clear()
            raise
        tx.commit()

    def _clear(self) -> None:
        with self.scratch.transaction() as writer:
            for table in PARTITIONS:
                writer.con.execute(f"DELETE FROM {table}")

    def close(self) -> None:
        """Drop the scratch store."""
        self.scratch.close()


class _LakeTx:
    """One transaction: batches staged in the scratch store, files and cursor written on commit."""

    def __init__(self, sink: LakeSink) -> None:
        self.sink = sink
        self.cursors: dict[str, str | None] = {}
        self.errors: list[RowError] = []
        self.position: int | None = None

    def write(self, batch: Batch) -> dict[str, WriteCount]:
        sink = self.sink
        with sink.scratch.transaction() as writer:
            counts = write_batch(writer, batch, sink.run_id, sink.collected_at or now())
            resolve_references(writer, sink.run_id)
        self.position = batch.position
        return counts

    def set_cursor(self, name: str, value: str | None) -> None:
        self.cursors[name] = value

    def log_errors(self, errors: list[RowError]) -> None:
        self.errors.extend(errors)

    def commit(self) -> None:
        """Files first, then the cursor: a crash in between re-writes the same files on resume."""
        sink = self.sink
        names = [name for name in self.cursors]
        sink.batches += 1
        key = names[0] if names else f"{sink.run_id}-{sink.batches}"
        token = f"{key}-{self.position if self.position is not None else 0:012d}"
        scratch = sink.scratch
        for table in PARTITIONS:
            with scratch.lock:
                data = scratch.con.execute(f"SELECT * FROM {table}").to_arrow_table()
            sink.lake.write(table, data, token)
        sink._clear()
        if self.errors:
            with sink.log.transaction() as writer:
                log_errors(writer, sink.run_id, sink.error_seq, self.errors)
            sink.error_seq += len(self.errors)
        if self.cursors:
            cursors = sink.lake.cursors()
            for name, value in self.cursors.items():
                if value is None:
                    cursors.pop(name, None)
                else:
                    cursors[name] = value
            sink.lake.save_cursors(cursors)
