"""Influencer tiers by position (issue 15): unit rules, the demo's planted creators, polblogs."""

from __future__ import annotations

import csv
import json
from datetime import UTC, datetime
from pathlib import Path

import numpy as np
import pytest

from influscope.analyze.card import actor_card
from influscope.analyze.influence.rising import rising_stars
from influscope.analyze.influence.stored import compute_scope_tiers, persist_tiers, stored_tiers
from influscope.analyze.influence.tiers import TierSettings, by_position, compute_tiers
from influscope.analyze.map.graph import ActorGraph
from influscope.analyze.map.scope import Scope
from influscope.errors import NotFound
from influscope.serve.i18n import error_text, say
from influscope.workspace import Workspace
from tests.conftest import shared_path


def _graph(ids: list[str], edges: list[tuple[int, int, float]]) -> ActorGraph:
    src = np.array([e[0] for e in edges], np.int64)
    dst = np.array([e[1] for e in edges], np.int64)
    w = np.array([e[2] for e in edges], np.float64)
    lo, hi = np.minimum(src, dst), np.maximum(src, dst)
    return ActorGraph(ids, lo, hi, w, w, src, dst, w)


def test_leaders_focus_and_reach_make_the_tiers() -> None:
    # Two camps of 20; a0 is heard by both camps, b0 leads camp B only and is focused.
    ids = [f"t:a{i}" for i in range(20)] + [f"t:b{i}" for i in range(20)]
    edges = [(i, 0, 1.0) for i in range(1, 20)] + [(20 + i, 0, 1.0) for i in range(1, 8)]
    edges += [(20 + i, 20, 1.0) for i in range(1, 20)] + [(20 + i, 21, 0.5) for i in range(2, 10)]
    labels = np.array([0] * 20 + [1] * 20, np.int64)
    rows = {
        r.actor_id: r
        for r in compute_tiers(_graph(ids, edges), labels, focus={"t:b0": 0.9, "t:b1": 0.9})
    }
    settings = TierSettings(mainstream_top=0.05, macro_top=0.1)
    strict = {
        r.actor_id: r
        for r in compute_tiers(_graph(ids, edges), labels, focus={"t:b0": 0.9}, settings=settings)
    }
    assert rows["t:a0"].reach == 2 and rows["t:a0"].outside_share > 0.2
    assert strict["t:a0"].tier == "mainstream"
    assert strict["t:b0"].tier == "affinity"  # focused leader: affinity whatever its size
    assert rows["t:a5"].tier == "none"
    assert [c.code for c in rows["t:b0"].reasons][:3] == ["position", "community", "reach"]
    # "top X % of the map": the first of 40 is in its top 1/40, never "top 0 %".
    first = max(rows.values(), key=lambda r: r.position)
    assert first.reasons[0].values["top"] == pytest.approx(1 / 40, abs=1e-4)
    assert all(0 < r.reasons[0].values["top"] <= 1 for r in rows.values())
    ranked = by_position(list(strict.values()), "none")
    assert [r.community_rank for r in ranked] == sorted(r.community_rank for r in ranked)


def test_rising_star_grows_and_a_steady_voice_does_not() -> None:
    from datetime import datetime, timedelta

    start = datetime(2026, 1, 1)
    dst, at = [], []
    for day in range(90):
        dst += ["steady"] * 3
        at += [start + timedelta(days=day)] * 3
        if day >= 62:
            dst += ["riser"] * 4
            at += [start + timedelta(days=day)] * 4
        dst += [f"other{day % 7}"]
        at += [start + timedelta(days=day)]
    found = {r.actor_id: r for r in rising_stars(dst, at, np.ones(len(dst)), periods=3, top=0.3)}
    assert found["riser"].rising and found["riser"].shares[0] == 0.0
    assert not found["steady"].rising


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory):
    ws = Workspace.build_demo(tmp_path_factory.mktemp("tiers") / "ws", scale=4_000, seed=11)
    yield ws
    ws.close()


def test_tiers_need_a_stored_map(demo: Workspace) -> None:
    with pytest.raises(NotFound) as caught:
        compute_scope_tiers(demo.store, demo.config, Scope("nowhere"))
    assert "influscope map" in caught.value.hint
    # The scope as a reader names it, not its storage key ('nowhere||').
    assert caught.value.message.startswith("No map stored for axis 'nowhere': ")
    assert error_text(caught.value, "fr")[0].startswith(
        "Aucune carte enregistrée pour l'axe « nowhere »"
    )
    since = datetime(2026, 1, 1, tzinfo=UTC)
    assert say(Scope(since=since).said, "en") == "all axes (documents from 2026-01-01)"


