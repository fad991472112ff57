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
from functools import cache
from pathlib import Path

DOMAIN = "influscope"
LOCALE_DIR = Path(__file__).parent / "locale"
LANGUAGES = ("en", "fr")
LOCALE_VARIABLES = ("INFLUSCOPE_LANG", "LC_ALL", "LC_MESSAGES", "LANG")


def N_(message: str) -> str:  # noqa: N802 - the gettext convention for "mark, translate later"
    """Mark ``message`` for the catalogue without translating it (a table of labels)."""
    return message


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


def nt(singular: str, plural: str, count: int, lang: str | None = None, /, **values: object) -> str:
    """The singular or plural of a message for ``count`` (given to the message as ``count``).

    Example:
        >>> nt("{count} file", "{count} files", 2, "en")
        '2 files'
    """
    code = language(lang)
    text = catalogue(code).ngettext(singular, plural, count)
    return _fill(text, code, {"count": count, **values})
