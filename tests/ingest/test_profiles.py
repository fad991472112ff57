"""Which actor a URL designates: social accounts per platform, else the site."""

from __future__ import annotations

import pytest

from influscope.analyze.journey.nodes import NodeResolver
from influscope.config import Config
from influscope.ingest.profiles import social_actor, social_post, url_actor


@pytest.mark.parametrize(
    ("url", "actor"),
    [
        ("https://twitter.com/JDupont", "twitter:jdupont"),
        ("https://x.com/jdupont/status/123?s=20", "twitter:jdupont"),
        ("https://mobile.twitter.com/jdupont", "twitter:jdupont"),
        ("https://twitter.com/search?q=usine", None),
        ("https://twitter.com/hashtag/usine", None),
        ("https://www.youtube.com/@ChaineUsine", "youtube:chaineusine"),
        ("https://www.youtube.com/channel/UC123abc", "youtube:uc123abc"),
        ("https://www.youtube.com/watch?v=abc", None),
        ("https://bsky.app/profile/alice.bsky.social", "bluesky:alice.bsky.social"),
        ("https://bsky.app/profile/alice.bsky.social/post/3k2", "bluesky:alice.bsky.social"),
        ("https://www.reddit.com/user/Bob/", "reddit:bob"),
        ("https://reddit.com/u/bob", "reddit:bob"),
        ("https://www.reddit.com/r/france/comments/abc/x/", None),
        ("https://mastodon.social/@alice", "mastodon:alice@mastodon.social"),
        ("https://mastodon.social/@alice/11223344", "mastodon:alice@mastodon.social"),
        ("https://medium.com/@writer/post-1", None),
        ("https://www.tiktok.com/@dance", "tiktok:dance"),
        ("https://www.lemonde.fr/eco/a.html", None),
    ],
)
def test_social_actor(url, actor):
    assert social_actor(url) == actor


def test_url_actor_falls_back_to_the_site():
    assert url_actor("https://www.lemonde.fr/eco/a.html") == "web:lemonde.fr"
    assert url_actor("https://medium.com/@writer/post-1") == "web:medium.com"
    assert url_actor("https://x.com/jdupont") == "twitter:jdupont"


@pytest.mark.parametrize(
    ("url", "post"),
    [
        ("https://twitter.com/jdupont/status/1", True),
        ("https://twitter.com/jdupont", False),
        ("https://bsky.app/profile/a.bsky.social/post/3k", True),
        ("https://mastodon.social/@alice/11223344", True),
        ("https://www.lemonde.fr/2024/01/a.html", False),
        ("https://www.youtube.com/@chaine", False),
    ],
)
def test_social_post(url, post):
    assert social_post(url) is post


def test_node_resolver_follows_crawl_redirects_and_canonicalises():
    resolver = NodeResolver({"https://old.example/a": "https://new.example/a"}, Config())
    assert resolver.node("https://OLD.example/a?utm_source=x") == "https://new.example/a"
    assert resolver.actor["https://new.example/a"] == "web:new.example"
    assert resolver.node("https://x.com/JDupont/status/9") == "twitter:jdupont"
    assert resolver.actor["twitter:jdupont"] == "twitter:jdupont"
