"""Where the CPU of a bulk JSONL import goes: each SQL statement of ``influscope ingest file``.

Runs the import command in this process on the generated posts of
``bench/ingest.py`` (into a workspace made by ``influscope init``), with
DuckDB's ``connect`` wrapped so every statement of the store's connection is
timed (process CPU time, all threads, and wall time). Beside it, the CPU of
DuckDB's own ``read_json`` into an in-memory table and into a table in a
file, so each step reads as a multiple of the engine's parsing. CPU time is
the figure to read: on a loaded machine the wall time of a step depends on
what else runs.

``--config scale10m`` gives the workspace the config of ``bench/scale10m.py``
(two brands, one axis, five alert rules, a memory limit: brand attribution and
the share-of-voice counts run at import, as they do there); the default,
``plain``, is ``bench/ingest.py``'s bare workspace. Statements are also summed
by shape (numbers and quoted strings blanked) so a step run once per batch
reads as one line, with its CPU per 1M posts: run at two sizes, a shape whose
figure grows is one whose cost grows faster than the data. ``--python N``
adds the N Python functions with the most CPU of their own (cProfile; it
slows the Python part, not DuckDB's).

Usage: python bench/ingest_profile.py [--posts 1000000] [--top 12] [--config plain|scale10m]
       [--python 0] [--data posts.jsonl] [--no-write]
"""

from __future__ import annotations

import argparse
import cProfile
import io
import pstats
import re
import sys
import tempfile
import time
import warnings
from pathlib import Path
from typing import Any

import duckdb

sys.path.insert(0, str(Path(__file__).resolve().parent))
from common import record  # noqa: E402
from scale10m import CONFIG, head  # noqa: E402

from ingest import generate  # noqa: E402

CONFIGS = {"plain": "", "scale10m": CONFIG}

STATEMENTS: list[tuple[float, float, str]] = []


class _Timed:
    """A DuckDB connection whose statements are timed (everything else passes through)."""

    def __init__(self, con: Any) -> None:
        self._con = con

    def __getattr__(self, name: str) -> Any:
        return getattr(self._con, name)

    def cursor(self) -> _Timed:
        return _Timed(self._con.cursor())

    def execute(self, sql: str, *args: Any) -> Any:
        wall, cpu = time.perf_counter(), time.process_time()
        result = self._con.execute(sql, *args)
        text = " ".join(str(sql).split())
        STATEMENTS.append((time.process_time() - cpu, time.perf_counter() - wall, text))
        return self if result is self._con else result

    def sql(self, query: str, *args: Any, **kwargs: Any) -> Any:
        """Ibis reads go through here: the relation runs when it is fetched (timed then)."""
        return _TimedRelation(self._con.sql(query, *args, **kwargs), " ".join(str(query).split()))

    def __enter__(self) -> _Timed:
        return self

    def __exit__(self, *exc: object) -> None:
        self._con.__exit__(*exc)


class _TimedRelation:
    """A relation (Ibis's reads) whose fetch is timed under the statement's text."""

    FETCHES = frozenset(
        {"arrow", "to_arrow_table", "fetch_arrow_table", "fetchall", "fetchone", "df"}
    )

    def __init__(self, relation: Any, text: str) -> None:
        self._relation = relation
        self._text = text

    def __getattr__(self, name: str) -> Any:
        found = getattr(self._relation, name)
        if name not in self.FETCHES:
            return found

        def timed(*args: Any, **kwargs: Any) -> Any:
            wall, cpu = time.perf_counter(), time.process_time()
            with warnings.catch_warnings():  # Ibis's own use of a deprecated fetch, not ours
                warnings.simplefilter("ignore", DeprecationWarning)
                result = found(*args, **kwargs)
            STATEMENTS.append((time.process_time() - cpu, time.perf_counter() - wall, self._text))
            return result

        return timed


def baseline(data: Path, target: str) -> float:
    """CPU seconds of DuckDB's ``CREATE TABLE AS SELECT * FROM read_json`` (bench/ingest.py's)."""
    cpu = time.process_time()
    con = duckdb.connect(target)
    con.execute(
        "CREATE TABLE posts AS SELECT * FROM read_json(?, format='newline_delimited')", [str(data)]
    )
    con.close()
    return time.process_time() - cpu


def shape(text: str) -> str:
    """A statement with its literals blanked: one shape per step, whatever the batch."""
    return re.sub(r"'[^']*'|\b\d+\b", "?", text)


