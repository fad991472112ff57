"""Personal data: erasure everywhere and for good, retention, pseudonymised exports."""

from __future__ import annotations

import io
from datetime import datetime

import orjson

POSTS = [
    {
        "id": "1",
        "platform": "twitter",
        "author": "jdoe",
        "author_name": "Jane Doe",
        "author_bio": "journaliste",
        "text": "l'usine @acme https://lemonde.fr/x",
        "published_at": "2020-01-01T00:00:00Z",
    },
    {
        "id": "2",
        "platform": "twitter",
        "author": "bob",
        "text": "RT @jdoe: l'usine @acme",
        "published_at": "2026-03-01T00:00:00Z",
        "repost_of": "1",
    },
    {
        "id": "3",
        "platform": "twitter",
        "author": "carol",
        "text": "hello @bob",
        "published_at": "2026-03-02T00:00:00Z",
    },
]


def _write(path):
    path.write_bytes(b"\n".join(orjson.dumps(p) for p in POSTS) + b"\n")


def _ids(ws, table, column):
    return set(ws.store.to_arrow(ws.store.table(table).select(column)).column(column).to_pylist())


def test_erasure_cascades_and_survives_reimport(workspace, tmp_path):
    src = tmp_path / "posts.jsonl"
    _write(src)
    workspace.ingest.files([src])
    assert "twitter:jdoe" in _ids(workspace, "actors", "actor_id")
    deleted = workspace.privacy.erase_actor("twitter:jdoe")
    assert deleted["documents"] == 1 and deleted["actors"] == 1 and deleted["interactions"] >= 2
    for table, column in (
        ("actors", "actor_id"),
        ("documents", "author_id"),
        ("interactions", "src"),
        ("interactions", "dst"),
    ):
        assert "twitter:jdoe" not in _ids(workspace, table, column)
    assert "twitter:1" not in _ids(workspace, "links", "doc_id")
    workspace.ingest.files([src])  # the same export again: jdoe stays erased
    assert "twitter:jdoe" not in _ids(workspace, "actors", "actor_id") | _ids(
        workspace, "interactions", "dst"
    )
    assert _ids(workspace, "documents", "doc_id") == {"twitter:2", "twitter:3"}


def test_retention_deletes_old_documents(workspace, tmp_path):
    src = tmp_path / "posts.jsonl"
    _write(src)
    workspace.ingest.files([src])
    deleted = workspace.privacy.apply_retention(days=365 * 3)
    assert deleted["documents"] == 1
    assert _ids(workspace, "documents", "doc_id") == {"twitter:2", "twitter:3"}


def test_pseudonymised_export_names_nobody(cli, tmp_path):
    src = tmp_path / "posts.jsonl"
    _write(src)
    cli("init", str(cli.root), workspace=None)
    cli("ingest", "file", str(src))
    for table in ("documents", "actors", "interactions"):
        code, out, _ = cli("export", table, "--format", "jsonl", "--pseudonymise")
        assert code == 0 and out
        for name in ("jdoe", "Jane Doe", "journaliste", "carol"):
            assert name not in out, (table, name)
    code, out, _ = cli("export", "documents", "--format", "jsonl", "--pseudonymise")
    rows = [orjson.loads(line) for line in out.splitlines()]
    authors = {r["author_id"] for r in rows}
    assert len(authors) == 3 and all(a.startswith("twitter:anon-") for a in authors)
    code, again, _ = cli("export", "documents", "--format", "jsonl", "--pseudonymise")
    assert again == out  # stable within a workspace, so analyses still join


def test_erase_unknown_actor_is_a_clear_error(cli):
    cli("init", str(cli.root), workspace=None)
    code, _, err = cli("erase", "twitter:nobody", "--yes")
    assert code == 1 and "No actor 'twitter:nobody'" in err


TWEET = "https://twitter.com/jdoe/status/1850000000000000001"


def _alert(workspace, who="twitter:jdoe"):
    """An alert whose explanation and evidence name jdoe and one of her posts."""
    evidence = {
        "documents": [
            {"doc_id": "twitter:1", "author_id": "twitter:jdoe", "url": TWEET, "text": "RT @jdoe"}
        ],
        "actors": [{"actor_id": "twitter:jdoe", "documents": 1}],
    }
    with workspace.store.transaction() as writer:
        writer.insert(
            "alerts",
            [
                {
                    "alert_id": "a1",
                    "rule": "spike",
                    "key": "twitter:jdoe",
                    "fired_at": datetime(2026, 3, 1),
                    "explanation": f"Spike led by {who}, see {TWEET}",
                    "evidence": orjson.dumps(evidence).decode(),
                }
            ],
        )


