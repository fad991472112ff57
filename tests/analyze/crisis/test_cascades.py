"""Cascade measures on small trees whose answers are known by hand."""

from __future__ import annotations

from influscope.analyze.crisis.cascades import Cascade, cascades_of


def test_broadcast_and_chain() -> None:
    star = Cascade.build(["r", "a", "b", "c", "d"], [None, "r", "r", "r", "r"], [0, 1, 2, 3, 4])
    chain = Cascade.build(["r", "a", "b", "c", "d"], [None, "r", "a", "b", "c"], [0, 1, 2, 3, 4])
    assert (star.depth, star.breadth) == (1, 4) and (chain.depth, chain.breadth) == (4, 1)
    assert abs(star.structural_virality - 1.6) < 1e-9  # 4 pairs at 1, 6 at 2 → 16/10
    assert abs(chain.structural_virality - 2.0) < 1e-9  # path of 5: 20/10
    assert chain.amplifiers(1)[0] == {"doc_id": "a", "author_id": None, "carried": 3}


def test_speed_movers_communities_and_hotspot() -> None:
    c = Cascade.build(
        ["r", "a", "b", "c"], [None, "r", "a", "r"], [0.0, 30.0, 4000.0, 90.0], ["o", "x", "y", "z"]
    )
    s = c.summary(community={"o": "c1", "x": "c1", "z": "c2", "y": "c3"}, hotspots={"c3"})
    assert s["first_movers"] == ["x", "z", "y"] and s["first_hour"] == 3
    assert s["communities"] == ["c1", "c2", "c3"] and s["seconds_to_hotspot"] == 4000.0
    assert s["seconds_to_half"] == 30.0


def test_rows_split_into_trees() -> None:
    rows = [
        {"doc_id": "r", "t": 0, "parent": None, "author_id": "o"},
        {"doc_id": "a", "t": 1, "parent": "r", "author_id": "x"},
        {"doc_id": "q", "t": 2, "parent": None, "author_id": "y"},
        {"doc_id": "b", "t": 3, "parent": "a", "author_id": "z"},
        {"doc_id": "c", "t": 4, "parent": "outside", "author_id": "w"},
    ]
    trees = cascades_of(rows)
    assert [t.ids for t in trees] == [["r", "a", "b"]]