def by_shape(posts: int, top: int) -> list[str]:
    """The statement shapes with the most CPU: total, per 1M posts, and how many ran."""
    sums: dict[str, list[float]] = {}
    for cpu_s, wall_s, text in STATEMENTS:
        entry = sums.setdefault(shape(text), [0.0, 0.0, 0])
        entry[0] += cpu_s
        entry[1] += wall_s
        entry[2] += 1
    lines = [f"top {top} statement shapes by CPU (s CPU, s CPU per 1M posts, s wall, runs, shape):"]
    for text, (cpu_s, wall_s, runs) in sorted(sums.items(), key=lambda kv: -kv[1][0])[:top]:
        lines.append(
            f"  {cpu_s:7.2f} {cpu_s * 1e6 / posts:6.2f} {wall_s:7.2f} {int(runs):5d}  `{text[:110]}`"
        )
    return lines


def python_top(profile: cProfile.Profile, top: int) -> list[str]:
    """The Python functions with the most CPU of their own (DuckDB's calls included as one)."""
    out = io.StringIO()
    pstats.Stats(profile, stream=out).sort_stats("tottime").print_stats(top)
    lines = [
        f"top {top} functions by own time under cProfile (calls, own s, cumulative s, function):"
    ]
    for row in out.getvalue().splitlines():
        fields = row.split()
        # A pstats row: ncalls tottime percall cumtime percall filename:lineno(function).
        if len(fields) >= 6 and fields[0][0].isdigit() and "function calls" not in row:
            lines.append(f"  {fields[0]} {fields[1]} {fields[3]} {' '.join(fields[5:])}")
    return lines


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--posts", type=int, default=1_000_000)
    parser.add_argument("--top", type=int, default=12)
    parser.add_argument("--config", choices=sorted(CONFIGS), default="plain")
    parser.add_argument("--python", type=int, default=0, help="top N Python functions (cProfile)")
    parser.add_argument("--no-write", action="store_true", help="print only, no BENCHMARKS.md")
    parser.add_argument(
        "--data", type=Path, help="a file of at least --posts generated posts (its head is used)"
    )
    args = parser.parse_args()
    argv = list(sys.argv)
    with tempfile.TemporaryDirectory() as tmp:
        data = Path(tmp) / "posts.jsonl"
        if args.data:  # the generator is deterministic: its first n posts are generate(n)'s
            head(args.data, data, args.posts)
        else:
            generate(data, args.posts)
        # Twice: the first use of the JSON reader in a process loads it.
        memory = min(baseline(data, ":memory:"), baseline(data, ":memory:"))
        on_disk = baseline(data, str(Path(tmp) / "raw.duckdb"))
        connect = duckdb.connect
        duckdb.connect = lambda *a, **k: _Timed(connect(*a, **k))  # type: ignore[assignment]
        from influscope.serve.cli.app import main as cli

        start_cpu = time.process_time()
        sys.argv = ["influscope", "init", str(Path(tmp) / "ws")]
        try:
            cli()
        except SystemExit:
            pass
        STATEMENTS.clear()
        init_cpu = time.process_time() - start_cpu
        config = Path(tmp) / "ws" / "influscope.toml"
        config.write_text(config.read_text() + CONFIGS[args.config])
        profile = cProfile.Profile() if args.python else None
        sys.argv = ["influscope", "-w", str(Path(tmp) / "ws"), "ingest", "file", str(data)]
        wall, cpu = time.perf_counter(), time.process_time()
        if profile:
            profile.enable()
        try:
            cli()
        except SystemExit as exc:
            if exc.code not in (0, None):
                raise
        finally:
            if profile:
                profile.disable()
        wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
        duckdb.connect = connect  # type: ignore[assignment]
        sys.argv = argv  # record() reads --no-write there
    sql_cpu = sum(s[0] for s in STATEMENTS)
    lines = [
        f"DuckDB read_json → in-memory table: CPU {memory:.2f} s; → table in a file: CPU {on_disk:.2f} s",
        f"`influscope ingest file` in this process: CPU {cpu:.2f} s ({cpu / memory:.1f}× the "
        f"in-memory baseline), wall {wall:.1f} s; of which SQL statements CPU {sql_cpu:.2f} s, "
        f"the rest (Python: the command, the probe, the NUL scan, the run log) "
        f"{cpu - sql_cpu:.2f} s; not counted: the `init` run before it in this process, {init_cpu:.2f} s of CPU, which paid the module imports (≈1.6 s of CPU in a fresh process)",
        f"top {args.top} statements by CPU (s CPU, s wall, statement start):",
    ]
    for cpu_s, wall_s, text in sorted(STATEMENTS, reverse=True)[: args.top]:
        lines.append(f"  {cpu_s:6.2f} {wall_s:6.2f}  `{text[:90]}`")
    lines += by_shape(args.posts, args.top)
    if profile:
        lines += python_top(profile, args.python)
    record(
        f"Import CPU by statement, {args.posts:,} JSONL posts, {args.config} workspace",
        f"python bench/ingest_profile.py --posts {args.posts} --config {args.config}"
        + (f" --python {args.python}" if args.python else ""),
        lines,
    )


if __name__ == "__main__":
    main()
