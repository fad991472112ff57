"""Cartography quality on polblogs (Adamic & Glance 2005): camps and stance propagation.

Ground truth: ``polblogs_nodes.csv`` (leaning 0 = liberal, 1 = conservative).
Measured on the largest connected component of the undirected graph (1,222
blogs), as in the literature.
"""

from __future__ import annotations

import csv
import io
import random
from pathlib import Path

import pytest

from tests.analyze.scoring import largest_component, nmi
from tests.conftest import shared_path

pytestmark = pytest.mark.realdata


def _truth() -> dict[str, str]:
    from influscope.ingest.files.graph import actor_id_for

    path = shared_path("datasets", "polblogs", "polblogs_nodes.csv")
    with path.open(encoding="utf-8") as handle:
        return {
            actor_id_for(r["label"])[0]: ("liberal" if r["leaning"] == "0" else "conservative")
            for r in csv.DictReader(handle)
        }


@pytest.fixture(scope="module")
def polblogs(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, set[str], dict[str, str]]:
    """A workspace with polblogs imported through the CLI, plus the LCC and the truth."""
    from influscope.serve.cli.app import main

    gml = shared_path("datasets", "polblogs", "polblogs.gml")
    root = tmp_path_factory.mktemp("polblogs") / "ws"
    assert main(["init", str(root)]) == 0
    assert main(["-w", str(root), "ingest", "graph", str(gml)]) == 0
    from influscope.workspace import Workspace

    with Workspace.open(root) as ws:
        edges = ws.store.to_arrow(ws.store.table("interactions").select("src", "dst")).to_pylist()
        nodes = {r["actor_id"] for r in ws.store.to_arrow(ws.store.table("actors")).to_pylist()}
    lcc = largest_component(nodes, [(e["src"], e["dst"]) for e in edges])
    return root, lcc, _truth()


def _map_csv(
    cli_root: Path, capsys: pytest.CaptureFixture[str], *extra: str
) -> list[dict[str, str]]:
    from influscope.serve.cli.app import main

    capsys.readouterr()
    assert main(["-w", str(cli_root), "map", "--level", "coarse", "--format", "csv", *extra]) == 0
    return list(csv.DictReader(io.StringIO(capsys.readouterr().out)))


def test_import_counts(polblogs: tuple[Path, set[str], dict[str, str]]) -> None:
    from influscope.workspace import Workspace

    root, lcc, truth = polblogs
    assert len(lcc) == 1222
    with Workspace.open(root) as ws:
        assert ws.store.count("actors") == 1490
        # 19,025 distinct ordered pairs minus 3 self-loops; repeated pairs summed.
        assert ws.store.count("interactions") == 19022
        again = ws.ingest.graph(shared_path("datasets", "polblogs", "polblogs.gml"))
        assert (
            again.written["interactions"].inserted == 0
            and again.written["interactions"].updated == 0
        )
        assert again.written["actors"].inserted == 0 and again.written["actors"].updated == 0
        assert again.duplicate_edges == 65 and again.self_loops == 3
        assert ws.store.count("interactions") == 19022


def test_coarse_communities_match_the_two_camps(
    polblogs: tuple[Path, set[str], dict[str, str]], capsys: pytest.CaptureFixture[str]
) -> None:
    root, lcc, truth = polblogs
    rows = [r for r in _map_csv(root, capsys) if r["actor_id"] in lcc]
    assert len(rows) == 1222
    score = nmi([truth[r["actor_id"]] for r in rows], [r["community"] for r in rows])
    print(f"polblogs LCC coarse NMI = {score:.4f}")
    assert score >= 0.70
    assert all(r["x"] and r["y"] and r["community_label"] for r in rows)


def test_propagated_stance_beats_community_majority(
    polblogs: tuple[Path, set[str], dict[str, str]],
    capsys: pytest.CaptureFixture[str],
    tmp_path: Path,
) -> None:
    from influscope.serve.cli.app import main
    from influscope.workspace import Workspace

    root, lcc, truth = polblogs
    stance_of = {"liberal": "ally", "conservative": "detractor"}
    ordered = sorted(lcc)
    accuracies, majorities = [], []
    for draw in range(5):
        rng = random.Random(draw)
        seeds: list[str] = []
        for camp in ("liberal", "conservative"):
            members = [a for a in ordered if truth[a] == camp]
            seeds += rng.sample(members, round(0.05 * len(members)))
        labels = tmp_path / f"labels{draw}.csv"
        with labels.open("w", encoding="utf-8") as handle:
            handle.write("actor_id,field,value\n")
            for actor in seeds:
                handle.write(f"{actor},stance,{stance_of[truth[actor]]}\n")
        with Workspace.open(root) as ws:  # a fresh draw replaces the previous seeds
            with ws.store.transaction() as writer:
                writer.delete("actor_labels", "field", ["stance"])
        assert main(["-w", str(root), "label", "actors", str(labels)]) == 0
        rows = {r["actor_id"]: r for r in _map_csv(root, capsys) if r["actor_id"] in lcc}
        seeded = set(seeds)
        assert all(rows[a]["stance_source"] == "label" for a in seeded)
        others = [a for a in ordered if a not in seeded]
        assert all(rows[a]["stance_source"] == "propagated" for a in others)
        hits = sum(rows[a]["stance"] == stance_of[truth[a]] for a in others)
        accuracies.append(hits / len(others))
        # Baseline: every blog gets the majority seed label of its coarse community.
        votes: dict[str, list[str]] = {}
        for actor in seeds:
            votes.setdefault(rows[actor]["community"], []).append(stance_of[truth[actor]])
        majority = {c: max(sorted(set(v)), key=v.count) for c, v in votes.items()}
        base = sum(
            majority.get(rows[a]["community"], "ally") == stance_of[truth[a]] for a in others
        )
        majorities.append(base / len(others))
    mean = sum(accuracies) / len(accuracies)
    baseline = sum(majorities) / len(majorities)
    print(f"polblogs 5% seeds: propagated accuracy {mean:.4f}, community majority {baseline:.4f}")
    assert mean >= 0.95
    assert mean > baseline
