"""Bluesky: ``app.bsky.feed.defs#postView`` (search results) and ``#feedViewPost`` (author feeds).

A post's identity is its AT URI (``at://did/app.bsky.feed.post/rkey``), kept
whole as the native id so replies and quotes, which cite URIs, resolve. Actors
are named by handle (``bluesky:alice.bsky.social``), like everywhere else.
Mentions come from the record's rich-text facets: a facet gives the mentioned
DID and the byte range of ``@handle`` in the UTF-8 text, from which the handle
is read. Link and tag facets give expanded URLs and hashtags. In an author
feed, an item with a ``reasonRepost`` is a repost by ``reason.by``.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from influscope import ids
from influscope.errors import N_, Phrase
from influscope.ingest.batch import FieldError, Mapped
from influscope.ingest.files.readers import payload
from influscope.ingest.platforms.common import (
    Preset,
    count,
    dumps,
    edge,
    link_rows,
    mention_edges,
    merge,
    need,
    when,
)
from influscope.ingest.platforms.connector import Connector

PLATFORM = "bluesky"
REPOST = "app.bsky.feed.defs#reasonRepost"


def map_profile(profile: dict[str, Any], field: str = "author") -> dict[str, Any]:
    """An actor row from a Bluesky profile view (basic or detailed)."""
    handle = str(need(profile, "handle", f"{field}.handle")).lower()
    return {
        "actor_id": ids.actor_id(PLATFORM, handle),
        "platform": PLATFORM,
        "handle": handle,
        "name": profile.get("displayName") or None,
        "bio": profile.get("description") or None,
        "followers": count(f"{field}.followersCount", profile.get("followersCount")),
        "verified": bool((profile.get("verification") or {}).get("verifiedStatus") == "valid")
        or None,
        "attrs": dumps({"did": profile.get("did")}),
        "raw": dumps(profile),
    }


def _facets(text: str, facets: list[dict[str, Any]]) -> tuple[list[str], list[str], list[str]]:
    data = text.encode("utf-8")
    mentions: list[str] = []
    links: list[str] = []
    tags: list[str] = []
    for facet in facets or []:
        index = facet.get("index") or {}
        for feature in facet.get("features") or []:
            kind = str(feature.get("$type", ""))
            if kind.endswith("#mention"):
                start, end = index.get("byteStart"), index.get("byteEnd")
                if isinstance(start, int) and isinstance(end, int):
                    handle = data[start:end].decode("utf-8", "replace").strip().lstrip("@")
                    if handle:
                        mentions.append(handle.lower())
            elif kind.endswith("#link") and feature.get("uri"):
                links.append(str(feature["uri"]))
            elif kind.endswith("#tag") and feature.get("tag"):
                tags.append(str(feature["tag"]).lower())
    return mentions, links, tags


def _embedded_uri(embed: dict[str, Any] | None) -> tuple[str | None, str | None]:
    """(quoted post URI, external link) of a record's embed."""
    if not isinstance(embed, dict):
        return None, None
    kind = str(embed.get("$type", ""))
    if kind.startswith("app.bsky.embed.recordWithMedia"):
        return _embedded_uri({"$type": "app.bsky.embed.record", **(embed.get("record") or {})})
    if kind.startswith("app.bsky.embed.record"):
        uri = (embed.get("record") or {}).get("uri")
        return (uri if uri and "/app.bsky.feed.post/" in uri else None), None
    if kind.startswith("app.bsky.embed.external"):
        return None, (embed.get("external") or {}).get("uri")
    return None, None


def web_url(uri: str, handle: str) -> str:
    """The bsky.app address of a post URI."""
    return f"https://bsky.app/profile/{handle}/post/{uri.rsplit('/', 1)[-1]}"


