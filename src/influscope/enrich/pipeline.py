"""Running enrichers: in dependency order, incrementally, in Arrow batches, with provenance.

Each enricher sees only the rows it has not done at its current version: the
input is the subject table anti-joined with the ``enrichments`` rows of that
producer and version. The keys to do are listed once; rows are then read through
Ibis one page of keys at a time (a semi-join), so memory stays flat on any
size of store and a killed run resumes where it stopped: each page's results commit in their own
transaction. Changing an enricher's version (a new lexicon, a retrained
model) re-runs it on everything; ``force`` does the same on demand.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any

import ibis
import pyarrow as pa
import pyarrow.compute as pc

from influscope.enrich.base import ENRICHMENT_SCHEMA, EnrichContext
from influscope.errors import N_, Phrase, UsageError
from influscope.store.runs import now

KEYS = {"document": ("documents", "doc_id"), "actor": ("actors", "actor_id")}
Progress = Callable[[int, int | None], None]


@dataclass
class StepReport:
    """What one enricher did in a run."""

    name: str
    version: str
    todo: int = 0
    done: int = 0
    written: int = 0
    seconds: float = 0.0
    skipped: str | None = None

    def as_dict(self) -> dict[str, Any]:
        """A JSON-ready view."""
        return {
            "name": self.name,
            "version": self.version,
            "todo": self.todo,
            "done": self.done,
            "written": self.written,
            "seconds": round(self.seconds, 3),
            "skipped": self.skipped,
        }


@dataclass
class Plan:
    """The enrichers a run will execute, in order, and those it leaves out (with why)."""

    steps: list[Any]
    skipped: list[tuple[str, str]] = field(default_factory=list)


def order(enrichers: Iterable[Any]) -> list[Any]:
    """Sort enrichers so each runs after those it ``requires`` (ties by name).

    Requirements on enrichers that are not part of the run are ignored: an
    ``--only sentiment`` run reads whatever languages are already stored.

    Raises:
        UsageError: on a dependency cycle.
    """
    pending = {e.name: e for e in enrichers}
    placed: list[Any] = []
    done: set[str] = set()
    while pending:
        ready = sorted(
            name
            for name, e in pending.items()
            if all(r in done or r not in pending for r in e.requires)
        )
        if not ready:
            raise UsageError(
                N_("Enrichers depend on each other in a cycle: {names}."),
                N_("Fix the 'requires' of the plugins involved."),
                names=", ".join(sorted(pending)),
            )
        for name in ready:
            placed.append(pending.pop(name))
            done.add(name)
    return placed


def plan(available: dict[str, Any], only: str | None, skip: Iterable[str] = ()) -> Plan:
    """Choose what runs: ``only`` one enricher, or every default one that can run here."""
    if only is not None:
        if only not in available:
            known = ", ".join(sorted(available))
            hint = N_("Known enrichers: {known}.") if known else N_("Known enrichers: none.")
            raise UsageError(N_("Unknown enricher {name}."), hint, name=repr(only), known=known)
        enricher = available[only]
        reason = enricher.available()
        if reason:
            raise UsageError(
                N_("Enricher {name} cannot run: {reason}"),
                "{reason}",
                name=repr(only),
                reason=reason,
            )
        return Plan([enricher])
    chosen: list[Any] = []
    skipped: list[tuple[str, str]] = []
    skip_set = set(skip)
    for name, enricher in sorted(available.items()):
        if name in skip_set:
            skipped.append((name, Phrase(N_("skipped in influscope.toml ([enrich] skip)"))))
            continue
        if not enricher.default:
            skipped.append((name, Phrase(N_("not run by default; use --only {name}"), name=name)))
            continue
        reason = enricher.available()
        if reason:
            skipped.append((name, reason))
            continue
        chosen.append(enricher)
    return Plan(order(chosen), skipped)


def todo_expr(store: Any, enricher: Any, force: bool = False) -> Any:
    """The Ibis expression of the rows ``enricher`` has not done at its version."""
    table_name, key = KEYS[enricher.subject]
    source = store.table(table_name)
    columns = list(dict.fromkeys([key, *enricher.columns]))
    if force:
        return source.select(*columns)
    e = store.table("enrichments")
    done = e.filter(
        (e.subject == enricher.subject)
        & (e.producer == enricher.name)
        & (e.producer_version == enricher.version)
        & (e.field == enricher.fields[0])
    ).select(subject_id=e.subject_id)
    return source.anti_join(done, source[key] == done.subject_id).select(*columns)


def pages(store: Any, enricher: Any, force: bool, size: int) -> Iterator[pa.Table]:
    """The rows to do, ``size`` at a time.

    The keys to do are listed once (one anti-join), then each page is fetched
    with a semi-join on its slice of keys, so the cost of a page does not grow
    with how much of the table is already done.
    """
    table_name, key = KEYS[enricher.subject]
    # Reads on this thread's own handle: they never wait for another thread's write.
    todo = todo_expr(store, enricher, force)
    keys = store.to_arrow(todo.select(key).order_by(key)).column(key).combine_chunks()
    columns = list(dict.fromkeys([key, *enricher.columns]))
    for start in range(0, len(keys), size):
        wanted = ibis.memtable(pa.table({"_wanted": keys.slice(start, size)}))
        source = store.table(table_name)
        page = source.semi_join(wanted, source[key] == wanted._wanted).select(*columns)
        yield store.to_arrow(page)


def run_pipeline(
    context: EnrichContext,
    steps: list[Any],
    *,
    force: bool = False,
    batch_size: int = 50_000,
    progress: Progress | None = None,
) -> list[StepReport]:
    """Run ``steps`` (already ordered) over what each has not done; returns one report each."""
    store = context.store
    reports = [StepReport(e.name, e.version) for e in steps]
    for report, enricher in zip(reports, steps, strict=True):
        report.todo = int(
            store.to_arrow(todo_expr(store, enricher, force).count().as_table())[0][0].as_py()
        )
    total = sum(r.todo for r in reports)
    done_all = 0
    if progress:
        progress(0, total)
    for enricher, report in zip(steps, reports, strict=True):
        if report.todo == 0:
            continue
        started = time.perf_counter()
        _, key = KEYS[enricher.subject]
        fresh = not force and not _has_rows(store, enricher)
        # Listed now, after earlier steps wrote (e.g. documents.lang filled by language).
        for rows in pages(store, enricher, force, batch_size):
            result = _complete(enricher.run(context, rows), rows.column(key), enricher.fields[0])
            stamped = _stamp(result, enricher, context.run_id)
            with store.transaction() as writer:
                if fresh:  # first run of this producer: every row is new, skip the upsert checks
                    writer.append("enrichments", stamped)
                else:
                    writer.upsert("enrichments", stamped, coalesce=False)
                enricher.persist(writer, rows, result)
            report.done += rows.num_rows
            report.written += result.num_rows
            done_all += rows.num_rows
            if progress:
                progress(done_all, total)
        report.seconds = time.perf_counter() - started
    return reports


def _has_rows(store: Any, enricher: Any) -> bool:
    """Whether this producer wrote anything before, at any version (then rows may collide)."""
    e = store.table("enrichments")
    mine = e.filter((e.subject == enricher.subject) & (e.producer == enricher.name))
    found: pa.Table = store.to_arrow(mine.select("subject_id").limit(1))
    return bool(found.num_rows > 0)


def _complete(result: pa.Table, ids: pa.ChunkedArray, first_field: str) -> pa.Table:
    """Add null rows for input ids the enricher returned nothing for (they are done too)."""
    result = result.cast(ENRICHMENT_SCHEMA) if result.schema != ENRICHMENT_SCHEMA else result
    marked = result.filter(pc.equal(result.column("field"), first_field)).column("subject_id")
    missing = ids.filter(pc.invert(pc.is_in(ids, value_set=marked.combine_chunks())))
    if len(missing) == 0:
        return result
    filler = pa.table(
        [
            missing.cast(pa.string()),
            pa.array([first_field] * len(missing), pa.string()),
            pa.nulls(len(missing), pa.string()),
            pa.nulls(len(missing), pa.float64()),
        ],
        schema=ENRICHMENT_SCHEMA,
    )
    return pa.concat_tables([result, filler])


def _stamp(result: pa.Table, enricher: Any, run_id: str) -> pa.Table:
    """Add subject and provenance columns (producer, version, run, time)."""
    n = result.num_rows
    stamped = result
    stamped = stamped.append_column("subject", pa.array([enricher.subject] * n, pa.string()))
    stamped = stamped.append_column("producer", pa.array([enricher.name] * n, pa.string()))
    stamped = stamped.append_column(
        "producer_version", pa.array([enricher.version] * n, pa.string())
    )
    stamped = stamped.append_column("run_id", pa.array([run_id] * n, pa.string()))
    return stamped.append_column("created_at", pa.array([now()] * n, pa.timestamp("us")))
