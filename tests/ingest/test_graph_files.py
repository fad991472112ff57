"""``ingest graph``: GML quirks, GEXF and GraphML attributes, CSV pairs, idempotence."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from influscope.errors import InputError, UsageError
from influscope.ingest.files.graph import actor_id_for, read_graph
from tests.conftest import DATA

GRAPHS = DATA / "graphs"


def rows(ws: Any, table: str) -> list[dict[str, Any]]:
    return ws.store.to_arrow(ws.store.table(table)).to_pylist()


@pytest.mark.parametrize(
    ("label", "expected"),
    [
        ("lemonde.fr", "web:lemonde.fr"),
        ("https://www.Example.org/blog/", "web:www.example.org/blog/"),
        ("chainik_hocker.blogspot.com", "web:chainik_hocker.blogspot.com"),
        ("twitter:JDupont", "twitter:jdupont"),
        ("Jane Doe", "graph:jane doe"),
    ],
)
def test_actor_ids_end_with_the_label(label: str, expected: str) -> None:
    assert actor_id_for(label)[0] == expected


def test_gml_quirks() -> None:
    data = read_graph(GRAPHS / "quirky.gml")
    assert set(data.nodes) == {
        "web:lemonde.fr",
        "graph:blog & co.blogspot.com",
        "web:www.example.org/blog/",
        "graph:jane doe",
    }
    assert data.duplicates == 1 and data.self_loops == 1
    assert data.edges[("web:lemonde.fr", "graph:blog & co.blogspot.com", "link")] == 2.0
    # Edges keep the written direction whatever the header says.
    assert ("web:www.example.org/blog/", "web:lemonde.fr", "link") in data.edges
    assert data.nodes["web:lemonde.fr"]["attrs"] == {"value": 0, "source": "Manual"}


def test_ingest_gml_is_idempotent(workspace: Any) -> None:
    first = workspace.ingest.graph(GRAPHS / "quirky.gml")
    assert (first.written["actors"].inserted, first.written["interactions"].inserted) == (4, 3)
    second = workspace.ingest.graph(GRAPHS / "quirky.gml")
    assert second.written["actors"].inserted == second.written["actors"].updated == 0
    assert second.written["interactions"].inserted == second.written["interactions"].updated == 0
    edges = rows(workspace, "interactions")
    assert len(edges) == 3 and {e["kind"] for e in edges} == {"link"}
    assert all(e["doc_id"] == "" for e in edges)
    lemonde = next(a for a in rows(workspace, "actors") if a["actor_id"] == "web:lemonde.fr")
    assert json.loads(lemonde["attrs"])["source"] == "Manual"
    assert lemonde["platform"] == "web" and lemonde["name"] == "lemonde.fr"


def test_ingest_gexf_with_attributes(workspace: Any) -> None:
    counts = workspace.ingest.graph(GRAPHS / "hyphe.gexf")
    assert counts.nodes == 3 and counts.edges == 2
    actors = {a["actor_id"]: a for a in rows(workspace, "actors")}
    assert actors["web:greenpeace.fr"]["followers"] == 1200
    assert json.loads(actors["web:greenpeace.fr"]["attrs"])["category"] == "ngo"
    assert "twitter:jdupont" in actors and "graph:<script>" in actors
    edges = {(e["src"], e["dst"]): e for e in rows(workspace, "interactions")}
    assert edges[("web:greenpeace.fr", "twitter:jdupont")]["weight"] == 3.0
    assert edges[("twitter:jdupont", "graph:<script>")]["kind"] == "mention"


def test_ingest_graphml(workspace: Any) -> None:
    workspace.ingest.graph(GRAPHS / "map.graphml")
    edge = rows(workspace, "interactions")[0]
    assert (edge["src"], edge["dst"], edge["weight"]) == ("web:site-a.com", "web:site-b.com", 2.5)
    actors = {a["actor_id"]: a for a in rows(workspace, "actors")}
    assert json.loads(actors["web:site-a.com"]["attrs"]) == {"camp": "left"}


def test_ingest_csv_pair_reports_bad_rows(cli: Any) -> None:
    assert cli("init", str(cli.root))[0] == 0
    code, _, err = cli(
        "ingest",
        "graph",
        "--nodes",
        str(GRAPHS / "nodes.csv"),
        "--edges",
        str(GRAPHS / "edges.csv"),
    )
    assert code == 1
    assert "edges.csv:4 [weight]" in err and "abc" in err
    from influscope.workspace import Workspace

    with Workspace.open(cli.root) as ws:
        edges = {(e["src"], e["dst"]): e for e in rows(ws, "interactions")}
        actors = {a["actor_id"]: a for a in rows(ws, "actors")}
    assert edges[("web:alice.example.com", "graph:bob")]["kind"] == "repost"
    assert edges[("graph:bob", "graph:3")]["kind"] == "link"  # node 3 has no label: its id
    assert ("web:alice.example.com", "graph:9") in edges  # unknown endpoint kept as a stub
    assert actors["web:alice.example.com"]["followers"] == 10
    assert len(edges) == 3


def test_errors_name_the_problem(workspace: Any, tmp_path: Path) -> None:
    with pytest.raises(UsageError):
        workspace.ingest.graph(GRAPHS / "nodes.csv")
    with pytest.raises(InputError):
        workspace.ingest.graph(tmp_path / "missing.gml")
    broken = tmp_path / "broken.gexf"
    broken.write_text("<gexf><graph>", encoding="utf-8")
    with pytest.raises(InputError):
        workspace.ingest.graph(broken)
    unbalanced = tmp_path / "bad.gml"
    unbalanced.write_text("graph [ node [ id 1 ]", encoding="utf-8")
    with pytest.raises(InputError):
        workspace.ingest.graph(unbalanced)


def test_roster_notes_labels_report_bad_rows(workspace: Any, tmp_path: Path) -> None:
    labels = tmp_path / "labels.csv"
    labels.write_text(
        "actor_id,field,value\ntwitter:a,stance,allié\ntwitter:b,stance,maybe\n", "utf-8"
    )
    counts = workspace.ingest.actor_labels(labels)
    assert counts.inserted == 1 and counts.rejected == 1
    assert counts.errors[0].line == 3
    assert rows(workspace, "actor_labels")[0]["value"] == "ally"
    notes = tmp_path / "notes.csv"
    notes.write_text(
        "actor_id,date,stance,note,owner\nTwitter:A,2026-01-02T10:00:00+02:00,détracteur,x,me\n"
        "twitter:b,not a date,ally,y,me\n",
        "utf-8",
    )
    counts = workspace.ingest.notes(notes)
    assert counts.inserted == 1 and counts.rejected == 1
    note = rows(workspace, "offline_notes")[0]
    assert note["actor_id"] == "twitter:a" and note["stance"] == "detractor"
    assert note["date"].hour == 8
    again = workspace.ingest.notes(notes)
    assert again.inserted == 0 and again.updated == 0
    roster = tmp_path / "roster.csv"
    roster.write_text("name\nx\n", "utf-8")
    with pytest.raises(InputError):
        workspace.ingest.roster(roster)