def map_post(post: dict[str, Any], raw: str | None = None) -> Mapped:
    """Map one ``postView``."""
    if not isinstance(post, dict):
        raise FieldError(None, Phrase(N_("expected a post view")))
    uri = str(need(post, "uri"))
    if not uri.startswith("at://"):
        raise FieldError("uri", Phrase(N_("expected an at:// URI, got {uri}"), uri=repr(uri)))
    doc_id = ids.doc_id(PLATFORM, uri)
    actor = map_profile(need(post, "author"))
    author = actor["actor_id"]
    record = need(post, "record")
    text = str(record.get("text") or "")
    published = when("record.createdAt", record.get("createdAt") or post.get("indexedAt"))
    mentions, links, tags = _facets(text, record.get("facets") or [])
    tags += [str(t).lower() for t in record.get("tags") or []]
    quoted, external = _embedded_uri(record.get("embed"))
    if external:
        links.append(external)
    parent = ((record.get("reply") or {}).get("parent") or {}).get("uri")
    langs = record.get("langs") or []
    doc = {
        "doc_id": doc_id,
        "platform": PLATFORM,
        "native_id": uri,
        "author_id": author,
        "published_at": published,
        "text": text or None,
        "url": web_url(uri, actor["handle"]),
        "lang": langs[0] if langs else None,
        "likes": count("likeCount", post.get("likeCount")),
        "shares": count("repostCount", post.get("repostCount")),
        "replies": count("replyCount", post.get("replyCount")),
        "reply_to": ids.doc_id(PLATFORM, str(parent)) if parent else None,
        "quote_of": ids.doc_id(PLATFORM, quoted) if quoted else None,
        "hashtags": list(dict.fromkeys(tags)),
        "mentions": list(dict.fromkeys(mentions)),
        "raw": raw or dumps(post),
    }
    mapped = Mapped(documents=[doc], actors=[actor], links=link_rows(doc_id, links))
    mapped.interactions += mention_edges(author, PLATFORM, doc["mentions"], doc_id, published)
    # The view of a quote embed carries the quoted post's author.
    view = post.get("embed") or {}
    view_record = view.get("record") or {}
    if isinstance(view_record.get("record"), dict):  # recordWithMedia#view
        view_record = view_record["record"]
    quoted_author = (view_record.get("author") or {}).get("handle")
    if quoted and quoted_author:
        target = ids.actor_id(PLATFORM, str(quoted_author))
        mapped.interactions += edge(author, target, "quote", doc_id, published)
    return mapped


def map_feed_item(item: dict[str, Any], raw: str | None = None) -> Mapped:
    """Map one ``feedViewPost``: the post, its reply parent, and a repost when there is one."""
    post = need(item, "post")
    mapped = map_post(post, raw=None if item.get("reason") else raw)
    parts = [mapped]
    parent = (item.get("reply") or {}).get("parent")
    if isinstance(parent, dict) and parent.get("author") and parent.get("record"):
        parent_mapped = map_post(parent)
        parts.append(parent_mapped)
        doc = mapped.documents[0]
        target = parent_mapped.actors[0]["actor_id"]
        mapped.interactions += edge(
            doc["author_id"], target, "reply", doc["doc_id"], doc["published_at"]
        )
    reason = item.get("reason") or {}
    if reason.get("$type") == REPOST:
        booster = map_profile(need(reason, "by", "reason.by"), "reason.by")
        did = reason["by"].get("did") or booster["handle"]
        rkey = post.get("cid") or str(post["uri"]).rsplit("/", 1)[-1]
        native = reason.get("uri") or f"at://{did}/app.bsky.feed.repost/{rkey}"
        at = when("reason.indexedAt", reason.get("indexedAt"))
        doc_id = ids.doc_id(PLATFORM, str(native))
        original = mapped.documents[0]
        repost = {
            "doc_id": doc_id,
            "platform": PLATFORM,
            "native_id": native,
            "author_id": booster["actor_id"],
            "published_at": at,
            "text": original["text"],
            "repost_of": original["doc_id"],
            "hashtags": original["hashtags"],
            "mentions": [],
            "raw": raw or dumps(item),
        }
        parts.append(
            Mapped(
                documents=[repost],
                actors=[booster],
                interactions=edge(booster["actor_id"], original["author_id"], "repost", doc_id, at),
            )
        )
    return merge(*parts)


