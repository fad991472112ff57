"""The journey end to end on a small scenario: imports, weights, explain, queries, pre-contact."""

from __future__ import annotations

import orjson
import pytest

from influscope.serve.formats import percent
from influscope.workspace import Workspace
from tests.conftest import DATA

MINI = DATA / "journey" / "mini"


@pytest.fixture
def mini(tmp_path):
    ws = Workspace.init(tmp_path / "mini", (MINI / "influscope.toml").read_text())
    ws.ingest.files([MINI / "posts.jsonl"])
    ws.ingest.demand(MINI / "demand.csv")
    ws.ingest.serp(MINI / "serp.csv")
    yield ws
    ws.close()


def test_micro_influencer_leads_the_journey_not_the_audience(mini):
    rows = mini.journeys.compute()
    assert sum(r["journey_weight"] for r in rows) == pytest.approx(1.0, abs=1e-9)
    by_id = {r["actor_id"]: r for r in rows}
    dupont = by_id["twitter:jdupont"]
    assert dupont["journey_rank"] <= 3
    assert dupont["audience_rank"] >= 3  # three accounts have far more followers
    assert dupont["rank_gap"] > 0
    assert "usine du futur" in dupont["top_queries"]
    assert "web:old.example.com" not in by_id  # superseded capture
    assert by_id["twitter:bigstar"]["journey_weight"] if "twitter:bigstar" in by_id else True
    stored = mini.store.to_arrow(mini.store.table("journey_weights")).to_pylist()
    actor_rows = [r for r in stored if r["level"] == "actor"]
    assert len(actor_rows) == len(rows)
    assert sum(r["weight"] for r in actor_rows) == pytest.approx(1.0, abs=1e-9)
    assert mini.store.count("journey_paths") > 0


def test_page_level_weights_carry_their_actor(mini):
    pages = mini.journeys.compute(level="page")
    assert sum(r["journey_weight"] for r in pages) == pytest.approx(1.0, abs=1e-9)
    blog = next(r for r in pages if r["node_id"] == "https://blog.jdupont.fr/usine-futur")
    assert blog["actor_id"] == "web:blog.jdupont.fr"
    assert any(r["node_id"] == "twitter:jdupont" for r in pages)


def test_explain_shows_paths_summing_to_at_most_one(mini):
    found = mini.journeys.explain("twitter:jdupont")
    paths = found["paths"]
    assert paths and 0 < sum(p["share"] for p in paths) <= 1 + 1e-9
    entries = {(p["entry"], p["result"]) for p in paths}
    assert ("usine du futur", "twitter:jdupont") in entries
    assert any(p["page"] == "twitter:jdupont" for p in paths)  # via a page linking to the account
    with pytest.raises(Exception, match="not met on the journey"):
        mini.journeys.explain("twitter:nobody")


def test_queries_show_occupants_and_crisis_readiness(mini):
    found = mini.journeys.queries()
    rows = {r["query"]: r for r in found["queries"]}
    assert rows["industrie 4.0"]["owned_ranks"] == [4]
    assert rows["industrie 4.0"]["occupants"]["competitor"] > 0
    assert rows["acme pollution"]["crisis"] is True
    assert rows["acme pollution"]["riposte_ready"] is False
    assert "forum" in rows["acme pollution"]["occupants"]
    assert "media" in rows["acme pollution"]["occupants"]
    assert found["crisis_without_owned"] == ["acme pollution"]
    assert found["crisis_without_results"] == ["acme licenciements"]
    # demand-weighted: only "industrie 4.0" (12100 of 14800) has an owned slot (.08 of .63 clicks)
    share = (12100 / 14800 * 0.08) / (
        12100 / 14800 * 0.63 + 1900 / 14800 * 0.63 + 800 / 14800 * 0.44
    )
    assert found["company_share"] == pytest.approx(share, rel=1e-9)


def test_precontact_of_the_micro_influencer(mini):
    found = mini.journeys.precontact("twitter:jdupont")
    # Acme's account and site are one organisation: one actor on the company's side.
    assert found["company_side"] == ["twitter:acme"]
    assert 0 < found["added_share"] <= found["journeys_with_actor"] + 1e-12 <= 1 + 1e-12
    assert found["company_share_after"] == pytest.approx(
        found["company_share"] + found["added_share"], abs=1e-12
    )
    owned = mini.journeys.precontact("web:acme.com")
    assert owned["added_share"] == pytest.approx(0.0, abs=1e-12)
    assert owned["company_share"] > 0


