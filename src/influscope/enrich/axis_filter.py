"""The documents of an axis, as an Ibis filter compiled from the axis query.

The query language lives in :mod:`influscope.query` (AND/OR/NOT, phrases,
NEAR, field filters; case-, accent- and elision-insensitive). Until its Ibis
compiler is present, a conservative stand-in matches any quoted phrase or
bare term of the query in the text (operators and field filters ignored), so
themes can still be computed on a rough selection.
"""

from __future__ import annotations

import re
from typing import Any

from influscope.enrich.text import fold_word

OPERATORS = {"and", "or", "not", "near"}
TERM_RE = re.compile(r'"([^"]+)"|([^\s()"]+)')


def matching(store: Any, query: str) -> Any:
    """The Ibis table of the documents that match ``query`` (documents' columns)."""
    documents = store.table("documents")
    try:
        from influscope.query import filter_documents
    except ImportError:
        return documents.filter(fallback_predicate(documents, query))
    return filter_documents(documents, query, store.table("links"), portable=store.portable)


def fallback_terms(query: str) -> list[str]:
    """Folded phrases and words of a query, without operators and field filters."""
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
            terms.append(cleaned)
    return terms


def fallback_predicate(table: Any, query: str) -> Any:
    """Any term of the query found in the folded title or text."""
    import ibis

    text = (table.title.fill_null("") + " " + table.text.fill_null("")).lower()
    text = text.translate("àâäáãåçéèêëíìîïñóòôöõúùûüýÿœ", "aaaaaaceeeeiiiinooooouuuuyyo")
    terms = fallback_terms(query)
    if not terms:
        return ibis.literal(False)
    condition = text.contains(terms[0])
    for term in terms[1:]:
        condition = condition | text.contains(term)
    return condition
