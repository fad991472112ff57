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


def predicate(table: Any, query: str) -> Any:
    """An Ibis boolean expression selecting the documents that match ``query``."""
    compiler = _compiler()
    if compiler is not None:
        return compiler(query, table)
    return fallback_predicate(table, query)


def _compiler() -> Any:
    try:
        from influscope import query as query_package
    except ImportError:  # pragma: no cover
        return None
    for name in ("to_ibis", "compile_ibis", "ibis_predicate"):
        found = getattr(query_package, name, None)
        if callable(found):
            return found
    return None


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
