"""Running an import: batching, error log, resume, strict mode.

The runner reads records from sources, maps them, and hands batches to a sink
(the workspace wires it to the store). Each batch commits together with a
cursor naming the last line done, so a killed import re-run skips what was
committed and upserts keep the rest free of duplicates. A bad record never
stops a batch: it becomes a :class:`~influscope.model.RowError` with file,
line, field and reason. In strict mode the whole import is one transaction and
the first bad record aborts it, leaving the store exactly as it was.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Protocol

import orjson

from influscope.errors import N_, ImportRejected, Phrase
from influscope.ingest.batch import Batch, FieldError, Mapped
from influscope.ingest.checks import check_mapped
from influscope.ingest.files.readers import json_text, payload
from influscope.model import RowError

BATCH_SIZE = 20_000


class Mapper(Protocol):
    """Anything that maps one raw record to canonical rows."""

    def map_record(self, record: dict[str, Any]) -> Mapped:
        """Map one record; raise FieldError for a bad field."""
        ...


class SinkTransaction(Protocol):
    """The writes a runner needs, inside one transaction."""

    def write(self, batch: Batch) -> dict[str, Any]:
        """Write a batch; returns per-table counts."""
        ...

    def set_cursor(self, name: str, value: str | None) -> None:
        """Record (or clear, with None) a resume cursor."""
        ...

    def log_errors(self, errors: list[RowError]) -> None:
        """Append rejected items to the run's error log."""
        ...


class Sink(Protocol):
    """Where batches go (the store, wired by the workspace)."""

    def bulk(self, spec: Any) -> tuple[int, dict[str, Any], list[int]] | None:
        """Import a whole file in the engine, in its own transaction, if it can.

        Returns (records, counts, ordinals left to the record path), or None
        when the file is not eligible (nothing written).
        """
        ...

    def transaction(self) -> AbstractContextManager[SinkTransaction]:
        """Open a write transaction."""
        ...

    def cursor(self, name: str) -> str | None:
        """Read a resume cursor."""
        ...


@dataclass
class Source:
    """One input to import: where records come from and how they map."""

    label: str
    records: Callable[[], Iterator[tuple[int, dict[str, Any]]]]
    mapper: Mapper
    fingerprint: str
    count: Callable[[], int | None] | None = None
    bulk: Any = None
    unread: dict[str, str] = field(default_factory=dict)  # field -> the look-alike column
    textless: list[str] = field(default_factory=list)  # its columns, when none gives text
    _total: int | None = field(default=None, init=False, repr=False)
    _counted: bool = field(default=False, init=False, repr=False)

    @property
    def total(self) -> int | None:
        """How many records to expect (for the progress bar), counted on first use.

        Counting reads the whole file, so a file the engine imports in one
        pass, which knows its count at the end, never pays for it.
        """
        if not self._counted:
            self._total = self.count() if self.count else None
            self._counted = True
        return self._total


@dataclass
class ImportSummary:
    """What an import did, for the run log and the command's closing summary."""

    files: int = 0
    records: int = 0
    rejected: int = 0
    resumed_from: dict[str, int] = field(default_factory=dict)
    counts: dict[str, dict[str, int]] = field(default_factory=dict)
    errors: list[RowError] = field(default_factory=list)
    # Per file, the fields left unread and the column that looks like each (``date`` for
    # ``published_at``): the command names them (see ingest.files.columns).
    unread: dict[str, dict[str, str]] = field(default_factory=dict)
    # Per file whose documents have no text, its columns (a first line of data shows there).
    textless: dict[str, list[str]] = field(default_factory=dict)

    def add_counts(self, counts: dict[str, Any]) -> None:
        """Accumulate per-table inserted/updated counts."""
        for table, count in counts.items():
            slot = self.counts.setdefault(table, {"inserted": 0, "updated": 0})
            slot["inserted"] += count.inserted
            slot["updated"] += count.updated


def file_fingerprint(path: Path, options: dict[str, Any]) -> str:
    """Identify a file's content and import options (size, mtime, head and tail bytes)."""
    stat = path.stat()
    digest = hashlib.sha256()
    digest.update(orjson.dumps(options, default=str, option=orjson.OPT_SORT_KEYS))
    digest.update(f"{stat.st_size}:{stat.st_mtime_ns}".encode())
    with path.open("rb") as handle:
        digest.update(handle.read(65536))
        if stat.st_size > 65536:
            handle.seek(max(stat.st_size - 65536, 65536))
            digest.update(handle.read(65536))
    return digest.hexdigest()[:24]


