"""Meltwater Explore/Monitor exports (CSV in UTF-16 with tabs, or XLSX).

Columns read (others stay in ``raw``): Date (with Time when separate),
URL, Headline, Hit Sentence / Opening Text, Source, Influencer, Language,
Tweet Id, Twitter Screen Name, Twitter Bio, Twitter Followers, Likes,
Replies, Retweets / Shares, Views. Sentiment, Reach, AVE, Social Echo,
Key Phrases, Keywords and Document Tags stay in ``raw``.
"""

from __future__ import annotations

from typing import Any

from influscope.ingest.files.vendor import VendorPreset
from influscope.ingest.platforms.common import when
from influscope.ingest.values import to_text


class MeltwaterPreset(VendorPreset):
    """``--preset meltwater``."""

    name = vendor = "meltwater"
    columns = {
        "id": ("Tweet Id", "Document ID", "Id"),
        "url": ("URL", "Url"),
        "published_at": ("Date",),
        "time": ("Time",),
        "source_type": ("Source", "Source Type", "Media Type"),
        "author": ("Twitter Screen Name", "Influencer", "Author"),
        "author_name": ("Influencer",),
        "bio": ("Twitter Bio",),
        "text": ("Hit Sentence", "Opening Text"),
        "title": ("Headline",),
        "site_name": ("Source Name", "Source"),
        "lang": ("Language",),
        "followers": ("Twitter Followers", "Followers"),
        "likes": ("Likes", "Reactions"),
        "shares": ("Retweets", "Shares"),
        "replies": ("Replies", "Comments"),
        "views": ("Views", "Estimated Views"),
        "hashtags": ("Hashtags",),
        "sentiment": ("Sentiment",),
        "reach": ("Reach",),
    }

    def published(self, record: dict[str, Any]) -> Any:
        """``Date`` plus ``Time`` when the export splits them (``15-Nov-2025`` + ``09:30 AM``)."""
        date = to_text(self.get(record, "published_at"))
        clock = to_text(self.get(record, "time"))
        if date and clock and ":" not in date:
            date = f"{date} {clock}"
        return when("published_at", date)