def test_cli_journey_outputs(mini, cli, capsys):
    root = mini.root
    mini.close()
    code, out, _ = cli("journey", "--format", "csv", workspace=root)
    assert code == 0
    header = out.splitlines()[0]
    assert (
        header
        == "actor_id,name,kind,journey_weight,journey_rank,audience,audience_rank,rank_gap,top_queries"
    )
    code, out, _ = cli("journey", "explain", "twitter:jdupont", "--format", "json", workspace=root)
    assert code == 0 and orjson.loads(out)["paths"]
    code, out, err = cli("journey", "queries", workspace=root)
    assert code == 0 and "acme pollution" in err
    code, out, err = cli("--lang", "fr", "journey", "queries", workspace=root)
    assert code == 0 and "Qui occupe les résultats" in out and "occupants" not in out
    assert "acme pollution" in out and "False" not in out and "%" in out
    code, csv_out, _ = cli("journey", "--format", "csv", workspace=root)
    first = csv_out.splitlines()[1].split(",")
    code, out, err = cli("--lang", "fr", "journey", workspace=root)
    assert code == 0, err
    assert "Poids dans le parcours" in out and "journey weight" not in out
    top = next(line for line in out.splitlines() if f" {first[0]} " in line)
    assert percent(float(first[3]), "fr", 2) in top  # the weight as a French percentage
    code, out, _ = cli(
        "journey", "precontact", "twitter:jdupont", "--format", "json", workspace=root
    )
    assert code == 0 and orjson.loads(out)["added_share"] > 0
    code, _, err = cli("journey", "explain", "twitter:nobody", workspace=root)
    assert code != 0 and "not met" in err


def test_search_console_ctr_replaces_the_prior_on_the_owned_slot(mini, tmp_path):
    from influscope.analyze.journey.data import load_inputs

    console = tmp_path / "Queries.csv"
    console.write_text(
        "Top queries,Clicks,Impressions,CTR,Position\nindustrie 4.0,300,1000,30%,4.1\n"
    )
    before = {
        (s["query"], s["rank"]): s["prob"] for s in load_inputs(mini.store, mini.config).slots
    }
    mini.ingest.demand(console, preset="search-console", locale="fr-FR", period="2026-09")
    after = {(s["query"], s["rank"]): s["prob"] for s in load_inputs(mini.store, mini.config).slots}
    assert before[("industrie 4.0", 4)] == pytest.approx(0.08)
    assert after[("industrie 4.0", 4)] == pytest.approx(0.30)
    assert after[("industrie 4.0", 1)] == before[("industrie 4.0", 1)]
    assert after[("usine du futur", 1)] == before[("usine du futur", 1)]


def test_cli_ingest_demand_and_serp(cli):
    from tests.conftest import DATA

    assert cli("init", str(cli.root), workspace=None)[0] == 0
    code, _, err = cli("ingest", "demand", str(DATA / "journey" / "keyword_planner.csv"))
    assert code == 1 and "keyword_planner.csv:7 [volume]" in err and "3 queries" in err
    code, _, err = cli(
        "ingest", "serp", str(DATA / "journey" / "serpapi.json"), "--preset", "serpapi"
    )
    assert code == 0 and "4 result slots" in err
    code, _, err = cli("ingest", "serp", str(DATA / "journey" / "serp_generic.csv"), "--strict")
    assert code == 1 and "Nothing was imported" in err


def test_axis_filter_keeps_the_axis_queries_and_its_crisis_queries(mini):
    everything = {r["actor_id"] for r in mini.journeys.compute()}
    rows = mini.journeys.compute(axis="usine")
    assert sum(r["journey_weight"] for r in rows) == pytest.approx(1.0, abs=1e-9)
    queries = {r["query"] for r in mini.journeys.queries(axis="usine")["queries"]}
    assert queries == {"usine du futur", "industrie 4.0", "acme pollution"}  # crisis query kept
    assert {r["actor_id"] for r in rows} <= everything
    stored = mini.store.to_arrow(mini.store.table("journey_weights")).to_pylist()
    assert {r["axis"] for r in stored} == {"", "usine"}


