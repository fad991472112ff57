"""The HTML escapes X (Twitter) puts in a post's text, undone at import.

X's API escapes three characters of a post's text (``&`` as ``&amp;``, ``<``
as ``&lt;``, ``>`` as ``&gt;``) and exports keep them: on the public airline
export, 720 of 14,640 tweets hold one of them ("&amp;", "&lt;3"). Kept, they show as
written in every table, the heart ``<3`` is lost to sentiment, a URL's
``?a=1&amp;b=2`` is another URL, and a query for "amp" matches. They are
undone for posts of those platforms only (another platform's text may mean
"&amp;" literally), ``&amp;`` last so that ``&amp;lt;`` becomes ``&lt;``, as
written. Both import paths do it: the record path on each document row
(:func:`unescape_row`, before the batch becomes Arrow), the bulk path in the
engine (:func:`unescape_sql`); a test pins them equal.
"""

from __future__ import annotations

from typing import Any

# Platforms whose text comes escaped (both names of the one network).
PLATFORMS = ("twitter", "x")
# In the order they are undone: ``&amp;`` last.
ESCAPES = (("&lt;", "<"), ("&gt;", ">"), ("&amp;", "&"))


def unescape(text: str) -> str:
    """One text with the escapes undone.

    >>> unescape("fish &amp; chips &lt;3 &amp;lt;")
    'fish & chips <3 &lt;'
    """
    for written, meant in ESCAPES:
        text = text.replace(written, meant)
    return text


def unescape_row(row: dict[str, Any]) -> None:
    """Undo the escapes of a document row's text in place, if it is an X post."""
    text = row.get("text")
    if isinstance(text, str) and "&" in text and row.get("platform") in PLATFORMS:
        row["text"] = unescape(text)


def unescape_sql(text: str, platform: str) -> str:
    """SQL for :func:`unescape_row` of one value: ``text`` of a post on ``platform``."""
    plain = text
    for written, meant in ESCAPES:
        plain = f"replace({plain}, '{written}', '{meant}')"
    names = ", ".join(f"'{name}'" for name in PLATFORMS)
    return f"(CASE WHEN {platform} IN ({names}) AND contains({text}, '&') THEN {plain} ELSE {text} END)"
