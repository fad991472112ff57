"""Bound values without pandas: DuckDB's client would import it for each first bound value."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

# Run in a fresh interpreter: this test process may have imported pandas already.
SCRIPT = """
import datetime, sys
import duckdb
import pyarrow as pa
from influscope.store.binding import bound, without_pandas

con = duckdb.connect()
row = bound(con, "SELECT ?, ?", ["a'b", datetime.datetime(2026, 1, 2, 3, 4)]).fetchone()
assert row == ("a'b", datetime.datetime(2026, 1, 2, 3, 4)), row
with without_pandas():
    con.executemany("SELECT ?", [[1], [2]])
    con.register("t", pa.table({"a": [1, 2]}))
print("after:", "pandas" in sys.modules)
import pandas as pd  # still importable afterwards, and DuckDB still knows its types
frame = pd.DataFrame({"a": [1, 2, 3]})
print("sum:", con.execute("SELECT sum(a) FROM frame").fetchone()[0])
print("nat:", con.execute("SELECT ? IS NULL", [pd.NaT]).fetchone()[0])
"""


def test_bound_values_do_not_import_pandas_and_pandas_still_works_after() -> None:
    done = subprocess.run(
        [sys.executable, "-c", SCRIPT], capture_output=True, text=True, check=True
    )
    assert done.stdout.split("\n")[:3] == ["after: False", "sum: 6", "nat: True"], done.stdout


def test_many_values_import_pandas_once_rather_than_refuse_it_for_each() -> None:
    """The refusal costs per bound value; past GUARDED_VALUES one import is cheaper."""
    script = """
import sys
import duckdb
from influscope.store.binding import GUARDED_VALUES, bound_many
con = duckdb.connect()
con.execute("CREATE TABLE t (a BIGINT, b VARCHAR)")
bound_many(con, "INSERT INTO t VALUES (?, ?)", [[i, "x"] for i in range(GUARDED_VALUES // 2)])
print("few:", "pandas" in sys.modules)
bound_many(con, "INSERT INTO t VALUES (?, ?)", [[i, "y"] for i in range(GUARDED_VALUES // 2 + 1)])
print("many:", "pandas" in sys.modules)
print("rows:", con.execute("SELECT count(*) FROM t").fetchone()[0] == 2 * (GUARDED_VALUES // 2) + 1)
"""
    done = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, check=True
    )
    assert done.stdout.split("\n")[:3] == ["few: False", "many: True", "rows: True"], done.stdout


def test_other_threads_import_pandas_meanwhile() -> None:
    script = """
import sys, threading
from influscope.store.binding import without_pandas
seen = []
def load():
    import pandas
    seen.append(pandas.__name__)
with without_pandas():
    worker = threading.Thread(target=load)
    worker.start()
    worker.join()
print(seen)
"""
    done = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, check=True
    )
    assert done.stdout.strip() == "['pandas']", done.stdout


def test_importing_a_jsonl_file_never_loads_pandas(tmp_path) -> None:  # type: ignore[no-untyped-def]
    """The start-up this saves is a third of a second of every ``ingest file``."""
    posts = tmp_path / "posts.jsonl"
    posts.write_text(
        '{"id": "1", "platform": "twitter", "author": "a", "text": "hi @b #x https://e.fr/p",'
        ' "published_at": "2026-09-01T10:00:00+02:00", "likes": 3}\n'
    )
    cli = str(Path(sys.executable).with_name("influscope"))
    subprocess.run([cli, "init", str(tmp_path / "ws")], capture_output=True, check=True)
    script = f"""
import sys
from influscope.serve.cli.app import main
sys.argv = ["influscope", "-w", {str(tmp_path / "ws")!r}, "ingest", "file", {str(posts)!r}]
try:
    main()
except SystemExit as exc:
    assert exc.code in (0, None), exc.code
print("pandas:", "pandas" in sys.modules)
"""
    done = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, check=True
    )
    assert done.stdout.strip().endswith("pandas: False"), done.stdout + done.stderr
    assert "1 document added" in done.stderr, done.stderr
