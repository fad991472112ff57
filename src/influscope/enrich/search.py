"""The searchable forms of documents, computed once and kept in ``document_search``.

Every query over the store (brand aliases, axis queries, ad hoc queries)
matches a document's *normalised* text: lower-cased, accents and ligatures
folded, French elisions dropped, tokens joined by single spaces (see
:mod:`influscope.query.normalize`). Normalising a million texts costs seconds
of engine time, and brand attribution, each axis of the share of voice and
each ad hoc query used to pay it again. Here it is paid once per document:
the forms are computed by the query compiler's own expressions
(:func:`~influscope.query.ibis_compiler.padded_expr` and
:func:`~influscope.query.ibis_compiler.padded_list_expr`), so a query reading
them gives exactly the answer it would give by normalising on the fly
(:class:`~influscope.query.ibis_compiler.IbisCompiler` takes them as
``search=``; callers :func:`refresh` first, under the store's lock, since a
document without a current form would not match; :func:`current_forms`
does both checks).

A form is redone when its document's ``source_run`` changes (an import that
changed the document), and dropped when the document is gone.

Example:
    >>> refresh(store)  # doctest: +SKIP
    {'computed': 1000000, 'dropped': 0}
"""

from __future__ import annotations

from typing import Any

import ibis
import ibis.expr.types as ir

from influscope.query.ibis_compiler import padded_expr, padded_list_expr

TABLE = "document_search"


def forms_expr(documents: ir.Table) -> ir.Table:
    """The stored columns for the given documents (``brands`` left null: not attributed)."""
    return documents.select(
        "doc_id",
        "source_run",
        text=padded_expr(documents),
        tags=padded_list_expr(documents.hashtags, "tag"),
        mentions=padded_list_expr(documents.mentions, "mention"),
        brands=ibis.null().cast("string"),
    )


def stale_expr(store: Any) -> ir.Table:
    """Documents whose stored form is missing or older than the document."""
    docs: ir.Table = store.table("documents")
    forms: ir.Table = store.table(TABLE)
    return docs.anti_join(
        forms, [docs.doc_id == forms.doc_id, docs.source_run.identical_to(forms.source_run)]
    )


def refresh(store: Any) -> dict[str, int]:
    """Compute the forms of new or changed documents and drop those of removed ones.

    Returns how many forms were computed and dropped (both 0 when up to date,
    which costs two anti-joins).
    """
    # Checked first on this thread's own handle, without the store's write lock: the
    # check is a read (two anti-joins, about a second at a million documents), and a
    # server's other readers (the alerts inbox) would otherwise wait behind every map
    # job's axis filters. The lock is taken only when there is something to write.
    if not _due(store):
        return {"computed": 0, "dropped": 0}
    # Under the lock the writes find for themselves what is left to do (another
    # thread may have done it meanwhile): counting first would be two more
    # anti-joins over every document.
    with store.lock, store.transaction() as writer:
        stale = stale_expr(store)
        docs: ir.Table = store.table("documents")
        forms: ir.Table = store.table(TABLE)
        orphans = forms.anti_join(docs, forms.doc_id == docs.doc_id).select("doc_id")
        gone = writer.delete_query(TABLE, "doc_id", orphans)
        writer.delete_query(TABLE, "doc_id", stale.select("doc_id"))
        todo = writer.insert_query(TABLE, forms_expr(stale_expr(store)))
    return {"computed": todo, "dropped": gone}


def is_current(store: Any) -> bool:
    """Whether every document has a current stored form (one anti-join, a read: no write lock).

    Executed through the store's own ``to_arrow`` so that a read view's cursor is
    used under its lock, as every other read of the watch's rules.
    """
    return int(store.scalar(stale_expr(store).count())) == 0


def _due(store: Any) -> bool:
    """Whether a form is missing, stale or orphaned (reads only)."""
    docs: ir.Table = store.table("documents")
    forms: ir.Table = store.table(TABLE)
    orphans = forms.anti_join(docs, forms.doc_id == docs.doc_id)
    if not is_current(store):
        return True
    return int(store.scalar(orphans.count())) > 0


def current_forms(store: Any) -> ir.Table | None:
    """The stored forms, refreshed first when the store is writable; None if not current.

    None too on a store that keeps no forms (a lake): queries normalise on the fly.
    """
    if not store.stored_forms:
        return None
    if not getattr(store, "read_only", False):
        refresh(store)
        return search_table(store)
    return search_table(store) if is_current(store) else None


def forms_if_current(store: Any) -> ir.Table | None:
    """The stored forms when every document has a current one, else None; never writes.

    For analyses that may run beside others on a server's threads: refreshing is
    the importer's and the share of voice's job (a write), and a write of the forms
    while another thread's query reads them is what this avoids. Stale forms mean
    folding on the fly: slower, same answer.
    """
    if not store.stored_forms or not is_current(store):
        return None
    return search_table(store)


def search_table(store: Any) -> ir.Table:
    """The stored forms, for :class:`~influscope.query.ibis_compiler.IbisCompiler` (``search=``)."""
    table: ir.Table = store.table(TABLE)
    return table
