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


def test_twarc2_maps_responses_includes_and_flattened_lines(cli):
    code, err = run_import(cli, PRESETS / "twarc2.jsonl", "twarc2")
    assert code == 1  # two bad items
    assert "twarc2.jsonl:2 [created_at]" in err
    assert "twarc2.jsonl:4" in err
    docs = docs_by_id(cli.root)
    assert set(docs) == {
        "twitter:1760000000000000001",
        "twitter:1760000000000000010",
        "twitter:1760000000000000011",
        "twitter:1760000000000000012",
        "twitter:1760000000000000020",
        "twitter:1760000000000000030",
    }
    reply = docs["twitter:1760000000000000012"]
    assert reply["published_at"] == datetime(2024, 2, 20, 10, 30)  # +01:00 -> UTC
    assert reply["reply_to"] == "twitter:1760000000000000010"
    assert docs["twitter:1760000000000000011"]["repost_of"] == "twitter:1760000000000000001"
    assert docs["twitter:1760000000000000020"]["quote_of"] == "twitter:1760000000000000010"
    visit = docs["twitter:1760000000000000010"]
    assert "https://www.acme-industrie.fr/blog/usine-pilote" in visit["text"]
    assert "t.co" not in visit["text"]
    assert visit["hashtags"] == ["industrie40"]
    assert visit["likes"] == 17 and visit["views"] == 900
    found = edges(cli.root)
    assert ("repost", "twitter:acmeindustrie", "twitter:journalindus") in found
    assert ("reply", "twitter:acmeindustrie", "twitter:claire_usine") in found
    assert ("quote", "twitter:journalindus", "twitter:claire_usine") in found
    assert ("mention", "twitter:claire_usine", "twitter:acmeindustrie") in found
    assert ("mention", "twitter:techwatchfr", "twitter:acmeindustrie") in found
    assert ("link", "twitter:claire_usine", "web:acme-industrie.fr") in found
    assert not any(dst == "web:t.co" for _, _, dst in found)
    links = {(r["doc_id"], r["url"]) for r in rows(cli.root, "links")}
    # expanded and canonical: the utm_source tracking parameter is gone
    assert (
        "twitter:1760000000000000001",
        "https://www.journal-industrie.fr/acme-usine-pilote-lyon",
    ) in links
    actors = {a["actor_id"]: a for a in rows(cli.root, "actors")}
    acme = actors["twitter:acmeindustrie"]
    assert acme["followers"] == 48210 and acme["verified"] is True
    assert acme["homepage"] == "https://www.acme-industrie.fr"
    assert actors["twitter:techwatchfr"]["name"] == "Tech Watch FR"
    errors = run_errors(cli.root)
    assert {(e.line, e.field) for e in errors} == {(2, "created_at"), (4, None)}
    first = counts(cli.root)
    code, _ = run_import(cli, PRESETS / "twarc2.jsonl", "twarc2")
    assert counts(cli.root) == first


