"""Ibis results as Arrow without pandas: the store's own conversion equals the backend's.

``Store.to_arrow`` skips the DuckDB backend's ``to_pyarrow``, whose result
converter imports pandas; these tests pin that the two give the same Arrow
values and types, and that the everyday commands then never load pandas.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import ibis
import pyarrow as pa

from influscope.store.engine import Store

BRANDS = """
[[brands]]
name = "Robots"
aliases = ["robotique", "robots"]

[[brands]]
name = "Climat"
aliases = ["climat", "climate"]

[[axes]]
name = "usine"
query = 'usine OR factory'
"""


def _store() -> Store:
    store = Store.open(None)
    store.con.execute(
        "CREATE TABLE t AS SELECT * FROM (VALUES "
        "(1, 'a', TIMESTAMPTZ '2026-01-02 03:04:05+02', TIMESTAMP '2026-01-02 03:04:05', "
        " DATE '2026-01-02', [1, 2], {'k': 'v', 'n': 1}, 1.5::DECIMAL(9, 2), 0.25::DOUBLE, true), "
        "(2, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL), "
        "(3, 'é', TIMESTAMPTZ '2026-03-01 00:00:00+00', TIMESTAMP '2026-03-01 00:00:00', "
        " DATE '2026-03-01', [], {'k': NULL, 'n': 2}, -2.00::DECIMAL(9, 2), -1e300, false)"
        ") AS v(i, s, tz, ts, d, l, st, dec, f, b)"
    )
    return store


def _same(store: Store, expr: object) -> pa.Table:
    ours = store.to_arrow(expr)  # type: ignore[arg-type]
    theirs = store.ibis.to_pyarrow(expr)
    assert type(ours) is type(theirs)
    if isinstance(ours, pa.Table):
        assert ours.schema == theirs.schema
    else:
        assert ours.type == theirs.type
    assert ours.equals(theirs)
    return ours


def test_tables_columns_and_scalars_convert_as_the_backend_does() -> None:
    store = _store()
    t = store.table("t")
    assert _same(store, t.order_by("i")).num_rows == 3
    by = t.group_by(month=t.tz.truncate("M").date().cast("string")).agg(n=t.count())
    assert sorted(_same(store, by.order_by("month")).column("n").to_pylist()) == [1, 1, 1]
    assert _same(store, t.count()).as_py() == 3
    assert _same(store, t.s.nunique()).as_py() == 2
    assert _same(store, t.order_by("i").s).to_pylist() == ["a", None, "é"]
    # An in-memory table is registered by the backend's hooks before the query runs.
    names = ibis.memtable({"i": [1, 3], "name": ["one", "three"]})
    joined = t.join(names, "i").select("i", "name", "l").order_by("i")
    assert _same(store, joined).column("name").to_pylist() == ["one", "three"]
    # Ibis casts DuckDB's types to the expression's own (here int32 to int64, date to string).
    cast = t.select(small=t.i.cast("int32"), big=t.i.cast("int64"), day=t.d.cast("string"))
    assert _same(store, cast.order_by("big")).schema.field("big").type == pa.int64()
    store.close()


def test_a_null_typed_column_takes_the_backend_way() -> None:
    store = _store()
    t = store.table("t")
    expr = t.select("i", nothing=ibis.null()).order_by("i")
    result = _same(store, expr)
    assert result.column("nothing").null_count == 3
    store.close()


def _run(args: list[str], modules: tuple[str, ...] = ("pandas",)) -> str:
    """Run the CLI in a fresh interpreter; its exit code and whether it loaded any of ``modules``."""
    probe = (
        "import sys\nfrom influscope.serve.cli.app import main\n"
        f"code = main({args!r})\n"
        f"print(code, any(m in sys.modules for m in {modules!r}))\n"
    )
    done = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True)
    return done.stdout.splitlines()[-1]


def test_everyday_commands_on_a_workspace_with_brands_never_load_pandas(tmp_path: Path) -> None:
    """pandas is a third of a second of start-up that ``status``, ``sov`` and ``ingest`` never use."""
    ws = tmp_path / "ws"
    cli = str(Path(sys.executable).with_name("influscope"))
    subprocess.run([cli, "init", str(ws)], capture_output=True, check=True)
    with (ws / "influscope.toml").open("a", encoding="utf-8") as config:
        config.write(BRANDS)
    first, posts = tmp_path / "first.jsonl", tmp_path / "posts.jsonl"
    first.write_text(
        '{"id": "0", "platform": "mastodon", "author": "c", "text": "robotique",'
        ' "published_at": "2026-08-25T10:00:00+02:00"}\n',
        encoding="utf-8",
    )
    posts.write_text(
        '{"id": "1", "platform": "mastodon", "author": "a", "text": "usine et robots",'
        ' "published_at": "2026-09-01T10:00:00+02:00"}\n'
        '{"id": "2", "platform": "mastodon", "author": "b", "text": "le climat, la factory",'
        ' "published_at": "2026-09-08T10:00:00+02:00"}\n',
        encoding="utf-8",
    )
    # The first write after a config change mirrors its brands into the store (PyArrow
    # builds those rows, and PyArrow probes for pandas); then the commands of every day:
    # an import that adds documents (so attributes them), one that adds none, the reads.
    subprocess.run(
        [cli, "-w", str(ws), "ingest", "file", str(first)], capture_output=True, check=True
    )
    # An import attributes brands in the engine: no PyArrow compute functions either.
    not_for_ingest = ("pandas", "pyarrow.compute")
    assert _run(["-w", str(ws), "ingest", "file", str(posts)], not_for_ingest) == "0 False"
    assert _run(["-w", str(ws), "ingest", "file", str(posts)], not_for_ingest) == "0 False"
    assert _run(["-w", str(ws), "status"], not_for_ingest) == "0 False"
    assert _run(["-w", str(ws), "sov", "--axis", "usine"]) == "0 False"
    assert _run(["-w", str(ws), "sov", "--axis", "usine", "--by", "week"]) == "0 False"
    shares = subprocess.run(
        [cli, "-w", str(ws), "sov", "--axis", "usine", "--format", "csv"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    assert shares.splitlines()[0].startswith("brand,docs,share")
    assert sorted(line.split(",")[:2] for line in shares.splitlines()[1:]) == [
        ["Climat", "1"],
        ["Robots", "1"],  # the first file's post is outside the axis
    ]
