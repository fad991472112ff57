"""The bulk JSONL path gives row-for-row the same store as the record path."""

from __future__ import annotations

import gzip
import json
import shutil

import orjson
import pytest

from influscope.workspace import Workspace

IGNORED = {"raw", "source_run", "collected_at"}
# Hostile values (issue #16), at lines 401+ of a 600-post file: (changes, rejected field or None).
HOSTILE = [
    ({"likes": 99999999999999999999999}, "likes"),  # beyond 64 bits: was an OverflowError
    ({"likes": "1e400"}, "likes"),
    ({"published_at": "0001-01-01T00:00:00+14:00"}, "published_at"),  # year 0 in UTC
    ({"published_at": "9999-12-31T23:00:00-02:00"}, "published_at"),  # year 10000 in UTC
    ({"id": {"a": 1}}, "id"),  # a JSON object as id
    ({"id": "a\u0000b"}, "id"),  # NUL in an id
    ({"followers": 10**40}, "followers"),  # 40 digits
    ({"text": "nul \u0000 inside"}, "text"),
    ({"platform": "Bad Platform"}, "platform"),
    ({"reply_to": True}, "reply_to"),
    ({"author": {"x": 1}}, "author"),
    ({"likes": 12.5}, None),  # read as 12 by both paths
    ({"text": {"obj": [1, 2.5, None]}}, None),  # kept as JSON text by both
    ({"text": "   ", "lang": ""}, None),  # no text, no language
    ({"id": 5.7e17}, None),  # the digits 570000000000000000
    ({"id": "1230.0"}, None),  # 1230
    ({"doc_id": "web:https://x.org/a", "platform": "web"}, None),
    ({"hashtags": [None, 5, "X", True]}, None),
    ({"author": "@"}, None),  # no author
    ({"author": " Bob "}, None),
    ({"published_at": "2026-08-01T24:00:00Z"}, "published_at"),  # hour 24
    ({"published_at": 1424806552}, None),  # epoch seconds
    ({"author_verified": "oui"}, None),
    ({"author_verified": "maybe"}, "author_verified"),
]


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
                    f"mail bob@example.org @alice.bsky.social #2015 #l33t"
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
            if 400 <= i < 400 + len(HOSTILE):
                # An author of its own: profiles tied on time would pick any row's values.
                record |= {"author": f"hostile{i}"} | HOSTILE[i - 400][0]
            if i == 400 + len(HOSTILE):
                record["likes"] = "INFINITE"
            # json, not orjson: 40-digit numbers; 1e400 as a JSON number the record path
            # cannot parse at all.
            line = json.dumps(record, ensure_ascii=False).replace('"INFINITE"', "1e400")
            handle.write(line.encode() + b"\n")


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
        bulk = bulk_ws.ingest.files([plain])
        record = rec_ws.ingest.files([zipped])  # gzip takes the record path
        # Each bad record is one reject at its true line, with its field, on both paths.
        expected = [(103, "published_at")] + [
            (401 + k, field) for k, (_, field) in enumerate(HOSTILE) if field is not None
        ]
        expected.append((401 + len(HOSTILE), None))  # the line with 1e400: not JSON
        assert [(e.line, e.field) for e in bulk.errors] == expected
        assert [(e.line, e.field) for e in record.errors] == expected
        assert bulk.rejected == record.rejected == len(expected) == 15
        a, b = _snapshot(bulk_ws), _snapshot(rec_ws)
        for name in a:
            assert a[name] == b[name], name
        assert len(a["documents"]) == 600 - 15
        docs = bulk_ws.store.table("documents")
        # The engine imported all but the records it handed to the record path (raw kept).
        by_engine = bulk_ws.store.to_arrow(docs.filter(docs.raw.isnull()).count().as_table())
        assert by_engine.column(0)[0].as_py() == 577
        row = bulk_ws.store.to_arrow(docs.filter(docs.native_id == "5")).to_pylist()[0]
        assert row["hashtags"] == ["industrie2", "sponsorisé", "l33t"]  # "#2015" is no hashtag
        assert sorted(row["mentions"]) == ["alice.bsky.social", "bob5"]
        assert str(row["published_at"]) == "2026-08-01 08:00:00"
        links = bulk_ws.store.table("links")
        urls = set(
            bulk_ws.store.to_arrow(links.filter(links.doc_id == "twitter:5"))
            .column("url")
            .to_pylist()
        )
        assert urls == {"https://www.site1.fr/a?b=1", "http://ex.com/p0"}


