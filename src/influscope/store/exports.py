"""Exporting canonical tables as CSV, JSON Lines or Parquet, in a form imports read back.

Enrichment fields (``sentiment``, ``stance:climate``…) can be asked for beside
the table's columns: each becomes a column holding the value that wins for that
field (a learned value over a default one, the newest run otherwise).
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import IO, Any

import orjson
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.csv as pacsv
import pyarrow.parquet as pq

from influscope.errors import N_, UsageError
from influscope.ingest.files.formulas import NUMBER, TRIGGER
from influscope.store.chosen import chosen_values
from influscope.store.engine import Store
from influscope.store.privacy import salt
from influscope.store.pseudonym import Pseudonymiser

EXPORTABLE = {
    "documents": ("document", "doc_id"),
    "actors": ("actor", "actor_id"),
    "interactions": (None, None),
    "links": (None, None),
    "alerts": (None, None),
    "search_demand": (None, None),
    "serp": (None, None),
    "offline_notes": (None, None),
}
FORMATS = ("csv", "jsonl", "parquet")


def export_expr(store: Store, table: str, fields: list[str] | None) -> Any:
    """The Ibis expression of an export: table columns plus requested enrichment fields."""
    if table not in EXPORTABLE:
        raise UsageError(
            N_("Cannot export {table}."),
            N_("Exportable: {tables}."),
            table=repr(table),
            tables=", ".join(EXPORTABLE),
        )
    base = store.table(table)
    if table == "documents":
        base = with_brands(store, base)
    subject, key = EXPORTABLE[table]
    order = store.primary_key(table)
    if order:
        base = base.order_by(order)
    if not fields:
        return base
    extra = [f for f in fields if f not in base.columns]
    expr = base
    if not extra:
        return expr.select(*fields)
    if subject is None:
        raise UsageError(
            N_("{table} has no fields {fields}."),
            N_("Columns: {columns}."),
            table=table,
            fields=", ".join(extra),
            columns=", ".join(base.columns),
        )
    _check_fields(store, subject, table, extra, list(base.columns))
    for name in extra:
        values = _enrichment_values(store, subject, name)
        expr = expr.left_join(values, expr[key] == values.subject_id).drop("subject_id")
        expr = expr.rename({name: "value"})
    return expr.select(*fields)


def with_brands(store: Store, documents: Any) -> Any:
    """Documents with a ``brands`` column: the sorted names of the brands each one cites."""
    import ibis  # noqa: PLC0415

    cites = store.table("document_brands")
    names = cites.group_by("doc_id").aggregate(brands=cites.brand.collect(distinct=True).sort())
    names = names.rename(_brand_doc="doc_id")
    joined = documents.left_join(names, documents.doc_id == names._brand_doc)
    empty = ibis.literal([], type="array<string>")
    return joined.mutate(brands=ibis.coalesce(joined.brands, empty)).drop("_brand_doc")


def _check_fields(
    store: Store, subject: str, table: str, asked: list[str], columns: list[str]
) -> None:
    """Refuse a field that is neither a column nor filled for any row: a typo gave an empty column.

    Raises:
        UsageError: naming the columns and the enrichment fields the workspace has.
    """
    e = store.table("enrichments")
    found = store.to_arrow(
        e.filter((e.subject == subject) & e.field.isin(asked) & e.value.notnull())
        .select("field")
        .distinct()
    ).column("field")
    missing = sorted(set(asked) - set(found.to_pylist()))
    if not missing:
        return
    known = store.to_arrow(
        e.filter(e.subject == subject).select("field").distinct().order_by("field")
    ).column("field")
    raise UsageError(
        N_("{table} has no field {fields}: it is neither a column nor an enrichment filled here."),
        N_(
            "Columns: {columns}. Enrichment fields: {enriched} (run 'influscope enrich' to fill "
            "the others)."
        ),
        table=table,
        fields=", ".join(repr(f) for f in missing),
        columns=", ".join(columns),
        enriched=", ".join(known.to_pylist()) or "-",
    )


def _enrichment_values(store: Store, subject: str, field: str) -> Any:
    return chosen_values(store, field, subject).select("subject_id", "value")


def export_table(
    store: Store,
    table: str,
    out: str | Path | IO[bytes] | None,
    *,
    fmt: str = "csv",
    fields: list[str] | None = None,
    pseudonymise: bool = False,
    neutralise: bool = True,
) -> int:
    """Stream an export to a file path or binary stream (stdout when None); returns rows.

    With ``pseudonymise``, actor and document ids, handles, names and the
    account/post parts of social URLs become salted hashes, bios and raw
    records are dropped, and @handles and ids in text (alert explanations and
    evidence too) are replaced (:mod:`influscope.store.pseudonym`). In CSV,
    text a spreadsheet would run as a formula (``=``, ``+``, ``-``, ``@``, tab,
    CR first) is quoted unless ``neutralise`` is False
    (:mod:`influscope.ingest.files.formulas`); numbers stay numbers.
    """
    if fmt not in FORMATS:
        raise UsageError(
            N_("Unknown export format {format}."),
            N_("Use one of {formats}."),
            format=repr(fmt),
            formats=", ".join(FORMATS),
        )
    expr = export_expr(store, table, fields)
    stream: IO[bytes] = (
        sys.stdout.buffer
        if out is None
        else open(out, "wb")  # closed below when it is ours
        if isinstance(out, str | Path)
        else out
    )
    rows = 0
    writer: Any = None
    try:
        hider = _pseudonymiser(store) if pseudonymise else None
        for batch in store.batches(expr, batch_size=50_000):
            rows += batch.num_rows
            if hider is not None:
                batch = pa.RecordBatch.from_pylist(
                    hider.rows(batch.to_pylist()), schema=batch.schema
                )
            if fmt == "jsonl":
                for record in batch.to_pylist():
                    stream.write(orjson.dumps(record, default=str) + b"\n")
                continue
            if fmt == "csv":
                batch = _flatten_lists(batch, neutralise)
                if writer is None:
                    writer = pacsv.CSVWriter(stream, batch.schema)
            elif writer is None:
                writer = pq.ParquetWriter(stream, batch.schema)
            writer.write(pa.Table.from_batches([batch]) if fmt == "parquet" else batch)
        if writer is None and fmt != "jsonl":
            empty = store.to_arrow(expr.limit(0))
            if fmt == "csv":
                empty = _flatten_lists(empty, neutralise)
                pacsv.write_csv(empty, stream)
            else:
                pq.write_table(empty, stream)
    finally:
        if writer is not None:
            writer.close()
        if isinstance(out, str | Path):  # opened here
            stream.close()
        else:
            stream.flush()
    return rows


def _pseudonymiser(store: Store) -> Pseudonymiser:
    """The workspace's pseudonymiser: its salt, and the platforms its ids are prefixed by."""
    with store.lock:
        platforms = store.con.execute(
            "SELECT platform FROM actors UNION SELECT platform FROM documents"
        ).fetchall()
        return Pseudonymiser(salt(store.con), [str(p[0]) for p in platforms if p[0]])


