"""Property: the bulk JSONL path (DuckDB) and the record path give the same store and rejects.

Records mix ordinary values with the hostile ones of issue #16 in every
canonical field; the same file is imported plain (bulk path) and gzipped
(record path) into two copies of an empty workspace, and the four canonical
tables and the rejected rows (line, field) must be identical.
"""

from __future__ import annotations

import gzip
import json
import os
import shutil
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from influscope.workspace import Workspace
from tests.test_ingest_bulk import _snapshot

EXAMPLES = max(int(os.environ.get("INFLUSCOPE_FUZZ_EXAMPLES", "30")) // 3, 5)

IDS = st.sampled_from(
    ["1", "2", "17", " 18 ", "19.0", "a:b", "x\u0000y", "", "é", "true", "{x"]
) | st.sampled_from([3, 4.0, 5.7e17, 1.5, True, None, {"a": 1}, [1]])
TIMES = st.sampled_from(
    [
        "2026-08-01T10:00:00Z", "2026-08-01 10:00:00", "2026-08-01T10:00:00+02:00",
        "2026-08-01", "2026-08-01T10:00:00.1234567Z", "2026-08-01T24:00:00Z",
        "0001-01-01T00:00:00+14:00", "9999-12-31T23:00:00-02:00", "24 Feb 2015 11:35:52 -0800",
        "not a date", "", "2026-02-30T10:00:00Z", "2026-08-01T10:00:00+0530",
    ]
) | st.sampled_from([1424806552, 1424806552000, 1e20, None, True])  # fmt: skip
COUNTS = st.sampled_from(["5", " 7", "1.2k", "12.5", "-1", "1e400", "", "abc"]) | st.sampled_from(
    [0, 3, 12.5, -2, 99999999999999999999999, 9223372036854775807, 9223372036854775808, None, True]
)
TEXTS = st.sampled_from(
    ["hello @Bob #Tag https://ex.com/a", "RT @alice: hi", "   ", "", "nul \u0000", "[thread]",
     "{json}", "true", "l'usine", "\u2028"]
) | st.sampled_from([None, 5, 1.5, True, {"k": [1, 2.5]}, [1, "x"]])  # fmt: skip
HANDLES = st.sampled_from(["Bob", "@Bob", " bob ", "@", "", "b\u0000", "Élodie"]) | st.sampled_from(
    [None, 7, {"x": 1}]
)
PLATFORMS = st.sampled_from(["twitter", "Twitter", " web ", "bad one", "a:b", "", None, 5])
REFS = st.sampled_from(["1", "twitter:2", "é:3", " 4", "", None, True, 5.0, "x\u0001"])
LISTS = st.none() | st.lists(st.sampled_from(["a", "B", None, 5, True, "n\u0000"]), max_size=3)
BOOLS = st.sampled_from([True, False, "oui", "yes", "maybe", "1", "0", None, ""])

FIELDS: dict[str, st.SearchStrategy[Any]] = {
    "id": IDS, "platform": PLATFORMS, "author": HANDLES, "author_id": HANDLES,
    "author_name": TEXTS, "author_bio": TEXTS, "author_verified": BOOLS, "followers": COUNTS,
    "text": TEXTS, "title": TEXTS, "url": TEXTS, "lang": TEXTS, "published_at": TIMES,
    "collected_at": TIMES, "likes": COUNTS, "shares": COUNTS, "reply_to": REFS,
    "repost_of": REFS, "doc_id": st.sampled_from(["twitter:9", "web:https://a.fr/x", "abc", None]),
    "hashtags": LISTS, "mentions": LISTS,
}  # fmt: skip


@st.composite
def records(draw: st.DrawFn) -> list[dict[str, Any]]:
    """A few ordinary posts around a few with hostile values in some fields."""
    out = []
    for i in range(draw(st.integers(1, 8))):
        record: dict[str, Any] = {
            "id": str(1000 + i),
            "platform": "twitter",
            "author": f"user{i}",
            "text": f"post {i} @Carol #tag",
            "published_at": "2026-08-01T10:00:00Z",
            "likes": i,
        }
        for name in draw(st.lists(st.sampled_from(sorted(FIELDS)), max_size=4, unique=True)):
            record[name] = draw(FIELDS[name])
        out.append(record)
    return out


@pytest.fixture(scope="module")
def template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("bulk-fuzz") / "template"
    Workspace.init(root).close()
    return root


@settings(max_examples=EXAMPLES)
@given(posts=records())
def test_bulk_and_record_paths_agree_on_hostile_records(
    posts: list[dict[str, Any]], template: Path, tmp_path_factory: pytest.TempPathFactory
) -> None:
    folder = tmp_path_factory.mktemp("example")
    plain = folder / "posts.jsonl"
    plain.write_text("".join(json.dumps(p, ensure_ascii=False) + "\n" for p in posts), "utf-8")
    zipped = folder / "posts.jsonl.gz"
    zipped.write_bytes(gzip.compress(plain.read_bytes()))
    shutil.copytree(template, folder / "bulk")
    shutil.copytree(template, folder / "record")
    with Workspace.open(folder / "bulk") as bulk_ws, Workspace.open(folder / "record") as rec_ws:
        bulk = bulk_ws.ingest.files([plain])
        record = rec_ws.ingest.files([zipped])  # gzip takes the record path
        assert [(e.line, e.field) for e in bulk.errors] == [
            (e.line, e.field) for e in record.errors
        ]
        assert bulk.records == record.records == len(posts)
        a, b = _snapshot(bulk_ws), _snapshot(rec_ws)
    for name in a:
        assert a[name] == b[name], name