def test_bulk_reimport_and_overlap_take_the_upsert_path(tmp_path):
    """Records already stored, or repeated in a file, are upserted like any batch."""
    first = tmp_path / "first.jsonl"
    _write_posts(first, n=300)
    second = tmp_path / "second.jsonl"
    with second.open("wb") as handle:
        for n in range(250, 350):  # 250-299 overlap the first file, 340-349 repeat 330-339
            i = n if n < 340 else n - 10
            record = {"id": str(i), "platform": "twitter"}
            record |= {"author": f"User{i % 40}", "text": f"v2 @Carol{i % 3} #neuf {i}"}
            record |= {"published_at": "2026-08-02T10:00:00Z"}
            handle.write(orjson.dumps(record) + b"\n")
    zipped = tmp_path / "second.jsonl.gz"
    with second.open("rb") as src, gzip.open(zipped, "wb") as dst:
        shutil.copyfileobj(src, dst)
    with Workspace.init(tmp_path / "bulk") as bulk_ws, Workspace.init(tmp_path / "rec") as rec_ws:
        bulk_ws.ingest.files([first])
        before = _snapshot(bulk_ws)
        again = bulk_ws.ingest.files([first])
        assert _snapshot(bulk_ws) == before  # a re-import changes nothing
        assert again.counts["documents"]["inserted"] == 0
        bulk_ws.ingest.files([second])
        rec_ws.ingest.files([first])
        rec_ws.ingest.files([zipped])
        a, b = _snapshot(bulk_ws), _snapshot(rec_ws)
        for name in a:
            assert a[name] == b[name], name
        docs = bulk_ws.store.table("documents")
        assert bulk_ws.store.to_arrow(docs.count().as_table()).column(0)[0].as_py() == 339
        row = bulk_ws.store.to_arrow(docs.filter(docs.native_id == "260")).to_pylist()[0]
        assert row["text"].startswith("v2 ") and row["hashtags"] == ["neuf"]


def test_bulk_crash_after_documents_is_completed_by_running_again(tmp_path, monkeypatch):
    """The fast path commits documents before deriving; a crash in between is resumable."""
    from influscope.store import bulk

    posts = tmp_path / "posts.jsonl"
    _write_posts(posts, n=200)
    with Workspace.init(tmp_path / "clean") as clean:
        clean.ingest.files([posts])
        expected = _snapshot(clean)

    def crash(*args, **kwargs):
        raise RuntimeError("killed between the two transactions")

    with Workspace.init(tmp_path / "crashed") as ws:
        with monkeypatch.context() as patch:
            patch.setattr(bulk, "_stage_written", crash)
            with pytest.raises(RuntimeError):
                ws.ingest.files([posts])
        half = _snapshot(ws)
        # committed: all but the two records left to the record path, which never ran
        assert set(half["documents"]) < set(expected["documents"])
        assert len(half["documents"]) == len(expected["documents"]) - 2
        assert half["interactions"] == [] and half["links"] == []  # not derived yet
        ws.ingest.files([posts])  # the same command again
        assert _snapshot(ws) == expected


def test_bulk_and_record_paths_build_the_same_ids(tmp_path, monkeypatch):
    """Awkward handles and ids give the same ids whichever path a file takes (influscope.ids)."""
    from influscope.store import sink

    records = [
        {"id": "1", "author": "İstanbul_Fan", "text": "@ΟΔΟΣ salut @Bob_X"},
        {"id": " 2 ", "author": "ΟΔΟΣ", "text": "réponse", "reply_to": "1"},
        {"id": "3", "author": "\u00a0@Spaced\u3000", "text": "x", "reply_to": "é:9"},
        {"id": "4", "author": "@", "text": "no author"},
        {"id": "5.0", "author": "Num", "text": "a number id", "repost_of": "4.0"},
        {"id": "6", "author": "@@Double", "mentions": ["Bob_X", "@Alice"], "text": "listed"},
        {"id": "7", "author": "x", "text": "quote", "quote_of": "mastodon:77"},
    ]
    lines = [orjson.dumps(r | {"platform": "Twitter"}) for r in records]
    lines.append(orjson.dumps({"doc_id": "web:https://www.Site.fr:8080/a", "author": "Site.fr"}))
    plain = tmp_path / "ids.jsonl"
    plain.write_bytes(b"\n".join(lines) + b"\n")
    zipped = tmp_path / "ids.jsonl.gz"
    with plain.open("rb") as src, gzip.open(zipped, "wb") as dst:
        shutil.copyfileobj(src, dst)
    calls = []
    real = sink.import_jsonl
    monkeypatch.setattr(sink, "import_jsonl", lambda *a, **k: calls.append(1) or real(*a, **k))
    with Workspace.init(tmp_path / "bulk") as bulk_ws, Workspace.init(tmp_path / "rec") as rec_ws:
        bulk_ws.ingest.files([plain])
        assert calls == [1]  # the engine's path
        rec_ws.ingest.files([zipped])
        assert calls == [1]  # gzip: the record path
        a, b = _snapshot(bulk_ws), _snapshot(rec_ws)
        for name in a:
            assert a[name] == b[name], name
        actors = {r[0] for r in a["actors"]}
        assert {
            "twitter:istanbul_fan",
            "twitter:οδοσ",
            "twitter:spaced",
            "twitter:double",
        } <= actors
        assert {"twitter:bob_x", "twitter:alice", "web:site.fr"} <= actors
        assert not any(actor.endswith(":") for actor in actors)
        docs = {r[0] for r in a["documents"]}
        assert {"twitter:2", "twitter:5", "web:https://www.Site.fr:8080/a"} <= docs
