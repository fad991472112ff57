"""Mapped rows checked against what the store can hold, before they join a batch.

A batch is written as Arrow tables in one transaction, so one value the
columns cannot take (a count above 2**63 - 1, an infinite edge weight, a
string with a lone surrogate) used to fail the whole batch with a traceback,
and the same on every re-run. Every mapper's output (generic tables, vendor
presets, platform mappers, connectors, the push endpoint) passes through
:func:`check_mapped` instead, which raises a
:class:`~influscope.ingest.batch.FieldError` naming the column, so the record
is rejected alone at its line.

The rules, which the bulk path (:mod:`influscope.store.bulk`) applies in SQL:

* counts are integers from 0 to 2**63 - 1 (``int64``);
* weights are finite numbers;
* times are ``datetime`` values (so within years 1–9999);
* no text holds NUL (U+0000) or a lone surrogate (undecodable input), but
  ``raw`` may keep a NUL of a column nobody maps;
* identifiers hold no control character.
"""

from __future__ import annotations

import math
import re
from datetime import datetime
from typing import Any

from influscope.errors import N_, Phrase
from influscope.ingest.batch import FieldError, Mapped

MAX_INT = 2**63 - 1
COUNTS = frozenset({"likes", "shares", "replies", "views", "followers"})
FLOATS = frozenset({"weight"})
TIMES = frozenset({"published_at", "collected_at", "at"})
IDS = frozenset(
    {
        "doc_id",
        "native_id",
        "author_id",
        "actor_id",
        "platform",
        "reply_to",
        "repost_of",
        "quote_of",
        "src",
        "dst",
    }
)
_BAD_TEXT = re.compile("[\x00\ud800-\udfff]")
# The source record as read (and a node's other attributes) may keep a NUL the
# row's own fields do not use; no writer takes a lone surrogate.
VERBATIM = frozenset({"raw", "attrs"})
_SURROGATE = re.compile("[\ud800-\udfff]")
_BAD_ID = re.compile("[\x00-\x1f\x7f-\x9f\ud800-\udfff]")


def check_mapped(mapped: Mapped) -> Mapped:
    """``mapped`` unchanged if every row fits the store, else a FieldError for the first bad value."""
    for rows in (mapped.documents, mapped.actors, mapped.interactions, mapped.links):
        for row in rows:
            for name, value in row.items():
                if value is not None:
                    check_value(name, value)
    return mapped


def check_value(name: str, value: Any) -> None:
    """Raise a FieldError naming ``name`` when ``value`` cannot be stored in that column."""
    if name in COUNTS:
        if isinstance(value, bool) or not isinstance(value, int):
            raise FieldError(
                name, Phrase(N_("expected a whole number, got {value}"), value=repr(value))
            )
        if not 0 <= value <= MAX_INT:
            raise FieldError(
                name,
                Phrase(
                    N_("expected a count from 0 to {maximum}, got {value}"),
                    maximum=str(MAX_INT),
                    value=str(value),
                ),
            )
    elif name in FLOATS:
        if isinstance(value, bool) or not isinstance(value, int | float):
            raise FieldError(name, Phrase(N_("expected a number, got {value}"), value=repr(value)))
        if not math.isfinite(value):
            raise FieldError(
                name, Phrase(N_("expected a finite number, got {value}"), value=repr(value))
            )
    elif name in TIMES:
        if not isinstance(value, datetime):
            raise FieldError(
                name, Phrase(N_("expected a date and time, got {value}"), value=repr(value))
            )
    elif isinstance(value, str):
        pattern = _BAD_ID if name in IDS else _SURROGATE if name in VERBATIM else _BAD_TEXT
        found = pattern.search(value)
        if found:
            raise FieldError(name, _bad_character(found.group(), name, value))
    elif isinstance(value, list):
        for item in value:
            if isinstance(item, str) and _BAD_TEXT.search(item):
                raise FieldError(
                    name,
                    Phrase(
                        N_("NUL or invalid character in {field} {value}"),
                        field=name,
                        value=repr(item[:40]),
                    ),
                )


def _bad_character(char: str, name: str, value: str) -> Phrase:
    """Why ``value`` of field ``name`` cannot be stored: the character ``char`` in it."""
    code, shown = ord(char), repr(value[:40])
    if 0xD800 <= code <= 0xDFFF:
        return Phrase(
            N_("undecodable byte or lone surrogate ({character}) in {field} {value}"),
            character=f"U+{code:04X}",
            field=name,
            value=shown,
        )
    return Phrase(
        N_("control character {character} in {field} {value}"),
        character=f"U+{code:04X}",
        field=name,
        value=shown,
    )


def check_row(row: dict[str, Any]) -> dict[str, Any]:
    """A row of a table other than the canonical four (search demand, result slots).

    Its numbers must be finite and its text free of NUL and lone surrogates.
    """
    for name, value in row.items():
        if isinstance(value, float) and not math.isfinite(value):
            raise FieldError(
                name, Phrase(N_("expected a finite number, got {value}"), value=repr(value))
            )
        if isinstance(value, str):
            found = _BAD_TEXT.search(value)
            if found:
                raise FieldError(name, _bad_character(found.group(), name, value))
    return row
