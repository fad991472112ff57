"""Coordinated behaviour: the data-driven interval, episodes, network and groups."""

from __future__ import annotations

import numpy as np

from influscope.analyze.crisis.coordination import (
    Shares,
    coordination_interval,
    find_coordination,
    shares_from_rows,
)
from influscope.analyze.crisis.window import read_window
from influscope.workspace import Workspace


def precision_recall(found: set[str], planted: set[str]) -> tuple[float, float]:
    hit = len(found & planted)
    return hit / max(len(found), 1), hit / max(len(planted), 1)


def test_planted_coordinated_accounts_are_recovered(demo: Workspace, truth: dict) -> None:
    result = find_coordination(shares_from_rows(read_window(demo.store).rows))
    planted = set(truth["coordinated_burst"]["accounts"])
    precision, recall = precision_recall(set(result.accounts()), planted)
    assert precision >= 0.9 and recall >= 0.9, (precision, recall, result.interval)
    # The interval was read from the data: seconds to minutes, not the days of organic sharing.
    assert result.interval is not None and 5 <= result.interval <= 900
    top = result.groups[0]
    assert set(top.accounts) <= planted | set(result.accounts())
    assert any(
        e.content.startswith("link:") and truth["coordinated_burst"]["url"] in e.content
        for e in top.episodes
    )
    planted_docs = set(truth["coordinated_burst"]["documents"])
    evidence = {d for e in top.episodes for d in e.doc_ids}
    assert evidence and evidence <= planted_docs


def test_repeated_coordination_scores_above_a_single_burst() -> None:
    rng = np.random.default_rng(0)
    accounts, times, contents = [], [], []
    # background: 200 accounts sharing 50 contents at random over 30 days
    for _ in range(2000):
        accounts.append(f"bg{rng.integers(0, 200)}")
        times.append(float(rng.uniform(0, 30 * 86400)))
        contents.append(f"c{rng.integers(0, 50)}")
    # a ring of 6 accounts sharing 4 different links within seconds, days apart
    for k in range(4):
        for j in range(6):
            accounts.append(f"ring{j}")
            times.append(k * 5 * 86400 + 1000.0 + j * 3)
            contents.append(f"ring-link-{k}")
    # a one-off burst of 6 other accounts
    for j in range(6):
        accounts.append(f"once{j}")
        times.append(20 * 86400 + 500.0 + j * 4)
        contents.append("once-link")
    result = find_coordination(Shares.build(accounts, times, contents))
    names = {g.accounts[0][:4]: g for g in result.groups}
    assert set(names) == {"ring", "once"}, [g.accounts for g in result.groups]
    ring, once = names["ring"], names["once"]
    assert ring.contents == 4 and once.contents == 1
    assert ring.score > once.score
    assert ("ring0", "ring1", 4) in ring.edges
    assert not any(a.startswith("bg") for a in result.accounts())


def test_no_fast_co_sharing_means_no_interval() -> None:
    rng = np.random.default_rng(1)
    n = 3000
    shares = Shares.build(
        [f"a{i}" for i in rng.integers(0, 300, n)],
        rng.uniform(0, 60 * 86400, n),
        [f"c{i}" for i in rng.integers(0, 40, n)],
    )
    interval, curve = coordination_interval(shares)
    assert interval is None and curve
    assert find_coordination(shares).groups == []


def test_same_shares_in_any_order_give_the_same_groups() -> None:
    accounts = ["a", "b", "c", "d", "x", "y"]
    times = [0.0, 1.0, 2.0, 3.0, 50_000.0, 90_000.0]
    contents = ["k", "k", "k", "k", "k", "z"]
    first = find_coordination(Shares.build(accounts, times, contents), interval=10.0)
    order = [5, 3, 1, 4, 0, 2]
    second = find_coordination(
        Shares.build(
            [accounts[i] for i in order], [times[i] for i in order], [contents[i] for i in order]
        ),
        interval=10.0,
    )
    assert first.groups == second.groups and first.accounts() == ["a", "b", "c", "d"]
