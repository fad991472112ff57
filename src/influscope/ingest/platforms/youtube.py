"""YouTube Data API v3: videos found by a search, their statistics, and their comments.

A poll runs ``search.list`` (newest first, ``publishedAfter`` the cursor),
then ``videos.list`` for the statistics of the videos found, then
``commentThreads.list`` for each video's latest comments. Videos and comment
threads are the raw records. Channels are actors named by channel id
(``youtube:<channel id>`` lower-cased, the channel title as name); a comment
replies to its video, so the store draws a reply edge to the channel.
Videos with comments disabled answer 403; they simply have no comments.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from influscope import ids
from influscope.errors import N_, AuthError, Phrase
from influscope.ingest.batch import FieldError, Mapped
from influscope.ingest.platforms.common import count, dumps, need, when
from influscope.ingest.platforms.connector import Connector

PLATFORM = "youtube"


def _channel(channel_id: str, title: str | None) -> dict[str, Any]:
    return {
        "actor_id": ids.actor_id(PLATFORM, channel_id),
        "platform": PLATFORM,
        "handle": channel_id,
        "name": title,
        "homepage": f"https://www.youtube.com/channel/{channel_id}",
    }


def map_video(video: dict[str, Any]) -> Mapped:
    """Map a ``youtube#video`` resource (snippet + statistics)."""
    native = str(need(video, "id"))
    snippet = need(video, "snippet")
    stats = video.get("statistics") or {}
    channel = str(need(snippet, "channelId", "snippet.channelId"))
    title = snippet.get("title") or ""
    description = snippet.get("description") or ""
    doc = {
        "doc_id": ids.doc_id(PLATFORM, native),
        "platform": PLATFORM,
        "native_id": native,
        "author_id": ids.actor_id(PLATFORM, channel),
        "published_at": when("snippet.publishedAt", snippet.get("publishedAt")),
        "title": title or None,
        "text": "\n\n".join(p for p in (title, description) if p) or None,
        "url": f"https://www.youtube.com/watch?v={native}",
        "lang": (snippet.get("defaultAudioLanguage") or snippet.get("defaultLanguage") or "")[:2]
        or None,
        "likes": count("statistics.likeCount", stats.get("likeCount")),
        "views": count("statistics.viewCount", stats.get("viewCount")),
        "replies": count("statistics.commentCount", stats.get("commentCount")),
        "hashtags": [t.lower() for t in snippet.get("tags") or []] or None,
        "raw": dumps(video),
    }
    return Mapped(documents=[doc], actors=[_channel(channel, snippet.get("channelTitle"))])


def map_comment_thread(thread: dict[str, Any]) -> Mapped:
    """Map a ``youtube#commentThread`` (its top-level comment) as a reply to the video."""
    snippet = need(thread, "snippet")
    top = need(snippet, "topLevelComment", "snippet.topLevelComment")
    comment = need(top, "snippet", "topLevelComment.snippet")
    native = str(need(top, "id", "topLevelComment.id"))
    video = str(need(snippet, "videoId", "snippet.videoId"))
    author = (comment.get("authorChannelId") or {}).get("value")
    doc = {
        "doc_id": ids.doc_id(PLATFORM, native),
        "platform": PLATFORM,
        "native_id": native,
        "author_id": ids.actor_id(PLATFORM, author) if author else None,
        "published_at": when("publishedAt", comment.get("publishedAt")),
        "text": comment.get("textOriginal") or comment.get("textDisplay"),
        "url": f"https://www.youtube.com/watch?v={video}&lc={native}",
        "likes": count("likeCount", comment.get("likeCount")),
        "replies": count("totalReplyCount", snippet.get("totalReplyCount")),
        "reply_to": ids.doc_id(PLATFORM, video),
        "raw": dumps(thread),
    }
    actors = [_channel(author, comment.get("authorDisplayName"))] if author else []
    return Mapped(documents=[doc], actors=actors)


class YoutubeConnector(Connector):
    """Polls YouTube search results, their statistics and comments with an API key.

    Options: ``query`` (required), ``api_key`` (or ``YOUTUBE_API_KEY``),
    ``base_url`` (default ``https://www.googleapis.com/youtube/v3``),
    ``comments`` (true), ``max_pages`` (2 search pages of 50), ``region``,
    ``language``. The cursor is the newest ``publishedAt`` of a video read.
    """

    name = "youtube"

    def fetch(self, cursor: str | None) -> Iterator[dict[str, Any]]:
        """Yield video resources and comment threads of videos published after ``cursor``."""
        key = self.option("api_key", env="YOUTUBE_API_KEY", required=True)
        query = self.option("query", required=True)
        base = str(self.option("base_url", "https://www.googleapis.com/youtube/v3")).rstrip("/")
        params: dict[str, Any] = {
            "part": "snippet",
            "q": query,
            "type": "video",
            "order": "date",
            "maxResults": 50,
            "key": key,
        }
        if cursor:
            params["publishedAfter"] = cursor
        for name, option in (("regionCode", "region"), ("relevanceLanguage", "language")):
            if self.option(option):
                params[name] = self.option(option)
        newest = cursor or ""
        for _ in range(self.int_option("max_pages", 2)):
            page = self.http.get(f"{base}/search", params=params).json()
            video_ids = [
                str((item.get("id") or {}).get("videoId"))
                for item in page.get("items") or []
                if isinstance(item, dict) and (item.get("id") or {}).get("videoId")
            ]
            if video_ids:
                videos = self.http.get(
                    f"{base}/videos",
                    params={"part": "snippet,statistics", "id": ",".join(video_ids), "key": key},
                ).json()
                for video in videos.get("items") or []:
                    yield video
                    published = str((video.get("snippet") or {}).get("publishedAt") or "")
                    newest = max(newest, published)
                    if self.option("comments", True) and video.get("id"):
                        yield from self._comments(base, key, str(video["id"]))
            token = page.get("nextPageToken")
            if not token:
                break
            params["pageToken"] = token
        self.cursor = newest or cursor

    def _comments(self, base: str, key: str, video: str) -> Iterator[dict[str, Any]]:
        try:
            body = self.http.get(
                f"{base}/commentThreads",
                params={
                    "part": "snippet",
                    "videoId": video,
                    "maxResults": 100,
                    "order": "time",
                    "textFormat": "plainText",
                    "key": key,
                },
            ).json()
        except AuthError:  # 403 commentsDisabled: a video without comments
            return
        yield from body.get("items") or []

    def map_record(self, raw: dict[str, Any]) -> Mapped:
        """Map a video or a comment thread."""
        kind = raw.get("kind")
        if kind == "youtube#commentThread":
            return map_comment_thread(raw)
        if kind == "youtube#video":
            return map_video(raw)
        raise FieldError(
            "kind", Phrase(N_("expected a video or comment thread, got {kind}"), kind=repr(kind))
        )