class ImportRunner:
    """Maps and writes records from sources, in batches, resumably."""

    def __init__(
        self,
        sink: Sink,
        *,
        strict: bool = False,
        batch_size: int = BATCH_SIZE,
        progress: Callable[[int, int | None], None] | None = None,
    ) -> None:
        self.sink = sink
        self.strict = strict
        self.batch_size = batch_size
        self.progress = progress or (lambda done, total: None)

    def run(self, sources: list[Source]) -> ImportSummary:
        """Import every source; raises ImportRejected in strict mode on the first bad record."""
        summary = ImportSummary()
        if self.strict:
            with self.sink.transaction() as tx:
                for source in sources:
                    self._run_source(source, summary, lambda: _Same(tx))
        else:
            for source in sources:
                self._run_source(source, summary, self.sink.transaction)
        return summary

    def _run_source(
        self,
        source: Source,
        summary: ImportSummary,
        transaction: Callable[[], AbstractContextManager[SinkTransaction]],
    ) -> None:
        cursor_name = f"import:{source.fingerprint}"
        resume = 0 if self.strict else int(self.sink.cursor(cursor_name) or 0)
        if resume:
            summary.resumed_from[source.label] = resume
        summary.files += 1
        only: set[int] | None = None
        if source.bulk is not None and not self.strict and not resume:
            outcome = self.sink.bulk(source.bulk)
            if outcome is not None:
                records, counts, fallback = outcome
                summary.add_counts(counts)
                summary.records += records - len(fallback)
                self.progress(records, records)
                if not fallback:
                    return
                only = set(fallback)
        batch = Batch()
        done = 0
        for line, record in source.records():
            done += 1
            if line <= resume or (only is not None and done not in only):
                continue
            # Flush only between lines: a file line can hold several records
            # (a twarc2 response of 100 tweets), and the cursor names lines.
            if batch.items >= self.batch_size and line != batch.position:
                self._flush(batch, summary, transaction, cursor_name)
                batch = Batch()
                self.progress(done, source.total)
            self._map_into(batch, source, line, record)
            batch.position = line
        self._flush(batch, summary, transaction, cursor_name, final=True)
        self.progress(done, done)

    def _map_into(self, batch: Batch, source: Source, line: int, record: dict[str, Any]) -> None:
        batch.items += 1
        error = record.get("__error__")
        if error is not None:
            field_name, raw = record.get("__field__"), record.get("__raw__")
            reason = error if isinstance(error, Phrase) else str(error)
            self._reject(batch, RowError(source.label, line, field_name, reason, raw))
            return
        try:
            mapped = check_mapped(source.mapper.map_record(record))
        except FieldError as exc:
            raw = record.get("__raw__") or json_text(payload(record))
            self._reject(batch, RowError(source.label, line, exc.field, exc.reason, raw))
            return
        batch.documents.extend(mapped.documents)
        batch.actors.extend(mapped.actors)
        batch.interactions.extend(mapped.interactions)
        batch.links.extend(mapped.links)

    def _reject(self, batch: Batch, error: RowError) -> None:
        batch.errors.append(error)
        if self.strict:
            raise ImportRejected(
                N_("{file}:{line}: field '{field}': {reason}. Nothing was imported (--strict).")
                if error.field
                else N_("{file}:{line}: {reason}. Nothing was imported (--strict)."),
                N_("Fix that row, or drop --strict to import the valid rows and log the others."),
                file=str(error.file),
                line=str(error.line),
                field=str(error.field),
                reason=str(error.reason),
            )

    def _flush(
        self,
        batch: Batch,
        summary: ImportSummary,
        transaction: Callable[[], AbstractContextManager[SinkTransaction]],
        cursor_name: str,
        final: bool = False,
    ) -> None:
        with transaction() as tx:
            if batch.documents or batch.actors or batch.interactions:
                summary.add_counts(tx.write(batch))
            if batch.errors:
                tx.log_errors(batch.errors)
            if not self.strict:
                tx.set_cursor(cursor_name, None if final else str(batch.position))
        summary.records += batch.items
        summary.rejected += len(batch.errors)
        summary.errors.extend(batch.errors[: max(0, 1000 - len(summary.errors))])


class _Same(AbstractContextManager[SinkTransaction]):
    """Re-enter an already open transaction (strict mode writes everything in one)."""

    def __init__(self, tx: SinkTransaction) -> None:
        self.tx = tx

    def __enter__(self) -> SinkTransaction:
        return self.tx

    def __exit__(self, *exc: object) -> None:
        return None
