"""Parsing the boolean query language into a typed tree (lark, LALR).

Grammar, loosest binding first: ``OR``; ``AND`` (also implied between two
terms: ``usine futur`` is ``usine AND futur``); ``NOT``; ``NEAR/n`` between two
words or phrases; then atoms: ``word``, ``wild*``, ``"a phrase"``,
``field:value`` (lang, platform, author, domain, url, hashtag, mention),
``#tag``, ``@handle`` and parenthesised groups. Operators are upper-case;
lower-case ``and``/``or`` are ordinary words.

A malformed query raises :class:`~influscope.errors.QueryError` whose message
starts with the 1-based column of the problem, e.g.
``column 14: expected a term after AND``.

A query is also bounded, because one query must never hold the server for
minutes nor exhaust Python's stack: at most :data:`MAX_TERMS` terms,
:data:`MAX_WILDCARDS` wildcards (each one scans every document), nesting
(parentheses and NOT) :data:`MAX_DEPTH` deep, :data:`MAX_NEAR_PAIRS` word
pairs behind one NEAR, and no control character. These are checked on the
tokens before the parse, so a hostile query is refused in microseconds.
"""

from __future__ import annotations

from functools import cache
from typing import Any

from lark import Lark, Token, Transformer, UnexpectedCharacters, UnexpectedToken
from lark.exceptions import LarkError, VisitError

from influscope.errors import N_, QueryError
from influscope.query.ast import FIELDS, And, Field, Near, Node, Not, Or, Text, Word
from influscope.query.normalize import mention_key, tag_key, tokens

GRAMMAR = r"""
?start: or_expr
?or_expr: and_expr (OR and_expr)*
?and_expr: not_expr (AND? not_expr)*
?not_expr: NOT not_expr -> negation
         | near
?near: primary
     | primary NEAR primary -> proximity
?primary: text
        | FIELD value -> field
        | LPAR or_expr RPAR -> group
text: WORD | PHRASE
value: WORD | PHRASE | FIELD WORD

PHRASE: /"[^"]*"/
NEAR.3: /NEAR\/[0-9]+(?=[\s()"]|$)/
FIELD.2: /[A-Za-z_]+:/
AND.3: /AND(?=[\s()"]|$)/
OR.3: /OR(?=[\s()"]|$)/
NOT.3: /NOT(?=[\s()"]|$)/
LPAR: "("
RPAR: ")"
WORD: /[^\s()"]+/
%ignore /\s+/
"""

MAX_NEAR = 100
MAX_TERMS = 500
MAX_WILDCARDS = 20
# Parentheses and NOTs nest the tree; building and compiling it recurses once
# per level, so a deeper query (2,000 NOTs) would exhaust Python's stack.
MAX_DEPTH = 100
MAX_NEAR_PAIRS = 64
LIMITS_HINT = N_(
    "Split it into several queries or simplify it: at most {terms} terms, {wildcards} "
    "wildcards, {depth} levels of parentheses or NOT, {pairs} word pairs per NEAR."
)
# The values of LIMITS_HINT (a message given that hint may use them too).
LIMITS = {
    "terms": MAX_TERMS,
    "wildcards": MAX_WILDCARDS,
    "depth": MAX_DEPTH,
    "pairs": MAX_NEAR_PAIRS,
}
HINT = N_(
    'Operators are AND, OR, NOT, NEAR/n (upper case); quote phrases ("usine du futur"); '
    "fields: {fields}, #tag, @handle."
)
HINT_FIELDS = ", ".join(f"{f}:" for f in FIELDS)
OPERATORS = {"AND", "OR", "NOT"}


@cache
def _lark() -> Lark:
    return Lark(GRAMMAR, parser="lalr", lexer="basic", maybe_placeholders=False)


def _fail(column: int, message: str, hint: str | None = None, **values: object) -> QueryError:
    """The error of ``message``, a template starting ``column {column}: ``.

    Without ``hint``, the syntax reminder :data:`HINT` (its ``fields`` filled).
    """
    if hint is None:
        hint, values = HINT, {"fields": HINT_FIELDS, **values}
    error = QueryError(message, hint, column=str(column), **values)
    error.column = column  # type: ignore[attr-defined]
    return error


def _too_big(column: int, message: str, **values: object) -> QueryError:
    """The error of a query over a limit: the hint names every limit (:data:`LIMITS_HINT`)."""
    return _fail(column, message, LIMITS_HINT, **LIMITS, **values)


