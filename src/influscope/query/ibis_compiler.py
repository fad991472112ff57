r"""The Ibis compiler: a query as a boolean expression over the ``documents`` table.

Only built-in Ibis string operations are used (``lower``, ``replace``,
``translate``, ``re_replace``, ``contains``, ``re_search``, array ``map`` and
``join``), so the same expression runs on DuckDB and, through Ibis, on Spark.
Spark caveats, from DESIGN.md §6: its regexes are Java's (``\pL``/``\pN`` and
bounded repeats ``{0,n}`` behave the same; nothing here uses back-references or
look-arounds), and ``split`` is a regex there, which is why nothing here splits.

Text atoms search a padded token string `` title | text `` computed once per
row by :meth:`IbisCompiler.prepare`; ``domain:`` and ``url:`` look at the
``links`` table through a semi-join (``doc_id IN (…)``).

Example:
    >>> docs = store.table("documents")  # doctest: +SKIP
    >>> matching = filter_documents(docs, "usine NEAR/2 futur", store.table("links"))  # doctest: +SKIP
"""

from __future__ import annotations

from typing import Any

import ibis
import ibis.expr.types as ir

from influscope.query.ast import And, Field, Near, Node, Not, Or, Text
from influscope.query.matcher import near_pattern, text_needle
from influscope.query.normalize import (
    FOLD_FROM,
    FOLD_TO,
    LATIN_FROM,
    LATIN_TO,
    LIGATURES,
    MENTION_JUNK_RE,
    TAG_JUNK_RE,
    TEXT_JUNK_RE,
    TEXT_SEPARATOR_RE,
)
from influscope.query.parser import parse

TEXT = "_q_text"
NON_ASCII_RE = r"[^\x00-\x7f]"
# The one ASCII character :data:`FOLD_FROM` folds.
ASCII_FOLD = ("`", "'")
TAGS = "_q_tags"
MENTIONS = "_q_mentions"
HELPERS = (TEXT, TAGS, MENTIONS)
# The ``document_search`` column each helper is stored in (enrich.search).
STORED = {TEXT: "text", TAGS: "tags", MENTIONS: "mentions"}


@ibis.udf.scalar.builtin(name="strip_accents")  # type: ignore[untyped-decorator]
def _strip_accents(value: str) -> str:  # pragma: no cover - compiled to SQL, never called
    """DuckDB's strip_accents (canonical decomposition, marks removed)."""
    raise NotImplementedError


def fold_expr(value: ir.StringValue, portable: bool = False, short: bool = False) -> ir.StringValue:
    """Lower-case and fold accents/ligatures, as :func:`~influscope.query.normalize.fold`.

    DuckDB's ``strip_accents`` is used by default (fast, every script). With
    ``portable`` (Spark, PostgreSQL without unaccent) a ``translate`` table of
    accented Latin letters stands in: ~15x slower on DuckDB, and non-Latin marks
    stay. ``short`` is for values of a few characters, mostly ASCII (hashtags,
    handles, folded one by one in a list): there one test for non-ASCII comes
    first and a non-ASCII value goes through every step, which costs less than
    testing for each step (the engine shares no subexpression inside a list's
    lambda).
    """
    lowered = value.lower()
    ligatures_done = lowered
    for ligature, replacement in LIGATURES:
        ligatures_done = ligatures_done.replace(ligature, replacement)
    if portable or short:
        accents_done = (
            ligatures_done.translate(LATIN_FROM, LATIN_TO)
            if portable
            else _strip_accents(ligatures_done)
        )
        folded = accents_done.translate(FOLD_FROM, FOLD_TO)
        # ASCII text has no ligature nor accent: of the folds only the backtick
        # (an apostrophe look-alike) applies. The engine skips the rest for it.
        ascii_only = lowered.replace(ASCII_FOLD[0], ASCII_FOLD[1])
        return ibis.ifelse(lowered.re_search(NON_ASCII_RE), folded, ascii_only)
    # A text: the same steps, each only on the texts it can change. Most texts
    # hold no ligature, and none of the letters strip_accents leaves to the
    # translate (looked for after it: "ǿ" only becomes "ø" there). Each test is
    # a CASE condition, always evaluated, so the engine computes the value it
    # tests once for both branches (a CASE nested in another's branch would
    # not be), and a plain substring search: a regex of the same letters costs
    # more than the skipped step saves.
    stripped = _strip_accents(
        ibis.ifelse(_holds_any(lowered, [lig for lig, _ in LIGATURES]), ligatures_done, lowered)
    )
    return ibis.ifelse(
        _holds_any(stripped, list(FOLD_FROM)), stripped.translate(FOLD_FROM, FOLD_TO), stripped
    )


def _holds_any(value: ir.StringValue, needles: list[str]) -> ir.BooleanValue:
    """Whether ``value`` contains one of ``needles``."""
    found: ir.BooleanValue = value.contains(needles[0])
    for needle in needles[1:]:
        found = found | value.contains(needle)
    return found


