"""Numbers in words a duty officer reads: shares as percentages, ratios as "about 20×", odds in words.

"0.5643 documents" and "5.8e-32" are what a model computes, not what a
person on call can act on. Each function returns French or English.

Example:
    >>> percent(0.5643, "en"), percent(0.5643, "fr")
    ('56%', '56 %')
    >>> times_usual(56, 4.47, "en"), times_usual(56, 4.47, "fr")
    ('about 13× the usual', "environ 13 fois l'habitude")
    >>> odds(5.8e-32, "en")
    'far less than one chance in a billion'
"""

from __future__ import annotations

from datetime import datetime


def percent(share: float, lang: str = "en") -> str:
    """A share as a whole percentage (one decimal under 10 %)."""
    value = 100.0 * share
    text = f"{value:.1f}" if 0 < value < 10 else f"{value:.0f}"
    if lang == "fr":
        return text.replace(".", ",") + " %"
    return text + "%"


def count(value: float, lang: str = "en") -> str:
    """A count as a whole number (thin grouping for large ones)."""
    number = f"{round(value):,}"
    return number.replace(",", "\u202f") if lang == "fr" else number


def times_usual(observed: float, expected: float, lang: str = "en") -> str:
    """How many times the usual level, rounded as a person would say it."""
    if expected <= 0:
        return "du jamais vu" if lang == "fr" else "never seen before"
    ratio = observed / expected
    shown = f"{ratio:.1f}" if ratio < 3 else f"{round(ratio):d}"
    if lang == "fr":
        return f"environ {shown.replace('.', ',')} fois l'habitude"
    return f"about {shown}× the usual"


def odds(probability: float, lang: str = "en") -> str:
    """A tail probability in words (how surprising it is under the usual pattern)."""
    scale = [
        (1e-9, "far less than one chance in a billion", "bien moins d'une chance sur un milliard"),
        (1e-6, "less than one chance in a million", "moins d'une chance sur un million"),
        (1e-3, "less than one chance in a thousand", "moins d'une chance sur mille"),
        (1e-2, "less than one chance in a hundred", "moins d'une chance sur cent"),
    ]
    for bound, en, fr in scale:
        if probability < bound:
            return fr if lang == "fr" else en
    return (
        f"environ {percent(probability, 'fr')} de chances"
        if lang == "fr"
        else f"about a {percent(probability, 'en')} chance"
    )


def window(start: datetime, end: datetime, lang: str = "en") -> str:
    """An event window, date once when it fits in a day."""
    end_format = "%H:%M" if end.date() == start.date() else "%Y-%m-%d %H:%M"
    joiner = " – "
    return f"{start:%Y-%m-%d %H:%M}{joiner}{end.strftime(end_format)} UTC"
