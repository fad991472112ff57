"""Numbers, percentages and dates written the interface language's way, by Babel (CLDR).

The interface language decides, never the machine's or the browser's locale: a
French page says ``20 000`` and ``76,0 %``, an English one ``20,000`` and
``76.0%``. The dashboard formats in the browser with the symbols and patterns
:func:`for_browser` hands it, so both sides follow the same CLDR data.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from babel import Locale
from babel.dates import format_date, format_datetime, format_time
from babel.numbers import format_decimal, format_percent, format_scientific

from influscope.serve.i18n import language


def number(value: float, lang: str | None, digits: int = 3) -> str:
    r"""An integer with the language's grouping, a float with at most ``digits`` decimals.

    Example:
        >>> number(20000, "fr"), number(8088.5, "en")
        ('20\u202f000', '8,088.5')
    """
    lang = language(lang)
    if isinstance(value, int):
        return format_decimal(value, locale=lang)
    pattern = "#,##0" + ("." + "#" * digits if digits else "")
    return format_decimal(value, format=pattern, locale=lang)


def significant(value: float, lang: str | None) -> str:
    """A measured float with at most four significant digits, the language's way.

    A table's scores and seconds (``0,09227``, ``1,6``): as many digits as a
    person compares, with the language's decimal sign. From a thousand on, or
    for a whole value (a summed engagement), the units with the language's
    grouping: four significant digits would print 43995 as a round ``44000``.

    Example:
        >>> significant(0.092271, "fr"), significant(1.6, "en"), significant(3.0, "fr")
        ('0,09227', '1.6', '3')
        >>> significant(43995.0, "fr"), significant(1234.56, "en")
        ('43\u202f995', '1,235')
    """
    if abs(value) >= 1000 or value.is_integer():
        return format_decimal(round(value), format="#,##0", locale=language(lang))
    return format_decimal(value, format="@###", locale=language(lang))


def scientific(value: float, lang: str | None) -> str:
    """A tiny probability in scientific notation, the language's way (``2,0E-4``, ``2.0E-4``)."""
    return format_scientific(value, "0.0E0", locale=language(lang))


def percent(share: float | None, lang: str | None, digits: int | None = None) -> str:
    r"""A share (0–1) as a percentage; one decimal, three for shares under 0.1 %.

    Example:
        >>> percent(0.76, "fr"), percent(0.76, "en")
        ('76,0\xa0%', '76.0%')
    """
    if share is None:
        return ""
    lang = language(lang)
    if digits is None:
        digits = 3 if share != 0 and abs(share) < 0.001 else 1
    pattern = "#,##0." + "0" * digits + "%" if digits else "#,##0%"
    text = format_percent(share, format=pattern, locale=lang)
    if lang == "fr":  # CLDR's French pattern puts a no-break space before the sign
        text = text.replace("%", "\xa0%")
    return text


def labelled(label: str, value: str, lang: str | None) -> str:
    r"""``label: value`` with the language's colon: French sets a no-break space before it.

    Not a catalogue sentence: a message of placeholders alone ("{a}: {b}") would
    match any text with a colon.

    >>> labelled("2017-04", "33,3 %", "fr")
    '2017-04\xa0: 33,3 %'
    """
    return f"{label}\u00a0: {value}" if language(lang) == "fr" else f"{label}: {value}"


def day(value: date | datetime | str | None, lang: str | None) -> str:
    """A date in the language's medium form (``4 mars 2025``, ``Mar 4, 2025``)."""
    found = _parsed(value)
    return format_date(found, "medium", locale=language(lang)) if found is not None else ""


def moment(value: datetime | str | None, lang: str | None) -> str:
    """A date and time to the minute (``4 mars 2025, 15:30``, ``Mar 4, 2025, 3:30 PM``)."""
    found = _parsed(value)
    if found is None:
        return ""
    lang = language(lang)
    if not isinstance(found, datetime):
        return format_date(found, "medium", locale=lang)
    pattern = Locale.parse(lang).datetime_formats["medium"]
    time_part = Locale.parse(lang).time_formats["short"].pattern
    date_part = Locale.parse(lang).date_formats["medium"].pattern
    text = str(pattern).replace("{1}", date_part).replace("{0}", time_part)
    return format_datetime(found, text, locale=lang)


def clock(value: datetime, lang: str | None) -> str:
    """A time of day to the minute, as :func:`moment` writes it (``15:30``, ``3:30 PM``)."""
    return format_time(value, "short", locale=language(lang))


def _parsed(value: date | datetime | str | None) -> date | datetime | None:
    if value is None or value == "":
        return None
    if isinstance(value, date):
        return value
    try:
        return datetime.fromisoformat(str(value).replace("Z", "+00:00"))
    except ValueError:
        return None


def for_browser(lang: str) -> dict[str, Any]:
    """The symbols and patterns the dashboard formats with (CLDR, for ``lang``).

    The browser is given these instead of using its own locale: the decimal and
    group signs, the percent sign and whether a space precedes it, the abbreviated
    month names and day periods, and the medium date and short time patterns.
    """
    locale = Locale.parse(lang)
    symbols = locale.number_symbols["latn"]
    return {
        "lang": lang,
        "decimal": symbols["decimal"],
        "group": symbols["group"],
        "percent_space": "\xa0" if lang == "fr" else "",
        "months": [locale.months["format"]["abbreviated"][m] for m in range(1, 13)],
        "periods": [locale.day_periods["format"]["abbreviated"][p] for p in ("am", "pm")],
        "date": str(locale.date_formats["medium"].pattern),
        "time": str(locale.time_formats["short"].pattern),
        "datetime": str(locale.datetime_formats["medium"]),
    }


def d3_locale(lang: str) -> dict[str, Any]:
    """The d3 number and time locale of ``lang`` (Vega-Lite's ``config.locale``), from CLDR."""
    locale = Locale.parse(language(lang))
    symbols = locale.number_symbols["latn"]
    weekdays = [6, 0, 1, 2, 3, 4, 5]  # d3 starts the week on Sunday, CLDR numbers Monday 0
    return {
        "number": {
            "decimal": symbols["decimal"],
            "thousands": symbols["group"],
            "grouping": [3],
            "currency": ["", ""],
            "percent": "\u202f%" if lang == "fr" else "%",
        },
        "time": {
            "dateTime": "%x %X",
            "date": "%d/%m/%Y" if lang == "fr" else "%m/%d/%Y",
            "time": "%H:%M:%S" if lang == "fr" else "%I:%M:%S %p",
            "periods": [locale.day_periods["format"]["abbreviated"][p] for p in ("am", "pm")],
            "days": [locale.days["format"]["wide"][d] for d in weekdays],
            "shortDays": [locale.days["format"]["abbreviated"][d] for d in weekdays],
            "months": [locale.months["format"]["wide"][m] for m in range(1, 13)],
            "shortMonths": [locale.months["format"]["abbreviated"][m] for m in range(1, 13)],
        },
    }
