"""Which actor a URL designates: a social account, or the web entity of a site.

A link to ``twitter.com/jdupont``, ``x.com/jdupont/status/1``,
``youtube.com/@chan``, ``bsky.app/profile/a.bsky.social``,
``reddit.com/user/u``, a Mastodon ``instance/@user`` or ``tiktok.com/@t``
leads the reader to that account, so the journey credits the account
(``twitter:jdupont``…), not the platform's domain. Any other URL belongs to its
web entity (``web:lemonde.fr``).
"""

from __future__ import annotations

import re
from functools import lru_cache
from urllib.parse import urlsplit

from influscope import ids
from influscope.ingest.urls import web_entity

TWITTER_HOSTS = {"twitter.com", "x.com", "mobile.twitter.com"}
TWITTER_RESERVED = {
    "home", "search", "i", "intent", "share", "hashtag", "explore", "settings", "login",
    "signup", "tos", "privacy", "messages", "notifications", "compose", "about", "download",
}  # fmt: skip
NOT_MASTODON = {"medium.com", "youtube.com", "tiktok.com", "threads.net", "www.threads.net"}
_HANDLE = re.compile(r"^[A-Za-z0-9_][A-Za-z0-9_.-]*$")


def social_actor(url: str) -> str | None:
    """The social account a URL designates (``platform:handle``), or None.

    >>> social_actor("https://x.com/JDupont/status/123")
    'twitter:jdupont'
    >>> social_actor("https://mastodon.social/@alice")
    'mastodon:alice@mastodon.social'
    """
    try:
        parts = urlsplit(url.strip())
    except ValueError:
        return None
    host = (parts.hostname or "").lower()
    entity = host[4:] if host.startswith("www.") else host
    segments = [s for s in parts.path.split("/") if s]
    if not segments:
        return None
    first = segments[0]
    if entity in TWITTER_HOSTS:
        if first.lower() in TWITTER_RESERVED or not _HANDLE.match(first):
            return None
        return ids.actor_id("twitter", first)
    if entity in {"youtube.com", "m.youtube.com"}:
        if first.startswith("@") and len(first) > 1:
            return ids.actor_id("youtube", first)
        if first in {"c", "user", "channel"} and len(segments) > 1:
            return ids.actor_id("youtube", segments[1])
        return None
    if entity == "bsky.app":
        if first == "profile" and len(segments) > 1:
            return ids.actor_id("bluesky", segments[1])
        return None
    if entity in {"reddit.com", "old.reddit.com"}:
        if first in {"user", "u"} and len(segments) > 1:
            return ids.actor_id("reddit", segments[1])
        return None
    if entity == "tiktok.com":
        return ids.actor_id("tiktok", first) if first.startswith("@") else None
    if first.startswith("@") and len(first) > 1 and entity not in NOT_MASTODON:
        handle = first[1:]
        if _HANDLE.match(handle) and (len(segments) == 1 or segments[1].isdigit()):
            return ids.actor_id("mastodon", f"{handle}@{entity}")
    return None


def social_post(url: str) -> bool:
    """Whether a URL designates one post of an account (embedded or quoted where it appears).

    >>> social_post("https://twitter.com/jdupont/status/1"), social_post("https://twitter.com/jdupont")
    (True, False)
    """
    if social_actor(url) is None:
        return False
    segments = [s for s in urlsplit(url.strip()).path.split("/") if s]
    host = (urlsplit(url.strip()).hostname or "").lower().removeprefix("www.")
    if host in TWITTER_HOSTS:
        return len(segments) >= 3 and segments[1] == "status"
    if host == "bsky.app":
        return len(segments) >= 4 and segments[2] == "post"
    if host in {"youtube.com", "m.youtube.com", "reddit.com", "old.reddit.com"}:
        return False
    return len(segments) >= 2 and segments[1].isdigit()  # mastodon / tiktok style


@lru_cache(maxsize=500_000)
def url_actor(url: str) -> str | None:
    """The actor a URL belongs to: its social account, else ``web:<entity>`` (None: no host).

    >>> url_actor("https://www.lemonde.fr/a.html")
    'web:lemonde.fr'
    """
    return social_actor(url) or ids.web_actor_id(web_entity(url))
