"""A brand's own accounts are of the brand's kind, and kind clues are said in the reader's language.

On the E-FRA election tweets the brands are two candidates: their own accounts
were typed ``company`` on the map, the cards and the profiles. A brand's
``kind`` (default ``company``) now says what it is. The clues behind a kind
("account of brand Macron", "on the employee roster", "3 of 4 posts are
headlines with a link") were English sentences on a French card.
"""

from __future__ import annotations

import json

import pytest
from pydantic import ValidationError

from influscope.analyze.kinds import KindRules, classify, profile_evidence
from influscope.analyze.profiles.behaviour import behaviour_evidence, read_posts
from influscope.analyze.profiles.stored import clue_detail
from influscope.config import Brand
from influscope.errors import Phrase
from influscope.serve.i18n import say
from influscope.serve.labels import label

RULES = KindRules.build()

CONFIG = """
[[brands]]
name = "Macron"
own = true
kind = "politician"
aliases = ["Emmanuel Macron"]
handles = ["@EmmanuelMacron"]

[[brands]]
name = "Le Pen"
aliases = ["Marine Le Pen"]
handles = ["@MLP_officiel"]
"""

POSTS = [
    {"id": "1", "author": "EmmanuelMacron", "text": "Ensemble, pour la France. @MLP_officiel"},
    {"id": "2", "author": "MLP_officiel", "text": "Le débat de ce soir avec @EmmanuelMacron"},
    {"id": "3", "author": "lectrice", "text": "@EmmanuelMacron @MLP_officiel quel débat"},
    {"id": "4", "author": "lecteur", "text": "Je regarde @EmmanuelMacron et @MLP_officiel"},
]


def test_a_brand_is_a_company_unless_its_kind_says_otherwise() -> None:
    actor = {"actor_id": "twitter:emmanuelmacron", "bio": "Président de la République"}
    assert classify(actor, RULES, brand="Macron") == ("company", "brand")
    assert classify(actor, RULES, brand="Macron", brand_kind="politician") == (
        "politician",
        "brand",
    )
    assert Brand(name="Macron").kind == "company"
    with pytest.raises(ValidationError, match="not one of journalist, media, politician"):
        Brand(name="Un salarié", kind="employee")


def test_kind_clues_are_phrases_said_in_french() -> None:
    [brand] = [
        e
        for e in profile_evidence({"actor_id": "t:a"}, RULES, brand="Macron")
        if e.source == "brand"
    ]
    assert brand.detail == "account of brand Macron"
    assert isinstance(brand.detail, Phrase)
    stored = {"detail": str(brand.detail), "phrase": brand.detail.dumps()}  # as a profile keeps it
    assert say(clue_detail(stored), "fr") == "compte de la marque Macron"
    news = behaviour_evidence(
        read_posts([f"Breaking: plant {i} opens - Daily News http://t.co/x{i}" for i in range(4)])
    )
    detail = news[0].detail
    assert detail == "4 of 4 posts are headlines with a link" and isinstance(detail, Phrase)
    assert (
        say(clue_detail({"detail": str(detail), "phrase": detail.dumps()}), "fr")
        == "4 publications sur 4 sont des titres avec un lien"
    )
    # A clue does not repeat its source's label ("compte certifié : compte certifié").
    [verified] = profile_evidence({"actor_id": "t:v", "verified": True}, RULES)
    assert verified.source == "verified"
    assert say(verified.detail, "fr") != label("kind_source", "verified", "fr")
    assert say(verified.detail, "fr") == "la plateforme l'affiche comme certifié"
    # Words quoted from the data, and clues stored before phrases, are shown as they are.
    assert say(clue_detail({"detail": "Journaliste", "phrase": None}), "fr") == "Journaliste"


@pytest.fixture
def election(cli, tmp_path, english):
    assert cli("init", str(cli.root), workspace=None)[0] == 0
    config = cli.root / "influscope.toml"
    config.write_text(config.read_text() + CONFIG)
    posts = tmp_path / "posts.jsonl"
    posts.write_text(
        "".join(
            json.dumps(p | {"platform": "twitter", "published_at": f"2017-05-0{p['id']}T20:00:00Z"})
            + "\n"
            for p in POSTS
        )
    )
    assert cli("ingest", "file", str(posts))[0] == 0
    return cli


def test_the_candidates_accounts_are_politicians_on_the_profiles_the_map_and_the_card(
    election,
) -> None:
    from fastapi.testclient import TestClient

    from influscope.serve.api.app import create_app
    from influscope.workspace import Workspace

    code, out, _ = election("--lang", "fr", "influence", "profile")
    assert code == 0
    row = next(line for line in out.splitlines() if "twitter:emmanuelmacron" in line)
    assert "politique" in row.lower() and "compte de la marque Macron" in row
    assert "account of brand" not in out
    code, out, _ = election("influence", "profile", "--format", "json")
    profiles = {p["actor_id"]: p for p in json.loads(out)}
    assert profiles["twitter:emmanuelmacron"]["kind"] == "politician"
    assert profiles["twitter:mlp_officiel"]["kind"] == "company"  # Le Pen declares no kind
    [clue] = [e for e in profiles["twitter:emmanuelmacron"]["evidence"] if e["source"] == "brand"]
    assert clue["detail"] == "account of brand Macron"  # the data's JSON stays English
    assert election("map", "--level", "coarse")[0] == 0
    with Workspace.open(election.root) as ws:
        mapped = {a["actor_id"]: a for a in ws.maps.stored().rows}
        assert mapped["twitter:emmanuelmacron"]["kind"] == "politician"
        token = ws.accounts.add("vic", "viewer", token=True, password="pw-long-enough-1").token
        app = create_app(ws, job_wait=120)  # the answer, not the 202 of a running job
        client = TestClient(app, raise_server_exceptions=False)
        auth = {"Authorization": f"Bearer {token}"}
        url = "/api/actors/twitter:emmanuelmacron/card"
        try:
            french = client.get(url, headers=auth | {"Accept-Language": "fr"}).json()
            english = client.get(url, headers=auth).json()  # the cached card, said again
        finally:
            app.state.jobs.stop()
    said = {e["source"]: e["said"] for e in french["profile"]["evidence"]}
    assert said["brand"] == "compte de la marque Macron"
    assert {e["source"]: e["said"] for e in english["profile"]["evidence"]}["brand"] == (
        "account of brand Macron"
    )


def test_profiling_an_empty_workspace_says_what_to_do_first(cli, english) -> None:
    assert cli("init", str(cli.root), workspace=None)[0] == 0
    code, _, err = cli("--lang", "fr", "influence", "profile")
    assert code == 0
    assert "Aucun acteur à profiler : aucun document importé n'a d'auteur" in err
    assert "0 acteurs profilés : \n" not in err  # was a count of nobody and an empty list
