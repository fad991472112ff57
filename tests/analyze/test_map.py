"""The map on a planted world: communities, stance sources, roles, kinds, card, exports."""

from __future__ import annotations

import csv
import io
import xml.etree.ElementTree as ET
from pathlib import Path
from typing import Any

import pytest

from tests.analyze import scenario
from tests.analyze.scoring import nmi

REQUIRED = (
    "actor_id,name,community,community_label,role,stance,stance_source,stance_confidence,"
    "kind,kind_source,tier,weight,x,y"
).split(",")


@pytest.fixture(scope="module")
def planted(tmp_path_factory: pytest.TempPathFactory) -> Any:
    root = tmp_path_factory.mktemp("planted") / "ws"
    ws = scenario.build(root)
    result = ws.maps.compute()
    yield ws, result
    ws.close()


def by_id(result: Any) -> dict[str, dict[str, Any]]:
    return {r["actor_id"]: r for r in result.rows}


def test_planted_camps_are_recovered(planted: Any) -> None:
    ws, result = planted
    rows = by_id(result)
    camp_rows = [r for a, r in rows.items() if scenario.camp_of(a.split(":", 1)[1])]
    assert len(camp_rows) == 60
    score = nmi(
        [scenario.camp_of(r["actor_id"][8:]) for r in camp_rows],
        [r["community"] for r in camp_rows],
    )
    assert score >= 0.9
    assert set(REQUIRED) <= set(result.rows[0])
    assert all(r["x"] is not None and r["y"] is not None for r in result.rows)


def test_fine_level_nests_inside_coarse(planted: Any) -> None:
    ws, result = planted
    fine = ws.maps.compute(level="fine")
    coarse_of = {r["actor_id"]: r["community"] for r in result.rows}
    parents: dict[int, set[int]] = {}
    for row in fine.rows:
        parents.setdefault(row["community"], set()).add(coarse_of[row["actor_id"]])
    assert all(len(p) == 1 for p in parents.values())
    assert len(parents) >= len(set(coarse_of.values()))
    assert {c["level"] for c in fine.communities} == {"fine"}
    assert all(c["parent"] is not None for c in fine.communities)


def test_stance_sources(planted: Any) -> None:
    ws, result = planted
    rows = by_id(result)
    assert (rows["twitter:p1"]["stance"], rows["twitter:p1"]["stance_source"]) == ("ally", "label")
    assert rows["twitter:c1"]["stance_source"] == "label"
    # The company's own account and its employee speak for it: neither ally nor detractor.
    assert (rows["twitter:acme"]["stance"], rows["twitter:acme"]["stance_source"]) == (
        "owned",
        "owned",
    )
    assert rows["twitter:m5"]["stance"] == "owned"
    # The mid camp never cites Acme: no text stance, only what the graph carries.
    assert all(
        r["stance_source"] != "text" for a, r in rows.items() if scenario.camp_of(a[8:]) == "m"
    )
    assert (rows["twitter:p7"]["stance"], rows["twitter:p7"]["stance_source"]) == ("ally", "text")
    assert (rows["twitter:c7"]["stance"], rows["twitter:c7"]["stance_source"]) == (
        "detractor",
        "text",
    )
    # Online the c2 account attacks (text); offline it says it is an ally: the text wins.
    assert rows["twitter:c2"]["stance"] == "detractor"
    # m3 has nothing online but a propagation; the offline note wins over it.
    assert (rows["twitter:m3"]["stance"], rows["twitter:m3"]["stance_source"]) == (
        "sympathiser",
        "offline",
    )
    propagated = [r for r in result.rows if r["stance_source"] == "propagated"]
    assert propagated and all(0 < r["stance_confidence"] <= 1 for r in propagated)


