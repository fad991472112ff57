"""The Python compiler: a query as a function over one canonical row (for streams).

A row is a mapping with the ``documents`` columns (``text``, ``title``,
``lang``, ``platform``, ``author_id``, ``url``, ``hashtags``, ``mentions``)
plus the document's links: ``links`` (URLs) and ``domains`` (their web
entities). Missing keys count as empty. The semantics are those of
:mod:`influscope.query.ibis_compiler`, written with the same strings and
patterns, so a live source and the store answer alike (a property test checks
it).

Example:
    >>> match = compile_matcher("usine NEAR/2 futur AND lang:fr")
    >>> match({"text": "L'usine du Futur", "lang": "fr"})
    True
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from typing import Any

from influscope.query.ast import And, Field, Near, Node, Not, Text, Word
from influscope.query.normalize import padded, padded_list
from influscope.query.parser import parse

Row = Mapping[str, Any]
Matcher = Callable[[Row], bool]


def word_pattern(word: Word) -> str:
    """A regex for one word inside a padded token string (tokens need no escaping)."""
    return word.text + ("[^ ]*" if word.prefix else "")


def text_needle(node: Text) -> tuple[str, bool]:
    """How to find a text atom: ``(needle, True)`` for a substring, ``(regex, False)`` otherwise."""
    words = node.words
    if not any(w.prefix for w in words[:-1]):
        body = " ".join(w.text for w in words)
        return (f" {body}" if words[-1].prefix else f" {body} "), True
    return " " + " ".join(word_pattern(w) for w in words) + " ", False


def near_pattern(node: Near) -> str:
    """A regex for ``a NEAR/n b``: at most n words between them, either order, same field."""
    left = " ".join(word_pattern(w) for w in node.left.words)
    right = " ".join(word_pattern(w) for w in node.right.words)
    gap = f"(?:[^ |]+ ){{0,{node.distance}}}"
    return f" {left} {gap}{right} | {right} {gap}{left} "


def handle_of(author_id: str) -> str:
    """The handle part of an author id (``twitter:jdupont`` → ``jdupont``)."""
    return re.sub(r"^[^:]*:", "", author_id)


class _Row:
    """One row with its searchable strings computed lazily, once."""

    def __init__(self, row: Row) -> None:
        self.row = row
        self._text: str | None = None
        self._tags: str | None = None
        self._mentions: str | None = None

    def get(self, key: str) -> str:
        value = self.row.get(key)
        return "" if value is None else str(value)

    @property
    def text(self) -> str:
        if self._text is None:
            self._text = padded(self.row.get("title"), self.row.get("text"))
        return self._text

    @property
    def tags(self) -> str:
        if self._tags is None:
            self._tags = padded_list(self.row.get("hashtags"), "tag")
        return self._tags

    @property
    def mentions(self) -> str:
        if self._mentions is None:
            self._mentions = padded_list(self.row.get("mentions"), "mention")
        return self._mentions


def _field(node: Field, row: _Row) -> bool:
    value, prefix = node.value, node.prefix
    name = node.name
    if name in ("lang", "platform"):
        have = row.get(name).lower()
        if prefix:
            return have.startswith(value)
        return have == value or (name == "lang" and have.startswith(value + "-"))
    if name == "author":
        author = row.get("author_id").lower()
        have = author if ":" in value else handle_of(author)
        return have.startswith(value) if prefix else have == value
    if name == "domain":
        for domain in row.row.get("domains") or ():
            domain = str(domain).lower()
            if (
                domain.startswith(value)
                if prefix
                else (domain == value or domain.endswith("." + value))
            ):
                return True
        return False
    if name == "url":
        urls = [row.get("url"), *(str(u) for u in row.row.get("links") or ())]
        return any(value in u.lower() for u in urls)
    if name == "hashtag":
        return (f" {value}" if prefix else f" {value} ") in row.tags
    if name == "mention":
        mentions = row.mentions
        if prefix:
            return f" {value}" in mentions
        return f" {value} " in mentions or f" {value}@" in mentions
    raise ValueError(f"unknown field {name}")  # pragma: no cover - the parser refuses it


def _evaluate(node: Node, row: _Row) -> bool:
    if isinstance(node, Text):
        needle, plain = text_needle(node)
        return needle in row.text if plain else re.search(needle, row.text) is not None
    if isinstance(node, Near):
        return re.search(near_pattern(node), row.text) is not None
    if isinstance(node, Field):
        return _field(node, row)
    if isinstance(node, Not):
        return not _evaluate(node.item, row)
    if isinstance(node, And):
        return all(_evaluate(item, row) for item in node.items)
    return any(_evaluate(item, row) for item in node.items)


def compile_matcher(query: str | Node) -> Matcher:
    """Compile a query (text or tree) into ``row -> bool``."""
    node = parse(query) if isinstance(query, str) else query

    def match(row: Row) -> bool:
        return _evaluate(node, _Row(row))

    return match


__all__ = ["Matcher", "Row", "compile_matcher"]
