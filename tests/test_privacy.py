"""Personal data: erasure everywhere and for good, retention, pseudonymised exports."""

from __future__ import annotations

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
