"""A SIMULATED demo workspace shared by the crisis tests, with its ground truth."""

from __future__ import annotations

import json

import pytest

from influscope.workspace import Workspace

SCALE = 20_000
SEED = 7


@pytest.fixture(scope="package")
def demo(tmp_path_factory: pytest.TempPathFactory):
    ws = Workspace.build_demo(tmp_path_factory.mktemp("crisis-demo") / "ws", scale=SCALE, seed=SEED)
    yield ws
    ws.close()


@pytest.fixture(scope="package")
def truth(demo: Workspace) -> dict:
    return json.loads((demo.root / "demo-input" / "ground_truth.json").read_text())


@pytest.fixture(scope="package")
def crisis_demo(demo: Workspace) -> Workspace:
    """The demo after its pipeline (brands, enrichment, map, journey, alerts and incidents)."""
    steps = demo.demo.pipeline()
    assert all(s.status == "ok" for s in steps), steps
    return demo
