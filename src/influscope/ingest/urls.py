"""Canonical URLs and web entities, so one page shared ten ways counts once.

Canonicalisation lower-cases scheme and host, drops default ports, fragments,
tracking parameters (utm_*, fbclid, gclid, xtor…) and empty queries, and keeps
the rest verbatim. The *web entity* of a URL is its host without ``www.``, the
unit Hyphe uses for hyperlink maps.
"""

from __future__ import annotations

import re
from functools import lru_cache
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

TRACKING_PARAMS = frozenset(
    {
        "fbclid",
        "gclid",
        "dclid",
        "gbraid",
        "wbraid",
        "msclkid",
        "mc_cid",
        "mc_eid",
        "igshid",
        "ref_src",
        "ref_url",
        "xtor",
        "at_medium",
        "at_campaign",
        "_ga",
        "_gl",
        "yclid",
        "cmpid",
        "ocid",
        "spm",
        "vero_id",
        "mkt_tok",
        "s_cid",
    }
)
TRACKING_PREFIXES = ("utm_", "pk_", "mtm_", "hsa_", "oly_")
URL_PATTERN = re.compile(r"https?://[^\s<>\"'\]\)]+", re.IGNORECASE)
_TRAILING = ".,;:!?…»\"'"


@lru_cache(maxsize=200_000)
def canonical_url(url: str) -> str:
    """The canonical form of a URL (see module doc).

    >>> canonical_url("HTTPS://www.Example.com:443/a/?utm_source=x&id=3#top")
    'https://www.example.com/a/?id=3'
    >>> canonical_url("http://[0:0:0:0:0:0:0:1]:18801/a")
    'http://[0:0:0:0:0:0:0:1]:18801/a'
    """
    text = url.strip().rstrip(_TRAILING)
    try:
        parts = urlsplit(text)
    except ValueError:
        return text
    scheme = parts.scheme.lower()
    host = (parts.hostname or "").lower().rstrip(".")
    if ":" in host:  # an IPv6 literal keeps its brackets, or the port would merge into it
        host = f"[{host}]"
    port = parts.port if _safe_port(parts) else None
    if port and not ((scheme == "http" and port == 80) or (scheme == "https" and port == 443)):
        host = f"{host}:{port}"
    if parts.username:
        host = f"{parts.username}@{host}"
    query = ""
    if parts.query:
        kept = [
            (k, v)
            for k, v in parse_qsl(parts.query, keep_blank_values=True)
            if k.lower() not in TRACKING_PARAMS and not k.lower().startswith(TRACKING_PREFIXES)
        ]
        query = urlencode(kept, doseq=True) if kept else ""
    path = parts.path or "/"
    return urlunsplit((scheme, host, path, query, ""))


def _safe_port(parts: object) -> bool:
    try:
        return getattr(parts, "port", None) is not None
    except ValueError:
        return False


def web_entity(url: str) -> str:
    """The web entity (host without ``www.``) of a URL.

    >>> web_entity("https://www.lemonde.fr/economie/article.html")
    'lemonde.fr'
    """
    try:
        host = (urlsplit(url.strip()).hostname or "").lower().rstrip(".")
    except ValueError:
        return ""
    return host[4:] if host.startswith("www.") else host


def find_urls(text: str) -> list[str]:
    """URLs written in a text, trailing punctuation removed."""
    return [m.rstrip(_TRAILING) for m in URL_PATTERN.findall(text or "")]
