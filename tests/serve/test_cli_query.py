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