def _words(raw: str, column: int) -> tuple[Word, ...]:
    """Normalised words of a bare word or a phrase body; ``*`` only ends a word."""
    words: list[Word] = []
    offset = 0
    for chunk in raw.split():
        offset = raw.index(chunk, offset)
        star = chunk.find("*")
        if star != -1 and star != len(chunk) - 1:
            raise _fail(
                column + offset + star, N_("column {column}: a wildcard * may only end a word")
            )
        prefix = chunk.endswith("*")
        found = tokens(chunk[:-1] if prefix else chunk)
        if not found and prefix:
            raise _fail(
                column + offset,
                N_("column {column}: a wildcard needs at least one letter or digit before *"),
            )
        words.extend(Word(t) for t in found)
        if prefix:
            words[-1] = Word(words[-1].text, True)
        offset += len(chunk)
    if not words:
        if raw.strip():
            raise _fail(
                column,
                N_("column {column}: {text} has no letter or digit to search for"),
                text=repr(raw.strip()),
            )
        raise _fail(column, N_("column {column}: 'this' has no letter or digit to search for"))
    return tuple(words)


def _field(name: str, raw: str, column: int) -> Field:
    if name not in FIELDS:
        raise _fail(
            column,
            N_("column {column}: unknown field {field}"),
            N_("Fields: {known}. To search the text for it, put it in quotes."),
            field=repr(name + ":"),
            known=", ".join(FIELDS),
        )
    prefix = raw.endswith("*")
    value = raw[:-1] if prefix else raw
    if "*" in value:
        raise _fail(column, N_("column {column}: a wildcard * may only end a value"))
    if name == "hashtag":
        value = tag_key(value)
    elif name == "mention":
        value = mention_key(value)
    else:
        value = value.strip().lower()
        if name == "author":
            value = value.lstrip("@")
    if not value:
        raise _fail(column, N_("column {column}: expected a value after {field}"), field=name + ":")
    return Field(name, value, prefix, column)


def _alternatives(node: Node, column: int) -> list[Text]:
    """The words or phrases of a NEAR operand: one, or a parenthesised OR of them."""
    if isinstance(node, Text):
        return [node]
    if isinstance(node, Or):
        return [text for item in node.items for text in _alternatives(item, column)]
    raise _fail(
        column,
        N_("column {column}: NEAR/n joins two words or phrases (or groups of them joined by OR)"),
    )


class _Builder(Transformer[Token, Node]):
    """Turns lark's parse tree into :mod:`influscope.query.ast` nodes."""

    def text(self, children: list[Token]) -> Node:
        token = children[0]
        column = token.column or 1
        if token.type == "PHRASE":
            return Text(_words(token.value[1:-1], column + 1), column)
        value = str(token.value)
        if value == "NEAR" or value.startswith("NEAR/"):
            raise _fail(
                column,
                N_(
                    "column {column}: NEAR needs a distance and two words or phrases, e.g. a NEAR/3 b"
                ),
            )
        if value.startswith("#") and len(value) > 1:
            return _field("hashtag", value[1:], column)
        if value.startswith("@") and len(value) > 1:
            return _field("mention", value[1:], column)
        return Text(_words(value, column), column)

    def value(self, children: list[Token]) -> Token:
        if len(children) == 2:  # author:twitter:jdupont lexes as FIELD FIELD WORD
            return children[0].update(value=children[0].value + children[1].value)
        return children[0]

    def field(self, children: list[Any]) -> Node:
        name_token, value_token = children
        raw = value_token.value[1:-1] if value_token.type == "PHRASE" else value_token.value
        return _field(str(name_token.value)[:-1].lower(), raw, name_token.column or 1)

    def group(self, children: list[Any]) -> Node:
        node: Node = children[1]
        return node

    def negation(self, children: list[Any]) -> Node:
        return Not(children[1])

    def proximity(self, children: list[Any]) -> Node:
        left, near, right = children
        column = near.column or 1
        distance = int(str(near.value).split("/", 1)[1])
        if distance > MAX_NEAR:
            raise _fail(
                column,
                N_("column {column}: NEAR distance must be at most {maximum}"),
                maximum=MAX_NEAR,
            )
        lefts, rights = _alternatives(left, column), _alternatives(right, column)
        if len(lefts) * len(rights) > MAX_NEAR_PAIRS:
            raise _too_big(
                column,
                N_(
                    "column {column}: this NEAR joins {left} × {right} alternatives; "
                    "at most {pairs} pairs"
                ),
                left=len(lefts),
                right=len(rights),
            )
        pairs = [Near(a, b, distance, a.column) for a in lefts for b in rights]
        return pairs[0] if len(pairs) == 1 else Or(tuple(pairs))

    def and_expr(self, children: list[Any]) -> Node:
        items = [c for c in children if not isinstance(c, Token)]
        flat: list[Node] = []
        for item in items:
            flat.extend(item.items if isinstance(item, And) else (item,))
        return And(tuple(flat))

    def or_expr(self, children: list[Any]) -> Node:
        items = [c for c in children if not isinstance(c, Token)]
        flat: list[Node] = []
        for item in items:
            flat.extend(item.items if isinstance(item, Or) else (item,))
        return Or(tuple(flat))