def test_an_erased_actor_leaves_the_journey(mini):
    assert any(r["actor_id"] == "twitter:jdupont" for r in mini.journeys.compute())
    mini.privacy.erase_actor("twitter:jdupont")
    rows = mini.journeys.compute()
    assert all(r["actor_id"] != "twitter:jdupont" for r in rows)
    assert sum(r["journey_weight"] for r in rows) == pytest.approx(1.0, abs=1e-9)
    paths = mini.store.to_arrow(mini.store.table("journey_paths")).to_pylist()
    assert all(
        "jdupont" not in f"{p['entry']} {p['result']} {p['page']}".replace("blog.jdupont", "")
        for p in paths
    )


def test_card_shows_the_stored_journey_weight_as_a_share(mini):
    rows = {r["actor_id"]: r for r in mini.journeys.compute()}
    card = mini.maps.actor_card("twitter:jdupont")
    assert card["journey"] == [
        {
            "axis": "",
            "journey_weight": rows["twitter:jdupont"]["journey_weight"],
            "journey_rank": rows["twitter:jdupont"]["journey_rank"],
        }
    ]
    assert 0 < card["journey"][0]["journey_weight"] < 1


def test_the_journey_says_what_it_rests_on(tmp_path):
    """Weights of a handful of reposts are flagged thin; searches with result pages are not."""
    ws = Workspace.init(tmp_path / "thin", (MINI / "influscope.toml").read_text())
    try:
        ws.ingest.files([MINI / "posts.jsonl"])
        ws.journeys.compute()
        thin = ws.journeys.stored_run()["basis"]
        assert (thin.searches, thin.results) == (0, 0)
        # Each repost, reply or quote of a social post is one unit; each of their links at most one.
        posted = ws.store.con.execute(
            "SELECT (SELECT count(*) FROM interactions i JOIN documents d USING (doc_id)"
            " WHERE d.platform <> 'web' AND i.kind IN ('repost', 'reply', 'quote')),"
            " (SELECT count(*) FROM links l JOIN documents d USING (doc_id) WHERE d.platform <> 'web')"
        ).fetchone()
        assert posted[0] > 0
        assert posted[0] <= thin.social <= posted[0] + posted[1]
        assert thin.thin and thin.weighted
        # Result pages without any demand: the chain counts each search alike, and says so
        # (it said "0 searches with result pages" and asked to import result pages).
        ws.ingest.serp(MINI / "serp.csv")
        ws.journeys.compute()
        alike = ws.journeys.stored_run()["basis"]
        queries = ws.store.con.execute("SELECT count(DISTINCT query) FROM serp").fetchone()[0]
        assert alike.searches == queries > 0 and alike.results >= alike.searches
        assert not alike.weighted and not alike.thin
        ws.ingest.demand(MINI / "demand.csv")
        ws.journeys.compute()
        fed = ws.journeys.stored_run()["basis"]
        # Three queries have demand; result pages were captured for those with slots.
        assert 1 <= fed.searches <= 3 and fed.results >= fed.searches
        assert fed.social == thin.social
        assert not fed.thin and fed.weighted
    finally:
        ws.close()


def test_an_empty_journey_still_says_what_it_rests_on(cli):
    """A journey meeting no actor stores no weight; its basis comes from the run log."""
    ws = Workspace.init(cli.root, (MINI / "influscope.toml").read_text())
    assert ws.journeys.stored_run() is None  # never computed
    ws.close()
    code, out, err = cli("journey")
    assert code == 0, err
    assert "Based on 0 searches with result pages (0 results) and 0 social entries" in err
    assert "no actor is met on this journey" in err
    ws = Workspace.open(cli.root)
    try:
        empty = ws.journeys.stored_run()
        assert empty is not None and empty["basis"].social == 0 and empty["basis"].thin
        assert ws.journeys.queries()["company_share"] is None  # no click: unknown, not 0 %
        ws.ingest.files([MINI / "posts.jsonl"])
        assert ws.journeys.compute()
        stored = ws.journeys.stored_run()
        assert stored["run_id"] != empty["run_id"] and stored["basis"].social > 0
    finally:
        ws.close()


def test_the_workspace_language_sets_the_messages(cli):
    """A French workspace hears French from journey too, without --lang (it read --lang only)."""
    config = (MINI / "influscope.toml").read_text()
    french = config.replace("[workspace]\n", '[workspace]\nlanguage = "fr"\n', 1)
    assert french != config
    Workspace.init(cli.root, french).close()
    code, _, err = cli("journey")
    assert code == 0, err
    assert "Calculé sur 0 recherches" in err and "Based on" not in err
    code, _, err = cli("--lang", "en", "journey")  # the flag still wins
    assert code == 0 and "Based on 0 searches" in err