def test_twitter_v1_statuses_with_retweets_quotes_and_replies(cli):
    code, err = run_import(cli, PRESETS / "twitter_v1.json", "twitter-v1")
    assert code == 1
    errors = {(e.line, e.field) for e in run_errors(cli.root)}
    # Items 5 and 6 of the array, named by the line their object opens on.
    assert errors == {(300, "user"), (305, "favorite_count")}
    docs = docs_by_id(cli.root)
    assert set(docs) == {f"twitter:176000000000000010{i}" for i in range(1, 5)}
    quote = docs["twitter:1760000000000000103"]
    assert "@AcmeIndustrie vous en pensez quoi" in quote["text"]  # extended_tweet
    assert quote["quote_of"] == "twitter:1760000000000000101"
    assert quote["published_at"] == datetime(2024, 2, 21, 10, 0)
    assert docs["twitter:1760000000000000102"]["repost_of"] == "twitter:1760000000000000101"
    assert docs["twitter:1760000000000000101"]["hashtags"] == ["cobots"]
    found = edges(cli.root)
    assert ("repost", "twitter:paul_ops", "twitter:fabriqueavenir") in found
    assert ("quote", "twitter:syndic_metal", "twitter:fabriqueavenir") in found
    assert ("reply", "twitter:fabriqueavenir", "twitter:syndic_metal") in found
    assert ("mention", "twitter:syndic_metal", "twitter:acmeindustrie") in found
    assert ("link", "twitter:fabriqueavenir", "web:fabrique-avenir.org") in found
    actors = {a["actor_id"]: a for a in rows(cli.root, "actors")}
    assert actors["twitter:syndic_metal"]["verified"] is True
    assert actors["twitter:fabriqueavenir"]["homepage"] == "https://www.fabrique-avenir.org"
    first = counts(cli.root)
    run_import(cli, PRESETS / "twitter_v1.json", "twitter-v1")
    assert counts(cli.root) == first


def test_strict_import_of_a_preset_leaves_the_store_unchanged(cli):
    code, err = run_import(cli, PRESETS / "twarc2.jsonl", "twarc2", "--strict")
    assert code != 0
    assert "twarc2.jsonl:2" in err and "created_at" in err
    assert counts(cli.root)["documents"] == 0


def test_twarc2_long_posts_use_note_tweet(cli, tmp_path):
    import json

    long_text = "Un long fil sur l'usine du futur " * 12 + "@AcmeIndustrie"
    line = {
        "data": [
            {
                "id": "1770000000000000001",
                "author_id": "1",
                "created_at": "2024-03-01T10:00:00Z",
                "text": long_text[:270] + "…",
                "note_tweet": {
                    "text": long_text,
                    "entities": {"mentions": [{"username": "AcmeIndustrie"}]},
                },
            }
        ],
        "includes": {"users": [{"id": "1", "username": "longue_plume", "name": "L P"}]},
    }
    path = tmp_path / "long.jsonl"
    path.write_text(json.dumps(line) + "\n")
    code, err = run_import(cli, path, "twarc2")
    assert code == 0, err
    doc = docs_by_id(cli.root)["twitter:1770000000000000001"]
    assert doc["text"] == long_text and doc["mentions"] == ["acmeindustrie"]


def test_a_newer_collection_of_a_tweet_updates_its_counts(cli, tmp_path):
    import json

    run_import(cli, PRESETS / "twitter_v1.json", "twitter-v1")
    before = counts(cli.root)
    statuses = json.loads((PRESETS / "twitter_v1.json").read_text(encoding="utf-8"))
    statuses[3]["favorite_count"] = 99
    newer = tmp_path / "newer.json"
    newer.write_text(json.dumps(statuses[:4]), encoding="utf-8")
    code, err = run_import(cli, newer, "twitter-v1")
    assert code == 0, err
    assert docs_by_id(cli.root)["twitter:1760000000000000104"]["likes"] == 99
    assert counts(cli.root) == before


def test_error_log_keeps_the_bad_tweet_not_the_whole_response(cli):
    run_import(cli, PRESETS / "twarc2.jsonl", "twarc2")
    bad = next(e for e in run_errors(cli.root) if e.line == 2)
    assert '"id":"1760000000000000021"' in bad.raw
    assert "includes" not in bad.raw and "users" not in bad.raw


def test_twarc2_reads_a_saved_pretty_printed_response(cli, tmp_path):
    import json

    first_line = (PRESETS / "twarc2.jsonl").read_text(encoding="utf-8").splitlines()[0]
    path = tmp_path / "response.json"
    path.write_text(json.dumps(json.loads(first_line), indent=2), encoding="utf-8")
    code, err = run_import(cli, path, "twarc2")
    assert code == 0, err
    assert len(docs_by_id(cli.root)) == 4  # 3 tweets + 1 included tweet
