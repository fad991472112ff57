"""Host rules: shorteners, redirectors, search engines, platforms and CDNs are plumbing."""

from __future__ import annotations

import pytest

from influscope.ingest.hosts import (
    INFRASTRUCTURE,
    LISTS,
    _lines,
    host_kind,
    is_shortener,
    shortener_hosts,
    unwrap_redirect,
)


@pytest.mark.parametrize(
    ("url", "kind"),
    [
        ("https://t.co/AbC123", "shortener"),
        ("http://bit.ly/x", "shortener"),
        ("https://lnkd.in/e-x", "shortener"),
        ("https://www.google.fr/search?q=usine", "search"),
        ("https://google.co.uk/", "search"),
        ("https://news.google.com/articles/x", "search"),
        ("https://www.bing.com/news?q=a", "search"),
        ("https://cn.bing.com/search?q=a", "search"),
        ("https://www.so.com/s?q=a", "search"),
        ("https://duckduckgo.com/?q=a", "search"),
        ("https://twitter.com/search?q=a", "social"),
        ("https://m.facebook.com/story.php", "social"),
        ("https://www.youtube.com/watch?v=abc", "social"),
        ("https://cdn.jsdelivr.net/npm/x.js", "cdn"),
        ("https://d1234.cloudfront.net/img.png", "cdn"),
        ("https://pbs.twimg.com/media/x.jpg", "social"),
        ("https://i.redd.it/x.png", "cdn"),  # more specific than the redd.it shortener
        ("https://redd.it/abc", "shortener"),
    ],
)
def test_plumbing_hosts(url, kind):
    assert host_kind(url) == kind


@pytest.mark.parametrize(
    "url",
    [
        "https://books.google.com/books?id=1",  # a Google service that is a destination
        "https://baike.baidu.com/item/x",  # an encyclopedia under a search engine's name
        "https://www.lemonde.fr/economie/a.html",
        "https://x.tumblr.com/post/1",  # users' own subdomains are not the platform
        "https://blog.jdupont.fr/",
        "http://localhost:8000/a",
        "https://127.0.0.1/a",
        "not a url",
    ],
)
def test_destinations_are_not_plumbing(url):
    assert host_kind(url) is None
    assert not is_shortener(url)


def test_bare_hosts_are_accepted():
    assert host_kind("t.co") == "shortener"
    assert host_kind("WWW.Google.DE") == "search"
    assert host_kind("lemonde.fr") is None


@pytest.mark.parametrize(
    ("url", "target"),
    [
        (
            "https://l.facebook.com/l.php?u=https%3A%2F%2Fex.fr%2Fa%3Fb%3D1&h=AT0",
            "https://ex.fr/a?b=1",
        ),
        ("https://www.google.com/url?q=https://ex.fr/p&sa=D", "https://ex.fr/p"),
        ("https://out.reddit.com/t3_abc?url=https%3A%2F%2Fex.fr&token=1", "https://ex.fr"),
        ("https://href.li/?https://ex.fr/b", "https://ex.fr/b"),
        # a redirector wrapping another one is followed to the end
        (
            "https://href.li/?https://l.facebook.com/l.php?u=https%3A%2F%2Fex.fr%2Fz",
            "https://ex.fr/z",
        ),
    ],
)
def test_redirectors_are_unwrapped(url, target):
    assert unwrap_redirect(url) == target


@pytest.mark.parametrize(
    "url",
    [
        "https://l.facebook.com/l.php?h=only",  # no target parameter
        "https://www.google.com/search?q=https://ex.fr",  # a search, not the /url redirector
        "https://l.facebook.com/l.php?u=javascript:alert(1)",  # not an http(s) target
        "https://ex.fr/l.php?u=https://other.fr",  # not a known redirector
    ],
)
def test_non_redirects_stay(url):
    assert unwrap_redirect(url) is None


def test_lists_are_well_formed_and_disjoint():
    seen: dict[str, str] = {}
    for kind, name in LISTS.items():
        entries = _lines(name)
        assert entries, name
        for entry in entries:
            assert entry == entry.lower() and " " not in entry and "/" not in entry, entry
            assert entry not in seen, f"{entry} in both {seen.get(entry)} and {kind}"
            seen[entry] = kind
    for line in _lines("redirectors.txt"):
        host, path, parameter = line.split()
        assert path == "*" or path.startswith("/")
        assert parameter
    assert set(INFRASTRUCTURE) == {"search", "social", "cdn"}
    hosts = shortener_hosts()
    assert hosts == sorted(hosts) and "t.co" in hosts and "bit.ly" in hosts
