"""The journey chain against weights computed by hand (absorbing Markov chain)."""

from __future__ import annotations

import random
from fractions import Fraction as F

import numpy as np
import pyarrow as pa
import pytest

from influscope.analyze.journey import model as jm
from influscope.analyze.journey.model import JourneyGraph, JourneyParams, solve_journey
from influscope.analyze.journey.paths import explain, precontact, query_contributions

A, B, C = "https://a.example/", "https://b.example/", "https://c.example/"


def graph(social=None, owners=None):
    owners = owners or {A: "web:site1", B: "twitter:b", C: "web:site1"}
    social = social or {}
    return JourneyGraph(
        demand=pa.table({"query": ["q"], "volume": [100.0]}),
        slots=pa.table({"query": ["q", "q"], "node": [A, B], "prob": [0.28, 0.16]}),
        links=pa.table({"src": [A, A, B], "dst": [B, C, A], "weight": [1.0, 1.0, 1.0]}),
        social=pa.table(
            {
                "node": pa.array(list(social), pa.string()),
                "weight": pa.array(list(social.values()), pa.float64()),
            }
        ),
        actors=pa.table({"node": list(owners), "actor": list(owners.values())}),
    )


# By hand, continuation 1/2: x_A = .28 + x_B/2, x_B = .16 + x_A/4, x_C = x_A/4
# => x_A = 72/175, x_B = 46/175, x_C = 18/175 (total 136/175).
HAND = {A: F(72, 175), B: F(46, 175), C: F(18, 175)}


def test_weights_match_the_hand_computed_chain():
    result = solve_journey(graph(), JourneyParams(continuation=0.5))
    total = sum(HAND.values())
    nodes = result.node_weights()
    for node, visits in HAND.items():
        assert nodes[node] == pytest.approx(float(visits / total), abs=1e-12)
    actors = result.actor_weights()
    assert actors["web:site1"] == pytest.approx(float(F(90, 136)), abs=1e-12)
    assert actors["twitter:b"] == pytest.approx(float(F(46, 136)), abs=1e-12)
    assert sum(actors.values()) == pytest.approx(1.0, abs=1e-12)
    raw = dict(zip(result.nodes, result.node_visits(), strict=True))
    assert raw[A] == pytest.approx(float(HAND[A]), abs=1e-12)


def test_social_entries_mix_with_search_by_share():
    result = solve_journey(
        graph(social={C: 3.0}), JourneyParams(continuation=0.5, search_share=0.5)
    )
    raw = dict(zip(result.nodes, result.node_visits(), strict=True))
    assert raw[A] == pytest.approx(float(HAND[A] / 2), abs=1e-12)
    assert raw[C] == pytest.approx(float(HAND[C] / 2 + F(1, 2)), abs=1e-12)
    assert sum(result.actor_weights().values()) == pytest.approx(1.0, abs=1e-12)


def test_series_solver_gives_the_direct_answer(monkeypatch):
    direct = solve_journey(graph(social={C: 1.0}), JourneyParams(continuation=0.5)).node_weights()
    monkeypatch.setattr(jm, "DIRECT_SOLVE_MAX", 0)
    series = solve_journey(graph(social={C: 1.0}), JourneyParams(continuation=0.5)).node_weights()
    for node, weight in direct.items():
        assert series[node] == pytest.approx(weight, abs=1e-13)


def test_explain_paths_are_the_exact_decomposition():
    owners = {A: "web:a", B: "twitter:b", C: "web:c"}
    result = solve_journey(graph(owners=owners), JourneyParams(continuation=0.5))
    paths = explain(result, "twitter:b", top=10)
    # q->B direct .16; q->A->B .28*.25*(8/7) = .08; q->B->A(->B) .16*.5*(2/7); total 46/175.
    got = {(p.entry, p.result, p.page): p.share for p in paths}
    total = 46 / 175
    assert got[("q", B, None)] == pytest.approx(0.16 / total, abs=1e-12)
    assert got[("q", A, B)] == pytest.approx(0.08 / total, abs=1e-12)
    assert got[("q", B, A)] == pytest.approx(0.16 / 7 / total, abs=1e-12)
    assert sum(got.values()) == pytest.approx(1.0, abs=1e-12)
    assert paths[0].share >= paths[-1].share
    assert query_contributions(result, "twitter:b") == {"q": pytest.approx(1.0)}


def test_precontact_counts_journeys_meeting_the_actor_but_not_the_company():
    owners = {A: "web:a", B: "twitter:b", C: "web:c"}
    result = solve_journey(graph(owners=owners), JourneyParams(continuation=0.5))
    estimate = precontact(result, "web:c", side=["twitter:b"])
    journeys = 0.44  # a click happens: .28 + .16
    assert estimate.company_share == pytest.approx(0.23 / journeys, abs=1e-12)
    assert estimate.added_share == pytest.approx(0.07 / journeys, abs=1e-12)
    assert estimate.journeys_with_actor == pytest.approx((0.08 + 0.16 / 7) / journeys, abs=1e-12)
    assert estimate.company_share_after == pytest.approx(0.30 / journeys, abs=1e-12)


