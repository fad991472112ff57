"""Alert evidence on the SIMULATED demo names the communities of the stored map.

The evidence used to read a table no migration creates inside a broad except,
so its communities were always empty and nothing noticed. Here the demo's
planted bad buzz fires the spike rule; before ``influscope map`` the evidence
says explicitly that no map is computed, after it the evidence names the
map's communities (their labels) and the explanation mentions them.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import timedelta
from typing import Any

import pytest

from influscope.analyze.alerts.base import Finding
from influscope.analyze.alerts.engine import evaluate_rules
from influscope.demo import INPUT_FOLDER, replay_times
from influscope.workspace import Workspace


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Workspace]:
    ws = Workspace.build_demo(tmp_path_factory.mktemp("demo") / "ws", scale=20_000, seed=7)
    yield ws
    ws.close()


def spike_findings(ws: Workspace) -> list[Finding]:
    """The spike rule's findings at the scenario's planted moments (nothing recorded)."""
    rules = [r for r in ws.config.alerts if r.detector == "spike"]
    found: list[Finding] = []
    for moment in replay_times(ws.root / INPUT_FOLDER):
        findings, failures = evaluate_rules(
            ws.store, ws.config, moment, {r.name: timedelta(days=3) for r in rules}, rules
        )
        assert failures == []
        found += findings
    assert found, "the planted bad buzz fires the spike rule"
    return found


def stored_labels(ws: Any) -> dict[int, str]:
    rows = ws.store.con.execute(
        "SELECT community, label FROM communities WHERE level = 'coarse' AND scope = "
        "(SELECT scope FROM map_runs WHERE axis IS NULL ORDER BY created_at DESC LIMIT 1)"
    ).fetchall()
    return {int(c): str(label) for c, label in rows}


def test_without_a_map_the_evidence_says_so(demo: Workspace) -> None:
    assert demo.store.count("map_runs") == 0
    for finding in spike_findings(demo):
        assert finding.evidence["map"]["status"] == "not computed"
        assert "influscope map" in finding.evidence["map"]["hint"]
        assert finding.evidence["communities"] == []


def test_with_a_map_the_evidence_names_its_communities(demo: Workspace) -> None:
    demo.maps.compute()
    labels = stored_labels(demo)
    assert labels
    findings = spike_findings(demo)
    named = [f for f in findings if f.evidence["communities"]]
    assert named, "some spike's active accounts belong to communities of the map"
    for finding in named:
        assert finding.evidence["map"]["scope"] == "||"
        for community in finding.evidence["communities"]:
            assert community["name"] == labels[community["community"]]
            assert community["actors"] >= 1
        first = finding.evidence["communities"][0]
        assert f"{first['name']} ({first['actors']})" in finding.explanation
        assert sum(c["actors"] for c in finding.evidence["communities"]) <= 50