def parse(query: str) -> Node:
    """Parse a query into its tree, or raise a :class:`QueryError` naming the column.

    >>> from influscope.query.ast import render
    >>> render(parse("(l'usine OR Élysée) AND NOT lang:de"))
    '((usine OR elysee) AND NOT lang:de)'
    """
    if not query.strip():
        raise _fail(1, N_("column {column}: the query is empty"))
    _check_bounds(query)
    try:
        tree = _lark().parse(query)
        node: Node = _Builder().transform(tree)
    except VisitError as exc:
        if isinstance(exc.orig_exc, QueryError):
            raise exc.orig_exc from None
        raise
    except UnexpectedCharacters as exc:
        column = exc.column if exc.column and exc.column > 0 else 1
        if query[column - 1 : column] == '"':
            raise _fail(
                column, N_('column {column}: unterminated phrase: add the closing "')
            ) from None
        raise _fail(
            column,
            N_("column {column}: unexpected character {character}"),
            character=repr(query[column - 1 : column]),
        ) from None
    except UnexpectedToken as exc:
        raise _explain(query, exc) from None
    except LarkError as exc:  # pragma: no cover - other lark failures
        raise _fail(1, N_("column {column}: {reason}"), reason=str(exc)) from None
    if isinstance(node, Token):  # pragma: no cover - grammar always builds nodes
        raise _fail(1, N_("column {column}: nothing to search for"))
    return node


def _explain(query: str, exc: UnexpectedToken) -> QueryError:
    """A human message for a syntax error, from the token before the failure."""
    token = exc.token
    at_end = token.type == "$END"
    column = len(query.rstrip()) + 1 if at_end else (token.column or 1)
    before: list[Token] = []
    depth: list[int] = []
    for seen in _lark().lex(query):
        if not at_end and seen.start_pos is not None and seen.start_pos >= (token.start_pos or 0):
            break
        before.append(seen)
        if seen.type == "LPAR":
            depth.append(seen.column or 1)
        elif seen.type == "RPAR" and depth:
            depth.pop()
    previous = before[-1] if before else None
    kind = previous.type if previous is not None else None
    if kind in OPERATORS:
        return _fail(
            column, N_("column {column}: expected a term after {operator}"), operator=str(previous)
        )
    if kind == "NEAR":
        return _fail(
            column,
            N_("column {column}: expected a word or phrase after {operator}"),
            operator=str(previous),
        )
    if kind == "FIELD":
        return _fail(
            column, N_("column {column}: expected a value after {field}"), field=str(previous)
        )
    if token.type in OPERATORS and (previous is None or kind == "LPAR"):
        return _fail(
            column,
            N_("column {column}: expected a term before {operator}"),
            operator=str(token.value),
        )
    if token.type == "NEAR":
        return _fail(column, N_("column {column}: NEAR/n joins two words or phrases"))
    if token.type == "RPAR":
        if kind == "LPAR":
            return _fail(column, N_("column {column}: empty parentheses"))
        return _fail(column, N_("column {column}: unmatched ')'"))
    if at_end and depth:
        return _fail(
            column,
            N_("column {column}: expected ')' to close the '(' at column {opening}"),
            opening=str(depth[-1]),
        )
    if at_end:
        return _fail(column, N_("column {column}: unexpected end of query"))
    return _fail(column, N_("column {column}: unexpected {token}"), token=repr(str(token.value)))


def _check_bounds(query: str) -> None:
    """Refuse a query over the limits (see the module docstring), naming the column."""
    for index, char in enumerate(query):
        if (ord(char) < 32 and char not in "\t\n\r") or ord(char) == 127:
            raise _fail(
                index + 1,
                N_("column {column}: control character {character} in the query"),
                character=repr(char),
            )
    terms = wildcards = 0
    stack: list[str] = []  # open "(" and pending NOTs, innermost last
    try:
        tokens_found = list(_lark().lex(query))
    except LarkError:
        return  # the parse names the bad character
    for token in tokens_found:
        column = token.column or 1
        kind = token.type
        if kind in ("LPAR", "NOT"):
            stack.append(kind)
            if len(stack) > MAX_DEPTH:
                raise _too_big(
                    column,
                    N_(
                        "column {column}: the query nests deeper than {depth} levels "
                        "of parentheses and NOT"
                    ),
                )
        elif kind == "RPAR":
            while stack and stack.pop() != "LPAR":
                pass
            _close_nots(stack)
        elif kind in ("WORD", "PHRASE"):
            terms += 1
            wildcards += sum(1 for chunk in str(token.value).split() if chunk.endswith("*"))
            if terms > MAX_TERMS:
                raise _too_big(column, N_("column {column}: more than {terms} terms"))
            if wildcards > MAX_WILDCARDS:
                raise _too_big(column, N_("column {column}: more than {wildcards} wildcards"))
            _close_nots(stack)


def _close_nots(stack: list[str]) -> None:
    """A term or a closed group ends the NOTs waiting for it."""
    while stack and stack[-1] == "NOT":
        stack.pop()
