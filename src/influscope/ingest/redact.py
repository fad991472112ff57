"""URLs with their secrets taken out, for messages, logs, the store and API answers.

Credentials travel in URLs more often than they should: ``user:password@``,
``?token=…``/``?api_key=…``/``?sig=…`` query parameters, whole webhook URLs
(Slack's ``/services/T…/B…/secret``). An error message is stored (a delivery's
last error, a source's health) and shown to anyone who may read it, so every
URL that goes into one is passed through :func:`redact_url` first, and
free text from code we do not control (a third-party notifier's exception)
through :func:`redact_text`.

What goes: the userinfo, the values of query parameters whose name hints at a
secret, long bare query words, the fragment, and with ``keep_path=False`` the
path (for URLs that are secret as a whole, like webhooks).
"""

from __future__ import annotations

import re
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

MASK = "***"
SECRET_NAME = re.compile(
    r"token|secret|key|pass|pwd|auth|sig|session|credential|code|jwt|bearer|hash|ticket",
    re.IGNORECASE,
)
BARE_SECRET_LENGTH = 16
URL_IN_TEXT = re.compile(r"\b[a-zA-Z][a-zA-Z0-9+.-]*://[^\s<>\"']+")


def _query(query: str) -> str:
    if not query:
        return ""
    pairs = parse_qsl(query, keep_blank_values=True)
    kept = []
    for name, value in pairs:
        if SECRET_NAME.search(name) and value:
            value = MASK
        elif not value and len(name) >= BARE_SECRET_LENGTH:
            name = MASK
        kept.append((name, value))
    return urlencode(kept, safe="*")


def redact_url(url: str, *, keep_path: bool = True) -> str:
    """A URL safe to show: no userinfo, no secret-looking query values, no fragment.

    >>> redact_url("https://bob:pw@api.example.org/v1?q=usine&api_key=abc#x")
    'https://***@api.example.org/v1?q=usine&api_key=***'
    >>> redact_url("https://hooks.example.com/services/T1/B2/s3cr3t", keep_path=False)
    'https://hooks.example.com/***'
    """
    try:
        parts = urlsplit(url.strip())
        host = parts.netloc.rpartition("@")[2]
    except ValueError:
        return "<invalid URL>"
    netloc = f"{MASK}@{host}" if "@" in parts.netloc else host
    if keep_path:
        return urlunsplit((parts.scheme, netloc, parts.path, _query(parts.query), ""))
    hidden = f"/{MASK}" if parts.path.strip("/") or parts.query else parts.path
    return urlunsplit((parts.scheme, netloc, hidden, "", ""))


def redact_text(text: str) -> str:
    """Free text with every URL in it redacted (see :func:`redact_url`).

    >>> redact_text("POST https://h.example/x?token=abc failed")
    'POST https://h.example/x?token=*** failed'
    """
    return URL_IN_TEXT.sub(lambda m: redact_url(m.group(0)), text)
