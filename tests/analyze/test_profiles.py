"""Actor profiles (issue 15): kinds from evidence, with confidence and provenance.

Unit checks of the evidence rules, then the demo's planted kinds (owned
accounts included) recovered from the stored actors and posts.
"""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

import pytest

from influscope.analyze.kinds import (
    Evidence,
    KindRules,
    classify,
    decide,
    handle_evidence,
    handle_tokens,
    profile_evidence,
)
from influscope.analyze.profiles import compute_profiles, persist
from influscope.analyze.profiles.behaviour import behaviour_evidence, read_posts
from influscope.workspace import Workspace

RULES = KindRules.build()


def test_handle_tokens_and_handle_clues() -> None:
    assert handle_tokens("JetBlueNews") == ["jet", "blue", "news"]
    assert handle_tokens("kbos_spotter42") == ["kbos", "spotter"]
    assert [e.kind for e in handle_evidence("JetBlueNews")] == ["media"]
    assert [e.kind for e in handle_evidence("fortunemagazine")] == ["media"]
    assert handle_evidence("wsj")[0].detail == "known media account @wsj"
    assert handle_evidence("newsome") == []  # 'news' glued to a name is not a newsroom
    assert handle_evidence("lucie_robotique") == []


def test_personal_phrases_are_not_kinds() -> None:
    here = decide(profile_evidence({"actor_id": "t:a", "bio": "Just here for the news."}, RULES))
    assert here.kind == "citizen"
    heart = decide(
        profile_evidence({"actor_id": "t:b", "bio": "Dad, runner, engineer at heart."}, RULES)
    )
    assert heart.kind == "citizen"
    assert classify({"actor_id": "t:c", "bio": "Reporter covering energy."}, RULES) == (
        "journalist",
        "bio",
    )


def test_official_account_is_named_by_its_name() -> None:
    school = {
        "actor_id": "t:l",
        "name": "Lycée professionnel de Vernay",
        "bio": "Compte officiel de Lycée professionnel de Vernay.",
    }
    assert decide(profile_evidence(school, RULES)).kind == "institution"
    firm = {
        "actor_id": "t:f",
        "name": "Durand Mécanique",
        "bio": "Compte officiel de Durand Mécanique.",
    }
    assert decide(profile_evidence(firm, RULES)).kind == "company"


def test_brand_roster_and_labels_outrank_the_profile() -> None:
    actor = {"actor_id": "twitter:ardent", "bio": "Journaliste"}
    assert classify(actor, RULES, brand="Ardent") == ("company", "brand")
    assert classify(actor, RULES, on_roster=True) == ("employee", "roster")
    assert classify(actor, RULES, manual="expert", brand="Ardent") == ("expert", "manual")
    assert classify({"actor_id": "t:none"}, RULES) == ("unknown", "default")


def test_confidence_falls_when_clues_disagree() -> None:
    alone = decide([Evidence("media", "bio", 0.8, "journal")])
    rival = decide(
        [Evidence("media", "bio", 0.8, "journal"), Evidence("citizen", "bio", 0.6, "papa")]
    )
    agree = decide(
        [Evidence("media", "bio", 0.8, "journal"), Evidence("media", "handle", 0.55, "news")]
    )
    assert rival.kind == alone.kind == agree.kind == "media"
    assert rival.confidence < alone.confidence < agree.confidence


def test_behaviour_reads_headlines_and_customers() -> None:
    news = read_posts(
        [f"@JetBlue Airways stock rated {i} - Daily News http://t.co/x{i}" for i in range(6)]
    )
    assert news.headlines == 6 and behaviour_evidence(news)[0].kind == "media"
    customer = read_posts(
        [
            "@united my flight is delayed again",
            "@united on hold for an hour, please rebook me",
            "@united where is my bag?",
            "@united thanks",
        ]
    )
    assert customer.customer == 3 and behaviour_evidence(customer)[0].kind == "citizen"
    assert behaviour_evidence(read_posts(["@united my flight", "@united my bag"])) == []  # too few


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory):
    ws = Workspace.build_demo(tmp_path_factory.mktemp("profiles") / "ws", scale=4_000, seed=11)
    yield ws
    ws.close()


def test_demo_planted_kinds_recovered(demo: Workspace) -> None:
    truth = json.loads((demo.root / "demo-input" / "ground_truth.json").read_text())
    profiles = {p.actor_id: p for p in compute_profiles(demo.store, demo.config)}
    present = {a: k for a, k in truth["kind"].items() if a in profiles}
    assert len(present) >= 0.97 * len(truth["kind"])  # a few planted actors never appear
    right = sum(profiles[a].call.kind == k for a, k in present.items())
    accuracy = right / len(present)
    print(f"\ndemo kinds: accuracy {accuracy:.4f} on {len(present)} actors")
    assert accuracy >= 0.9
    owned = [
        a
        for a in present
        if a.endswith(("ardent_industrie", "ardentindustrie", "ardent-industrie.bsky.social"))
    ]
    assert len(owned) == 3
    assert all(
        profiles[a].call.kind == "company" and profiles[a].call.source == "brand" for a in owned
    )
    employees = [a for a in truth["employees"] if a in profiles]
    assert all(profiles[a].call.kind == "employee" for a in employees)
    # Every call carries its evidence, and nothing is typed without any.
    for p in profiles.values():
        assert (p.call.kind == "unknown") == (not p.call.evidence)
        assert 0.0 <= p.call.confidence <= 1.0


def test_demo_profiles_persist_with_topics_and_activity(demo: Workspace) -> None:
    profiles = compute_profiles(demo.store, demo.config)
    assert persist(demo.store, profiles, "run-test") == len(profiles)
    rows = demo.store.con.execute(
        "SELECT p.actor_id, p.kind, a.kind, p.topics, p.languages, p.documents, p.terms "
        "FROM actor_profiles p JOIN actors a USING (actor_id)"
    ).fetchall()
    assert len(rows) == len(profiles)
    assert all(r[1] == r[2] for r in rows)  # actors.kind carries the call
    central = next(r for r in rows if r[0] == "twitter:maelle_cobot")
    topics = json.loads(central[3])
    assert max(topics, key=topics.get) == "usine-du-futur"
    assert json.loads(central[4]) and central[5] > 5 and central[6]
    kinds = Counter(r[1] for r in rows)
    assert kinds["unknown"] < 0.05 * len(rows)


def test_profiles_are_deterministic(demo: Workspace, tmp_path: Path) -> None:
    first = compute_profiles(demo.store, demo.config)
    second = compute_profiles(demo.store, demo.config)
    assert [(p.actor_id, p.call, p.terms) for p in first] == [
        (p.actor_id, p.call, p.terms) for p in second
    ]
