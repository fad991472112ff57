"""The Parquet lake: layout, idempotent writes, resume, and DuckDB reading what an import wrote."""

from __future__ import annotations

from pathlib import Path

import orjson
import pyarrow.parquet as pq
import pytest

from influscope.errors import UsageError
from influscope.ingest.files.generic import GenericMapper
from influscope.ingest.runner import ImportRunner, Source
from influscope.store.engine import Store
from influscope.store.lake import Lake
from influscope.store.lake_read import LakeStore
from influscope.store.lake_sink import LakeSink
from influscope.workspace import Workspace
from tests.analyze.test_share_of_voice import CONFIG, POSTS


def _posts(path: Path, posts: list[dict]) -> Path:
    path.write_text("\n".join(orjson.dumps(p | {"platform": "twitter"}).decode() for p in posts))
    return path


def _workspace(root: Path, lake: str | None) -> Workspace:
    Workspace.init(root).close()
    config = root / "influscope.toml"
    extra = f'\n[store]\nlake = "{lake}"\n' if lake else ""
    config.write_text(config.read_text() + CONFIG + extra)
    return Workspace.open(root)


@pytest.fixture
def posts(tmp_path):
    return _posts(tmp_path / "posts.jsonl", POSTS)


def _files(folder: Path) -> list[str]:
    return sorted(str(p.relative_to(folder)) for p in folder.rglob("*.parquet"))


def test_import_writes_hive_partitions_by_platform_and_day(tmp_path, posts):
    with _workspace(tmp_path / "ws", "lake") as ws:
        summary = ws.ingest.files([posts])
        assert summary.records == 5
        assert ws.store.count("documents") == 0  # the posts went to the lake
    lake = tmp_path / "ws" / "lake"
    docs = _files(lake / "documents")
    assert {str(Path(f).parent) for f in docs} == {
        "platform=twitter/day=2024-01-01",
        "platform=twitter/day=2024-01-02",
    }
    assert {str(Path(f).parent) for f in _files(lake / "actors")} == {"platform=twitter"}
    table = pq.read_table(lake / "documents" / docs[0])
    # Partition columns live in the path; timestamps are naive microseconds (Spark reads them).
    assert "platform" not in table.column_names and "day" not in table.column_names
    assert str(table.schema.field("published_at").type) == "timestamp[us]"


def test_duckdb_reads_the_lake_as_the_store_holds_it(tmp_path, posts):
    with _workspace(tmp_path / "plain", None) as plain:
        plain.ingest.files([posts])
        expected = {
            name: plain.store.to_arrow(plain.store.table(name).order_by(key)).to_pylist()
            for name, key in [("documents", "doc_id"), ("actors", "actor_id")]
        }
    with _workspace(tmp_path / "ws", "lake") as ws:
        ws.ingest.files([posts])
    store = LakeStore.open(Lake.at(str(tmp_path / "ws" / "lake")), "duckdb")
    for name, key in [("documents", "doc_id"), ("actors", "actor_id")]:
        rows = store.to_arrow(store.table(name).order_by(key)).to_pylist()
        # Another run, another clock; the store's bulk path keeps no raw copy of a
        # record it mapped whole, the record path (the lake's) does.
        drop = {"source_run", "collected_at", "raw"}
        assert [{k: v for k, v in r.items() if k not in drop} for r in rows] == [
            {k: v for k, v in r.items() if k not in drop} for r in expected[name]
        ]


def test_share_of_voice_on_a_lake_equals_the_store(tmp_path, posts):
    with _workspace(tmp_path / "plain", None) as plain:
        plain.ingest.files([posts])
        expected = [
            plain.sov.share_of_voice(axis=a, by=b) for a in ("usine", None) for b in (None, "day")
        ]
    with _workspace(tmp_path / "ws", "lake") as ws:
        ws.ingest.files([posts])
        found = [
            ws.sov.share_of_voice(axis=a, by=b) for a in ("usine", None) for b in (None, "day")
        ]
        overview = ws.sov.by_axis()
        assert ws.sov.count("usine") == 3
    assert found == expected
    assert expected[0][0].docs == 2  # the comparison is not of two empty answers
    assert overview == {"usine": expected[0]}  # the overview reads the lake too


def test_reimport_is_idempotent_and_newest_collection_wins(tmp_path, posts):
    with _workspace(tmp_path / "ws", "lake") as ws:
        ws.ingest.files([posts])
        first = _files(tmp_path / "ws" / "lake")
        ws.ingest.files([posts])
        assert _files(tmp_path / "ws" / "lake") == first  # same files rewritten, none added
        changed = [POSTS[0] | {"likes": 100}]
        ws.ingest.files([_posts(tmp_path / "again.jsonl", changed)])
    store = LakeStore.open(Lake.at(str(tmp_path / "ws" / "lake")), "duckdb")
    docs = store.to_arrow(store.table("documents").order_by("doc_id")).to_pylist()
    assert [d["doc_id"] for d in docs] == [f"twitter:{i}" for i in range(1, 6)]
    assert docs[0]["likes"] == 100  # the later import of the same post wins


def test_a_killed_import_resumes_from_the_lake_cursor(tmp_path, posts):
    lake = Lake.at(f"file://{tmp_path / 'lake'}")  # a URI works as well as a path
    log = Store.open(None)
    mapper = GenericMapper({}, platform=None)
    records = [(n, orjson.loads(line)) for n, line in enumerate(posts.read_text().splitlines(), 1)]

    def broken():
        for n, record in records:
            if n == 4:
                raise KeyboardInterrupt  # killed in the middle of the second batch
            yield n, record

    source = Source("posts.jsonl", broken, mapper, fingerprint="abc")
    with pytest.raises(KeyboardInterrupt):
        ImportRunner(LakeSink(lake, log, "r1"), batch_size=2).run([source])
    assert lake.cursors() == {"import:abc": "2"}
    whole = Source("posts.jsonl", lambda: iter(records), mapper, fingerprint="abc")
    summary = ImportRunner(LakeSink(lake, log, "r2"), batch_size=2).run([whole])
    assert summary.resumed_from == {"posts.jsonl": 2}
    assert summary.records == 3
    assert lake.cursors() == {}  # done: the next import of the file starts over
    store = LakeStore.open(lake, "duckdb")
    assert store.count("documents") == 5
    assert store.to_arrow(store.table("documents")).num_rows == 5


def test_spark_without_a_lake_is_a_usage_error(tmp_path):
    Workspace.init(tmp_path / "ws").close()
    with Workspace.open(tmp_path / "ws", engine="spark") as ws, pytest.raises(UsageError) as err:
        ws.sov.share_of_voice()
    assert "lake" in err.value.hint
