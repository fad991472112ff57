"""A real DuckDB store holding hand-made documents, to run the Ibis compiler on."""

from __future__ import annotations

from typing import Any

import pyarrow as pa

from influscope.query import compile_matcher
from influscope.query.ibis_compiler import filter_documents
from influscope.store.engine import Store

DOC_SCHEMA = pa.schema(
    [
        ("doc_id", pa.string()),
        ("platform", pa.string()),
        ("native_id", pa.string()),
        ("author_id", pa.string()),
        ("text", pa.string()),
        ("title", pa.string()),
        ("url", pa.string()),
        ("lang", pa.string()),
        ("hashtags", pa.list_(pa.string())),
        ("mentions", pa.list_(pa.string())),
    ]
)
LINK_SCHEMA = pa.schema([("doc_id", pa.string()), ("url", pa.string()), ("domain", pa.string())])


def complete(rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Fill ids and defaults so rows fit the documents table."""
    done = []
    for n, row in enumerate(rows):
        full = {name: None for name in DOC_SCHEMA.names} | {"links": [], "domains": []} | row
        full["doc_id"] = full["doc_id"] or f"test:{n}"
        full["platform"] = full["platform"] or "test"
        full["native_id"] = full["doc_id"].split(":", 1)[1]
        done.append(full)
    return done


def load(store: Store, rows: list[dict[str, Any]]) -> None:
    """Replace the store's documents and links with ``rows`` (with ``links``/``domains`` keys)."""
    docs = pa.Table.from_pylist([{k: r[k] for k in DOC_SCHEMA.names} for r in rows], DOC_SCHEMA)
    links = pa.Table.from_pylist(
        [
            {"doc_id": r["doc_id"], "url": u, "domain": d}
            for r in rows
            for u, d in zip(r["links"], r["domains"], strict=True)
        ],
        LINK_SCHEMA,
    )
    with store.transaction() as writer:
        writer.replace_all("documents", docs)
        writer.replace_all("links", links)


def both(
    store: Store, rows: list[dict[str, Any]], query: str, portable: bool = False
) -> tuple[list[str], list[str]]:
    """Doc ids matched by the Ibis compiler on the store and by the Python matcher."""
    expr = filter_documents(store.table("documents"), query, store.table("links"), portable)
    engine = sorted(store.to_arrow(expr.select("doc_id"))["doc_id"].to_pylist())
    match = compile_matcher(query)
    python = sorted(r["doc_id"] for r in rows if match(r))
    return engine, python
