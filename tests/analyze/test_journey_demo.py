"""The demo scenario: the journey-central micro-influencer tops the journey, not the audience."""

from __future__ import annotations

import orjson
import pytest

from influscope.workspace import Workspace

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def demo(tmp_path_factory):
    root = tmp_path_factory.mktemp("journey-demo") / "demo"
    ws = Workspace.build_demo(root, scale=5_000, seed=7)
    truth = orjson.loads((root / "demo-input" / "ground_truth.json").read_bytes())
    yield ws, truth
    ws.close()


def axes_to_check(ws):
    assert ws.config.axes
    # The whole workspace, and the « usine du futur » axis the journey is planted on.
    return [None, ws.config.axes[0].name]


def test_journey_central_micro_influencer_ranks_top_5_but_low_by_audience(demo):
    ws, truth = demo
    central = truth["journey_central"]
    assert ws.store.count("search_demand") > 0 and ws.store.count("serp") > 0
    for axis in axes_to_check(ws):
        rows = ws.journeys.compute(axis=axis)
        assert sum(r["journey_weight"] for r in rows) == pytest.approx(1.0, abs=1e-9)
        row = next(r for r in rows if r["actor_id"] == central)
        print(f"\naxis={axis}: {central} journey rank {row['journey_rank']} "
              f"(weight {row['journey_weight']:.4f}), audience rank {row['audience_rank']} "
              f"({row['audience']} followers)")  # fmt: skip
        assert row["journey_rank"] <= 5
        assert row["audience_rank"] is not None and row["audience_rank"] >= 5 * row["journey_rank"]
        assert row["audience_rank"] > 20


def test_journey_explain_shows_the_planted_paths(demo):
    ws, truth = demo
    found = ws.journeys.explain(truth["journey_central"])
    citing = set(truth["journey_central_citing_pages"])
    paths = found["paths"]
    assert paths
    assert any(p["result"] in citing or p["page"] in citing for p in paths)
    assert any(p["entry_kind"] == "search" for p in paths)


def test_one_ardent_industrie_and_no_phantom_handle(demo):
    ws, truth = demo
    rows = ws.journeys.compute()
    brand = [r for r in rows if r["name"] == "Ardent Industrie"]
    assert [r["actor_id"] for r in brand] == ["twitter:ardent_industrie"]
    from influscope.organisations import Organisations

    organisations = Organisations(ws.config.brands)
    per_brand = [organisations.brand_of(r["actor_id"]) for r in rows]
    assert all(per_brand.count(b) == 1 for b in set(per_brand) if b)  # one actor per brand
    for member in ("web:ardent-industrie.fr", "youtube:ardentindustrie"):
        assert ws.journeys.explain(member)["actor_id"] == "twitter:ardent_industrie"
    # Pages that quote @maelle_cobot mention her account, not a web:maelle_cobot phantom.
    actors = ws.store.table("actors")
    assert actors.filter(actors.actor_id == "web:maelle_cobot").count().execute() == 0
    edges = ws.store.table("interactions")
    from_pages = edges.filter(
        (edges.kind == "mention")
        & edges.src.startswith("web:")
        & (edges.dst == truth["journey_central"])
    )
    assert from_pages.count().execute() > 0
