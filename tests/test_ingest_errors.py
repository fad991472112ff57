"""Bad input: rows named by file and line, --strict leaves the store as it was."""

from __future__ import annotations

from pathlib import Path

import pytest

from influscope.workspace import Workspace

CSV = """tweet_id,name,text,tweet_created,retweet_count
1,alice,"first post @bob",2015-02-24 11:35:52 -0800,3
2,bob,"a post
on two lines",2015-02-24 11:36:00 -0800,0
3,carol,"bad count",2015-02-24 11:37:00 -0800,many
4,dave,"fine",2015-02-24 11:38:00 -0800,1
"""
MAP = [
    "--map",
    "id=tweet_id",
    "--map",
    "author=name",
    "--map",
    "published_at=tweet_created",
    "--map",
    "shares=retweet_count",
]


def _snapshot(root: Path) -> dict[str, list]:
    with Workspace.open(root) as ws:
        return {
            t: sorted(map(str, ws.store.to_arrow(ws.store.table(t)).to_pylist()))
            for t in ("documents", "actors", "interactions", "links")
        }


def test_malformed_row_is_named_and_others_imported(cli, tmp_path):
    path = tmp_path / "posts.csv"
    path.write_text(CSV)
    cli("init", str(cli.root), workspace=None)
    code, _, err = cli("ingest", "file", str(path), "--platform", "twitter", *MAP)
    assert code == 1
    # The bad row starts on line 5 (row 2 spans lines 3-4), field "shares".
    assert f"{path}:5 [shares]" in err
    assert "expected a whole number" in err
    with Workspace.open(cli.root) as ws:
        assert ws.store.count("documents") == 3
        errors = ws.data.run_errors()
    assert [(e.line, e.field) for e in errors] == [(5, "shares")]
    code, out, _ = cli("status", "--errors", "--format", "csv")
    assert code == 0 and "shares" in out


def test_strict_leaves_store_exactly_as_it_was(cli, tmp_path):
    good = tmp_path / "good.csv"
    good.write_text(CSV.replace("many", "2"))
    bad = tmp_path / "bad.csv"
    bad.write_text(
        CSV.replace("1,alice", "10,alice").replace("2,bob", "20,bob").replace("4,dave", "40,dave")
    )
    cli("init", str(cli.root), workspace=None)
    assert cli("ingest", "file", str(good), "--platform", "twitter", *MAP)[0] == 0
    before = _snapshot(cli.root)
    code, _, err = cli("ingest", "file", str(bad), "--platform", "twitter", "--strict", *MAP)
    assert code == 1
    assert f"{bad}:5: field 'shares'" in err and "Nothing was imported" in err
    assert _snapshot(cli.root) == before


def test_newer_version_updates_and_same_data_changes_nothing(workspace, tmp_path):
    v1 = tmp_path / "v1.jsonl"
    v1.write_text(
        '{"id": "1", "platform": "mastodon", "author": "a", "text": "hello", "likes": 1, "collected_at": "2026-01-01T00:00:00Z"}\n'
    )
    v2 = tmp_path / "v2.jsonl"
    v2.write_text(
        '{"id": "1", "platform": "mastodon", "author": "a", "text": "hello", "likes": 9, "collected_at": "2026-01-02T00:00:00Z"}\n'
    )
    first = workspace.ingest.files([v1])
    assert first.counts["documents"] == {"inserted": 1, "updated": 0}
    again = workspace.ingest.files([v1])
    assert again.counts["documents"] == {"inserted": 0, "updated": 0}
    newer = workspace.ingest.files([v2])
    assert newer.counts["documents"] == {"inserted": 0, "updated": 1}
    older = workspace.ingest.files([v1])  # an older version never overwrites a newer one
    assert older.counts["documents"] == {"inserted": 0, "updated": 0}
    docs = workspace.store.to_arrow(workspace.store.table("documents")).to_pylist()
    assert [(d["doc_id"], d["likes"]) for d in docs] == [("mastodon:1", 9)]


def test_timestamps_with_zones_are_normalised_to_utc(workspace, tmp_path):
    path = tmp_path / "t.csv"
    path.write_text(
        "id,published_at\n"
        "a,2015-02-24 11:35:52 -0800\n"
        'b,"Tue, 24 Feb 2015 19:35:52 GMT"\n'
        "c,2015-02-24T20:35:52+01:00\n"
        "d,1424806552\n"
        "e,1424806552000\n"
    )
    workspace.ingest.files([path], platform="web")
    rows = workspace.store.to_arrow(
        workspace.store.table("documents").select("native_id", "published_at")
    ).to_pylist()
    assert {str(r["published_at"]) for r in rows} == {"2015-02-24 19:35:52"}
    assert len(rows) == 5


def test_rejected_records_are_told_once_per_reason(cli, tmp_path):
    """Many records failing one way and one failing another: both reasons show, each once."""
    rows = [f"{i},user{i},post {i},2015-02-24 11:35:52 -0800,many" for i in range(1, 15)]
    rows.append("15,user15,late post,not a date,1")
    path = tmp_path / "posts.csv"
    path.write_text("tweet_id,name,text,tweet_created,retweet_count\n" + "\n".join(rows) + "\n")
    cli("init", str(cli.root), workspace=None)
    code, _, err = cli("ingest", "file", str(path), "--platform", "twitter", *MAP)
    assert code == 1
    assert err.count("expected a whole number") == 1
    assert f"{path}:2 [shares]" in err
    assert "and 13 more for the same reason (lines 3, 4, 5, …)" in err
    assert f"{path}:16 [published_at]" in err


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        ("ID\tTarget\tTweet\n101\tAtheism\tdear lord\n", "tsv"),
        ("id,text\n1,hello\n", "csv"),
        ('{"id": "1", "text": "a"}\n{"id": "2", "text": "b"}\n', "jsonl"),
        ('{\n  "posts": [{"id": "1"}]\n}\n', "json"),
        ('[{"id": "1", "text": "a"}]\n', "json"),
        ("<?xml version='1.0'?><rss></rss>\n", "xml"),
    ],
)
def test_a_file_without_a_known_extension_is_read_by_its_content(tmp_path, content, expected):
    """Exports come as .txt or without extension (SemEval's tab-separated annotations)."""
    from influscope.ingest.files.readers import detect_format

    for name in ("export.txt", "export"):
        path = tmp_path / name
        path.write_text(content, encoding="utf-8")
        assert detect_format(path) == expected


def test_a_file_whose_content_does_not_tell_its_format_is_refused(tmp_path):
    from influscope.errors import UsageError
    from influscope.ingest.files.readers import detect_format

    path = tmp_path / "notes.txt"
    path.write_text("a;b;c\n1;2;3\n", encoding="utf-8")  # semicolons: no guess
    with pytest.raises(UsageError, match="cannot tell the format from the file name nor from"):
        detect_format(path)


def test_a_tab_separated_txt_export_imports_without_format(cli, tmp_path):
    path = tmp_path / "annotations.txt"
    path.write_text("ID\tTweet\n101\tdear lord thank u\n102\tclimate matters\n", encoding="cp1252")
    assert cli("init", str(cli.root), workspace=None)[0] == 0
    args = ["--platform", "twitter", "--map", "id=ID", "--map", "text=Tweet"]
    code, _, err = cli("ingest", "file", str(path), *args)
    assert code == 0, err
    assert "2 documents added" in err
