from __future__ import annotations

from datetime import datetime

from tests.ingest.presets_helpers import (
    PRESETS,
    counts,
    docs_by_id,
    edges,
    rows,
    run_errors,
    run_import,
)


def test_reddit_pushshift_submissions_and_comments(cli):
    code, err = run_import(cli, PRESETS / "reddit.ndjson", "reddit")
    assert code == 1
    assert {(e.line, e.field) for e in run_errors(cli.root)} == {(6, "created_utc")}
    docs = docs_by_id(cli.root)
    assert set(docs) == {
        "reddit:t3_1aw0001",
        "reddit:t3_1aw0002",
        "reddit:t1_kr00001",
        "reddit:t1_kr00002",
        "reddit:t1_kr00003",
    }
    sub = docs["reddit:t3_1aw0001"]
    assert sub["published_at"] == datetime(2024, 2, 20, 8, 0)
    assert sub["likes"] == 152 and sub["replies"] == 2
    assert sub["title"].startswith("Acme ouvre")
    assert docs["reddit:t3_1aw0002"]["published_at"] == datetime(2024, 2, 20, 9, 0)
    assert docs["reddit:t1_kr00002"]["reply_to"] == "reddit:t1_kr00001"
    assert docs["reddit:t1_kr00002"]["likes"] == 0  # negative score floored
    deleted = docs["reddit:t1_kr00003"]
    assert deleted["author_id"] is None and deleted["text"] is None
    found = edges(cli.root)
    assert ("reply", "reddit:syndic_ouest", "reddit:ouvriere_lyon") in found
    assert ("reply", "reddit:ouvriere_lyon", "reddit:syndic_ouest") in found
    assert ("link", "reddit:ouvriere_lyon", "web:journal-industrie.fr") in found
    assert ("link", "reddit:tech_nantes", "web:blog.tech-nantes.fr") in found
    links = {r["url"] for r in rows(cli.root, "links")}
    assert "https://www.journal-industrie.fr/acme-usine-pilote-lyon" in links
    before = counts(cli.root)
    run_import(cli, PRESETS / "reddit.ndjson", "reddit")
    assert counts(cli.root) == before


def test_rss_entries_are_web_documents_by_the_site(cli):
    code, err = run_import(cli, PRESETS / "feed.xml", "rss")
    assert code == 1
    assert {(e.line, e.field) for e in run_errors(cli.root)} == {(3, "published")}
    docs = docs_by_id(cli.root)
    first_id = "web:https://www.journal-industrie.fr/acme-usine-pilote-lyon"
    assert set(docs) == {first_id, "web:https://www.journal-industrie.fr/cobots-pme"}
    first = docs[first_id]
    assert first["author_id"] == "web:journal-industrie.fr"
    assert first["published_at"] == datetime(2024, 2, 20, 7, 0)
    assert first["title"] == "Acme ouvre une usine pilote à Lyon"
    assert first["text"].startswith("Le groupe Acme inaugure")
    assert first["lang"] == "fr"
    found = edges(cli.root)
    assert ("link", "web:journal-industrie.fr", "web:fabrique-avenir.org") in found
    assert ("link", "web:journal-industrie.fr", "web:twitter.com") in found
    actors = {a["actor_id"]: a for a in rows(cli.root, "actors")}
    assert actors["web:journal-industrie.fr"]["name"] == "Le Journal de l'Industrie"
    before = counts(cli.root)
    run_import(cli, PRESETS / "feed.xml", "rss")
    assert counts(cli.root) == before


def test_reddit_zstandard_dump(cli, tmp_path):
    zstandard = __import__("pytest").importorskip("zstandard")
    path = tmp_path / "RC_2024-02.zst"
    data = (PRESETS / "reddit.ndjson").read_bytes()
    path.write_bytes(zstandard.ZstdCompressor(level=3).compress(data))
    code, _ = run_import(cli, path, "reddit")
    assert code == 1
    assert {(e.line, e.field) for e in run_errors(cli.root)} == {(6, "created_utc")}
    assert len(docs_by_id(cli.root)) == 5
