"""Ingestion keeps link plumbing and phantom handles out of the actors (issue 12, item 4)."""

from __future__ import annotations

import csv

import orjson
import pytest

FIELDS = ["id", "platform", "author", "url", "text", "followers", "links"]


def write(path, rows):
    """Rows as JSONL (the engine's bulk path) or CSV (the record path), by the suffix."""
    if path.suffix == ".jsonl":
        path.write_bytes(
            b"\n".join(orjson.dumps({k: v for k, v in r.items() if v is not None}) for r in rows)
            + b"\n"
        )
    else:
        with path.open("w", newline="", encoding="utf-8") as handle:
            writer = csv.DictWriter(handle, fieldnames=FIELDS)
            writer.writeheader()
            writer.writerows(rows)
    return path


def tweet(native, author, text, followers=None):
    return {"id": native, "platform": "twitter", "author": author, "text": text,
            "followers": followers, "url": None, "links": None}  # fmt: skip


def page(native, site, text):
    return {"id": native, "platform": "web", "author": site, "url": f"https://{site}/{native}",
            "text": text, "followers": None, "links": None}  # fmt: skip


def table(ws, name):
    return ws.store.to_arrow(ws.store.table(name)).to_pylist()


@pytest.mark.parametrize("suffix", [".jsonl", ".csv"])
def test_a_page_mention_is_the_known_account_not_a_web_phantom(workspace, tmp_path, suffix):
    rows = [
        tweet("1", "maelle_cobot", "Les cobots arrivent", followers=900),
        page("p1", "cobotique.fr", "Comme le dit @maelle_cobot, et @inconnu_total aussi."),
    ]
    workspace.ingest.files([write(tmp_path / f"a{suffix}", rows)])
    actors = {r["actor_id"] for r in table(workspace, "actors")}
    assert "twitter:maelle_cobot" in actors
    assert not {"web:maelle_cobot", "web:inconnu_total"} & actors
    mentions = {
        (r["src"], r["dst"]) for r in table(workspace, "interactions") if r["kind"] == "mention"
    }
    assert mentions == {("web:cobotique.fr", "twitter:maelle_cobot")}
    stored = {r["doc_id"]: r for r in table(workspace, "documents")}
    assert stored["web:p1"]["mentions"] == ["maelle_cobot", "inconnu_total"]  # kept as written


def test_a_page_mention_resolves_when_the_account_arrives_later(workspace, tmp_path):
    workspace.ingest.files(
        [write(tmp_path / "pages.jsonl", [page("p1", "site.fr", "Merci @jdupont")])]
    )
    assert not [r for r in table(workspace, "interactions") if r["kind"] == "mention"]
    workspace.ingest.files([write(tmp_path / "tweets.jsonl", [tweet("9", "jdupont", "Bonjour")])])
    mentions = [
        (r["src"], r["dst"], r["doc_id"])
        for r in table(workspace, "interactions")
        if r["kind"] == "mention"
    ]
    assert mentions == [("web:site.fr", "twitter:jdupont", "web:p1")]
    # Importing again adds nothing (the edge is not doubled).
    workspace.ingest.files([write(tmp_path / "tweets2.jsonl", [tweet("10", "jdupont", "Re")])])
    again = [r for r in table(workspace, "interactions") if r["kind"] == "mention"]
    assert len(again) == 1


def test_a_handle_on_two_platforms_goes_to_the_larger_account(workspace, tmp_path):
    rows = [
        tweet("1", "ada", "hello", followers=10),
        {"id": "y1", "platform": "youtube", "author": "ada", "text": "video", "followers": 5000,
         "url": None, "links": None},
        page("p1", "blog.fr", "Voir @ada"),
    ]  # fmt: skip
    workspace.ingest.files([write(tmp_path / "a.jsonl", rows)])
    mentions = {r["dst"] for r in table(workspace, "interactions") if r["kind"] == "mention"}
    assert mentions == {"youtube:ada"}


def test_shorteners_are_links_but_never_actors(workspace, tmp_path):
    rows = [tweet("1", "bob", "Lisez https://t.co/AbC et https://www.lemonde.fr/a")]
    workspace.ingest.files([write(tmp_path / "a.jsonl", rows)])
    links = {r["domain"] for r in table(workspace, "links")}
    assert links == {"t.co", "lemonde.fr"}  # the short link is kept as evidence
    actors = {r["actor_id"] for r in table(workspace, "actors")}
    assert "web:t.co" not in actors and "web:lemonde.fr" in actors
    edges = {(r["kind"], r["dst"]) for r in table(workspace, "interactions")}
    assert ("link", "web:lemonde.fr") in edges and ("link", "web:t.co") not in edges


def test_expanded_links_of_the_export_replace_the_shortened_copies(workspace, tmp_path):
    rows = [
        tweet("1", "bob", "Lisez https://t.co/AbC")
        | {"links": "https://www.lemonde.fr/a?utm_source=tw"},
        tweet("2", "eve", "Sans lien développé https://t.co/Zz"),
    ]
    path = write(tmp_path / "a.csv", rows)
    workspace.ingest.files([path], mapping={"links": "links"})
    links = {(r["doc_id"], r["url"]) for r in table(workspace, "links")}
    assert links == {("twitter:1", "https://www.lemonde.fr/a"), ("twitter:2", "https://t.co/Zz")}


def test_expanded_links_keep_parentheses_and_commas(workspace, tmp_path):
    wiki = "https://en.wikipedia.org/wiki/"
    rows = [
        page("p1", "site.fr", "voir")
        | {"links": f'["{wiki}Moana_(2016_film)", "{wiki}Washington,_D.C."]'},
        page("p2", "site.fr", "voir") | {"links": f"{wiki}A_(b),{wiki}C, {wiki}D"},
    ]
    workspace.ingest.files([write(tmp_path / "a.csv", rows)])
    links = {(r["doc_id"], r["url"]) for r in table(workspace, "links")}
    assert links == {
        ("web:p1", "https://site.fr/p1"),  # a page's own URL is one of its links
        ("web:p2", "https://site.fr/p2"),
        ("web:p1", wiki + "Moana_(2016_film)"),
        ("web:p1", wiki + "Washington,_D.C"),  # canonical_url drops a final dot everywhere
        ("web:p2", wiki + "A_(b)"),
        ("web:p2", wiki + "C"),
        ("web:p2", wiki + "D"),
    }