class BlueskyPreset(Preset):
    """``--preset bluesky``: post views (``searchPosts``) or feed items (``getAuthorFeed``).

    Each line (or array item) is a ``postView``, a ``feedViewPost`` (with
    ``post``), or a whole API response holding ``posts`` or ``feed``.
    """

    name = "bluesky"
    formats = ("jsonl", "json")

    def records(self, path: Any, fmt: str, encoding: str | None = None) -> Any:
        """Records, with whole API responses split into their items."""
        for line, value in super().records(path, fmt, encoding):
            if isinstance(value.get("posts"), list) or isinstance(value.get("feed"), list):
                for item in value.get("posts") or value.get("feed") or []:
                    yield (
                        line,
                        item if isinstance(item, dict) else {"__error__": "expected an object"},
                    )
            else:
                yield line, value

    def map_record(self, record: dict[str, Any]) -> Mapped:
        """Map one post view or feed item."""
        raw = record.get("__raw__")
        value = payload(record)
        if "post" in value:
            return map_feed_item(value, raw=raw)
        return map_post(value, raw=raw)


def _stamp(item: dict[str, Any]) -> str:
    """When an item entered the feed (a repost's time, else the post's indexing time)."""
    reason = item.get("reason") or {}
    inner = item.get("post")
    post: dict[str, Any] = inner if isinstance(inner, dict) else item
    return str(reason.get("indexedAt") or post.get("indexedAt") or "")


class BlueskyConnector(Connector):
    """Polls Bluesky through XRPC: ``app.bsky.feed.searchPosts`` or ``getAuthorFeed``.

    Options: ``query`` (search) or ``actor`` (handle or DID: author feed);
    ``base_url`` (default the public AppView, ``https://public.api.bsky.app``);
    ``identifier`` + ``app_password`` (or ``BLUESKY_IDENTIFIER`` /
    ``BLUESKY_APP_PASSWORD``) to open a session with
    ``com.atproto.server.createSession`` on ``pds_url`` (default
    ``https://bsky.social``), after which requests go to the PDS with the
    session token; ``limit`` (≤ 100), ``max_pages`` (5). The cursor is the
    newest ``indexedAt`` read: search asks ``since`` it, an author feed pages
    back until it reaches it.
    """

    name = "bluesky"

    def _session(self) -> tuple[str, dict[str, str]]:
        identifier = self.option("identifier", env="BLUESKY_IDENTIFIER")
        base = str(self.option("base_url", "https://public.api.bsky.app")).rstrip("/")
        if not identifier:
            return base, {}
        password = self.option("app_password", env="BLUESKY_APP_PASSWORD", required=True)
        pds = str(self.option("pds_url", "https://bsky.social")).rstrip("/")
        body = self.http.post(
            f"{pds}/xrpc/com.atproto.server.createSession",
            json={"identifier": identifier, "password": password},
        ).json()
        return pds, {"Authorization": f"Bearer {body['accessJwt']}"}

    def fetch(self, cursor: str | None) -> Iterator[dict[str, Any]]:
        """Yield post views (search) or feed items (author feed) newer than ``cursor``."""
        query, actor = self.option("query"), self.option("actor")
        if not query and not actor:
            self.option("query", required=True)
        base, headers = self._session()
        limit = min(self.int_option("limit", 100), 100)
        pages = self.int_option("max_pages", 5)
        if query:
            url = f"{base}/xrpc/app.bsky.feed.searchPosts"
            params: dict[str, Any] = {"q": query, "sort": "latest", "limit": limit}
            if cursor:
                params["since"] = cursor
            key = "posts"
        else:
            url = f"{base}/xrpc/app.bsky.feed.getAuthorFeed"
            params = {"actor": actor, "limit": limit}
            key = "feed"
        newest = cursor or ""
        page_cursor = None
        for _ in range(pages):
            if page_cursor:
                params["cursor"] = page_cursor
            body = self.http.get(url, params=params, headers=headers).json()
            items = body.get(key) or []
            reached = False
            for item in items:
                stamp = _stamp(item) if isinstance(item, dict) else ""
                if cursor and stamp and stamp <= cursor:
                    reached = True
                    continue
                newest = max(newest, stamp)
                yield item
            page_cursor = body.get("cursor")
            if reached or not page_cursor or not items:
                break
        self.cursor = newest or cursor

    def map_record(self, raw: dict[str, Any]) -> Mapped:
        """Map one post view or feed item."""
        return map_feed_item(raw) if "post" in raw else map_post(raw)
