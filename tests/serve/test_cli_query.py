"""The query, sov and brands verbs through the CLI."""

from __future__ import annotations

import csv
import io
import json

import orjson

POSTS = [
    {"id": "1", "platform": "twitter", "author": "a", "text": "L'usine du futur est là", "lang": "fr"},
    {"id": "2", "platform": "twitter", "author": "b", "text": "Industrie 4.0 à l'Élysée @acme", "lang": "fr"},
    {"id": "3", "platform": "web", "author": "x.de", "text": "Industrie 4.0 in Berlin", "lang": "de"},
]  # fmt: skip


def _setup(cli, tmp_path):
    assert cli("init", str(cli.root), workspace=None)[0] == 0
    config = cli.root / "influscope.toml"
    config.write_text(
        config.read_text()
        + '\n[[brands]]\nname = "Acme"\nhandles = ["@acme"]\n'
        + '\n[[axes]]\nname = "usine"\nquery = \'"usine du futur" OR industrie NEAR/3 "4.0"\'\n'
    )
    posts = tmp_path / "posts.jsonl"
    posts.write_text("\n".join(orjson.dumps(p).decode() for p in POSTS))
    assert cli("ingest", "file", str(posts))[0] == 0


def test_query_counts_lists_and_points_at_errors(cli, tmp_path):
    _setup(cli, tmp_path)
    code, out, _ = cli("query", 'industrie NEAR/3 "4.0" AND NOT lang:de', "--count")
    assert code == 0 and out.strip() == "1"
    code, out, _ = cli("query", "elysee OR usine", "--format", "csv")
    ids = {row["doc_id"] for row in csv.DictReader(io.StringIO(out))}
    assert code == 0 and ids == {"twitter:1", "twitter:2"}
    code, out, _ = cli("query", "industrie", "--format", "json", "--limit", "1")
    assert code == 0 and len(json.loads(out)) == 1
    code, _, err = cli("query", "usine AND")
    assert code == 1 and "column 10: expected a term after AND" in err


def test_query_says_how_many_match_beyond_the_page_and_when_none(cli, tmp_path):
    """A page of 50 read as the answer; no match printed bare headers, and CSV not even those."""
    _setup(cli, tmp_path)
    code, out, err = cli("--lang", "en", "query", "industrie", "--limit", "1")
    assert code == 0 and out.count("twitter:2") + out.count("web:3") == 1
    assert "1 of 2 matching documents, newest first (--limit 0 shows them all)." in err
    code, out, err = cli("--lang", "fr", "query", "industrie OR usine")
    assert "3 documents correspondent." in err
    code, out, err = cli("--lang", "fr", "query", "zzz")
    assert code == 0 and out.strip() == ""
    assert "Aucun document ne correspond à cette requête." in err
    code, out, _ = cli("query", "zzz", "--format", "csv")
    assert code == 0 and out.strip().split(",")[:2] == ["doc_id", "platform"]
    code, out, _ = cli("query", "zzz", "--format", "json")
    assert code == 0 and json.loads(out) == []


def test_sov_and_brands_verbs(cli, tmp_path):
    _setup(cli, tmp_path)
    code, out, err = cli("sov", "--axis", "usine", "--format", "json")
    assert code == 0, err
    rows = json.loads(out)
    assert rows == [
        rows[0] | {"brand": "Acme", "docs": 1, "share": 1.0},
    ]
    code, out, err = cli("brands", "--format", "json")
    assert code == 0, err
    assert json.loads(out)[0]["cited"] == 1
    code, _, err = cli("sov", "--axis", "nope")
    assert code == 1 and "No axis named 'nope'" in err
