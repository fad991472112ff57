"""The store as the destination of an import: batches, the bulk path, cursors, error log.

Separate from :mod:`influscope.store.ingestion` (what a batch implies) and
:mod:`influscope.store.bulk` (the in-engine JSON Lines path) so that both sit
below it: the sink chooses between them, neither knows the other's caller.
"""

from __future__ import annotations

from contextlib import contextmanager
from typing import Any

from influscope.ingest.batch import Batch
from influscope.store.bulk import UnreadableFile, import_jsonl, probe
from influscope.store.engine import Store
from influscope.store.ingestion import write_batch
from influscope.store.runs import log_errors, now
from influscope.store.writer import WriteCount, Writer


class StoreSink:
    """The store as the destination of an import run (see ``ingest.runner.Sink``)."""

    def __init__(self, store: Store, run_id: str) -> None:
        self.store = store
        self.run_id = run_id
        self.error_seq = 0
        self.collected_at = None

    def cursor(self, name: str) -> str | None:
        """The stored value of a resume cursor."""
        return self.store.cursor(name)

    def bulk(self, spec: Any) -> tuple[int, dict[str, WriteCount], list[int]] | None:
        """Import a canonical JSONL file in the engine (see :mod:`influscope.store.bulk`)."""
        path, mapping, platform, default_platform = spec
        types = probe(self.store.con, path, mapping)
        if types is None:
            return None
        try:
            result = import_jsonl(
                self.store,
                path,
                types,
                mapping,
                platform,
                self.run_id,
                self.collected_at or now(),
                default_platform,
            )
        except UnreadableFile:
            # A line the engine cannot parse: the record path names it. The
            # transaction rolled back, so nothing is written twice.
            return None
        return result.records, result.counts, result.fallback

    def transaction(self) -> Any:
        """A transaction whose writer knows how to write batches."""
        sink = self

        @contextmanager
        def _tx() -> Any:
            with sink.store.transaction() as writer:
                yield _SinkTx(sink, writer, sink.collected_at or now())

        return _tx()


class _SinkTx:
    def __init__(self, sink: StoreSink, writer: Writer, collected_at: Any) -> None:
        self.sink = sink
        self.writer = writer
        self.collected_at = collected_at

    def write(self, batch: Batch) -> dict[str, WriteCount]:
        return write_batch(self.writer, batch, self.sink.run_id, self.collected_at)

    def set_cursor(self, name: str, value: str | None) -> None:
        if value is None:
            self.writer.con.execute("DELETE FROM cursors WHERE name = ?", [name])
        else:
            self.writer.set_cursor(name, value)

    def log_errors(self, errors: list[Any]) -> None:
        log_errors(self.writer, self.sink.run_id, self.sink.error_seq, errors)
        self.sink.error_seq += len(errors)