def test_tiers_of_a_map_without_actors_say_why(workspace: Workspace, tmp_path: Path) -> None:
    """Posts without interactions: the map is stored but empty, which is not "no map"."""
    posts = tmp_path / "posts.jsonl"
    posts.write_text('{"id": "1", "platform": "twitter", "text": "plain words"}\n')
    workspace.ingest.files([posts])
    workspace.maps.compute()
    with pytest.raises(NotFound) as caught:
        compute_scope_tiers(workspace.store, workspace.config, Scope())
    assert caught.value.message == (
        "The map of all axes has no actor: tiers read the map's communities."
    )


def test_demo_planted_creators_are_affinity_or_micro(demo: Workspace) -> None:
    truth = json.loads((demo.root / "demo-input" / "ground_truth.json").read_text())
    demo.maps.compute()
    demo.journeys.compute()
    rows, rising = compute_scope_tiers(demo.store, demo.config, Scope())
    tiers = {r.actor_id: r for r in rows}
    planted = truth["affinity_influencers"]
    assert len(planted) >= 4
    found = {a: tiers[a].tier for a in planted}
    print(
        f"\nplanted affinity influencers: {found}; mainstream {truth['mainstream_influencer']}: {tiers[truth['mainstream_influencer']].tier}"
    )
    assert all(t in ("affinity", "micro") for t in found.values())
    # the brands' own accounts speak for a brand: no tier, never a rising star
    from influscope.analyze.map.owned import owned_in_store

    brands = owned_in_store(demo.store, demo.config.brands)
    mapped = {r["actor_id"] for r in demo.maps.compute().rows}
    assert brands and set(brands) <= mapped, brands  # on the map
    assert not set(brands) & set(tiers) and not set(brands) & set(rising)
    assert tiers[truth["journey_central"]].tier == "affinity"  # 900 followers, central and focused
    assert rising[truth["rising_actor"]].rising
    flagged = [a for a, r in rising.items() if r.rising]
    assert len(flagged) <= 5
    assert persist_tiers(demo.store, Scope(), rows, rising, "run-t") == len(rows)
    stored = stored_tiers(demo.store, Scope().key)
    assert len(stored) == len(rows)
    again = next(r for r in stored if r.actor_id == truth["rising_actor"])
    assert again.rising and again.reasons[0]["code"] == "position"
    card = actor_card(demo.store, truth["journey_central"])
    assert [t["tier"] for t in card["tiers"]] == ["affinity"]


@pytest.mark.realdata
def test_polblogs_top_mainstream_are_each_camps_most_linked(tmp_path: Path) -> None:
    from influscope.ingest.files.graph import actor_id_for
    from influscope.serve.cli.app import main

    gml = shared_path("datasets", "polblogs", "polblogs.gml")
    nodes = shared_path("datasets", "polblogs", "polblogs_nodes.csv")
    root = tmp_path / "ws"
    assert main(["init", str(root)]) == 0
    assert main(["-w", str(root), "ingest", "graph", str(gml)]) == 0
    with Workspace.open(root) as ws:
        ws.maps.compute()
        with nodes.open(encoding="utf-8") as handle:
            camp = {actor_id_for(r["label"])[0]: r["leaning"] for r in csv.DictReader(handle)}
        links = ws.store.con.execute(
            "SELECT dst, count(DISTINCT src) FROM interactions WHERE src <> dst GROUP BY dst"
        ).fetchall()
        indegree = dict(links)
        most = set()
        for side in ("0", "1"):
            ranked = sorted(
                (a for a in camp if camp[a] == side), key=lambda a: (-indegree.get(a, 0), a)
            )
            most |= set(ranked[:5])
        rows, _ = compute_scope_tiers(ws.store, ws.config, Scope())
    top = [r.actor_id for r in by_position(rows, "mainstream")[:10]]
    print(
        f"\npolblogs top-10 mainstream: {top}; {len(most & set(top))}/10 of each camp's 5 most linked"
    )
    assert most <= set(top)