def test_roles_bridge_untapped_hotspot(planted: Any) -> None:
    ws, result = planted
    rows = by_id(result)
    assert "bridge" in rows["twitter:bridgey"]["roles"].split(";")
    assert "untapped" in rows["twitter:m0"]["roles"].split(";")
    assert rows["twitter:m0"]["role"] in ("untapped", "bridge")
    # Peripheral actors and those citing the brand are not untapped.
    assert "untapped" not in rows["twitter:m13"]["roles"]
    assert "untapped" not in rows["twitter:p0"]["roles"]
    con = rows["twitter:c0"]["community"]
    profile = next(c for c in result.communities if c["community"] == con)
    assert profile["role"] == "risk_hotspot", profile["profile"]
    pro = next(c for c in result.communities if c["community"] == rows["twitter:p0"]["community"])
    assert pro["role"] != "risk_hotspot"
    assert profile["profile"]["growth"] > 0.2
    assert (
        "scandale" in profile["label"]
        or "pollue" in profile["label"]
        or "honte" in profile["label"]
    )
    assert {"top_actors", "stance_mix", "kinds", "terms", "hashtags"} <= set(profile["profile"])


def test_kinds_and_sources(planted: Any) -> None:
    ws, result = planted
    rows = by_id(result)
    assert (rows["twitter:p3"]["kind"], rows["twitter:p3"]["kind_source"]) == ("journalist", "bio")
    assert (rows["twitter:c3"]["kind"], rows["twitter:c3"]["kind_source"]) == ("politician", "bio")
    assert (rows["twitter:m5"]["kind"], rows["twitter:m5"]["kind_source"]) == ("employee", "roster")
    assert (rows["twitter:m6"]["kind"], rows["twitter:m6"]["kind_source"]) == ("expert", "manual")
    assert (rows["twitter:m7"]["kind"], rows["twitter:m7"]["kind_source"]) == ("expert", "bio")
    assert (rows["twitter:p5"]["kind"], rows["twitter:p5"]["kind_source"]) == ("ngo", "bio")
    assert (rows["twitter:m9"]["kind"], rows["twitter:m9"]["kind_source"]) == (
        "influencer",
        "verified",
    )
    assert rows["web:lemonde.fr"]["kind"] == "media"
    # The company's own account is a company, from the brand configuration (not "unknown").
    assert (rows["twitter:acme"]["kind"], rows["twitter:acme"]["kind_source"]) == (
        "company",
        "brand",
    )


def test_same_accounts_are_merged(planted: Any) -> None:
    ws, result = planted
    rows = by_id(result)
    assert "mastodon:p2" not in rows and "twitter:p2" in rows


def test_actor_card_shows_divergence(planted: Any) -> None:
    ws, _ = planted
    card = ws.maps.actor_card("twitter:c2")
    assert card["offline_stance"] == "ally" and card["online_stance"] == "detractor"
    assert card["divergence"] == "opposite"
    assert card["documents"] > 0 and card["recent_documents"]
    assert {c["level"] for c in card["communities"]} == {"coarse", "fine"}
    assert ws.maps.actor_card("twitter:p1")["divergence"] is None
    toward = {t["target"]: t for t in card["targets"]}
    assert toward["brand:Acme"]["stance"] == "detractor"
    assert toward["brand:Acme"]["source"] == "text" and toward["brand:Acme"]["documents"] == 3
    assert toward["brand:Acme"]["negative"] == 3
    assert ws.maps.actor_card("twitter:acme")["targets"][0]["stance"] == "owned"
    from influscope.errors import NotFound

    with pytest.raises(NotFound):
        ws.maps.actor_card("twitter:nobody")


def test_ids_are_stable_across_runs_on_grown_data(tmp_path: Path) -> None:
    ws = scenario.build(tmp_path / "ws")
    first = by_id(ws.maps.compute())
    again = by_id(ws.maps.compute())
    assert {a: r["community"] for a, r in first.items()} == {
        a: r["community"] for a, r in again.items()
    }
    ws.ingest.files(
        [scenario.write_posts(tmp_path / "more.jsonl", scenario.posts(seed=8, extra=5))]
    )
    grown = by_id(ws.maps.compute())
    for hub in ("twitter:p0", "twitter:m0", "twitter:c0"):
        assert grown[hub]["community"] == first[hub]["community"]
    assert len(grown) > len(first)
    ws.close()


