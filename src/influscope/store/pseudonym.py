"""Pseudonymised exports: rows a third party can analyse without being told who is who.

Every value that names a person or points at their post is replaced by a keyed
hash (the workspace's salt, never exported): actor and document ids in their
columns (:data:`influscope.model.ACTOR_ID_COLUMNS` and the document id
columns), handles, names and native ids, ``@mentions`` and ``platform:id``
tokens in free text (alert explanations included), and the path of social
network URLs (``twitter.com/<handle>/status/<id>``: both the handle and the
tweet id would name the author). JSON text (alert evidence) is walked with the
same rules by key. Bios, raw records, homepages and attributes are dropped.

The same id always gets the same hash within a workspace, and a handle in a URL
gets the hash of the actor id it stands for, so joins still work on the export.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable
from typing import Any
from urllib.parse import urlsplit, urlunsplit

import orjson

from influscope.model import ACTOR_ID_COLUMNS, DOCUMENT_ID_COLUMNS, DOCUMENT_REF_COLUMNS

# Hosts whose URL paths name accounts and posts, and the platform of their ids.
SOCIAL_HOSTS = {
    "twitter.com": "twitter",
    "mobile.twitter.com": "twitter",
    "x.com": "twitter",
    "bsky.app": "bluesky",
    "reddit.com": "reddit",
    "old.reddit.com": "reddit",
    "youtube.com": "youtube",
    "m.youtube.com": "youtube",
    "youtu.be": "youtube",
    "instagram.com": "instagram",
    "facebook.com": "facebook",
    "tiktok.com": "tiktok",
    "linkedin.com": "linkedin",
    "threads.net": "threads",
    "t.me": "telegram",
}
# Path words of those hosts that name no one (kept so the URL still reads).
ROUTE_WORDS = frozenset(
    {
        "status",
        "statuses",
        "post",
        "posts",
        "comments",
        "r",
        "u",
        "user",
        "users",
        "profile",
        "watch",
        "shorts",
        "video",
        "videos",
        "channel",
        "c",
        "p",
        "reel",
        "i",
        "web",
        "in",
        "company",
        "photo",
    }
)
DROPPED = frozenset({"bio", "raw", "homepage", "attrs"})
HASHED = frozenset({"handle", "name", "native_id"})
ID_COLUMNS = frozenset({*ACTOR_ID_COLUMNS, *DOCUMENT_ID_COLUMNS, *DOCUMENT_REF_COLUMNS})
_MENTION = re.compile(r"(?<![\w@/])@([\w][\w.-]*\w|\w)")
_URL = re.compile(r"https?://[^\s\"'<>]+")


def keyed_hash(secret: str, value: str) -> str:
    """The salted hash of an id (same as :func:`influscope.store.privacy.actor_hash`)."""
    return hashlib.sha256((secret + value.lower()).encode()).hexdigest()


class Pseudonymiser:
    """Rewrites export rows so they name nobody.

    Example:
        >>> p = Pseudonymiser("salt", ["twitter"])
        >>> p.text("RT @jdoe", "twitter").startswith("RT @anon-")
        True
    """

    def __init__(self, secret: str, platforms: Iterable[str]) -> None:
        self.secret = secret
        known = sorted({p for p in platforms if p and p != "web"}, key=len, reverse=True)
        self.ids = (
            re.compile(
                r"(?<![\w/.:@-])(" + "|".join(re.escape(p) for p in known) + r"):"
                r"([^\s,;\"'<>()\[\]{}]*[^\s,;\"'<>()\[\]{}.])"
            )
            if known
            else None
        )

    def pseudo(self, value: str) -> str:
        """``platform:anon-<hash>`` for an id (web ids, which name pages, are kept)."""
        platform, _, _ = value.partition(":")
        if platform == "web":
            return value
        return f"{platform}:anon-{keyed_hash(self.secret, value)[:16]}"

    def rows(self, rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
        """The rows with every naming value replaced (see the module's docstring)."""
        return [self.row(r) for r in rows]

    def row(self, row: dict[str, Any]) -> dict[str, Any]:
        """One row (a web actor, which is a site, keeps its handle and name)."""
        platform = str(row.get("platform") or "twitter")
        site = str(row.get("actor_id") or "").startswith("web:")
        out: dict[str, Any] = {}
        for name, value in row.items():
            if site and name in HASHED:
                out[name] = value
            else:
                out[name] = self.value(name, value, platform)
        return out

    def value(self, name: str, value: Any, platform: str) -> Any:
        """A value of column (or JSON key) ``name``."""
        if value is None:
            return None
        if name in DROPPED:
            return None
        if isinstance(value, dict):
            return {k: self.value(k, v, platform) for k, v in value.items()}
        if isinstance(value, list):
            if name == "mentions":
                return [self.handle(str(m), platform) for m in value]
            return [self.value(name, v, platform) for v in value]
        if not isinstance(value, str):
            return value
        if name in ID_COLUMNS:
            return self.pseudo(value)
        if name in HASHED:
            return keyed_hash(self.secret, value)[:16]
        if name == "url":
            return self.link(value)
        return self.text(value, platform)

    def handle(self, handle: str, platform: str) -> str:
        """A bare handle: the hash its actor id gets, without the platform."""
        return self.pseudo(f"{platform}:{handle.lstrip('@').lower()}").split(":", 1)[1]

    def text(self, value: str, platform: str) -> str:
        """Free text: URLs, ``platform:id`` tokens and mentions replaced; JSON walked by key."""
        if value.lstrip()[:1] in ("{", "["):
            try:
                parsed = orjson.loads(value)
            except orjson.JSONDecodeError:
                parsed = None
            if isinstance(parsed, (dict, list)):
                return orjson.dumps(self.value("", parsed, platform)).decode()
        value = _URL.sub(lambda m: self.link(m.group(0)), value)
        if self.ids is not None:
            value = self.ids.sub(lambda m: self.pseudo(f"{m.group(1)}:{m.group(2)}"), value)
        return _MENTION.sub(lambda m: "@" + self.handle(m.group(1), platform), value)

    def link(self, url: str) -> str:
        """A URL whose path names an account or a post has those segments hashed.

        Social hosts get every path segment but their route words hashed (with
        the platform of the host, so a handle hashes like its actor id); on any
        host a ``/@handle`` segment (Mastodon, Medium…) is hashed. The query
        and fragment of such URLs are dropped (they carry ids too).
        """
        try:
            parts = urlsplit(url)
        except ValueError:
            return url
        host = (parts.hostname or "").lower().removeprefix("www.")
        platform = SOCIAL_HOSTS.get(host)
        segments = parts.path.split("/")
        changed = False
        for i, segment in enumerate(segments):
            if not segment:
                continue
            if segment.startswith("@"):
                segments[i] = "@" + self.handle(segment, platform or host)
                changed = True
            elif platform and segment.lower() not in ROUTE_WORDS:
                segments[i] = self.handle(segment, platform)
                changed = True
        if not changed:
            return url
        return urlunsplit((parts.scheme, parts.netloc, "/".join(segments), "", ""))
