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


def test_profiles_read_arrivals_branches_and_replies():
    # Root r; a and b answer it; c and d repost a; e replies to c a day later.
    c = Cascade.build(["r", "a", "b", "c", "d", "e"], [None, "r", "r", "a", "a", "c"],
                      [0.0, 30.0, 90.0, 600.0, 700.0, 90000.0])  # fmt: skip
    reposts = np.array([False, True, True, True, True, False])
    f = spread_features(c, reposts)
    # Arrivals at 0.5, 1.5, 10, 11.67 and 1500 minutes; bins hold [low, high):
    # [0.5, 1), [1, 2), [10, 20) twice and [1440, 2880).
    assert f["delay_bin00_share"] == 0.0 and f["delay_bin01_share"] == pytest.approx(0.2)
    assert f["delay_bin02_share"] == pytest.approx(0.2)
    assert f["delay_bin05_share"] == pytest.approx(0.4) and f["delay_bin05_log"] == np.log1p(2)
    assert f["delay_bin13_share"] == pytest.approx(0.2)
    assert f["log_delay_post0003"] == pytest.approx(np.log1p(10.0))
    assert f["reached_post0005"] == 1.0 and f["reached_post0008"] == 0.0
    # a's branch holds a, c, d, e: 4 of the 5 posts below the root; b's branch is b alone.
    assert (f["branch0_share"], f["branch1_share"], f["branch2_share"]) == pytest.approx(
        (0.8, 0.2, 0.0)
    )
    assert f["branches_passed_on_share"] == 0.5
    assert f["out_degree_0_share"] == pytest.approx(0.6)  # b, d, e
    assert f["out_degree_2_share"] == pytest.approx(0.2)  # a
    assert f["log_posts_depth2"] == pytest.approx(np.log1p(2))
    # One reply (e), at depth 3, after a day; reposts c and d hang below a, not the root.
    assert f["log_replies"] == pytest.approx(np.log1p(1)) and f["reply_mean_depth"] == 3.0
    assert f["reply_after_day_share"] == 1.0 and f["repost_below_root_share"] == 0.5
    assert f["first10_depth"] == 3.0 and f["first10_root_share"] == pytest.approx(0.4)
    # Neighbourhoods: a relays 2 posts; its children's mean depth is 2.
    assert f["relay_share_below_root"] == pytest.approx(0.4)  # a and c
    assert f["children_depth_max"] == 3.0 and f["parent_repost_mean"] == pytest.approx(0.6)
    assert all(np.isfinite(v) for v in f.values())


def test_profiles_without_kinds_leave_reply_figures_out():
    c = Cascade.build(["r", "a"], [None, "r"], [0.0, 60.0])
    f = spread_features(c)
    assert "log_replies" not in f and "repost_share" not in f
    assert f["log_delay_post1000"] == pytest.approx(np.log1p(1.0))  # one post: the curve holds
    assert f["log_gap_autocorr"] == 0.0