def random_graph(rng: random.Random, n: int = 12):
    nodes = [f"n{i}" for i in range(n)]
    queries = [f"q{i}" for i in range(4)]
    slots = {"query": [], "node": [], "prob": []}
    for q in queries:
        for rank, node in enumerate(rng.sample(nodes, 5)):
            slots["query"].append(q)
            slots["node"].append(node)
            slots["prob"].append(jm.DEFAULT_CTR[rank])
    links = {"src": [], "dst": [], "weight": []}
    for _ in range(3 * n):
        links["src"].append(rng.choice(nodes))
        links["dst"].append(rng.choice(nodes))
        links["weight"].append(float(rng.randint(1, 4)))
    owners = {node: f"actor{rng.randint(0, 5)}" for node in nodes}
    return JourneyGraph(
        demand=pa.table(
            {"query": queries, "volume": [float(rng.randint(1, 1000)) for _ in queries]}
        ),
        slots=pa.table(slots),
        links=pa.table(links),
        social=pa.table({"node": rng.sample(nodes, 3), "weight": [1.0, 2.0, 5.0]}),
        actors=pa.table({"node": list(owners), "actor": list(owners.values())}),
    )


def dense_visits(result):
    size = result.transition.shape[0]
    fundamental = np.linalg.inv(np.eye(size) - result.transition.toarray())
    return result.entry @ fundamental


@pytest.mark.parametrize("seed", range(5))
def test_random_chains_match_the_dense_fundamental_matrix(seed):
    result = solve_journey(random_graph(random.Random(seed)), JourneyParams(continuation=0.6))
    np.testing.assert_allclose(result.visits, dense_visits(result), atol=1e-12)
    assert sum(result.actor_weights().values()) == pytest.approx(1.0, abs=1e-12)
    for row in range(result.n_queries, result.transition.shape[0]):
        assert result.transition[row].sum() <= 0.6 + 1e-12


def relabel(g: JourneyGraph, rng: random.Random) -> tuple[JourneyGraph, dict[str, str]]:
    names = set(g.links.column("src").to_pylist()) | set(g.links.column("dst").to_pylist())
    names |= set(g.slots.column("node").to_pylist()) | set(g.actors.column("node").to_pylist())
    targets = [f"z{i}" for i in range(len(names))]
    rng.shuffle(targets)
    mapping = dict(zip(sorted(names), targets, strict=True))

    def shuffled(table, columns):
        rows = table.to_pylist()
        rng.shuffle(rows)
        for row in rows:
            for column in columns:
                row[column] = mapping[row[column]]
        return pa.Table.from_pylist(rows, schema=table.schema)

    return (
        JourneyGraph(
            demand=shuffled(g.demand, []),
            slots=shuffled(g.slots, ["node"]),
            links=shuffled(g.links, ["src", "dst"]),
            social=shuffled(g.social, ["node"]),
            actors=shuffled(g.actors, ["node"]),
        ),
        mapping,
    )


@pytest.mark.parametrize("seed", range(3))
def test_relabelling_nodes_changes_nothing(seed):
    rng = random.Random(100 + seed)
    original = random_graph(rng)
    renamed, mapping = relabel(original, rng)
    before = solve_journey(original, JourneyParams(continuation=0.5))
    after = solve_journey(renamed, JourneyParams(continuation=0.5))
    assert before.actor_weights() == pytest.approx(after.actor_weights(), abs=1e-12)
    renamed_nodes = after.node_weights()
    for node, weight in before.node_weights().items():
        assert renamed_nodes[mapping[node]] == pytest.approx(weight, abs=1e-12)


def test_no_entries_gives_no_weights():
    empty = pa.table({"query": pa.array([], pa.string()), "volume": pa.array([], pa.float64())})
    g = JourneyGraph(
        demand=empty,
        slots=pa.table(
            {
                "query": pa.array([], pa.string()),
                "node": pa.array([], pa.string()),
                "prob": pa.array([], pa.float64()),
            }
        ),
        links=pa.table({"src": [A], "dst": [B], "weight": [1.0]}),
        social=pa.table({"node": pa.array([], pa.string()), "weight": pa.array([], pa.float64())}),
        actors=pa.table({"node": pa.array([], pa.string()), "actor": pa.array([], pa.string())}),
    )
    assert solve_journey(g).actor_weights() == {}


def test_embedded_posts_are_met_on_the_page_that_shows_them():
    base = graph(owners={A: "web:a", B: "twitter:b", C: "web:c"})
    cites = pa.table({"node": [A, A], "actor": ["twitter:z", "web:a"], "weight": [0.5, 1.0]})
    g = JourneyGraph(base.demand, base.slots, base.links, base.social, base.actors, cites)
    result = solve_journey(g, JourneyParams(continuation=0.5))
    weights = result.actor_weights()
    # z met on half the visits of A (72/175): total encounters 136/175 + 36/175
    assert weights["twitter:z"] == pytest.approx(36 / 172, abs=1e-12)
    assert weights["web:a"] == pytest.approx(72 / 172, abs=1e-12)  # own actor not counted twice
    assert sum(weights.values()) == pytest.approx(1.0, abs=1e-12)
    got = {(p.entry, p.result, p.page): p.share for p in explain(result, "twitter:z")}
    total = 36 / 175
    assert got[("q", A, None)] == pytest.approx(0.14 / total, abs=1e-12)
    assert got[("q", A, B)] == pytest.approx(0.28 * 0.25 * 2 / 7 / total, abs=1e-12)
    assert got[("q", B, A)] == pytest.approx(0.16 * 0.5 * 4 / 7 / total, abs=1e-12)
    assert sum(got.values()) == pytest.approx(1.0, abs=1e-12)
