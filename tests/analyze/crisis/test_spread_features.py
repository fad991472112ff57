"""Propagation trees in Ma et al.'s layout, and the shape and timing features read from them."""

from __future__ import annotations

import numpy as np
import pytest

from influscope.analyze.crisis.cascades import Cascade
from influscope.analyze.crisis.spread_features import spread_features
from influscope.analyze.crisis.veracity import Story
from influscope.ingest.files.propagation import read_tree

TREE = """['ROOT', 'ROOT', '0.0']->['u0', '100', '0.0']
['u0', '100', '0.0']->['u1', '100', '1.0']
['u0', '100', '0.0']->['u2', '200', '3.0']
['u2', '200', '3.0']->['u3', '200', '90.0']
['u0', '100', '0.0']->['u1', '100', '2.0']
not an edge
['u0', '100', '0.0']->['u3', '100', '1500.0']
"""


def test_reader_keeps_reposts_reentries_and_bad_lines(tmp_path):
    path = tmp_path / "100.txt"
    path.write_text(TREE, encoding="utf-8")
    tree = read_tree(path)
    assert tree.ids == ["u0/100", "u1/100", "u2/200", "u3/200", "u3/100"]
    assert tree.reposts == [False, True, False, False, True]  # u2 replied with its own tweet
    assert tree.reentries == 1  # u1 retweeting twice
    assert len(tree.errors) == 1 and ":6:" in tree.errors[0]
    story = Story.of(Cascade.build(tree.ids, tree.parents, tree.seconds, tree.users),
                     tree.reposts, tree.reentries)  # fmt: skip
    f = story.shape()
    assert f["repost_share"] == pytest.approx(0.5)  # 2 of the 4 posts after the root
    assert f["reentry_share"] == pytest.approx(1 / 6)
    assert f["repeated_account_share"] == pytest.approx(1 / 5)  # u3 posted twice
    assert f["depth"] == 2.0 and f["depth2_share"] == pytest.approx(1 / 5)
    assert f["log_first_delay"] == pytest.approx(np.log1p(1.0))
    assert f["share_60min"] == pytest.approx(0.5) and f["share_1440min"] == pytest.approx(0.75)
    assert f["late_root_share"] == 1.0  # the one post after a day answers the root


def test_broadcast_and_chain_differ_in_virality_and_depth():
    n = 8
    star = Cascade.build([f"s{i}" for i in range(n)], [None] + ["s0"] * (n - 1),
                         [float(60 * i) for i in range(n)])  # fmt: skip
    chain = Cascade.build([f"c{i}" for i in range(n)], [None] + [f"c{i}" for i in range(n - 1)],
                          [float(60 * i) for i in range(n)])  # fmt: skip
    a, b = spread_features(star), spread_features(chain)
    assert a["root_share"] == 1.0 and b["root_share"] == pytest.approx(1 / 7)
    assert (a["structural_virality"], b["structural_virality"]) == pytest.approx((1.75, 3.0))
    assert a["depth"] == 1.0 and b["depth"] == 7.0
    assert b["depth_time_corr"] == pytest.approx(1.0)
    assert "repost_share" not in a  # unknown kinds are not guessed
