"""Journeys weigh people, not plumbing; observed clicks set the link step (issue 12, items 4-5)."""

from __future__ import annotations

import orjson
import pyarrow as pa
import pytest

from influscope.analyze.journey.model import JourneyGraph, JourneyParams, solve_journey
from influscope.analyze.journey.nodes import NodeResolver
from influscope.config import Brand, Config, JourneySettings
from influscope.workspace import Workspace

A, B, C, D = (f"https://site{i}.fr/page" for i in "abcd")


def test_resolver_keeps_plumbing_out_of_the_actors():
    resolver = NodeResolver({"https://bit.ly/ok": "https://www.lemonde.fr/a"}, Config())
    assert resolver.node("https://t.co/unknown") is None  # a hop to nowhere known
    assert resolver.node("https://bit.ly/ok") == "https://www.lemonde.fr/a"
    assert resolver.actor["https://www.lemonde.fr/a"] == "web:lemonde.fr"
    unwrapped = resolver.node(
        "https://l.facebook.com/l.php?u=https%3A%2F%2Fex.fr%2Fb%3Futm_source%3Dfb"
    )
    assert unwrapped == "https://ex.fr/b"
    bing = resolver.node("https://www.bing.com/news?q=usine")
    assert bing == "https://www.bing.com/news?q=usine" and resolver.actor[bing] is None
    video = resolver.node("https://www.youtube.com/watch?v=abc")
    assert resolver.actor[video] is None
    assert resolver.node("https://twitter.com/JDupont/status/1") == "twitter:jdupont"
    assert resolver.actor["twitter:jdupont"] == "twitter:jdupont"
    assert resolver.account("web:t.co") == "web:t.co" and resolver.actor["web:t.co"] is None
    assert resolver.account("web:bing.com") == "web:bing.com"
    assert resolver.actor["web:bing.com"] is None


def test_infrastructure_counts_when_the_workspace_opts_in():
    config = Config(journey=JourneySettings(infrastructure_actors=["search"]))
    resolver = NodeResolver({}, config)
    assert resolver.actor[resolver.node("https://www.bing.com/news")] == "web:bing.com"
    assert resolver.actor[resolver.node("https://www.youtube.com/watch?v=a")] is None
    assert resolver.node("https://t.co/x") is None  # shorteners never


def test_organisation_accounts_and_sites_are_one_actor():
    config = Config(brands=[Brand(name="Acme", handles=["@acme"], domains=["acme.com"])])
    resolver = NodeResolver({}, config)
    site = resolver.node("https://www.acme.com/offres")
    account = resolver.node("https://x.com/Acme")
    other = resolver.node("https://lemonde.fr/a")
    merged = resolver.merge_organisations()
    assert resolver.actor[site] == resolver.actor[account] == "twitter:acme"
    assert merged == {"web:acme.com": "twitter:acme", "twitter:acme": "twitter:acme"}
    assert resolver.actor[other] == "web:lemonde.fr"


def test_nodes_without_actor_are_visited_but_never_met():
    graph = JourneyGraph(
        demand=pa.table({"query": ["q"], "volume": [1.0]}),
        slots=pa.table({"query": ["q", "q"], "node": [A, B], "prob": [0.5, 0.25]}),
        links=pa.table({"src": [A], "dst": [C], "weight": [1.0]}),
        social=pa.table({"node": pa.array([], pa.string()), "weight": pa.array([], pa.float64())}),
        actors=pa.table(
            {"node": [A, B, C], "actor": pa.array([None, "web:b", "web:c"], pa.string())}
        ),
    )
    result = solve_journey(graph, JourneyParams(continuation=0.5))
    # visits: A .5, B .25, C .25; A (a search engine's page) is nobody.
    assert result.actor_weights() == pytest.approx({"web:b": 0.5, "web:c": 0.5})
    assert result.node_weights()[A] == pytest.approx(0.5)
    assert result.node_actor[result.node_index()[A]] == -1


def jsonl(path, rows):
    path.write_bytes(b"\n".join(orjson.dumps(r) for r in rows) + b"\n")
    return path


