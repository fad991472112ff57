"""Reddit: submissions and comments, from Pushshift-style NDJSON or the official API.

Pushshift dumps and the API's listings share one object shape. A document is
named by the thing's *fullname* (``t3_…`` for a submission, ``t1_…`` for a
comment) because that is what ``parent_id`` and ``link_id`` cite, so a comment
replies to ``reddit:t1_…`` or ``reddit:t3_…`` directly. Deleted authors have
no actor. A link post's URL is an explicit link; the subreddit is kept in the
document's title for comments (``r/name``) so queries can filter on it.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

from influscope import ids
from influscope.errors import N_, AuthError, MissingExtra, Phrase
from influscope.ingest.batch import FieldError, Mapped
from influscope.ingest.files.containers import checked
from influscope.ingest.files.readers import iter_jsonl, payload
from influscope.ingest.platforms.common import Preset, count, dumps, link_rows, when
from influscope.ingest.platforms.connector import Connector

PLATFORM = "reddit"
DELETED = {"[deleted]", "[removed]", ""}


def fullname(thing: dict[str, Any]) -> str:
    """``t3_…`` / ``t1_…`` of a submission or comment (Pushshift often omits ``name``)."""
    name = thing.get("name")
    if isinstance(name, str) and name[:3] in {"t1_", "t3_"}:
        return name
    ident = thing.get("id")
    if ident is None or ident == "":
        raise FieldError("id", Phrase(N_("missing 'id' (and 'name')")))
    prefix = "t1_" if "body" in thing or "parent_id" in thing else "t3_"
    return f"{prefix}{ident}"


def map_thing(thing: dict[str, Any], raw: str | None = None) -> Mapped:
    """Map one submission or comment."""
    if not isinstance(thing, dict):
        raise FieldError(None, Phrase(N_("expected an object")))
    if isinstance(thing.get("data"), dict) and thing.get("kind") in {"t1", "t3"}:
        thing = thing["data"]  # an API listing child
    native = fullname(thing)
    doc_id = ids.doc_id(PLATFORM, native)
    comment = native.startswith("t1_")
    author_name = str(thing.get("author") or "")
    author = None if author_name in DELETED else ids.actor_id(PLATFORM, author_name)
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
        "reply_to": ids.doc_id(PLATFORM, str(parent)) if parent else None,
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


ZSTD_MAGIC = b"\x28\xb5\x2f\xfd"


def _zstd_lines(path: Path) -> Iterator[tuple[int, dict[str, Any]]]:
    """Records of a zstandard-compressed NDJSON file (the Pushshift dumps' format)."""
    try:
        import zstandard  # noqa: PLC0415
    except ImportError as exc:
        raise MissingExtra("zstandard", "zstd", "Reading .zst Pushshift dumps") from exc
    with path.open("rb") as raw:
        # Pushshift dumps are written with a long window; allow it.
        reader = zstandard.ZstdDecompressor(max_window_size=2**31).stream_reader(raw)
        with checked(reader, path, "zstandard", (zstandard.ZstdError, OSError)) as lines:
            yield from iter_jsonl(lines)


class RedditPreset(Preset):
    """``--preset reddit``: Pushshift-style NDJSON of submissions and/or comments.

    Plain, gzip or zstandard-compressed (``.zst``, as the Pushshift dumps are;
    needs ``pip install 'influscope[zstd]'``).
    """

    name = "reddit"
    formats = ("jsonl", "json")

    def detect_format(self, path: Path) -> str:
        """``zst`` for zstandard files (by magic number), else from the name."""
        with path.open("rb") as handle:
            if handle.read(4) == ZSTD_MAGIC:
                return "zst"
        return super().detect_format(path)

    def records(
        self, path: Path, fmt: str, encoding: str | None = None
    ) -> Iterator[tuple[int, dict[str, Any]]]:
        """Records of the file (zstandard dumps streamed line by line, UTF-8)."""
        if fmt == "zst":
            yield from _zstd_lines(path)
        else:
            yield from super().records(path, fmt, encoding)

    def map_record(self, record: dict[str, Any]) -> Mapped:
        """Map one submission or comment."""
        thing = payload(record)
        return map_thing(thing, raw=record.get("__raw__"))


class RedditConnector(Connector):
    """Polls a subreddit's newest posts, or a search in it, through Reddit's OAuth API.

    Options: ``subreddit`` (required), ``query`` (search instead of /new),
    ``client_id`` / ``client_secret`` (or ``REDDIT_CLIENT_ID`` /
    ``REDDIT_CLIENT_SECRET``; an app-only token is obtained with the
    client-credentials grant), ``auth_url``, ``api_url``, ``limit`` (≤ 100),
    ``max_pages`` (5). The cursor is the newest ``created_utc`` read; listings
    are paged back (``after``) until they reach it.
    """

    name = "reddit"

    def _token(self) -> str:
        client_id = self.option("client_id", env="REDDIT_CLIENT_ID", required=True)
        secret = self.option("client_secret", env="REDDIT_CLIENT_SECRET", required=True)
        auth_url = self.option("auth_url", "https://www.reddit.com/api/v1/access_token")
        body = self.http.post(
            auth_url, data={"grant_type": "client_credentials"}, auth=(client_id, secret)
        ).json()
        token = body.get("access_token")
        if not token:
            raise AuthError(
                N_("Reddit gave no access token: {reason}."), reason=str(body.get("error", body))
            )
        return str(token)

    def fetch(self, cursor: str | None) -> Iterator[dict[str, Any]]:
        """Yield listing children newer than ``cursor``."""
        subreddit = str(self.option("subreddit", required=True)).removeprefix("r/")
        headers = {"Authorization": f"bearer {self._token()}"}
        api = str(self.option("api_url", "https://oauth.reddit.com")).rstrip("/")
        limit = min(self.int_option("limit", 100), 100)
        params: dict[str, Any] = {"limit": limit, "raw_json": 1}
        if self.option("query"):
            url = f"{api}/r/{subreddit}/search"
            params.update(q=self.option("query"), restrict_sr=1, sort="new")
        else:
            url = f"{api}/r/{subreddit}/new"
        since = float(cursor) if cursor else None
        newest = since or 0.0
        for _ in range(self.int_option("max_pages", 5)):
            data = (self.http.get(url, params=params, headers=headers).json() or {}).get(
                "data"
            ) or {}
            children = data.get("children") or []
            reached = False
            for child in children:
                created = (
                    (child.get("data") or {}).get("created_utc")
                    if isinstance(child, dict)
                    else None
                )
                if isinstance(created, int | float):
                    if since is not None and created <= since:
                        reached = True
                        continue
                    newest = max(newest, float(created))
                yield child
            params["after"] = data.get("after")
            if reached or not params["after"] or not children:
                break
        self.cursor = repr(newest) if newest else cursor

    def map_record(self, raw: dict[str, Any]) -> Mapped:
        """Map one listing child."""
        return map_thing(raw)
