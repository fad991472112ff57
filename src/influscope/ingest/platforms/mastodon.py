"""Mastodon: REST API ``Status`` entities, from files or from an instance's timelines.

Account ids are instance-local, so actors are named by their full address
``user@instance`` (a local account's ``acct`` has no domain: the instance is
taken from its profile URL). Status ids are kept as the instance returned
them: a file or a source is assumed to come from one instance. The HTML
``content`` becomes plain text with full URLs; ``mentions`` and ``tags`` are
taken from the entity rather than re-parsed. A boost (``reblog``) is a
document of its own that reposts the boosted status, which is mapped too.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any
from urllib.parse import urlsplit

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
from influscope.ingest.platforms.html import html_text

PLATFORM = "mastodon"


def full_acct(acct: str, url: str | None) -> str:
    """``user@instance`` from an ``acct`` and the profile URL (for local accounts)."""
    acct = ids.normalise_handle(acct)
    if "@" in acct:
        return acct
    host = (urlsplit(url or "").hostname or "").lower()
    return f"{acct}@{host}" if host else acct


def map_account(account: dict[str, Any]) -> dict[str, Any]:
    """An actor row from a Mastodon ``Account``."""
    acct = full_acct(str(need(account, "acct", "account.acct")), account.get("url"))
    bio, _ = html_text(account.get("note"))
    homepage = None
    for entry in account.get("fields") or []:
        _, hrefs = html_text(entry.get("value"))
        if hrefs:
            homepage = hrefs[0]
            break
    return {
        "actor_id": ids.actor_id(PLATFORM, acct),
        "platform": PLATFORM,
        "handle": acct,
        "name": account.get("display_name") or account.get("username"),
        "bio": bio or None,
        "followers": count("account.followers_count", account.get("followers_count")),
        "homepage": homepage,
        "verified": any(bool(f.get("verified_at")) for f in account.get("fields") or []),
        "kind": "bot" if account.get("bot") else None,
        "kind_source": "platform" if account.get("bot") else None,
        "attrs": dumps({"account_id": account.get("id"), "url": account.get("url")}),
        "raw": dumps(account),
    }


def map_status(status: dict[str, Any], raw: str | None = None) -> Mapped:
    """Map one ``Status`` (and the status it boosts or quotes)."""
    if not isinstance(status, dict):
        raise FieldError(None, Phrase(N_("expected a status object")))
    native = str(need(status, "id"))
    doc_id = ids.doc_id(PLATFORM, native)
    account = need(status, "account")
    actor = map_account(account)
    author = actor["actor_id"]
    published = when("created_at", status.get("created_at"))
    reblog = status.get("reblog") if isinstance(status.get("reblog"), dict) else None
    source = reblog or status
    text, hrefs = html_text(source.get("content"))
    spoiler = source.get("spoiler_text")
    if spoiler:
        text = f"{spoiler}\n\n{text}".strip()
    mentions = [
        full_acct(str(m.get("acct") or m.get("username") or ""), m.get("url"))
        for m in source.get("mentions") or []
        if m.get("acct") or m.get("username")
    ]
    tags = [str(t["name"]).lower() for t in source.get("tags") or [] if t.get("name")]
    card = source.get("card") or {}
    if card.get("url"):
        hrefs.append(card["url"])
    quote = status.get("quote") if isinstance(status.get("quote"), dict) else None
    quoted = (quote or {}).get("quoted_status") if quote else None
    reply_native = status.get("in_reply_to_id")
    doc = {
        "doc_id": doc_id,
        "platform": PLATFORM,
        "native_id": native,
        "author_id": author,
        "published_at": published,
        "text": text or None,
        "url": status.get("url") or status.get("uri"),
        "lang": status.get("language") or None,
        "likes": count("favourites_count", status.get("favourites_count")),
        "shares": count("reblogs_count", status.get("reblogs_count")),
        "replies": count("replies_count", status.get("replies_count")),
        "reply_to": ids.doc_id(PLATFORM, str(reply_native)) if reply_native else None,
        "repost_of": ids.doc_id(PLATFORM, str(reblog["id"]))
        if reblog and reblog.get("id")
        else None,
        "quote_of": ids.doc_id(PLATFORM, str(quoted["id"]))
        if isinstance(quoted, dict) and quoted.get("id")
        else None,
        "hashtags": tags,
        "mentions": [] if reblog else mentions,
        "raw": raw or dumps(status),
    }
    mapped = Mapped(documents=[doc], actors=[actor], links=link_rows(doc_id, hrefs))
    parts = [mapped]
    if reblog:
        inner = map_status(reblog)
        parts.append(inner)
        mapped.interactions += edge(
            author, inner.actors[0]["actor_id"], "repost", doc_id, published
        )
    if isinstance(quoted, dict) and quoted.get("account"):
        inner = map_status(quoted)
        parts.append(inner)
        mapped.interactions += edge(author, inner.actors[0]["actor_id"], "quote", doc_id, published)
    if reply_native and status.get("in_reply_to_account_id"):
        target = next(
            (
                full_acct(str(m.get("acct")), m.get("url"))
                for m in status.get("mentions") or []
                if str(m.get("id")) == str(status["in_reply_to_account_id"])
            ),
            None,
        )
        if target is None and str(status["in_reply_to_account_id"]) == str(account.get("id")):
            target = actor["handle"]  # a thread continued by its author: no edge
        if target:
            mapped.interactions += edge(
                author, ids.actor_id(PLATFORM, target), "reply", doc_id, published
            )
    if not reblog:
        mapped.interactions += mention_edges(author, PLATFORM, mentions, doc_id, published)
    return merge(*parts)


class MastodonPreset(Preset):
    """``--preset mastodon``: ``Status`` entities as a JSON array or one per line."""

    name = "mastodon"
    formats = ("jsonl", "json")

    def map_record(self, record: dict[str, Any]) -> Mapped:
        """Map one status."""
        status = payload(record)
        return map_status(status, raw=record.get("__raw__"))


def _newest(natives: list[str]) -> str:
    return max(natives, key=lambda i: (len(i), i))


class MastodonConnector(Connector):
    """Polls a Mastodon instance: a hashtag timeline, the public timeline, or a search.

    Options: ``instance`` (base URL, required); one of ``hashtag``,
    ``timeline = "public" | "local"`` or ``query`` (search: needs ``token`` or
    ``MASTODON_TOKEN``); ``limit`` (≤ 40), ``max_pages`` (5). The cursor is the
    newest status id read: the next poll asks for ``min_id`` = cursor and
    pages forward; a first poll reads the latest pages backward (``max_id``).
    """

    name = "mastodon"

    def _endpoint(self) -> tuple[str, dict[str, Any], str | None]:
        base = str(self.option("instance", required=True)).rstrip("/")
        token = self.option("token", env="MASTODON_TOKEN")
        if self.option("query"):
            token = self.option("token", env="MASTODON_TOKEN", required=True)
            params = {"q": self.option("query"), "type": "statuses", "resolve": "false"}
            return f"{base}/api/v2/search", params, token
        if self.option("hashtag"):
            tag = str(self.option("hashtag")).lstrip("#")
            return f"{base}/api/v1/timelines/tag/{tag}", {}, token
        timeline = self.option("timeline", "public")
        params = {"local": "true"} if timeline == "local" else {}
        return f"{base}/api/v1/timelines/public", params, token

    def fetch(self, cursor: str | None) -> Iterator[dict[str, Any]]:
        """Yield statuses newer than ``cursor`` (or the latest pages on a first poll)."""
        url, base_params, token = self._endpoint()
        headers = {"Authorization": f"Bearer {token}"} if token else {}
        limit = min(self.int_option("limit", 40), 40)
        pages = self.int_option("max_pages", 5)
        newest = cursor
        bound: dict[str, str] = {"min_id": cursor} if cursor else {}
        for _ in range(pages):
            params = {**base_params, "limit": str(limit), **bound}
            body = self.http.get(url, params=params, headers=headers).json()
            statuses = body.get("statuses", []) if isinstance(body, dict) else body
            if not statuses:
                break
            seen = [str(s["id"]) for s in statuses if isinstance(s, dict) and s.get("id")]
            yield from statuses
            if not seen:
                break
            top = _newest(seen)
            newest = top if newest is None else _newest([newest, top])
            self.cursor = newest
            if len(statuses) < limit:
                break
            if cursor:
                bound = {"min_id": top}
            else:
                bound = {"max_id": min(seen, key=lambda i: (len(i), i))}
        self.cursor = newest

    def map_record(self, raw: dict[str, Any]) -> Mapped:
        """Map one status."""
        return map_status(raw)