def normalize_expr(value: ir.StringValue, portable: bool = False) -> ir.StringValue:
    """Tokens joined by single spaces, as :func:`~influscope.query.normalize.normalize`."""
    folded = fold_expr(value.fill_null(""), portable)
    # Without an apostrophe no elision can match: a plain run of separators
    # gives the same tokens, at half the cost.
    elided = folded.re_replace(TEXT_SEPARATOR_RE, " ")
    plain = folded.re_replace(TEXT_JUNK_RE, " ")
    return ibis.ifelse(folded.contains("'"), elided, plain).strip()


def padded_expr(table: ir.Table, portable: bool = False) -> ir.StringValue:
    """`` title | text `` as :func:`~influscope.query.normalize.padded`.

    A missing title normalises to nothing: the engine skips the steps for it
    (most posts have no title; at a million, a third of a second of CPU).
    """
    title: ir.StringValue = ibis.literal("")
    if "title" in table.columns:
        title = ibis.ifelse(table["title"].isnull(), "", normalize_expr(table["title"], portable))
    return " " + title + " | " + normalize_expr(table["text"], portable) + " "


def padded_list_expr(values: ir.ArrayValue, key: str, portable: bool = False) -> ir.StringValue:
    """Hashtags or mentions as `` a b c `` (see :func:`~influscope.query.normalize.padded_list`)."""
    junk = TAG_JUNK_RE if key == "tag" else MENTION_JUNK_RE
    mapped = values.map(lambda v: fold_expr(v, portable, short=True).re_replace(junk, ""))
    joined: ir.StringValue = mapped.join(" ")
    return " " + joined.fill_null("") + " "


def _needs(node: Node, found: set[str]) -> set[str]:
    if isinstance(node, Text | Near):
        found.add(TEXT)
    elif isinstance(node, Field) and node.name == "hashtag":
        found.add(TAGS)
    elif isinstance(node, Field) and node.name == "mention":
        found.add(MENTIONS)
    elif isinstance(node, Not):
        _needs(node.item, found)
    elif isinstance(node, And | Or):
        for item in node.items:
            _needs(item, found)
    return found


# Fields read from a document's own columns (``domain:`` reads the links, the
# others the stored forms' helpers or ``doc_id``).
DOCUMENT_FIELDS = frozenset({"lang", "platform", "author", "url"})


def _reads_document(node: Node) -> bool:
    """Whether matching ``node`` reads a document column other than ``doc_id``."""
    if isinstance(node, Field):
        return node.name in DOCUMENT_FIELDS
    if isinstance(node, Not):
        return _reads_document(node.item)
    if isinstance(node, And | Or):
        return any(_reads_document(item) for item in node.items)
    return False


