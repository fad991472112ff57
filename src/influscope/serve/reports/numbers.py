"""Numbers, shares and dates as a report writes them, by the report's language.

French writes ``2 326`` and ``21,5 %`` (narrow no-break spaces), English
``2,326`` and ``21.5%``; dates are ISO days in both (``2015-02-17``), which
every reader of either language reads without ambiguity. A report's figures
are formatted here only, so a test can format the CLI's raw value the same way
and compare it with what the report shows.
"""

from __future__ import annotations

from datetime import date, datetime

NARROW_NBSP = "\u202f"


def count(value: int | float | None, lang: str) -> str:
    """A whole number with the language's thousands separator ('' for None)."""
    if value is None:
        return ""
    text = f"{round(value):,}"
    return text.replace(",", NARROW_NBSP) if lang == "fr" else text


def share(value: float | None, lang: str, digits: int = 1) -> str:
    """A share (0-1) as a percentage with ``digits`` decimals ('' for None)."""
    if value is None:
        return ""
    text = f"{value * 100:,.{digits}f}"
    if lang == "fr":
        return text.replace(",", NARROW_NBSP).replace(".", ",") + NARROW_NBSP + "%"
    return text + "%"


def day(value: datetime | date | str | None) -> str:
    """A date (or the date of a timestamp) as ``YYYY-MM-DD`` ('' for None)."""
    if value is None:
        return ""
    if isinstance(value, datetime | date):
        return value.strftime("%Y-%m-%d")
    return str(value)[:10]


def moment(value: datetime | str | None) -> str:
    """A timestamp as ``YYYY-MM-DD HH:MM`` UTC ('' for None)."""
    if value is None:
        return ""
    if isinstance(value, datetime):
        return value.strftime("%Y-%m-%d %H:%M")
    return str(value)[:16].replace("T", " ")
