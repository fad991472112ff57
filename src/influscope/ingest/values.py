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

_THOUSANDS = re.compile(r"(?<=\d)[,\s\u202f\u00a0](?=\d{3}\b)")
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

    >>> to_utc("2015-02-24 11:35:52 -0800")
    datetime.datetime(2015, 2, 24, 19, 35, 52)
    """
    if value is None or value == "":
        return None
    if isinstance(value, datetime):
        moment = value
    elif isinstance(value, int | float) and not isinstance(value, bool):
        if math.isnan(value):
            return None
        seconds = value / 1000 if abs(value) > 1e11 else value
        return datetime.fromtimestamp(seconds, UTC).replace(tzinfo=None)
    else:
        text = str(value).strip()
        if not text:
            return None
        if re.fullmatch(r"\d{9,13}(\.\d+)?", text):
            return to_utc(float(text))
        moment = _parse_text(text)
    if moment.tzinfo is not None:
        moment = moment.astimezone(UTC).replace(tzinfo=None)
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
        raise ValueError(f"expected a date and time (ISO 8601 or RFC 2822), got {text!r}") from exc


def to_int(value: Any) -> int | None:
    """Parse a count (``1 234``, ``1,234``, ``12.0``, ``1.2k``) into a non-negative int.

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
        number = int(value)
    else:
        text = _THOUSANDS.sub("", str(value).strip()).replace(" ", "")
        if not text or text.lower() in {"nan", "none", "null", "-"}:
            return None
        multiplier = _SUFFIX.get(text[-1].lower(), 1)
        if multiplier > 1:
            text = text[:-1]
        try:
            number = int(round(float(text.replace(",", ".")) * multiplier))
        except ValueError as exc:
            raise ValueError(f"expected a whole number, got {value!r}") from exc
    if number < 0:
        raise ValueError(f"expected a count (0 or more), got {value!r}")
    return number


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
    raise ValueError(f"expected true or false, got {value!r}")


def native_id(value: Any) -> str | None:
    """An identifier as text: ``5.7e17`` floats and ``123.0`` become digit strings."""
    if value is None or value == "":
        return None
    if isinstance(value, float):
        if math.isnan(value):
            return None
        return str(int(value)) if value.is_integer() else repr(value)
    text = str(value).strip()
    if re.fullmatch(r"\d+\.0", text):
        text = text[:-2]
    return text or None


def ref_id(platform: str, value: Any) -> str | None:
    """A reference to another document (reply_to, repost_of): canonical id.

    Numbers are read as :func:`native_id` reads them; the rest is
    :func:`influscope.ids.doc_ref` (a value already ``platform:id`` is kept).
    """
    text = native_id(value)
    return None if text is None else ids.doc_ref(platform, text)
