"""The enrichment actions behind the workspace methods: enrich, label docs, train, themes.

These take what they use (the config, the store, the workspace folder where
learned models live) rather than the workspace, so the enrichment service of
:mod:`influscope.workspace` stays a thin list of actions, the logic stays in
this package, and nothing here reaches up the flow.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pyarrow as pa

from influscope.config import Config
from influscope.enrich import labels as label_io
from influscope.enrich import models, vectors
from influscope.enrich import themes as theme_terms
from influscope.enrich.base import ENRICHERS, EnrichContext
from influscope.enrich.learned import train as fit
from influscope.enrich.pipeline import Progress, plan, run_pipeline
from influscope.enrich.reply_context import replies_of
from influscope.enrich.reply_stance_model import train_replies
from influscope.enrich.terms import brand_names
from influscope.enrich.text import combine_text
from influscope.errors import N_, InfluscopeError, InputError, Phrase, UsageError
from influscope.model import RowError
from influscope.store.engine import Store
from influscope.store.runs import log_errors, now


def available(
    config: Config, store: Store, root: Path, broken: list[tuple[str, str]] | None = None
) -> dict[str, Any]:
    """Every enricher this workspace can run: registered plugins plus learned models.

    A plugin that fails to load is left out and named in ``broken`` with its
    error, so one faulty third-party enricher does not stop the built-ins.
    """
    found: dict[str, Any] = {}
    for name in ENRICHERS.names():
        try:
            enricher = ENRICHERS.load(name).from_config(config)
        except InfluscopeError:
            raise
        except Exception as exc:  # noqa: BLE001 - a plugin's own bug, reported below
            if broken is not None:
                broken.append((name, f"failed to load: {exc}"))
            continue
        found[enricher.name] = enricher
    for row in models.latest(store):
        known = label_io.labelled_texts(store, row["field"])
        labels = dict(
            zip(known.column("doc_id").to_pylist(), known.column("value").to_pylist(), strict=True)
        )
        enricher = models.LearnedEnricher(root, row, labels)
        found[enricher.name] = enricher
    return found


def enrich(
    config: Config,
    store: Store,
    root: Path,
    run_id: str,
    *,
    only: str | None = None,
    force: bool = False,
    progress: Progress | None = None,
) -> dict[str, Any]:
    """Plan and run the enrichers; the summary lists what ran and what was skipped (and why)."""
    settings = config.enrich
    broken: list[tuple[str, str]] = []
    found = available(config, store, root, broken)
    chosen = plan(found, only, settings.skip)
    context = EnrichContext(config, store, run_id, root)
    reports = run_pipeline(
        context, chosen.steps, force=force, batch_size=settings.batch_size, progress=progress
    )
    return {
        "run_id": run_id,
        "enrichers": [r.as_dict() for r in reports],
        "skipped": [{"name": n, "reason": r} for n, r in [*broken, *chosen.skipped]],
    }


def label_docs(store: Store, path: Path, run_id: str) -> dict[str, Any]:
    """Validate and store a label file; unknown documents and bad lines go to the error log."""
    parsed = label_io.read_labels(path)
    unknown = label_io.unknown_documents(store, parsed.rows)
    errors = list(parsed.errors)
    rows = []
    for row in parsed.rows:
        if row["doc_id"] in unknown:
            errors.append(
                RowError(
                    str(path),
                    row["source_line"],
                    "doc_id",
                    Phrase(N_("no document {doc} in the workspace"), doc=repr(row["doc_id"])),
                    f"{row['doc_id']},{row['field']},{row['value']}",
                )
            )
            continue
        rows.append(row | {"source_file": str(path), "source_run": run_id, "labelled_at": now()})
    errors.sort(key=lambda e: e.line or 0)
    with store.transaction() as writer:
        written = (
            writer.upsert("document_labels", pa.Table.from_pylist(rows), coalesce=False)
            if rows
            else None
        )
        log_errors(writer, run_id, 0, errors)
    fields: dict[str, int] = {}
    for row in rows:
        fields[row["field"]] = fields.get(row["field"], 0) + 1
    return {
        "labels": len(rows),
        "inserted": written.inserted if written else 0,
        "updated": written.updated if written else 0,
        "rejected": len(errors),
        "fields": fields,
        "errors": [{"line": e.line, "field": e.field, "reason": e.reason} for e in errors],
    }


def train(
    store: Store, root: Path, field: str, run_id: str, *, folds: int = 5, embeddings: bool = False
) -> dict[str, Any]:
    """Train, cross-validate and save a classifier for ``field`` from its labels.

    ``embeddings`` lets the choice consider sentence embeddings (both models).
    """
    data = label_io.labelled_texts(store, field)
    if data.num_rows == 0:
        known = label_io.label_fields(store)
        hint = (
            N_("Labelled fields: {fields}.")
            if known
            else N_("Label documents first: influscope label docs labels.csv")
        )
        raise UsageError(
            N_("No labelled documents for field {field}."),
            hint,
            field=repr(field),
            fields=", ".join(known),
        )
    values = data.column("value").to_pylist()
    ids = [str(d) for d in data.column("doc_id").to_pylist()]
    kind = models.KIND
    threads = field == models.REPLY_STANCE  # read against its parent and thread
    replies = replies_of(store, ids) if threads else []
    texts = [r.text for r in replies] if threads else combine_text(data).to_pylist()
    # Posts encoded by an earlier training or enrichment are not encoded again.
    stored = vectors.recall(store, texts) if embeddings else set()
    try:
        if threads:
            result = train_replies(
                replies, [str(v).lower() for v in values], folds=folds, embeddings=embeddings
            )
            kind = models.REPLY_STANCE_KIND
        else:
            result = fit(texts, values, folds=folds, embeddings=embeddings)
    except InputError as error:
        raise InputError.around(
            error, N_("Cannot train {field}: {reason}"), field=repr(field)
        ) from error
    encoded = vectors.fresh(ids, texts, stored) if embeddings else None
    with store.transaction() as writer:
        path = models.save(root, writer, field, result, run_id, kind=kind)
        if encoded is not None:
            writer.append(vectors.TABLE, encoded)
    return {"field": field, "version": result.version, "path": path, **result.metrics}


def themes(config: Config, store: Store, axis: str, top: int, run_id: str) -> list[dict[str, Any]]:
    """Compute and store the themes of an axis."""
    return theme_terms.compute(
        store,
        config.axis(axis),
        top=top,
        run_id=run_id,
        clusters=config.enrich.theme_clusters,
        names=brand_names(config.brands),
    )
