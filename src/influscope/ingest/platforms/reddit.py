"""Reddit: submissions and comments, from Pushshift-style NDJSON or the official API.

Pushshift dumps and the API's listings share one object shape. A document is
named by the thing's *fullname* (``t3_…`` for a submission, ``t1_…`` for a
comment) because that is what ``parent_id`` and ``link_id`` cite, so a comment
replies to ``reddit:t1_…`` or ``reddit:t3_…`` directly. Deleted authors have
no actor. A link post's URL is an explicit link; the subreddit is kept in the
document's title for comments (``r/name``) so queries can filter on it.
"""

from __future__ import annotations

from typing import Any

from influscope.ingest.batch import FieldError, Mapped
from influscope.ingest.platforms.common import Preset, count, dumps, link_rows, when

PLATFORM = "reddit"
DELETED = {"[deleted]", "[removed]", ""}


def fullname(thing: dict[str, Any]) -> str:
    """``t3_…`` / ``t1_…`` of a submission or comment (Pushshift often omits ``name``)."""
    name = thing.get("name")
    if isinstance(name, str) and name[:3] in {"t1_", "t3_"}:
        return name
    ident = thing.get("id")
    if ident is None or ident == "":
        raise FieldError("id", "missing 'id' (and 'name')")
    prefix = "t1_" if "body" in thing or "parent_id" in thing else "t3_"
    return f"{prefix}{ident}"


def map_thing(thing: dict[str, Any], raw: str | None = None) -> Mapped:
    """Map one submission or comment."""
    if not isinstance(thing, dict):
        raise FieldError(None, "expected an object")
    if isinstance(thing.get("data"), dict) and thing.get("kind") in {"t1", "t3"}:
        thing = thing["data"]  # an API listing child
    native = fullname(thing)
    doc_id = f"{PLATFORM}:{native}"
    comment = native.startswith("t1_")
    author_name = str(thing.get("author") or "")
    author = None if author_name in DELETED else f"{PLATFORM}:{author_name.lower()}"
    published = when("created_utc", thing.get("created_utc"))
    subreddit = thing.get("subreddit")
    permalink = thing.get("permalink")
    url = f"https://www.reddit.com{permalink}" if permalink else None
    links: list[str] = []
    if comment:
        text = thing.get("body")
        title = f"r/{subreddit}" if subreddit else None
        parent = thing.get("parent_id") or thing.get("link_id")
    else:
        text = thing.get("selftext")
        title = thing.get("title")
        parent = None
        if not thing.get("is_self", True) and thing.get("url"):
            links.append(str(thing["url"]))
    if text in DELETED:
        text = None
    doc = {
        "doc_id": doc_id,
        "platform": PLATFORM,
        "native_id": native,
        "author_id": author,
        "published_at": published,
        "text": text,
        "title": title,
        "url": url,
        "lang": thing.get("lang"),
        "likes": count(
            "score",
            max(0, thing["score"]) if isinstance(thing.get("score"), int) else thing.get("score"),
        ),
        "replies": count("num_comments", thing.get("num_comments")),
        "reply_to": f"{PLATFORM}:{parent}" if parent else None,
        "raw": raw or dumps(thing),
    }
    mapped = Mapped(documents=[doc], links=link_rows(doc_id, links))
    if author:
        flair = thing.get("author_flair_text")
        mapped.actors.append(
            {
                "actor_id": author,
                "platform": PLATFORM,
                "handle": author_name,
                "name": author_name,
                "attrs": dumps({"flair": flair}) if flair else None,
            }
        )
    return mapped


class RedditPreset(Preset):
    """``--preset reddit``: Pushshift-style NDJSON of submissions and/or comments."""

    name = "reddit"
    formats = ("jsonl", "json")

    def map_record(self, record: dict[str, Any]) -> Mapped:
        """Map one submission or comment."""
        thing = {k: v for k, v in record.items() if not k.startswith("__")}
        return map_thing(thing, raw=record.get("__raw__"))
