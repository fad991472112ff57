"""The bulk JSONL path gives row-for-row the same store as the record path."""

from __future__ import annotations

import gzip
import shutil

import orjson

from influscope.workspace import Workspace

IGNORED = {"raw", "source_run", "collected_at"}


def _write_posts(path, n=600):
    with path.open("wb") as handle:
        for i in range(n):
            record = {
                "id": str(i),
                "platform": "twitter",
                "author": f"User{i % 40}",
                "author_name": f"User number {i % 40}",
                "followers": (i % 40) * 10,
                "text": (
                    f"RT @Bob{i % 7}: l'usine #Industrie{i % 3} #sponsorisé "
                    f"https://www.Site{i % 4}.fr/a?utm_source=x&b={i % 2} http://ex.com/p{i % 5}. "
                    f"mail bob@example.org @alice.bsky.social"
                ),
                "published_at": "2026-08-01T10:00:00+02:00",
                "likes": i % 9,
                "lang": "fr",
            }
            if i % 3 == 0:
                record["reply_to"] = str(i - 1)
            if i == 100:
                record["published_at"] = "24 Feb 2015 11:35:52 -0800"  # engine can't; Python can
            if i == 101:
                record["likes"] = "1.2k"
            if i == 102:
                record["published_at"] = "not a date"  # rejected by both paths
            handle.write(orjson.dumps(record) + b"\n")


def _snapshot(ws: Workspace) -> dict[str, list[tuple]]:
    out = {}
    for name in ("documents", "actors", "interactions", "links"):
        table = ws.store.table(name)
        cols = [c for c in table.columns if c not in IGNORED]
        rows = ws.store.to_arrow(table.select(cols)).to_pylist()
        out[name] = sorted(tuple(str(r[c]) for c in cols) for r in rows)
    return out


def test_bulk_and_record_paths_agree(tmp_path):
    plain = tmp_path / "posts.jsonl"
    _write_posts(plain)
    zipped = tmp_path / "posts.jsonl.gz"
    with plain.open("rb") as src, gzip.open(zipped, "wb") as dst:
        shutil.copyfileobj(src, dst)
    with Workspace.init(tmp_path / "bulk") as bulk_ws, Workspace.init(tmp_path / "rec") as rec_ws:
        bulk = bulk_ws.ingest_files([plain])
        record = rec_ws.ingest_files([zipped])  # gzip takes the record path
        assert bulk.rejected == record.rejected == 1
        assert bulk.errors[0].line == record.errors[0].line == 103
        assert bulk.errors[0].field == "published_at"
        a, b = _snapshot(bulk_ws), _snapshot(rec_ws)
        for name in a:
            assert a[name] == b[name], name
        assert len(a["documents"]) == 599
        docs = bulk_ws.store.table("documents")
        row = bulk_ws.store.to_arrow(docs.filter(docs.native_id == "5")).to_pylist()[0]
        assert row["hashtags"] == ["industrie2", "sponsorisé"]
        assert sorted(row["mentions"]) == ["alice.bsky.social", "bob5"]
        assert str(row["published_at"]) == "2026-08-01 08:00:00"
        links = bulk_ws.store.table("links")
        urls = set(
            bulk_ws.store.to_arrow(links.filter(links.doc_id == "twitter:5"))
            .column("url")
            .to_pylist()
        )
        assert urls == {"https://www.site1.fr/a?b=1", "http://ex.com/p0"}