def test_time_window_and_resolution(planted: Any) -> None:
    ws, full = planted
    late = ws.maps.compute(since="2026-02-01")
    assert 0 < late.stats["edges"] < full.stats["edges"]
    fixed = ws.maps.compute(resolution=1.0)
    assert fixed.stats["coarse_resolution"] == 1.0
    ws.maps.compute()  # leave the default map stored for the other tests


def test_axis_map_keeps_echoes_of_axis_documents(tmp_path: Path) -> None:
    axis = '\n[[axes]]\nname = "scandale"\nquery = "#scandale OR pollue"\n'
    ws = scenario.build(tmp_path / "ws", config_extra=axis)
    everything = ws.maps.compute()
    on_axis = ws.maps.compute(axis="scandale")
    camps = {scenario.camp_of(r["actor_id"].split(":", 1)[1]) for r in on_axis.rows}
    # Only the con camp writes about the scandal; its reposts (bare "RT") count too.
    assert "c" in camps and "p" not in camps and "m" not in camps
    assert 0 < on_axis.stats["edges"] < everything.stats["edges"]
    assert len(on_axis.rows) >= 20
    ws.close()


def test_share_button_accounts_are_no_actors_unless_kept(tmp_path: Path) -> None:
    """ "… via @YouTube" is the share button's, not a conversation: @YouTube was a central actor."""
    import json

    from influscope.workspace import Workspace

    posts = []
    for i in range(12):
        author, other = f"a{i % 6}", f"a{(i + 1) % 6}"
        posts.append(
            {
                "id": str(i),
                "platform": "twitter",
                "author": author,
                "text": f"@{other} regardez https://t.co/x{i} via @YouTube",
                "published_at": f"2026-03-0{1 + i % 9}T10:00:00Z",
            }
        )
    data = tmp_path / "posts.jsonl"
    data.write_text("\n".join(json.dumps(p) for p in posts) + "\n", encoding="utf-8")
    default = Workspace.init(tmp_path / "default")
    default.ingest.files([data])
    actors = {r["actor_id"] for r in default.maps.compute().rows}
    assert "twitter:a0" in actors and "twitter:youtube" not in actors
    default.close()
    kept = Workspace.init(tmp_path / "kept", config_text="[map]\nexclude_actors = []\n")
    kept.ingest.files([data])
    assert "twitter:youtube" in {r["actor_id"] for r in kept.maps.compute().rows}
    kept.close()


def test_axis_needs_a_known_axis(planted: Any) -> None:
    from influscope.errors import ConfigError

    ws, _ = planted
    with pytest.raises(ConfigError):
        ws.maps.compute(axis="nope")


def test_cli_map_csv_gexf_graphml(tmp_path: Path, cli: Any) -> None:
    scenario.build(cli.root).close()
    code, out, err = cli("map", "--format", "csv")
    assert code == 0, err
    header = next(csv.reader(io.StringIO(out)))
    assert header[: len(REQUIRED)] == REQUIRED
    code, _, err = cli("map", "--format", "gexf", "-o", str(tmp_path / "m.gexf"))
    assert code == 0, err
    check_gexf(tmp_path / "m.gexf")
    code, _, err = cli("map", "--format", "graphml", "-o", str(tmp_path / "m.graphml"))
    assert code == 0, err
    import igraph as ig

    g = ig.Graph.Read_GraphML(str(tmp_path / "m.graphml"))
    assert g.vcount() > 60 and "community" in g.vs.attributes() and "x" in g.vs.attributes()
    code, out, _ = cli("communities", "--format", "json")
    assert code == 0 and '"top_actors"' in out
    code, out, _ = cli("actor", "twitter:c2", "--format", "json")
    assert code == 0 and '"divergence": "opposite"' in out
    assert '"scope": "||"' in out  # JSON keeps the codes for programs
    code, out, _ = cli("--lang", "fr", "actor", "twitter:c2")  # the table is for a person
    assert code == 0 and "||" not in out and "Tout l'espace de travail" in out
    assert "Position hors ligne" in out and "allié" in out  # the offline note's stance
    code, _, err = cli("actor", "twitter:nobody")
    assert code == 1 and "No actor" in err


