"""The planted rumour as a narrative with its origin and cascade; its defenders and the crisis KPI."""

from __future__ import annotations

from datetime import datetime, timedelta

from influscope.analyze.crisis.cascades import cascades_of
from influscope.analyze.crisis.defenders import ActorContext, find_defenders
from influscope.analyze.crisis.narratives import find_narratives
from influscope.analyze.crisis.riposte import first_owned_response, serp_readiness
from influscope.analyze.crisis.window import read_window
from influscope.enrich.reply_stance import row_stance
from influscope.organisations import Organisations
from influscope.workspace import Workspace


def _window(demo: Workspace, truth: dict):
    start = datetime.fromisoformat(truth["rumour"]["start"].replace("Z", ""))
    return read_window(demo.store, start - timedelta(hours=12), start + timedelta(hours=72))


def test_rumour_is_a_narrative_with_its_origin_and_spreaders(demo: Workspace, truth: dict) -> None:
    window = _window(demo, truth)
    narratives = find_narratives(window.rows)
    rumour = [n for n in narratives if n.origin == truth["rumour"]["root"]]
    assert len(rumour) == 1
    found = rumour[0]
    assert found.origin_author == truth["rumour"]["root_author"]
    authors = {r["author_id"] for r in window.rows if r["doc_id"] in set(found.doc_ids)}
    spreaders = set(truth["rumour"]["spreaders"])
    assert len(spreaders & authors) / len(spreaders) >= 0.9
    assert not set(truth["rumour"]["defence_documents"]) & set(found.doc_ids)
    assert "vernay" in found.label
    # its cascade: the root, then reposts and quotes, a broadcast more than a chain
    cascade = next(c for c in cascades_of(window.rows) if c.ids[c.root] == truth["rumour"]["root"])
    summary = cascade.summary()
    assert summary["origin_author"] == truth["rumour"]["root_author"]
    assert summary["size"] >= truth["rumour"]["spread_documents"]
    assert 1.0 <= summary["structural_virality"] < 3.0 and summary["depth"] >= 1


def test_planted_defenders_are_recovered_with_their_share_of_voice(
    demo: Workspace, truth: dict
) -> None:
    window = _window(demo, truth)
    narratives = find_narratives(window.rows)
    attack = next(n for n in narratives if n.origin == truth["rumour"]["root"])
    orgs = Organisations(demo.config.brands)
    report = find_defenders(
        window.rows, attack, narratives, row_stance({}), ActorContext(owned=orgs.is_owned)
    )
    found = {d.actor_id for d in report.defenders}
    planted = set(truth["rumour"]["defenders"])
    precision = len(found & planted) / len(found)
    recall = len(found & planted) / len(planted)
    assert precision >= 0.9 and recall >= 0.9, (precision, recall)
    assert 0.2 <= report.share_of_voice <= 0.8
    assert all(d.documents >= 1 for d in report.defenders)
    relations = {d.actor_id: d.relation for d in report.defenders}
    assert relations.get("web:ardent-industrie.fr", "owned") == "owned"
    # the spreaders are never defenders
    assert not found & set(truth["rumour"]["spreaders"]) - planted


def test_riposte_readiness_on_the_crisis_queries(demo: Workspace, truth: dict) -> None:
    orgs = Organisations(demo.config.brands)
    serp = demo.store.to_arrow(demo.store.table("serp")).to_pylist()
    queries = [*truth["bad_buzz"]["crisis_queries"], "ardent industrie"]
    readiness = {r.query: r for r in serp_readiness(serp, queries, orgs.is_owned)}
    # the company's own site leads on its name but is absent from the crisis queries' pages
    assert readiness["ardent industrie"].best_owned_rank == 1
    for query in truth["bad_buzz"]["crisis_queries"]:
        assert readiness[query].best_owned_rank is None and readiness[query].slots == 10
    window = _window(demo, truth)
    start = datetime.fromisoformat(truth["rumour"]["start"].replace("Z", "+00:00")).timestamp()
    delay = first_owned_response(window.rows, orgs.is_owned, start)
    assert delay is not None and 0 < delay < 72 * 3600
