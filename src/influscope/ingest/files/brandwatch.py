"""Brandwatch Consumer Research mention exports (CSV or XLSX, title block above the table).

Columns read (others stay in ``raw``): Date, Url, Resource Id, Page Type,
Author, Full Name, Full Text / Snippet, Title, Domain, Language, Twitter
Followers, Twitter Verified, Twitter Likes / Likes, Twitter Retweets, Twitter
Reply Count, Impressions, Expanded URLs, Mentioned Authors, Hashtags, Thread Entry Type, Thread Id, Thread
Author, Thread URL, Bio. Sentiment, Reach, Emotion, Gender, Professions and
Interest are kept in ``raw`` as enrichment-ready vendor fields.
"""

from __future__ import annotations

from influscope.ingest.files.vendor import VendorPreset


class BrandwatchPreset(VendorPreset):
    """``--preset brandwatch``."""

    name = vendor = "brandwatch"
    columns = {
        "id": ("Resource Id", "Mention Id", "Guid"),
        "url": ("Url", "Original Url"),
        "published_at": ("Date",),
        "source_type": ("Page Type", "Content Source", "Content Source Name"),
        "author": ("Author",),
        "author_name": ("Full Name",),
        "bio": ("Twitter Bio", "Bio"),
        "text": ("Full Text", "Snippet"),
        "title": ("Title",),
        "domain": ("Domain",),
        "site_name": ("Domain",),
        "lang": ("Language",),
        "followers": ("Twitter Followers", "Followers", "Instagram Followers"),
        "verified": ("Twitter Verified", "Verified"),
        "likes": ("Twitter Likes", "Likes", "Facebook Likes"),
        "shares": ("Twitter Retweets", "Retweets", "Facebook Shares"),
        "replies": ("Twitter Reply Count", "Reddit Comments", "Facebook Comments"),
        "views": ("Impressions", "Views"),
        "links": ("Expanded URLs", "Expanded Urls", "Links"),
        "mentions": ("Mentioned Authors",),
        "hashtags": ("Hashtags",),
        "entry_type": ("Thread Entry Type", "Engagement Type"),
        "thread_id": ("Thread Id",),
        "thread_author": ("Thread Author",),
        "thread_url": ("Thread URL",),
        "sentiment": ("Sentiment",),
        "query": ("Query Id", "Query Name"),
    }
