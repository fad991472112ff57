"""Turning source values into canonical ones: timestamps to naive UTC, counts to ints, ids.

Shared by every mapper (generic tables, vendor presets, platform connectors) so
that "2015-02-24 11:35:52 -0800", "Tue, 24 Feb 2015 19:35:52 GMT" and an epoch
in milliseconds all land as the same instant. Each function raises
:class:`ValueError` with a sentence saying what was expected; mappers turn it
into a row error naming the field.
"""

from __future__ import annotations

import math
import re
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime
from typing import Any

from dateutil import parser as dateutil_parser

from influscope import ids
from influscope.errors import N_, Phrase

_THOUSANDS = re.compile(r"(?<=\d)[,\s\u202f\u00a0](?=\d{3}\b)")
_CONTROL = re.compile("[\x00-\x1f\x7f-\x9f\ud800-\udfff]")
MAX_COUNT = 2**63 - 1
_SUFFIX = {"k": 1_000, "m": 1_000_000, "b": 1_000_000_000}
_TZ_ABBREVIATIONS = {
    "UTC": 0,
    "GMT": 0,
    "Z": 0,
    "CET": 3600,
    "CEST": 7200,
    "EST": -18000,
    "EDT": -14400,
    "PST": -28800,
    "PDT": -25200,
}


def to_utc(value: Any) -> datetime | None:
    """Parse a timestamp into a naive UTC datetime (µs), or None when empty.

    Accepts datetimes, ISO 8601 (any offset), RFC 2822 (RSS), ``YYYY-MM-DD HH:MM:SS ±HHMM``
    and epoch seconds or milliseconds. A value without a zone is taken as UTC.
    An instant outside years 1–9999 in UTC (``0001-01-01T00:00:00+14:00``, an
    epoch of ``1e20``) is a ValueError, like any unreadable date: Python, Arrow
    and the store agree on no wider range.

    >>> to_utc("2015-02-24 11:35:52 -0800")
    datetime.datetime(2015, 2, 24, 19, 35, 52)
    """
    if value is None or value == "":
        return None
    if isinstance(value, datetime):
        moment = value
    elif isinstance(value, int | float) and not isinstance(value, bool):
        if isinstance(value, float) and math.isnan(value):
            return None
        seconds = value / 1000 if abs(value) > 1e11 else value
        try:
            return datetime.fromtimestamp(seconds, UTC).replace(tzinfo=None)
        except (OverflowError, OSError, ValueError) as exc:
            raise ValueError(
                Phrase(
                    N_("expected a date and time, got the epoch {value} (out of range)"),
                    value=repr(value),
                )
            ) from exc
    else:
        text = str(value).strip()
        if not text:
            return None
        if re.fullmatch(r"\d{9,13}(\.\d+)?", text):
            return to_utc(float(text))
        moment = _parse_text(text)
    if moment.tzinfo is not None:
        try:
            moment = moment.astimezone(UTC).replace(tzinfo=None)
        except (OverflowError, ValueError) as exc:
            raise ValueError(
                Phrase(
                    N_("expected a date and time between years 1 and 9999 in UTC, got {value}"),
                    value=repr(value),
                )
            ) from exc
    return moment


def _parse_text(text: str) -> datetime:
    try:
        return datetime.fromisoformat(text)
    except ValueError:
        pass
    if "," in text[:5]:
        try:
            return parsedate_to_datetime(text)
        except (TypeError, ValueError):
            pass
    try:
        parsed: datetime = dateutil_parser.parse(text, tzinfos=_TZ_ABBREVIATIONS)
        return parsed
    except (ValueError, OverflowError) as exc:
        raise ValueError(
            Phrase(
                N_("expected a date and time (ISO 8601 or RFC 2822), got {value}"), value=repr(text)
            )
        ) from exc


