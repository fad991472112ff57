"""Same input, same map: five runs on one multi-kind workspace store identical results.

The demo scenario has every kind of interaction (reposts, quotes, replies,
mentions, links). Every stored result of a map run (communities and their
profiles and labels, members, positions, roles, edges, stance toward every
target) must be the same bit for bit from one run to the next, run ids aside.
"""

from __future__ import annotations

from typing import Any

import pytest

from influscope.workspace import Workspace

TABLES = {
    "community_members": ["level", "actor_id"],
    "communities": ["level", "community"],
    "actor_map": ["actor_id"],
    "map_edges": ["src", "dst"],
    "actor_stance": ["target", "actor_id"],
}


def snapshot(ws: Workspace) -> dict[str, list[dict[str, Any]]]:
    out = {}
    for table, key in TABLES.items():
        expr = ws.store.table(table)
        expr = expr.drop("run_id").order_by(key)
        out[table] = ws.store.to_arrow(expr).to_pylist()
    return out


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> Any:
    ws = Workspace.build_demo(tmp_path_factory.mktemp("repro") / "ws", scale=4_000, seed=11)
    yield ws
    ws.close()


def test_five_runs_store_the_same_map(demo: Workspace) -> None:
    kinds = demo.store.to_arrow(demo.store.table("interactions").select("kind").distinct())
    assert {"repost", "quote", "reply", "mention", "link"} <= set(kinds.column(0).to_pylist())
    demo.maps.compute()
    first = snapshot(demo)
    assert first["actor_map"] and first["actor_stance"] and first["communities"]
    for _ in range(4):
        demo.maps.compute()
        again = snapshot(demo)
        for table in TABLES:
            assert again[table] == first[table], table
