"""French and English for the CLI, API, dashboard and reports: one gettext catalogue.

Every sentence a person reads is written in English in the code, marked with
:func:`t` (or :func:`pt` for a word whose meaning needs a context, :func:`nt`
for a count, :func:`N_`/:func:`NC_` to mark without translating yet), and
extracted by Babel (``make i18n``) into ``serve/locale/influscope.pot`` with the
Jinja templates and the dashboard's modules. The French catalogue
``serve/locale/fr/LC_MESSAGES/influscope.po`` is compiled to ``.mo`` and shipped
as package data; English is the source language. The standard library's
gettext reads the ``.mo`` (no Babel import on the command line's start-up path);
numbers in a message are formatted by Babel for the language
(:mod:`influscope.serve.formats`), not by Python's ``format`` or the browser.

The language comes from ``--lang``, else the workspace's ``language`` when its
influscope.toml sets one (commands that open a workspace pass it), else
``INFLUSCOPE_LANG``, else the locale (``LC_ALL``, ``LC_MESSAGES``, ``LANG`` in
POSIX order: ``LANG=fr_FR.UTF-8`` gives French), else English.
"""

from __future__ import annotations

import gettext
import os
from collections.abc import Iterator
from functools import cache
from pathlib import Path
from typing import Any

from influscope.errors import N_, Code, InfluscopeError, Phrase

DOMAIN = "influscope"
LOCALE_DIR = Path(__file__).parent / "locale"
LANGUAGES = ("en", "fr")
LOCALE_VARIABLES = ("INFLUSCOPE_LANG", "LC_ALL", "LC_MESSAGES", "LANG")
__all__ = ["N_", "NC_", "error_text", "language", "negotiate", "npt", "nt", "pt", "say", "t"]


def NC_(context: str, message: str) -> str:  # noqa: N802 - gettext convention, with a context
    """Mark ``message`` in ``context`` for the catalogue without translating it."""
    return message


@cache
def catalogue(lang: str) -> gettext.NullTranslations:
    """The compiled catalogue of ``lang`` (English is the source: no catalogue needed)."""
    if lang == "en":
        return gettext.NullTranslations()
    return gettext.translation(DOMAIN, LOCALE_DIR, languages=[lang])


def negotiate(accept_language: str | None, default: str = "en") -> str:
    """The best of ``fr``/``en`` for an HTTP ``Accept-Language`` header (quality-ordered)."""
    best, best_q = default, -1.0
    for part in (accept_language or "").split(","):
        tag, _, params = part.strip().partition(";")
        quality = 1.0
        if params.strip().startswith("q="):
            try:
                quality = float(params.strip()[2:])
            except ValueError:
                quality = 0.0
        code = tag.strip().lower()[:2]
        if code in LANGUAGES and quality > best_q:
            best, best_q = code, quality
    return best


def language(explicit: str | None = None, configured: str | None = None) -> str:
    """The language to speak: ``fr`` or ``en``.

    ``explicit`` is ``--lang``; ``configured`` the workspace's setting when its
    file sets one. The POSIX locale values ``C`` and ``POSIX`` are no choice.
    """
    found = (os.environ.get(name) for name in LOCALE_VARIABLES)
    for value in (explicit, configured, *found):
        if value and value.split(".")[0].upper() not in ("C", "POSIX"):
            return "fr" if value.lower().startswith("fr") else "en"
    return "en"


def _fill(text: str, lang: str, values: dict[str, object]) -> str:
    """``text`` with its ``{name}`` fields filled, numbers written the language's way."""
    if not values:
        return text
    if any(_numeric(v) for v in values.values()):
        from influscope.serve.formats import number

        values = {
            k: number(v, lang) if isinstance(v, int | float) and not isinstance(v, bool) else v
            for k, v in values.items()
        }
    return text.format(**values)


def _numeric(value: object) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool)


