"""Sentence embeddings kept in the store between runs (table ``document_vectors``).

Why: encoding a post costs 20–80 ms on one core. Without a memory of it,
every retraining encoded every labelled post again, and every ``enrich``
after a retraining (a new model version redoes every document) encoded the
whole workspace again: about 95 CPU-minutes per 100,000 posts each time a
team adds a few labels. A vector depends only on the text and the encoder, so
it is stored under both (the text's hash, the encoder's version) and read
back into the encoder's cache before a model needs it; only texts never seen
are encoded. Each row names the document it came from, so erasing an actor
or applying the retention limit removes it with the document (both sweep
every ``doc_id`` column).
"""

from __future__ import annotations

from typing import Any

import numpy as np
import pyarrow as pa

from influscope.enrich import embeddings as encoder
from influscope.model import spec

TABLE = "document_vectors"


def uses_embeddings(model: Any) -> bool:
    """Whether a trained model reads sentence embeddings (a pipeline step or a reply stage)."""
    if getattr(model, "embeddings", False):  # the reply-stance model
        return True
    steps = getattr(model, "steps", None) or []
    for _, step in steps:
        for _, part in getattr(step, "transformer_list", []) or []:
            if getattr(part, "func", None) is encoder.features:
                return True
    return False


def recall(store: Any, texts: list[str]) -> set[str]:
    """Load the stored vectors of ``texts`` into the encoder's cache; the keys found.

    Reads one committed snapshot (no wait behind a write).
    """
    keys = sorted({encoder.key(t) for t in texts})
    if not keys:
        return set()
    with store.snapshot() as con:
        found = con.execute(
            f"SELECT DISTINCT ON (text_hash) text_hash, vector FROM {TABLE} "  # noqa: S608
            "WHERE model = ? AND text_hash IN (SELECT unnest(?)) ORDER BY text_hash",
            [encoder.version(), keys],
        ).to_arrow_table()
    if found.num_rows == 0:
        return set()
    hashes = found.column("text_hash").to_pylist()
    flat = found.column("vector").combine_chunks().flatten()
    vectors = np.asarray(flat.to_numpy(zero_copy_only=False), dtype=np.float32)
    encoder.remember(hashes, vectors.reshape(len(hashes), encoder.DIM))
    return set(hashes)


def fresh(ids: list[str], texts: list[str], known: set[str]) -> pa.Table | None:
    """Rows to store for the texts encoded since :func:`recall` (None: nothing new).

    One row per (document, text) whose key was not stored yet and whose vector
    this process holds now.
    """
    keys = [encoder.key(t) for t in texts]
    held = encoder.cached([k for k in keys if k not in known])
    seen: set[tuple[str, str]] = set()
    rows: dict[str, list[Any]] = {"doc_id": [], "text_hash": [], "vector": []}
    for doc_id, k in zip(ids, keys, strict=True):
        if k not in held or (doc_id, k) in seen:
            continue
        seen.add((doc_id, k))
        rows["doc_id"].append(doc_id)
        rows["text_hash"].append(k)
        rows["vector"].append(held[k])
    if not rows["doc_id"]:
        return None
    schema = spec(TABLE).arrow_schema()
    flat = np.concatenate(rows["vector"]).astype(np.float32)
    vector = pa.FixedSizeListArray.from_arrays(pa.array(flat, pa.float32()), encoder.DIM)
    columns = {
        "doc_id": pa.array(rows["doc_id"], pa.string()),
        "model": pa.array([encoder.version()] * len(rows["doc_id"]), pa.string()),
        "text_hash": pa.array(rows["text_hash"], pa.string()),
        "vector": vector,
    }
    return pa.Table.from_pydict(columns, schema=schema)
