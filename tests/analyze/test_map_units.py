"""Unit checks of the cartography building blocks."""

from __future__ import annotations

import io
import xml.etree.ElementTree as ET

import numpy as np
import pyarrow as pa
import scipy.sparse as sp
import scipy.sparse.linalg as spla

from influscope.analyze import kinds
from influscope.analyze.map import communities as comm
from influscope.analyze.map import layout, stance, targets
from influscope.analyze.map.graph import graph_from_arrow, merge_map, pagerank
from influscope.config import MapSettings
from influscope.serve.mapfile import write_gexf


def planted_graph(k: int = 4, size: int = 30, seed: int = 0, settings: MapSettings | None = None):
    rng = np.random.default_rng(seed)
    src, dst, kind = [], [], []
    for a in range(k * size):
        for _ in range(8):
            same = rng.random() < 0.9
            pool = range((a // size) * size, (a // size + 1) * size) if same else range(k * size)
            b = int(rng.choice(list(pool)))
            if b != a:
                src.append(f"t:{a}")
                dst.append(f"t:{b}")
                kind.append("repost" if same else "mention")
    table = pa.table({"src": src, "dst": dst, "kind": kind, "w": [1.0] * len(src)})
    return graph_from_arrow(table, settings or MapSettings(), {})


def test_kind_weights_and_merges() -> None:
    table = pa.table(
        {
            "src": ["t:a", "t:a", "t:b", "t:c"],
            "dst": ["t:b", "t:b", "t:a", "t:a2"],
            "kind": ["repost", "mention", "repost", "mention"],
            "w": [2.0, 1.0, 1.0, 3.0],
        }
    )
    g = graph_from_arrow(table, MapSettings(), {"t:a2": "t:a"})
    assert sorted(g.ids) == ["t:a", "t:b", "t:c"]
    index = g.index()
    pairs = {
        frozenset((g.ids[s], g.ids[d])): (w, p)
        for s, d, w, p in zip(g.src, g.dst, g.weight, g.prop_weight, strict=True)
    }
    settings = MapSettings()
    w_ab = 3 * settings.edge_weights["repost"] + settings.edge_weights["mention"]
    assert pairs[frozenset(("t:a", "t:b"))][0] == w_ab
    assert pairs[frozenset(("t:a", "t:c"))][1] == 3 * settings.propagation_weights["mention"]
    assert index["t:a"] != index["t:b"]
    rank = pagerank(g)
    assert abs(rank.sum() - 1) < 1e-6 and rank[index["t:a"]] > rank[index["t:c"]]


def test_merge_map_from_config_and_labels() -> None:
    merges = merge_map(
        [("Jane", ["twitter:jane", "mastodon:jane"])], {"bsky:j": "jane", "x:j": "jane"}
    )
    assert merges["mastodon:jane"] == "twitter:jane"
    assert merges["x:j"] == "bsky:j"


def test_detect_is_seeded_and_finds_planted_groups() -> None:
    g = planted_graph()
    first = comm.detect(g, "auto", 1.0, seed=3)
    again = comm.detect(g, "auto", 1.0, seed=3)
    assert np.array_equal(first.coarse, again.coarse)
    truth = [int(a.split(":")[1]) // 30 for a in g.ids]
    from tests.analyze.scoring import nmi

    assert nmi(truth, first.coarse.tolist()) > 0.95
    # A tiny resolution merges camps tied by endorsements (here: every kind weighs in).
    tied = planted_graph(settings=MapSettings(coarse_weights=MapSettings().edge_weights))
    fixed = comm.detect(tied, 0.01, 1.0, seed=3)
    assert fixed.coarse.max() < comm.detect(tied, "auto", 1.0, seed=3).coarse.max()


WHEEL = """
import igraph as ig
from influscope.analyze.map import communities as comm
ring = [(i, (i + 1) % 6) for i in range(6)]
g = ig.Graph(n=7, edges=ring + [(i, 6) for i in range(6)])
g.es["weight"] = [1.0000000000000002] * g.ecount()
print(comm.leiden(g, 1.0, 42).tolist())
"""


def test_leiden_returns_on_a_graph_whose_moves_tie() -> None:
    """Six accounts in a ring, all mentioning @YouTube: igraph's run-to-convergence never returned."""
    import subprocess
    import sys

    done = subprocess.run(
        [sys.executable, "-c", WHEEL], capture_output=True, text=True, timeout=120, check=True
    )
    membership = [int(x) for x in done.stdout.strip("[]\n").split(",")]
    assert len(membership) == 7 and len(set(membership)) == 3  # three pairs, the hub in one
    # where igraph converges, the same partition as its own loop
    g = comm.ig.Graph.Famous("Zachary")
    g.es["weight"] = [1.0] * g.ecount()
    with comm.seeded(42):
        own = g.community_leiden(
            objective_function="modularity", weights="weight", n_iterations=-1
        ).membership
    assert comm._first_seen(comm.leiden(g, 1.0, 42).tolist()) == comm._first_seen(own)


def test_stable_ids_follow_overlap() -> None:
    labels = np.array([0, 0, 0, 1, 1, 2])
    ids = ["a", "b", "c", "d", "e", "f"]
    previous = {"a": 7, "b": 7, "d": 3, "e": 3, "z": 9}
    out = comm.stable_ids(labels, ids, previous)
    assert out.tolist() == [7, 7, 7, 3, 3, 10]
    assert comm.stable_ids(labels, ids, {}).tolist() == [1, 1, 1, 2, 2, 3]


def test_participation_coefficient() -> None:
    table = pa.table(
        {
            "src": ["t:x", "t:x", "t:y"],
            "dst": ["t:y", "t:z", "t:z"],
            "kind": ["repost"] * 3,
            "w": [1.0] * 3,
        }
    )
    g = graph_from_arrow(table, MapSettings(), {})
    index = g.index()
    labels = np.zeros(g.n, np.int64)
    labels[index["t:z"]] = 1
    pc = comm.participation(g, labels)
    assert abs(pc[index["t:x"]] - 0.5) < 1e-9 and pc[index["t:z"]] == 0.0


def test_conjugate_gradient_matches_a_direct_solve() -> None:
    rng = np.random.default_rng(1)
    m = sp.random(50, 50, density=0.1, random_state=1)
    system = (m @ m.T + sp.identity(50) * 5).tocsr()
    rhs = rng.random(50)
    assert np.allclose(stance.conjugate_gradient(system, rhs), spla.spsolve(system.tocsc(), rhs))


def test_propagation_recovers_two_camps() -> None:
    g = planted_graph(k=2, size=40)
    index = g.index()
    anchors = {
        index["t:0"]: "ally",
        index["t:1"]: "ally",
        index["t:40"]: "detractor",
        index["t:41"]: "detractor",
    }
    labels, confidence = stance.propagate(g, anchors)
    right = sum(labels[index[f"t:{i}"]] == ("ally" if i < 40 else "detractor") for i in range(80))
    assert right >= 76 and confidence.max() <= 1.0


def test_text_call_is_the_plurality_of_citing_documents() -> None:
    assert targets.text_call(0, 1, 4).stance == "detractor"
    assert targets.text_call(1, 0, 0, minimum=2) is None  # too few documents
    ally = targets.text_call(4, 0, 0)
    assert ally is not None and ally.stance == "ally" and ally.confidence == 0.8
    assert targets.text_call(2, 1, 1).stance == "sympathiser"  # positive, under two thirds
    assert targets.text_call(1, 3, 1).stance == "neutral"
    tie = targets.text_call(1, 0, 1)
    assert tie is not None and tie.stance == "neutral" and tie.counts == (1, 0, 1)
    one, ten = targets.text_call(0, 0, 1), targets.text_call(0, 0, 10)
    assert one is not None and ten is not None and one.confidence < ten.confidence


def test_layout_is_seeded_and_spreads_communities() -> None:
    g = planted_graph()
    labels = comm.detect(g, "auto", 1.0, seed=1).fine
    a = layout.layout(g, labels, seed=5, iterations=20)
    b = layout.layout(g, labels, seed=5, iterations=20)
    assert np.array_equal(a, b) and a.shape == (g.n, 2)
    centres = np.array([a[labels == c].mean(axis=0) for c in range(labels.max() + 1)])
    spread = np.mean([a[labels == c].std() for c in range(labels.max() + 1)])
    gaps = [np.linalg.norm(centres[i] - centres[j]) for i in range(len(centres)) for j in range(i)]
    assert min(gaps) > spread  # communities are visibly apart


def test_kind_rules_extend_from_config() -> None:
    rules = kinds.KindRules.build(
        media=["monjournal.fr"], extra_patterns={"expert": [r"docteure?"]}
    )
    assert kinds.classify({"actor_id": "web:www.monjournal.fr/x"}, rules) == ("media", "domain")
    assert kinds.classify({"actor_id": "t:a", "bio": "Docteure en chimie"}, rules) == (
        "expert",
        "bio",
    )
    assert kinds.classify({"actor_id": "t:b", "kind": "ngo", "kind_source": "import"}, rules) == (
        "ngo",
        "import",
    )
    assert kinds.classify({"actor_id": "t:c", "bio": "député"}, rules, manual="citizen") == (
        "citizen",
        "manual",
    )
    assert kinds.classify({"actor_id": "t:d"}, rules) == ("unknown", "default")


def test_gexf_escapes_hostile_labels() -> None:
    rows = [
        {
            "actor_id": 'graph:<a href="x">&',
            "name": "<script>alert(1)</script>",
            "weight": 2.0,
            "community": 1,
            "color": "#ff0000",
            "x": 1.0,
            "y": 2.0,
        },
        {
            "actor_id": "graph:b",
            "name": "b",
            "weight": 0.0,
            "community": 2,
            "color": None,
            "x": 0,
            "y": 0,
        },
    ]
    out = io.BytesIO()
    write_gexf(rows, [{"src": rows[0]["actor_id"], "dst": "graph:b", "weight": 1.0}], out)
    root = ET.fromstring(out.getvalue())
    labels = [n.get("label") for n in root.iter("{http://gexf.net/1.3}node")]
    assert labels[0] == "<script>alert(1)</script>"
    assert b"<script>" not in out.getvalue()


def test_graph_does_not_depend_on_row_order() -> None:
    """The engine returns grouped rows in any order; the graph must not change with it."""
    rng = np.random.default_rng(3)
    n = 400
    table = pa.table(
        {
            "src": [f"t:{i}" for i in rng.integers(0, 60, n)],
            "dst": [f"t:{i}" for i in rng.integers(0, 60, n)],
            "kind": rng.choice(["repost", "reply", "mention", "quote"], n).tolist(),
            "w": (rng.random(n) * 3).tolist(),  # fractional: float sums depend on order
        }
    )
    first = graph_from_arrow(table, MapSettings(), {"t:5": "t:7"})
    for _ in range(5):
        shuffled = table.take(pa.array(rng.permutation(n)))
        again = graph_from_arrow(shuffled, MapSettings(), {"t:5": "t:7"})
        assert again.ids == first.ids == sorted(first.ids)
        for name in ("src", "dst", "weight", "prop_weight", "dir_weight"):
            assert getattr(again, name).tobytes() == getattr(first, name).tobytes(), name
        assert again.camp_weight().tobytes() == first.camp_weight().tobytes()
        part = comm.detect(again, "auto", 1.0, 42)
        base = comm.detect(first, "auto", 1.0, 42)
        assert part.coarse.tolist() == base.coarse.tolist()


def test_coarse_level_weighs_endorsement_over_conversation() -> None:
    """Two camps repost inside and reply across: the coarse level follows the reposts."""
    rng = np.random.default_rng(0)
    src, dst, kind = [], [], []
    for a in range(80):
        camp = a // 40
        for _ in range(6):
            src.append(f"t:{a}")
            dst.append(f"t:{camp * 40 + int(rng.integers(0, 40))}")
            kind.append("repost")
        for _ in range(10):  # conversation and conflict across the camps
            src.append(f"t:{a}")
            dst.append(f"t:{(1 - camp) * 40 + int(rng.integers(0, 40))}")
            kind.append("reply")
    table = pa.table({"src": src, "dst": dst, "kind": kind, "w": [1.0] * len(src)})
    truth = {f"t:{a}": a // 40 for a in range(80)}

    def score(settings: MapSettings) -> float:
        g = graph_from_arrow(table, settings, {})
        part = comm.detect(g, "auto", 1.0, 42)
        from sklearn.metrics import normalized_mutual_info_score

        return float(normalized_mutual_info_score([truth[a] for a in g.ids], part.coarse))

    equal = {k: 1.0 for k in ("repost", "reply", "mention", "quote")}
    assert score(MapSettings()) >= 0.95
    assert score(MapSettings(coarse_weights=equal)) < 0.5


def test_owned_accounts_and_which_side_they_speak_for() -> None:
    from influscope.analyze.map.owned import owners
    from influscope.config import Brand

    brands = [
        Brand(name="Ardent", handles=["@ardent_industrie"], domains=["ardent.fr"], own=True),
        Brand(name="Valmeca", domains=["valmeca.com"]),
    ]
    found = owners(
        brands,
        [
            ("twitter:ardent_industrie", None),
            ("youtube:uc123", "ArdentIndustrie"),  # an id that is not the handle
            ("youtube:uc456", "ardent_industrie"),
            ("web:blog.ardent.fr", None),
            ("web:valmeca.com", None),
            ("web:notvalmeca.com", None),
            ("twitter:fan", "fan"),
        ],
    )
    assert found == {
        "twitter:ardent_industrie": "Ardent",
        "youtube:uc456": "Ardent",
        "web:blog.ardent.fr": "Ardent",
        "web:valmeca.com": "Valmeca",
    }
    own = targets.Target("brand:Ardent", "brand", "Ardent", own=True)
    axis = targets.Target("axis:usine", "axis", "usine")
    assert targets.belonging(own, "Ardent", False, "Ardent") == "owned"
    assert targets.belonging(own, "Valmeca", False, "Ardent") == "competitor"
    assert targets.belonging(own, None, True, "Ardent") == "owned"  # an employee
    assert targets.belonging(axis, "Valmeca", False, "Ardent") == "competitor"
    assert targets.belonging(axis, None, False, "Ardent") is None


def test_a_community_takes_a_stance_only_when_enough_of_its_members_have_one():
    from influscope.analyze.map import roles

    # Airline data: Southwest's followers, 33 detractors of United among 1,720 accounts.
    silent = (
        ["competitor"] + ["unknown"] * 1648 + ["detractor"] * 33 + ["neutral"] * 30 + ["ally"] * 8
    )
    assert roles.community_role(silent, hotspot=False) == "unknown"
    # Brand accounts are no members: 2 allies of 8 people is a quarter, enough.
    camp = ["owned", "competitor", "ally", "ally", "detractor"] + ["unknown"] * 5
    assert roles.community_role(camp, hotspot=False) == "ally"
    assert roles.community_role(["unknown"] * 9 + ["ally"], hotspot=False) == "unknown"
    assert roles.community_role(["unknown"] * 4 + ["ally"], hotspot=False) == "ally"
    assert roles.community_role(silent, hotspot=True) == "risk_hotspot"
    assert roles.covered(20, 100) and not roles.covered(19, 100) and not roles.covered(0, 0)