def to_int(value: Any) -> int | None:
    """Parse a count (``1 234``, ``1,234``, ``12.0``, ``1.2k``) into a non-negative int.

    A count the store cannot hold (above 2**63 - 1, infinite) is a ValueError,
    so it rejects its row instead of failing the whole batch when written.

    >>> to_int("1,234"), to_int("1.2k"), to_int("")
    (1234, 1200, None)
    """
    if value is None or value == "":
        return None
    if isinstance(value, bool):
        return int(value)
    if isinstance(value, int):
        number = value
    elif isinstance(value, float):
        if math.isnan(value):
            return None
        number = _whole(value, value)
    else:
        text = _THOUSANDS.sub("", str(value).strip()).replace(" ", "")
        if not text or text.lower() in {"nan", "none", "null", "-"}:
            return None
        multiplier = _SUFFIX.get(text[-1].lower(), 1)
        if multiplier > 1:
            text = text[:-1]
        try:
            parsed = float(text.replace(",", "."))
        except ValueError as exc:
            raise ValueError(
                Phrase(N_("expected a whole number, got {value}"), value=repr(value))
            ) from exc
        number = _whole(parsed * multiplier, value)
    if number < 0:
        raise ValueError(Phrase(N_("expected a count (0 or more), got {value}"), value=repr(value)))
    if number > MAX_COUNT:
        raise ValueError(
            Phrase(
                N_("expected a count of at most {maximum} (64 bits), got {value}"),
                maximum=str(MAX_COUNT),
                value=repr(value),
            )
        )
    return number


def _whole(number: float, given: Any) -> int:
    """A float rounded to an int; NaN and infinities are a ValueError naming ``given``."""
    if not math.isfinite(number):
        raise ValueError(Phrase(N_("expected a whole number, got {value}"), value=repr(given)))
    return int(round(number))


def to_text(value: Any) -> str | None:
    """A string, or None for empty values."""
    if value is None:
        return None
    if isinstance(value, float) and math.isnan(value):
        return None
    text = str(value)
    return text if text.strip() else None


def to_bool(value: Any) -> bool | None:
    """Parse yes/no, true/false, 1/0 (French oui/non too)."""
    if value is None or value == "":
        return None
    if isinstance(value, bool):
        return value
    text = str(value).strip().lower()
    if text in {"1", "true", "yes", "y", "oui", "vrai", "t"}:
        return True
    if text in {"0", "false", "no", "n", "non", "faux", "f"}:
        return False
    raise ValueError(Phrase(N_("expected true or false, got {value}"), value=repr(value)))


def native_id(value: Any) -> str | None:
    """An identifier as text: ``5.7e17`` floats and ``123.0`` become digit strings.

    Only text and numbers are identifiers: an object, a list or a boolean (a
    JSON ``{"id": {...}}``) is a ValueError, as is a control character (NUL
    included) in the text, which no platform puts in an id and which breaks
    every tool the id is later pasted into.
    """
    if value is None or value == "":
        return None
    if isinstance(value, bool) or not isinstance(value, str | int | float):
        raise ValueError(_not_an_id(value))
    if isinstance(value, float):
        if math.isnan(value):
            return None
        if not math.isfinite(value):
            raise ValueError(Phrase(N_("expected an identifier, got {value}"), value=repr(value)))
        return str(int(value)) if value.is_integer() else repr(value)
    text = str(value).strip()
    if re.fullmatch(r"\d+\.0", text):
        text = text[:-2]
    check_id(text)
    return text or None


def check_id(text: str) -> str:
    """``text`` if it can be an identifier; a ValueError for a control character in it.

    >>> check_id("twitter:123")
    'twitter:123'
    """
    bad = _CONTROL.search(text)
    if bad:
        raise ValueError(
            Phrase(
                N_("control character {character} in the identifier {value}"),
                character=f"U+{ord(bad.group()):04X}",
                value=repr(text[:40]),
            )
        )
    return text


def _not_an_id(value: Any) -> Phrase:
    """What a value that is no identifier is (a JSON object, list or boolean)."""
    if isinstance(value, dict):
        return Phrase(N_("expected an identifier (text or a number), got an object"))
    if isinstance(value, list):
        return Phrase(N_("expected an identifier (text or a number), got a list"))
    if isinstance(value, bool):
        return Phrase(N_("expected an identifier (text or a number), got a boolean"))
    return Phrase(
        N_("expected an identifier (text or a number), got a {kind}"), kind=type(value).__name__
    )


def ref_id(platform: str, value: Any) -> str | None:
    """A reference to another document (reply_to, repost_of): canonical id.

    Numbers are read as :func:`native_id` reads them; the rest is
    :func:`influscope.ids.doc_ref` (a value already ``platform:id`` is kept).
    """
    text = native_id(value)
    return None if text is None else ids.doc_ref(platform, text)