def check_gexf(path: Path) -> None:
    """Check the structure the GEXF 1.3 schema requires and what Gephi needs to draw the map."""
    ns = {"g": "http://gexf.net/1.3", "viz": "http://gexf.net/1.3/viz"}
    root = ET.parse(path).getroot()
    assert root.tag == "{http://gexf.net/1.3}gexf" and root.get("version") == "1.3"
    graph = root.find("g:graph", ns)
    assert graph is not None and graph.get("defaultedgetype") in ("directed", "undirected", "mixed")
    children = [c.tag.split("}")[1] for c in graph]
    assert children == ["attributes", "nodes", "edges"]
    declared = {a.get("id"): a.get("type") for a in graph.find("g:attributes", ns)}
    assert set(declared.values()) <= {"integer", "long", "double", "float", "boolean", "string"}
    ids = set()
    for node in graph.find("g:nodes", ns):
        assert node.get("id") and node.get("id") not in ids
        ids.add(node.get("id"))
        for value in node.find("g:attvalues", ns):
            assert value.get("for") in declared
            if declared[value.get("for")] == "double":
                float(value.get("value"))
        color = node.find("viz:color", ns)
        assert all(0 <= int(color.get(c)) <= 255 for c in "rgb")
        position = node.find("viz:position", ns)
        float(position.get("x")), float(position.get("y"))
        assert float(node.find("viz:size", ns).get("value")) > 0
    edges = list(graph.find("g:edges", ns))
    assert edges and len({e.get("id") for e in edges}) == len(edges)
    assert all(e.get("source") in ids and e.get("target") in ids for e in edges)
    assert all(float(e.get("weight")) > 0 for e in edges)


def test_cli_map_table_is_for_a_person(tmp_path: Path, cli: Any) -> None:
    """The terminal table: the heaviest actors first, codes in words, in the chosen language."""
    scenario.build(cli.root).close()
    code, out, err = cli("--lang", "fr", "map", "--limit", "5")
    assert code == 0, err
    assert "Carte :" in err and "acteurs" in err
    assert "Position" in out and "Rôle" in out and "stance_source" not in out
    body = [line for line in out.splitlines() if line.startswith("│")]
    assert len(body) == 5
    assert "autres acteurs : --limit" in err
    code, out, _ = cli("map", "--format", "csv")
    rows = list(csv.DictReader(io.StringIO(out)))
    assert len(rows) > 5  # CSV keeps every actor and the codes
    top = max(float(r["weight"] or 0) for r in rows)
    heaviest = sorted(r["actor_id"] for r in rows if float(r["weight"] or 0) == top)
    assert body[0].split("│")[1].strip() == heaviest[0]
    # The weight as French writes numbers (a decimal comma), right-aligned as a number.
    from influscope.serve.formats import number

    weight = body[0].split("│")[-2]
    assert weight.strip() == number(top, "fr", digits=2) and weight.endswith(" ")


def test_cli_communities_table_is_for_a_person(tmp_path: Path, cli: Any) -> None:
    scenario.build(cli.root).close()
    code, out, first_err = cli("--lang", "fr", "communities", "--limit", "2")
    assert code == 0, first_err
    assert "Acteurs principaux" in out and "stance_mix" not in out
    assert "{" not in out  # the stance mix in words, not JSON
    body = [line for line in out.splitlines() if line.startswith("│")]
    assert len(body) == 2
    code, out, _ = cli("communities", "--format", "csv")
    rows = list(csv.DictReader(io.StringIO(out)))
    assert len(rows) > 2 and "stance_mix" in rows[0]
    assert "autres communautés" in first_err
