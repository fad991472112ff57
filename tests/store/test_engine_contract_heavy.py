"""The heavy commands on a lake: map, journey and alert backtest give the same on DuckDB and Spark.

The lake is the contract suite's (``ingest`` of generated posts, see
:mod:`tests.store.test_engine_contract`). Each command runs through the
workspace's services with ``engine="duckdb"`` then ``engine="spark"``, as
``influscope --engine`` opens them: the engine reads the lake (and the
workspace tables beside it, labels and stored maps), the graph algorithms
run on the driver, the results are stored in the workspace. The answers are
compared whole, run ids aside (floats to 1e-9 relative).

One workspace is opened at a time (a command stores its result), and the
Spark session is the process's one (:func:`influscope.store.spark.spark_backend`).
"""

from __future__ import annotations

from datetime import datetime
from pathlib import Path
from typing import Any

import orjson
import pytest

from influscope.workspace import Workspace
from tests.store.test_engine_contract import CONFIG, _posts, _rows

pytestmark = pytest.mark.spark

ENGINES = ("duckdb", "spark")
# A spike rule sensitive enough to fire on the generated posts' burst (7-hour bins).
RULE = """
[[alerts]]
name = "sensitive"
detector = "spike"
options = { step = "7h", threshold = 1.5, min_history_days = 1, cooldown = "1d" }
"""


@pytest.fixture(scope="module")
def lake_ws(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("heavy") / "ws"
    Workspace.init(root).close()
    config = root / "influscope.toml"
    config.write_text(config.read_text() + CONFIG + RULE)
    posts = root.parent / "posts.jsonl"
    burst = [
        p | {"id": f"b{i}", "published_at": "2024-03-20T10:00:00Z"}
        for i, p in enumerate(_posts(24))
    ]
    posts.write_text("\n".join(orjson.dumps(p).decode() for p in _posts() + burst))
    with Workspace.open(root) as ws:
        assert ws.ingest.files([posts]).records == 264
    return root


def _each(root: Path, run: Any) -> dict[str, Any]:
    found = {}
    for engine in ENGINES:
        with Workspace.open(root, engine=engine) as ws:
            found[engine] = run(ws)
    return found


def test_map_on_spark_equals_duckdb(lake_ws):
    def run(ws: Workspace) -> tuple[list, list, list]:
        result = ws.maps.compute()
        communities = [{k: v for k, v in c.items() if k != "run_id"} for c in result.communities]
        return _rows(result.rows), _rows(result.edge_table.to_pylist()), _rows(communities)

    found = _each(lake_ws, run)
    assert found["spark"] == found["duckdb"]
    rows, edges, communities = found["duckdb"]
    assert len(rows) > 20 and edges and len(communities) > 1
    stances = {dict(r)["stance"] for r in rows}
    assert "owned" in stances  # the brand's own accounts, found through the lake's actors


def test_journey_on_spark_equals_duckdb(lake_ws):
    def run(ws: Workspace) -> list:
        return _rows(ws.journeys.compute())

    found = _each(lake_ws, run)
    assert found["spark"] == found["duckdb"]
    weights = [dict(r)["journey_weight"] for r in found["duckdb"]]
    assert len(weights) > 5 and sum(weights) == pytest.approx(1.0)


def test_alert_backtest_on_spark_equals_duckdb(lake_ws):
    def run(ws: Workspace) -> list:
        return _rows(ws.alerts.backtest(axis="usine", rule="sensitive"))

    found = _each(lake_ws, run)
    assert found["spark"] == found["duckdb"]
    assert datetime(2024, 3, 20, 10) in {dict(r)["timestamp"] for r in found["duckdb"]}


# What the heavy commands do not run on a lake engine, and why.
NOT_ON_AN_ENGINE = {
    "alerts evaluate (the watch)": "the live rules record alerts, cooldowns and evidence in the "
    "workspace's DuckDB store as they fire, once per cycle over the newest documents; they read "
    "the store, the lake's engine is for the backtests over the whole history",
}


@pytest.mark.parametrize("what", sorted(NOT_ON_AN_ENGINE))
def test_not_on_an_engine(what):
    pytest.skip(f"{what}: {NOT_ON_AN_ENGINE[what]}")
