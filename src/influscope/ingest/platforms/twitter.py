"""X (Twitter): API v2 responses (twarc2 JSONL) and API v1.1 statuses.

Two shapes cover nearly every archive researchers hold. API v2 responses keep
users and referenced tweets apart in ``includes``; twarc2's *flattened* lines
embed them instead (``author``, full objects in ``referenced_tweets``). API
v1.1 statuses nest ``user``, ``retweeted_status`` and ``quoted_status``. Either
way the referenced tweets become documents too, and repost/reply/quote edges
point at their authors. ``t.co`` links in the text are replaced by the
expanded URLs the entities give, so link analysis sees real destinations.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

from influscope import ids
from influscope.errors import N_, Phrase
from influscope.ingest.batch import FieldError, Mapped
from influscope.ingest.files.readers import json_items, payload, read_records
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

PLATFORM = "twitter"


def _expand(text: str, urls: list[dict[str, Any]]) -> tuple[str, list[str]]:
    expanded: list[str] = []
    for u in urls or []:
        if not isinstance(u, dict):
            continue
        target = u.get("unwound_url") or u.get("expanded_url")
        if not target:
            continue
        expanded.append(target)
        short = u.get("url")
        if short and short in text:
            text = text.replace(short, target)
    return text, expanded


def _user_actor(user: dict[str, Any], v2: bool) -> dict[str, Any]:
    handle = need(user, "username" if v2 else "screen_name", "user.username")
    metrics = user.get("public_metrics") or {}
    followers = metrics.get("followers_count") if v2 else user.get("followers_count")
    homepage = user.get("url")
    url_entities = ((user.get("entities") or {}).get("url") or {}).get("urls") or []
    if url_entities and url_entities[0].get("expanded_url"):
        homepage = url_entities[0]["expanded_url"]
    return {
        "actor_id": ids.actor_id(PLATFORM, handle),
        "platform": PLATFORM,
        "handle": handle,
        "name": user.get("name"),
        "bio": user.get("description") or None,
        "followers": count("user.followers_count", followers),
        "homepage": homepage or None,
        "verified": bool(user.get("verified") or user.get("verified_type") in {"blue", "business"}),
        "attrs": dumps({"user_id": str(user.get("id") or user.get("id_str") or "")}),
        "raw": dumps(user),
    }


# -- API v2 -----------------------------------------------------------------------------


def map_v2_tweet(
    tweet: dict[str, Any],
    users: dict[str, dict[str, Any]],
    tweets: dict[str, dict[str, Any]],
    raw: str | None = None,
) -> Mapped:
    """Map one API v2 tweet, resolving its author and referenced tweets from ``includes``."""
    native = str(need(tweet, "id"))
    doc_id = ids.doc_id(PLATFORM, native)
    user = tweet.get("author") if isinstance(tweet.get("author"), dict) else None
    user = user or users.get(str(tweet.get("author_id")))
    if user is None:
        raise FieldError(
            "author_id",
            Phrase(
                N_("author {author} not in includes.users"), author=repr(tweet.get("author_id"))
            ),
        )
    actor = _user_actor(user, v2=True)
    author = actor["actor_id"]
    published = when("created_at", tweet.get("created_at"))
    # A long post (> 280 characters) has its whole text in note_tweet.
    raw_note = tweet.get("note_tweet")
    note: dict[str, Any] = raw_note if isinstance(raw_note, dict) else {}
    entities = note.get("entities") or tweet.get("entities") or {}
    text, urls = _expand(
        str(note.get("text") or tweet.get("text") or ""), entities.get("urls") or []
    )
    mentions = [m["username"].lower() for m in entities.get("mentions") or [] if m.get("username")]
    hashtags = [h["tag"].lower() for h in entities.get("hashtags") or [] if h.get("tag")]
    metrics = tweet.get("public_metrics") or {}
    refs: dict[str, str] = {}
    embedded: list[dict[str, Any]] = []
    for ref in tweet.get("referenced_tweets") or []:
        kind, ref_native = ref.get("type"), str(ref.get("id") or "")
        if kind and ref_native:
            refs[kind] = ref_native
            if "text" in ref and ("author" in ref or "author_id" in ref):
                embedded.append(ref)  # twarc2 flattened: the whole tweet is here

    def author_of(native_ref: str) -> str | None:
        ref_tweet = tweets.get(native_ref) or next(
            (e for e in embedded if str(e.get("id")) == native_ref), None
        )
        if not ref_tweet:
            return None
        ref_user = ref_tweet.get("author") or users.get(str(ref_tweet.get("author_id")))
        handle = (ref_user or {}).get("username")
        return ids.actor_id(PLATFORM, handle) if handle else None

    if "retweeted" in refs:
        # API v2 truncates a retweet's text; the original, when included, has it whole.
        original = tweets.get(refs["retweeted"]) or next(
            (e for e in embedded if str(e.get("id")) == refs["retweeted"]), None
        )
        original_user = (original or {}).get("author") or users.get(
            str((original or {}).get("author_id"))
        )
        if original and original_user and original_user.get("username"):
            original_entities = original.get("entities") or {}
            full, more = _expand(
                str(original.get("text") or ""), original_entities.get("urls") or []
            )
            text = f"RT @{original_user['username']}: {full}"
            urls += more
    doc = {
        "doc_id": doc_id,
        "platform": PLATFORM,
        "native_id": native,
        "author_id": author,
        "published_at": published,
        "text": text,
        "lang": tweet.get("lang") if tweet.get("lang") not in (None, "und") else None,
        "likes": count("public_metrics.like_count", metrics.get("like_count")),
        "shares": count("public_metrics.retweet_count", metrics.get("retweet_count")),
        "replies": count("public_metrics.reply_count", metrics.get("reply_count")),
        "views": count("public_metrics.impression_count", metrics.get("impression_count")),
        "reply_to": ids.doc_id(PLATFORM, refs["replied_to"]) if "replied_to" in refs else None,
        "repost_of": ids.doc_id(PLATFORM, refs["retweeted"]) if "retweeted" in refs else None,
        "quote_of": ids.doc_id(PLATFORM, refs["quoted"]) if "quoted" in refs else None,
        "hashtags": hashtags,
        "mentions": mentions,
        "url": f"https://twitter.com/{actor['handle']}/status/{native}",
        "raw": raw or dumps(tweet),
    }
    mapped = Mapped(documents=[doc], actors=[actor], links=link_rows(doc_id, urls))
    if "retweeted" in refs:
        mapped.interactions += edge(
            author, author_of(refs["retweeted"]), "repost", doc_id, published
        )
    if "quoted" in refs:
        mapped.interactions += edge(author, author_of(refs["quoted"]), "quote", doc_id, published)
    if "replied_to" in refs:
        target = author_of(refs["replied_to"])
        reply_user = users.get(str(tweet.get("in_reply_to_user_id")))
        if target is None and reply_user and reply_user.get("username"):
            target = ids.actor_id(PLATFORM, reply_user["username"])
        mapped.interactions += edge(author, target, "reply", doc_id, published)
    mapped.interactions += mention_edges(author, PLATFORM, mentions, doc_id, published)
    parts = [mapped]
    for ref_tweet in embedded:
        parts.append(map_v2_tweet(ref_tweet, users, tweets))
    return merge(*parts)


def v2_items(response: dict[str, Any]) -> Iterator[dict[str, Any]]:
    """The per-tweet records of one v2 response line (data first, then included tweets)."""
    includes = response.get("includes") or {}
    users = {str(u.get("id")): u for u in includes.get("users") or [] if isinstance(u, dict)}
    tweets = {str(t.get("id")): t for t in includes.get("tweets") or [] if isinstance(t, dict)}
    data = response.get("data")
    if isinstance(data, dict):
        data = [data]
    for tweet in data or []:
        yield {"tweet": tweet, "users": users, "tweets": tweets}
    for tweet in tweets.values():
        yield {"tweet": tweet, "users": users, "tweets": tweets, "included": True}


class Twarc2Preset(Preset):
    """``--preset twarc2``: X API v2 responses one per line (twarc2 JSONL), or flattened tweets."""

    name = "twarc2"
    formats = ("jsonl", "json")

    def _lines(
        self, path: Path, fmt: str, encoding: str | None
    ) -> Iterator[tuple[int, dict[str, Any]]]:
        if fmt != "json":
            yield from read_records(path, fmt, encoding=encoding)
            return
        # A saved single response (or a list of responses), possibly pretty-printed.
        for number, item in json_items(path, encoding, unwrap=False):
            yield number, item if isinstance(item, dict) else {"__error__": "expected an object"}

    def records(
        self, path: Path, fmt: str, encoding: str | None = None
    ) -> Iterator[tuple[int, dict[str, Any]]]:
        """One record per tweet; a response line yields its data and included tweets."""
        for line, value in self._lines(path, fmt, encoding):
            if "__error__" in value:
                yield line, value
            elif "data" in value or "includes" in value:
                for item in v2_items(value):
                    # The tweet alone is what an error log should keep, not the includes.
                    item["__raw__"] = dumps(item["tweet"])
                    yield line, item
            elif "id" in value and "text" in value:
                value.pop("__raw__", None)
                yield line, {"tweet": value, "users": {}, "tweets": {}}
            else:
                yield line, {"__error__": "neither an API v2 response nor a tweet"}

    def map_record(self, record: dict[str, Any]) -> Mapped:
        """Map one tweet with the includes of its response."""
        tweet = record.get("tweet")
        if not isinstance(tweet, dict):
            raise FieldError("data", Phrase(N_("expected a tweet object")))
        return map_v2_tweet(tweet, record.get("users") or {}, record.get("tweets") or {})


# -- API v1.1 -------------------------------------------------------------------------------


def map_v1_status(status: dict[str, Any], raw: str | None = None) -> Mapped:
    """Map one API v1.1 status (and the statuses it retweets or quotes)."""
    native = str(status.get("id_str") or need(status, "id"))
    doc_id = ids.doc_id(PLATFORM, native)
    user = need(status, "user")
    actor = _user_actor(user, v2=False)
    author = actor["actor_id"]
    published = when("created_at", status.get("created_at"))
    extended = status.get("extended_tweet") or {}
    text = extended.get("full_text") or status.get("full_text") or status.get("text") or ""
    entities = extended.get("entities") or status.get("entities") or {}
    text, urls = _expand(str(text), entities.get("urls") or [])
    mentions = [
        m["screen_name"].lower()
        for m in entities.get("user_mentions") or []
        if m.get("screen_name")
    ]
    hashtags = [h["text"].lower() for h in entities.get("hashtags") or [] if h.get("text")]
    retweeted = (
        status.get("retweeted_status") if isinstance(status.get("retweeted_status"), dict) else None
    )
    quoted = status.get("quoted_status") if isinstance(status.get("quoted_status"), dict) else None
    reply_native = status.get("in_reply_to_status_id_str") or status.get("in_reply_to_status_id")
    quote_native = status.get("quoted_status_id_str") or (quoted or {}).get("id_str")
    doc = {
        "doc_id": doc_id,
        "platform": PLATFORM,
        "native_id": native,
        "author_id": author,
        "published_at": published,
        "text": text,
        "lang": status.get("lang") if status.get("lang") not in (None, "und") else None,
        "likes": count("favorite_count", status.get("favorite_count")),
        "shares": count("retweet_count", status.get("retweet_count")),
        "replies": count("reply_count", status.get("reply_count")),
        "reply_to": ids.doc_id(PLATFORM, str(reply_native)) if reply_native else None,
        "repost_of": ids.doc_id(PLATFORM, str(retweeted.get("id_str") or retweeted.get("id")))
        if retweeted
        else None,
        "quote_of": ids.doc_id(PLATFORM, str(quote_native)) if quote_native else None,
        "hashtags": hashtags,
        "mentions": mentions,
        "url": f"https://twitter.com/{actor['handle']}/status/{native}",
        "raw": raw or dumps(status),
    }
    mapped = Mapped(documents=[doc], actors=[actor], links=link_rows(doc_id, urls))
    parts = [mapped]
    if retweeted:
        inner = map_v1_status(retweeted)
        parts.append(inner)
        mapped.interactions += edge(
            author, inner.actors[0]["actor_id"], "repost", doc_id, published
        )
    if quoted:
        inner = map_v1_status(quoted)
        parts.append(inner)
        mapped.interactions += edge(author, inner.actors[0]["actor_id"], "quote", doc_id, published)
    if reply_native and status.get("in_reply_to_screen_name"):
        target = ids.actor_id(PLATFORM, status["in_reply_to_screen_name"])
        mapped.interactions += edge(author, target, "reply", doc_id, published)
    mapped.interactions += mention_edges(author, PLATFORM, mentions, doc_id, published)
    return merge(*parts)


class TwitterV1Preset(Preset):
    """``--preset twitter-v1``: X API v1.1 statuses (JSON array, ``{"statuses": […]}``, or JSONL)."""

    name = "twitter-v1"
    formats = ("jsonl", "json")

    def map_record(self, record: dict[str, Any]) -> Mapped:
        """Map one status."""
        status = payload(record)
        return map_v1_status(status, raw=record.get("__raw__"))
