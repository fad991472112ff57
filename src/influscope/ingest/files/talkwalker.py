"""Talkwalker result exports (CSV or XLSX, dotted column names of its JSON API).

Columns read (others stay in ``raw``): url, published (epoch ms or ISO),
content / title_snippet, title, lang, source_type, post_type,
extra_author_attributes.name / .short_name / .description / .url,
extra_source_attributes.name, engagement, reach,
article_extended_attributes.twitter_followers / .twitter_likes /
.twitter_retweets / .num_comments / .facebook_shares / .youtube_views,
matched_profile, parent_url. Sentiment (-5..5), reach and engagement stay in
``raw``.
"""

from __future__ import annotations

from influscope.ingest.files.vendor import VendorPreset


class TalkwalkerPreset(VendorPreset):
    """``--preset talkwalker``."""

    name = vendor = "talkwalker"
    columns = {
        "id": ("external_id", "id"),
        "url": ("url",),
        "published_at": ("published", "indexed"),
        "source_type": ("source_type", "post_type"),
        "author": ("extra_author_attributes.short_name", "extra_author_attributes.name"),
        "author_name": ("extra_author_attributes.name",),
        "bio": ("extra_author_attributes.description",),
        "text": ("content", "content_snippet", "title_snippet"),
        "title": ("title",),
        "site_name": ("extra_source_attributes.name",),
        "lang": ("lang",),
        "followers": (
            "article_extended_attributes.twitter_followers",
            "extra_author_attributes.followers",
            "article_extended_attributes.instagram_followers",
        ),
        "likes": (
            "article_extended_attributes.twitter_likes",
            "article_extended_attributes.facebook_likes",
            "article_extended_attributes.instagram_likes",
        ),
        "shares": (
            "article_extended_attributes.twitter_retweets",
            "article_extended_attributes.facebook_shares",
        ),
        "replies": ("article_extended_attributes.num_comments",),
        "views": ("article_extended_attributes.youtube_views", "article_extended_attributes.views"),
        "entry_type": ("post_type_detail", "article_type"),
        "thread_url": ("parent_url",),
        "sentiment": ("sentiment",),
        "engagement": ("engagement",),
        "reach": ("reach",),
    }
