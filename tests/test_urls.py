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
    workspace.ingest_files([path])
    rows = workspace.store.to_arrow(workspace.store.table("links")).to_pylist()
    got = {(r["doc_id"], r["url"], r["domain"]) for r in rows}
    expected = {
        (f"web:{i}", canonical_url(u), web_entity(canonical_url(u))) for i, u in enumerate(URLS)
    }
    assert got == expected