def test_pseudonymised_export_hashes_urls_post_ids_and_alert_texts(workspace, tmp_path, cli):
    posts = [dict(p) for p in POSTS]
    posts[0]["url"] = TWEET
    src = tmp_path / "posts.jsonl"
    src.write_bytes(b"\n".join(orjson.dumps(p) for p in posts) + b"\n")
    workspace.ingest.files([src])
    _alert(workspace)
    root = workspace.root
    workspace.close()
    code, docs, err = cli(
        "export", "documents", "--format", "jsonl", "--pseudonymise", workspace=root
    )
    assert code == 0, err
    code, alerts, err = cli(
        "export", "alerts", "--format", "jsonl", "--pseudonymise", workspace=root
    )
    assert code == 0, err
    for out in (docs, alerts):
        for secret in ("jdoe", "Jane Doe", "1850000000000000001", "twitter:1", "twitter:2"):
            assert secret not in out
    rows = [orjson.loads(line) for line in docs.splitlines()]
    assert all(r["doc_id"].startswith("twitter:anon-") for r in rows)
    assert all(r["native_id"] != n for r, n in zip(rows, ("1", "2", "3"), strict=True))
    first = next(r for r in rows if r["url"])
    author = first["author_id"].split(":", 1)[1]
    assert first["url"].startswith(f"https://twitter.com/{author}/status/anon-")
    alert = orjson.loads(alerts)
    evidence = orjson.loads(alert["evidence"])
    # The same hashes as in the documents export: an analyst can still join them.
    assert evidence["actors"][0]["actor_id"] == first["author_id"]
    assert evidence["documents"][0]["doc_id"] == first["doc_id"]
    assert evidence["documents"][0]["url"] == first["url"]
    assert first["author_id"] in alert["explanation"] and alert["key"] == first["author_id"]


def test_erase_scrubs_alerts_and_reimports_drop_notes_roster_labels(workspace, tmp_path):
    src = tmp_path / "posts.jsonl"
    _write(src)
    workspace.ingest.files([src])
    _alert(workspace, "Jane Doe (twitter:jdoe)")
    notes, roster, labels = (tmp_path / n for n in ("notes.csv", "roster.csv", "labels.csv"))
    notes.write_text(
        "actor_id,date,stance,note,owner\ntwitter:jdoe,2026-01-02,ally,met Jane Doe,press\n"
        "twitter:bob,2026-01-02,ally,met Bob,press\n"
    )
    roster.write_text("actor_id,name,department\ntwitter:jdoe,Jane Doe,Sales\n")
    labels.write_text("actor_id,field,value\ntwitter:jdoe,stance,ally\ntwitter:bob,stance,ally\n")
    workspace.ingest.notes(notes)
    workspace.ingest.roster(roster)
    workspace.ingest.actor_labels(labels)
    workspace.privacy.erase_actor("twitter:jdoe")
    alert = workspace.store.to_arrow(workspace.store.table("alerts")).to_pylist()[0]
    for column in ("explanation", "evidence", "key"):
        assert "jdoe" not in alert[column].lower() and "Jane Doe" not in alert[column]
    evidence = orjson.loads(alert["evidence"])
    assert evidence["documents"] == [] and evidence["actors"] == []  # items about her left
    bob = workspace.store.to_arrow(workspace.store.table("documents")).to_pylist()
    assert {r["text"] for r in bob} == {"RT @[erased]: l'usine @acme", "hello @bob"}
    assert all("jdoe" not in (r["mentions"] or []) for r in bob)

    assert workspace.ingest.notes(notes).inserted == 0  # bob's note is already there
    assert workspace.ingest.roster(roster).inserted == 0
    assert workspace.ingest.actor_labels(labels).inserted == 0
    for table in ("offline_notes", "roster", "actor_labels"):
        assert "twitter:jdoe" not in _ids(workspace, table, "actor_id")
    assert _ids(workspace, "offline_notes", "actor_id") == {"twitter:bob"}
    run = workspace.store.to_arrow(workspace.store.table("runs")).to_pylist()[-1]
    assert orjson.loads(run["counts"])["erased"] == 1  # counted, not silently dropped
    workspace.ingest.files([src])  # bob's repost comes back, its mention scrubbed again
    texts = {
        r["text"] for r in workspace.store.to_arrow(workspace.store.table("documents")).to_pylist()
    }
    assert texts == {"RT @[erased]: l'usine @acme", "hello @bob"}


def test_retention_prints_its_plan_and_asks(cli, tmp_path, monkeypatch):
    src = tmp_path / "posts.jsonl"
    _write(src)
    cli("init", str(cli.root), workspace=None)
    cli("ingest", "file", str(src))
    monkeypatch.setattr("sys.stdin", io.StringIO("n\n"))
    code, out, err = cli("--lang", "en", "retention", "--days", "1095")
    assert code == 130 and "will be deleted" in err and "documents" in out  # declined
    code, out, _ = cli("export", "documents", "--format", "jsonl")
    assert len(out.splitlines()) == 3  # the answer was no: nothing deleted
    code, out, err = cli("--lang", "en", "retention", "--days", "1095", "--yes")
    assert code == 0, err
    code, out, _ = cli("export", "documents", "--format", "jsonl")
    assert len(out.splitlines()) == 2
    code, _, err = cli("--lang", "en", "retention", "--days", "1095", "--yes")
    assert code == 0 and "nothing to delete" in err