def neutralise_column(column: pa.Array | pa.ChunkedArray) -> pa.Array | pa.ChunkedArray:
    """``formulas.neutralise`` on every value of an Arrow text column (others unchanged)."""
    if not (pa.types.is_string(column.type) or pa.types.is_large_string(column.type)):
        return column
    risky = pc.and_kleene(
        pc.match_substring_regex(column, TRIGGER),
        pc.invert(pc.match_substring_regex(column, NUMBER)),
    )
    quoted = pc.binary_join_element_wise(pa.scalar("'", column.type), column, "")
    return pc.if_else(risky, quoted, column)


def _flatten_lists(batch: Any, neutralise: bool = True) -> Any:
    """CSV has no lists: write them as JSON arrays, which imports read back.

    Text is neutralised against spreadsheet formulas unless ``neutralise`` is False.
    """
    columns = []
    for column, field in zip(batch.columns, batch.schema, strict=True):
        if pa.types.is_list(field.type):
            values = [None if v is None else orjson.dumps(v).decode() for v in column.to_pylist()]
            column = pa.array(values, pa.string())
        elif pa.types.is_timestamp(field.type):
            column = pc.strftime(column, "%Y-%m-%dT%H:%M:%S")
        elif neutralise:
            column = neutralise_column(column)
        columns.append(column)
    names = batch.schema.names
    return (
        pa.RecordBatch.from_arrays(columns, names=names)
        if isinstance(batch, pa.RecordBatch)
        else pa.table(columns, names=names)
    )
