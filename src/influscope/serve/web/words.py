"""What the dashboard's scripts are told in the page: their sentences, value labels and number format.

The scripts keep no table of their own. Their sentences are marked with
``t('…')`` in the modules, extracted by Babel into the one catalogue
(``make i18n``); the server reads which messages come from the scripts in the
catalogue template (their locations), translates them for the page's language
and embeds them as JSON with the value labels (:mod:`influscope.serve.labels`)
and the CLDR symbols of :func:`influscope.serve.formats.for_browser`.
"""

from __future__ import annotations

from functools import cache
from typing import Any

from babel.messages.pofile import read_po

from influscope.serve import formats, labels
from influscope.serve.i18n import LOCALE_DIR, t

TEMPLATE = LOCALE_DIR / "influscope.pot"
SCRIPTS = "static/js/"


@cache
def script_messages() -> tuple[str, ...]:
    """The msgids of the catalogue that the dashboard's scripts use, in catalogue order."""
    with TEMPLATE.open("rb") as handle:
        template = read_po(handle)
    return tuple(
        str(message.id)
        for message in template
        if message.id
        and not message.context
        and any(SCRIPTS in path for path, _ in message.locations)
    )


@cache
def for_page(lang: str) -> dict[str, Any]:
    """The scripts' sentences, the value labels and the number format in ``lang``."""
    return {
        "messages": {message: t(message, lang) for message in script_messages()},
        "labels": labels.tables(lang),
        "format": formats.for_browser(lang),
    }
