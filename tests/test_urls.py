"""URLs: the engine's fast path and the Python canonicaliser agree; tracking parameters go."""

from __future__ import annotations

import orjson
import pytest

from influscope.ingest.urls import canonical_url, web_entity

URLS = [
    "https://www.lemonde.fr/economie/article.html",
    "https://lemonde.fr",
    "http://ex.com/p4.",
    "https://Example.COM/A?utm_source=x&id=3#frag",
    "https://ex.fr/a?fbclid=abc",
    "https://ex.fr:443/a",
    "http://ex.fr:8080/a/b/",
    "https://news.site.co.uk/x/y?xtor=RSS-1&page=2",
    "https://ex.fr/%C3%A9t%C3%A9",
    # queries the engine canonicalises itself, and some it hands to Python
    "https://ex.fr/a?x=1&utm_medium=y&b=",
    "https://ex.fr?id=3",
    "https://ex.fr/a?UTM_Source=x&k=v~x.y_z-1",
    "https://ex.fr/a?pk_campaign=z",
    "https://ex.fr/a?utm_source=tw",
    "https://ex.fr/a?pk=_x&utm=1",
    "https://ex.fr/a?flag",
    "https://ex.fr/a?a=1&&b=2",
    "https://ex.fr/a?q=caf%C3%A9&fbclid=1",
    "https://ex.fr/a?q=a+b",
    "https://ex.fr/a?Xtor=RSS&gclid=2&id=7",
    "https://ex.fr/a/?a=1&a=2",
]


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("https://Example.COM/A?utm_source=x&id=3#frag", "https://example.com/A?id=3"),
        ("https://ex.fr/a?fbclid=abc", "https://ex.fr/a"),
        ("https://ex.fr:443/a", "https://ex.fr/a"),
        ("http://ex.fr:8080/a/b/", "http://ex.fr:8080/a/b/"),
        ("https://lemonde.fr", "https://lemonde.fr/"),
        ("http://ex.com/p4.", "http://ex.com/p4"),
    ],
)
def test_canonical_url(url, expected):
    assert canonical_url(url) == expected


def test_web_entity():
    assert web_entity("https://www.lemonde.fr/x") == "lemonde.fr"
    assert web_entity("https://blog.example.org/") == "blog.example.org"


def test_engine_and_python_give_the_same_links(workspace, tmp_path):
    path = tmp_path / "p.jsonl"
    path.write_bytes(
        b"\n".join(
            orjson.dumps(
                {"id": str(i), "platform": "web", "author": "x.fr", "text": f"see {u} now"}
            )
            for i, u in enumerate(URLS)
        )
        + b"\n"
    )
    workspace.ingest.files([path])
    rows = workspace.store.to_arrow(workspace.store.table("links")).to_pylist()
    got = {(r["doc_id"], r["url"], r["domain"]) for r in rows}
    expected = {
        (f"web:{i}", canonical_url(u), web_entity(canonical_url(u))) for i, u in enumerate(URLS)
    }
    assert got == expected
