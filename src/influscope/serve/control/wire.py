"""JSON for the control socket that keeps the types the CLI renders.

Plain JSON turns a datetime into a string, and the CLI prints a string and a
datetime differently (``2026-03-02 10:00:00`` in a table, ``2026-03-02T10:00:00``
in JSON output). The answers of the control endpoint therefore tag the few
non-JSON types the store returns, and the client revives them, so a command
prints exactly the same whether it opened the store or went through the socket.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime, time, timedelta
from decimal import Decimal
from typing import Any

import orjson

TAG = "$wire"
_REVIVE: dict[str, Callable[[str], Any]] = {
    "datetime": datetime.fromisoformat,
    "date": date.fromisoformat,
    "time": time.fromisoformat,
    "timedelta": lambda text: timedelta(seconds=float(text)),
    "decimal": Decimal,
}


def _tag(value: Any) -> Any:
    if isinstance(value, datetime):
        return {TAG: "datetime", "value": value.isoformat()}
    if isinstance(value, date):
        return {TAG: "date", "value": value.isoformat()}
    if isinstance(value, time):
        return {TAG: "time", "value": value.isoformat()}
    if isinstance(value, timedelta):
        return {TAG: "timedelta", "value": repr(value.total_seconds())}
    if isinstance(value, Decimal):
        return {TAG: "decimal", "value": str(value)}
    return str(value)  # what the CLI's own rendering does with an unknown type


def dumps(value: Any) -> bytes:
    """Encode an answer, tagging datetimes, dates, times, durations and decimals."""
    return orjson.dumps(
        value, default=_tag, option=orjson.OPT_PASSTHROUGH_DATETIME | orjson.OPT_NON_STR_KEYS
    )


def loads(data: bytes) -> Any:
    """Decode an answer, reviving the tagged values.

    >>> loads(dumps({"at": datetime(2026, 3, 2, 10, 0)}))
    {'at': datetime.datetime(2026, 3, 2, 10, 0)}
    """
    return _revive(orjson.loads(data))


def _revive(value: Any) -> Any:
    if isinstance(value, list):
        return [_revive(v) for v in value]
    if isinstance(value, dict):
        kind = value.get(TAG)
        if len(value) == 2 and kind in _REVIVE and isinstance(value.get("value"), str):
            return _REVIVE[kind](value["value"])
        return {k: _revive(v) for k, v in value.items()}
    return value
