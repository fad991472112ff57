"""The typed syntax tree of a query: what both compilers consume.

Text atoms hold *normalised* words (see :mod:`influscope.query.normalize`), so
a compiler never has to think about case, accents or elisions again.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Final

FIELDS: Final[tuple[str, ...]] = (
    "lang",
    "platform",
    "author",
    "domain",
    "url",
    "hashtag",
    "mention",
)


@dataclass(frozen=True, slots=True)
class Word:
    """One normalised word; ``prefix`` for a trailing wildcard (``indus*``)."""

    text: str
    prefix: bool = False


@dataclass(frozen=True, slots=True)
class Text:
    """A word or a phrase: consecutive words in the title or the text."""

    words: tuple[Word, ...]
    column: int = 0


@dataclass(frozen=True, slots=True)
class Near:
    """Two text atoms with at most ``distance`` words between them, in either order."""

    left: Text
    right: Text
    distance: int
    column: int = 0


@dataclass(frozen=True, slots=True)
class Field:
    """A field filter such as ``lang:fr``, ``#tag`` or ``@handle`` (value normalised)."""

    name: str
    value: str
    prefix: bool = False
    column: int = 0


@dataclass(frozen=True, slots=True)
class And:
    """Every item matches."""

    items: tuple[Node, ...]


@dataclass(frozen=True, slots=True)
class Or:
    """At least one item matches."""

    items: tuple[Node, ...]


@dataclass(frozen=True, slots=True)
class Not:
    """The item does not match."""

    item: Node


Node = Text | Near | Field | And | Or | Not


def render(node: Node) -> str:
    """A canonical text form of a tree (for tests, logs and explanations).

    >>> render(And((Text((Word("usine"),)), Not(Field("lang", "de")))))
    '(usine AND NOT lang:de)'
    """
    if isinstance(node, Text):
        inner = " ".join(w.text + ("*" if w.prefix else "") for w in node.words)
        return f'"{inner}"' if len(node.words) > 1 else inner
    if isinstance(node, Near):
        return f"({render(node.left)} NEAR/{node.distance} {render(node.right)})"
    if isinstance(node, Field):
        return f"{node.name}:{node.value}{'*' if node.prefix else ''}"
    if isinstance(node, Not):
        return f"NOT {render(node.item)}"
    joiner = " AND " if isinstance(node, And) else " OR "
    return "(" + joiner.join(render(item) for item in node.items) + ")"