@pytest.fixture
def site(tmp_path):
    """Page A links to B, C and D; page B to C and D (a crawl keeps each outlink once)."""
    ws = Workspace.init(tmp_path / "ws")
    pages = [
        {"id": "a", "platform": "web", "author": "sitea.fr", "url": A, "text": f"{B} {C} {D}"},
        {"id": "b", "platform": "web", "author": "siteb.fr", "url": B, "text": f"{C} {D}"},
    ]
    ws.ingest.files([jsonl(tmp_path / "pages.jsonl", pages)])
    (tmp_path / "serp.csv").write_text(
        f"query,captured_at,rank,url,engine\nq,2026-01-01T00:00:00Z,1,{A},g\n"
    )
    ws.ingest.serp(tmp_path / "serp.csv")
    yield ws
    ws.close()


def onward(ws, page):
    """The journey's link step from ``page``: destination -> probability (continuation included)."""
    from influscope.analyze.journey import report as jr

    result = jr.compute(ws.store, ws.config).result
    index = {n: i + result.n_queries for i, n in enumerate(result.nodes)}
    row = result.transition[index[page]].toarray().ravel()
    return {n: float(row[i]) for n, i in index.items() if row[i] > 0}


def test_even_split_without_observations(site):
    assert onward(site, A) == pytest.approx({B: 0.35 / 3, C: 0.35 / 3, D: 0.35 / 3})


def test_observed_clicks_replace_the_even_split(site, tmp_path):
    before = site.journeys.explain("web:sitec.fr")
    assert before["observed_pages"] == 0
    assert {(p["result"], p["page"]): p["link_step"] for p in before["paths"]} == {
        (A, C): "even",
        (A, B): "even",  # then B -> C
    }
    site.ingest.transitions(
        jsonl(tmp_path / "t.jsonl", [
            {"src_url": A, "dst_url": B, "clicks": 30},
            {"src_url": A, "dst_url": C, "clicks": 10},
            {"src_url": A, "dst_url": "https://t.co/x", "clicks": 99},  # a hop to nowhere known
            {"src_url": "other-search", "dst_url": C, "clicks": 40},
        ]),
    )  # fmt: skip
    # D has no observation on a page with some: 0.1 x the smallest observed count (10).
    total = 30 + 10 + 1
    assert onward(site, A) == pytest.approx(
        {B: 0.35 * 30 / total, C: 0.35 * 10 / total, D: 0.35 * 1 / total}
    )
    assert onward(site, B) == pytest.approx({C: 0.35 / 2, D: 0.35 / 2})  # no observation: even
    found = site.journeys.explain("web:sitec.fr")
    assert found["observed_pages"] == 1
    steps = {(p["entry"], p["result"], p["page"]): p["link_step"] for p in found["paths"]}
    assert steps[("q", A, C)] == "observed"
    assert steps[("q", A, B)] == "observed"  # then B -> C, evenly
    assert steps[("other-search", C, None)] is None  # entered directly by an observed search
    unobserved = site.journeys.explain("web:sited.fr")["paths"]
    assert {(p["result"], p["page"]): p["link_step"] for p in unobserved}[(A, D)] == "unobserved"
    stored = site.journeys.compute()
    assert {r["actor_id"] for r in stored} >= {"web:sitea.fr", "web:siteb.fr", "web:sitec.fr"}
    paths = site.store.to_arrow(site.store.table("journey_paths")).to_pylist()
    assert {"observed", "unobserved"} <= {p["link_step"] for p in paths}
    read_back = site.journeys.stored_paths("web:sitec.fr")["paths"]  # what the API serves
    assert {(p["result"], p["page"]): p["link_step"] for p in read_back}[(A, C)] == "observed"
    site.close()
    off = Workspace.open(site.root)
    off.config.journey.observed_clicks = False
    assert onward(off, A) == pytest.approx({B: 0.35 / 3, C: 0.35 / 3, D: 0.35 / 3})
    off.close()


def test_weighted_link_interactions_lead_on_in_proportion(workspace, tmp_path):
    nodes = tmp_path / "nodes.csv"
    nodes.write_text("id,label\n1,alpha.fr\n2,beta.fr\n3,gamma.fr\n")
    edges = tmp_path / "edges.csv"
    edges.write_text("source,target,weight\n1,2,3\n1,3,1\n")
    workspace.ingest.graph(nodes=nodes, edges=edges)
    (tmp_path / "serp.csv").write_text(
        "query,captured_at,rank,url,engine\nq,2026-01-01T00:00:00Z,1,https://alpha.fr/,g\n"
    )
    workspace.ingest.serp(tmp_path / "serp.csv")
    assert onward(workspace, "web:alpha.fr") == pytest.approx(
        {"web:beta.fr": 0.35 * 0.75, "web:gamma.fr": 0.35 * 0.25}
    )
