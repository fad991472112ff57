"""The hostile-file corpus of issue #16: no traceback, no silent loss, true lines.

Every case of ``tests/data/hostile/cases.toml`` is imported with the CLI into
a fresh workspace. Acceptance: 0 tracebacks, the documented exit status, each
reject at its true line with its field, and imported + rejected (+ merged
graph edges) = the rows in the file; a damaged container is one error naming
the file, with nothing imported.
"""

from __future__ import annotations

import shutil
import tomllib
from pathlib import Path
from typing import Any

import orjson
import pytest

from influscope.workspace import Workspace
from tests.conftest import DATA
from tests.ingest.hostile_corpus import generate

HOSTILE = DATA / "hostile"
CASES: list[dict[str, Any]] = tomllib.loads((HOSTILE / "cases.toml").read_text("utf-8"))["case"]
TABLES = {"file": "documents", "roster": "roster", "notes": "offline_notes"}


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """The generated cases, and an empty workspace to copy for each case."""
    root = tmp_path_factory.mktemp("hostile")
    generate(root / "generated")
    Workspace.init(root / "template").close()
    return {"generated": root / "generated", "template": root / "template"}


def _rows(ws: Workspace, table: str) -> list[dict[str, Any]]:
    return ws.store.to_arrow(ws.store.table(table)).to_pylist()


def test_every_case_is_listed_once() -> None:
    names = [case["name"] for case in CASES]
    assert len(names) == len(set(names)) >= 30
    committed = {p.name for p in HOSTILE.iterdir()} - {"cases.toml"}
    used = {
        Path(arg.format(hostile="", generated="")).name
        for case in CASES
        for arg in case["command"]
        if arg.startswith("{hostile}")
    }
    assert committed == used  # no committed fixture without its case


@pytest.mark.parametrize("case", CASES, ids=[c["name"][:60] for c in CASES])
def test_hostile_file(case: dict[str, Any], corpus: dict[str, Path], cli: Any) -> None:
    shutil.copytree(corpus["template"], cli.root)
    args = [a.format(hostile=HOSTILE, generated=corpus["generated"]) for a in case["command"]]
    code, _, err = cli(*args)
    assert "Traceback" not in err and "Aborted" not in err
    assert code == case["exit"], err
    verb = case["command"][1]
    table = case.get("table", TABLES.get(verb, verb))
    with Workspace.open(cli.root) as ws:
        if "error" in case:
            assert err.startswith("Error: ") and case["error"] in err
            assert ws.store.count("documents") == ws.store.count("actors") == 0
            return
        rejects = [[e.line, e.field or ""] for e in ws.data.run_errors()]
        assert sorted(rejects) == sorted(case["rejects"])
        if table == "graph":
            run = ws.store.to_arrow(ws.store.table("runs")).to_pylist()[-1]
            counts = orjson.loads(run["counts"])
            imported = counts["nodes_accepted"] + ws.store.count("interactions")
            merged = counts["duplicate_edges"] + counts["self_loops"]
            assert counts["node_rows"] + counts["edge_rows"] == case["rows"]
            assert counts["edges"] == ws.store.count("interactions")
        else:
            imported, merged = ws.store.count(table), 0
        assert imported == case["imported"]
        assert merged == case.get("merged", 0)
        assert imported + len(rejects) + merged == case["rows"]
        if "text" in case:  # decoded in the right encoding
            assert any(case["text"] in (d["text"] or "") for d in _rows(ws, "documents"))
        if "name_of_actor" in case:
            assert case["name_of_actor"] in {a["name"] for a in _rows(ws, "actors")}