def t(message: str, lang: str | None = None, /, **values: object) -> str:
    """``message`` in the language, its ``{fields}`` filled with ``values``.

    Integers and floats are written by Babel for the language (``14 640`` in
    French, ``14,640`` in English); pass a percentage already formatted
    (:func:`influscope.serve.formats.percent`).

    Example:
        >>> t("Report written to {path}.", "fr", path="r.pdf")
        'Rapport écrit dans r.pdf.'
    """
    code = language(lang)
    return _fill(catalogue(code).gettext(message), code, values)


def pt(context: str, message: str, lang: str | None = None, /, **values: object) -> str:
    """``message`` in ``context`` (a stance, a kind, a button…) in the language.

    Example:
        >>> pt("stance", "ally", "fr")
        'allié'
    """
    code = language(lang)
    return _fill(catalogue(code).pgettext(context, message), code, values)


def error_text(error: InfluscopeError, lang: str | None = None) -> tuple[str, str]:
    """An error's message and hint in the language (the hint may be empty).

    Library code cannot know the reader's language, so it raises the English
    template and its values apart (:mod:`influscope.errors`); this is the one
    place they meet the catalogue. A message with no values is looked up as
    written: one built whole, or already translated, comes back unchanged.
    An empty hint stays empty (gettext's empty key is the catalogue's header).
    A value that is itself an error (one wrapped in another's message) is
    rendered the same way, in the same language.
    """
    values = _said(error.values, lang)
    message = t(error.template, lang, **values)
    hint = t(error.hint_template, lang, **values) if error.hint_template else ""
    return message, hint


def say(text: object, lang: str | None = None) -> str:
    """Text for a person in the language, whatever the library handed over.

    A :class:`~influscope.errors.Phrase` or an error's message is translated
    and filled; any other text is shown as it is (a library's own words).
    """
    if isinstance(text, InfluscopeError):
        return error_text(text, lang)[0]
    if isinstance(text, Phrase):
        return t(text.template, lang, **_said(text.values, lang))
    return str(text)


def _said(values: dict[str, object], lang: str | None) -> dict[str, object]:
    """Values of a template, those that are phrases or errors themselves said in the language."""
    return {name: _said_value(value, lang) for name, value in values.items()}


def _said_value(value: object, lang: str | None) -> object:
    """One value of a template for a person: a phrase or an error said, a code as its word."""
    if isinstance(value, InfluscopeError | Phrase):
        return say(value, lang)
    if isinstance(value, Code):
        from influscope.serve.labels import label  # noqa: PLC0415 - labels imports this module

        return label(value.family, str(value), lang)
    return value


def extract_marks(
    fileobj: Any, keywords: Any, comment_tags: Any, options: Any
) -> Iterator[tuple[int, str | tuple[str, ...], list[str], str | None]]:
    """Babel extractor for the library's Python (``babel.cfg``): the ``N_`` marks alone.

    Library code speaks no language, so ``N_`` is its only keyword; Babel's
    Python extractor, given ``t`` or ``_`` there, takes a variable of that name
    followed by a subscript (``t["name"]``) for a message.
    """
    from babel.messages.extract import extract_python

    return extract_python(fileobj, {"N_": None}, comment_tags, options)


def nt(singular: str, plural: str, count: int, lang: str | None = None, /, **values: object) -> str:
    """The singular or plural of a message for ``count`` (given to the message as ``count``).

    Example:
        >>> nt("{count} file", "{count} files", 2, "en")
        '2 files'
    """
    code = language(lang)
    text = catalogue(code).ngettext(singular, plural, count)
    return _fill(text, code, {"count": count, **values})


def npt(
    context: str,
    singular: str,
    plural: str,
    count: int,
    lang: str | None = None,
    /,
    **values: object,
) -> str:
    """:func:`nt` in a context: a count whose words agree with what is counted.

    French agrees the participle with the noun it counts (``1 ligne rejetée``
    but ``1 document rejeté``), so one English message may need two translations.

    Example:
        >>> npt("rows", "{count} rejected", "{count} rejected", 2, "fr")
        '2 rejetées'
    """
    code = language(lang)
    text = catalogue(code).npgettext(context, singular, plural, count)
    return _fill(text, code, {"count": count, **values})