class IbisCompiler:
    """Compiles query trees to Ibis predicates over a (prepared) documents table.

    Args:
        links: the store's ``links`` table, for ``domain:`` and ``url:``; without
            it those filters only see the document's own ``url``.
        portable: fold accents with ``translate`` instead of DuckDB's
            ``strip_accents`` (for engines without it, e.g. Spark).
        search: stored searchable forms (``doc_id``, ``source_run``, ``text``,
            ``tags``, ``mentions``, as :func:`padded_expr` and
            :func:`padded_list_expr` computed them), read instead of
            normalising every row again. Every row must have a current form
            (see :meth:`_stored`); the table must have ``doc_id`` and
            ``source_run`` then.
    """

    def __init__(
        self,
        links: ir.Table | None = None,
        portable: bool = False,
        search: ir.Table | None = None,
    ) -> None:
        self.links = links
        self.portable = portable
        self.search = search

    def prepare(self, table: ir.Table, *nodes: Node) -> ir.Table:
        """Add the helper columns the given queries need (computed once per row)."""
        needed: set[str] = set()
        for node in nodes:
            _needs(node, needed)
        if not needed:
            return table
        if self.search is not None:
            return self._stored(table, needed)
        columns: dict[str, Any] = {}
        if TEXT in needed:
            columns[TEXT] = padded_expr(table, self.portable)
        if TAGS in needed:
            columns[TAGS] = padded_list_expr(table["hashtags"], "tag", self.portable)
        if MENTIONS in needed:
            columns[MENTIONS] = padded_list_expr(table["mentions"], "mention", self.portable)
        return table.mutate(**columns)

    def forms_alone(self, forms: ir.Table, *nodes: Node) -> ir.Table | None:
        """``forms`` as the prepared table, when the queries read nothing else of a document.

        Text, hashtags, mentions and ``domain:`` need only the stored forms and
        ``doc_id``: matching them over the forms themselves skips the join with
        the documents (at a million documents, a hash join on two strings that
        costs more than the matching). ``forms`` must hold exactly one current
        form per document to match (``enrich.search.refresh`` first, under the
        store's lock). None when a query reads a document column (``lang:``,
        ``platform:``, ``author:``, ``url:``): :meth:`prepare` then.
        """
        if any(_reads_document(node) for node in nodes):
            return None
        needed: set[str] = set()
        for node in nodes:
            _needs(node, needed)
        return forms.select("doc_id", **{h: forms[STORED[h]] for h in sorted(needed)})

    def _stored(self, table: ir.Table, needed: set[str]) -> ir.Table:
        """The helper columns read from the stored forms (an inner join on doc_id and source_run).

        The forms must be current for every row (``enrich.search.refresh``
        first, under the store's lock): a row without one would not match.
        Neither a union with the missing rows normalised on the fly nor a
        ``coalesce`` fallback keeps this fast: the engine pushes the query's
        predicates below them and normalises every row again, once per atom.
        """
        search = self.search
        assert search is not None
        helpers = sorted(needed)
        forms = search.select(
            _q_doc=search.doc_id,
            _q_run=search.source_run,
            **{h: search[STORED[h]] for h in helpers},
        )
        same = [table.doc_id == forms._q_doc, table.source_run.identical_to(forms._q_run)]
        return table.join(forms, same).select(*table.columns, *helpers)

    def predicate(self, node: Node, table: ir.Table) -> ir.BooleanValue:
        """A never-null boolean: does the row match ``node``? (``table`` is prepared)."""
        if isinstance(node, Text):
            needle, plain = text_needle(node)
            text: ir.StringValue = table[TEXT]
            if plain:
                return text.contains(needle)
            return _guarded(text, node.words, needle)
        if isinstance(node, Near):
            near: ir.StringValue = table[TEXT]
            return _guarded(near, (*node.left.words, *node.right.words), near_pattern(node))
        if isinstance(node, Field):
            return self._field(node, table)
        if isinstance(node, Not):
            return ~self.predicate(node.item, table)
        parts = [self.predicate(item, table) for item in node.items]
        both = isinstance(node, And)
        # Pairwise, as a balanced tree: a left-deep chain of 500 ORs is 500
        # levels deep, and compiling it to SQL exhausts Python's stack.
        while len(parts) > 1:
            paired = [
                (a & b) if both else (a | b) for a, b in zip(parts[::2], parts[1::2], strict=False)
            ]
            parts = paired + ([parts[-1]] if len(parts) % 2 else [])
        return parts[0]

    def _field(self, node: Field, table: ir.Table) -> ir.BooleanValue:
        value, prefix, name = node.value, node.prefix, node.name
        if name in ("lang", "platform"):
            have: ir.StringValue = table[name].lower().fill_null("")
            if prefix:
                return have.startswith(value)
            equal = have == value
            return (equal | have.startswith(value + "-")) if name == "lang" else equal
        if name == "author":
            author: ir.StringValue = table["author_id"].lower().fill_null("")
            target = author if ":" in value else author.re_replace("^[^:]*:", "")
            return target.startswith(value) if prefix else target == value
        if name == "hashtag":
            tags: ir.StringValue = table[TAGS]
            return tags.contains(f" {value}" if prefix else f" {value} ")
        if name == "mention":
            mentions: ir.StringValue = table[MENTIONS]
            if prefix:
                return mentions.contains(f" {value}")
            return mentions.contains(f" {value} ") | mentions.contains(f" {value}@")
        if name == "url":
            own = table["url"].lower().fill_null("").contains(value)
            if self.links is None:
                return own
            links = self.links
            linked = links.filter(links["url"].lower().contains(value))["doc_id"]
            return own | table["doc_id"].isin(linked)
        # domain
        if self.links is None:
            return ibis.literal(False)
        links = self.links
        domain: ir.StringValue = links["domain"].lower().fill_null("")
        cond = (
            domain.startswith(value) if prefix else (domain == value) | domain.endswith("." + value)
        )
        return table["doc_id"].isin(links.filter(cond)["doc_id"])


def _guarded(text: ir.StringValue, words: Any, pattern: str) -> ir.BooleanValue:
    """``re_search(pattern)``, tried only where every word of it is present as a token.

    The regex implies each word (`` word `` or `` prefix``), so the guard
    changes no answer; the engine evaluates ``AND`` left to right on the rows
    still selected, so the regex (slow: NEAR's bounded gaps) runs on few rows.
    """
    guard: ir.BooleanValue | None = None
    for word in words:
        present = text.contains(f" {word.text}" if word.prefix else f" {word.text} ")
        guard = present if guard is None else guard & present
    found: ir.BooleanValue = text.re_search(pattern)
    return found if guard is None else guard & found


def filter_documents(
    documents: ir.Table,
    query: str | Node,
    links: ir.Table | None = None,
    portable: bool = False,
    search: ir.Table | None = None,
) -> ir.Table:
    """The documents matching a query, with their own columns only (see :class:`IbisCompiler`)."""
    node = parse(query) if isinstance(query, str) else query
    compiler = IbisCompiler(links, portable, search)
    prepared = compiler.prepare(documents, node)
    matched = prepared.filter(compiler.predicate(node, prepared))
    return matched.select(*documents.columns)
