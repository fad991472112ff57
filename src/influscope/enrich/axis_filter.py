"""The documents of an axis, as an Ibis filter compiled from the axis query.

The query language lives in :mod:`influscope.query` (AND/OR/NOT, phrases,
NEAR, field filters; case-, accent- and elision-insensitive). Matching folds
every document's text (lower case, accents, elisions); the DuckDB store keeps
those folded forms (:mod:`influscope.enrich.search`), and reading them instead
of folding again is what makes an axis filter over a million documents take
seconds rather than minutes (3.5 s against 32–316 s per axis on the 1M demo).
:func:`matching` is how analyses select a query's documents (map, profiles, tiers,
ROI, advocacy, alert scopes, journeys, claims, the ad hoc query); only the share of
voice calls the compiler itself, after refreshing the forms (a write it may do). The fallback terms serve the themes' rough highlighting of query words.
"""

from __future__ import annotations

import re
from typing import Any

import ibis.expr.types as ir

from influscope.enrich.search import forms_if_current
from influscope.enrich.text import fold_word
from influscope.query.ibis_compiler import filter_documents

OPERATORS = {"and", "or", "not", "near"}
TERM_RE = re.compile(r'"([^"]+)"|([^\s()"]+)')


def matching(store: Any, query: str, documents: ir.Table | None = None) -> ir.Table:
    """The documents (all, or those of ``documents``) that match ``query``, their columns only.

    ``store`` is the DuckDB store or a lake (which keeps no folded forms: its
    engine folds on the fly). ``documents`` must keep ``doc_id`` and
    ``source_run`` to be matched on the stored forms; a narrower selection is
    folded on the fly.
    """
    table = store.table("documents") if documents is None else documents
    keyed = {"doc_id", "source_run"} <= set(table.columns)
    forms = forms_if_current(store) if keyed else None
    matched = filter_documents(
        table, query, store.table("links"), portable=store.portable, search=forms
    )
    # The join with the forms loses the NOT NULL of the id; a union of the result with
    # the documents (the map's echoes, several targets' documents) needs the same schema.
    return matched.cast(table.schema()) if forms is not None else matched


def fallback_terms(query: str) -> list[str]:
    """Folded phrases and words of a query, without operators and field filters.

    A wildcard word keeps its ``*`` (``immigr*``): it stands for every word it
    matches, and the themes leave all of them out, not only the bare prefix.
    """
    terms = []
    for phrase, word in TERM_RE.findall(query):
        if phrase:
            terms.append(fold_word(phrase))
            continue
        lowered = word.lower()
        if lowered in OPERATORS or lowered.startswith("near/") or ":" in word:
            continue
        cleaned = fold_word(word.lstrip("#@").rstrip("*"))
        if cleaned:
            terms.append(cleaned + "*" if word.endswith("*") else cleaned)
    return terms
