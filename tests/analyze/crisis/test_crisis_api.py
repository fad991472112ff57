"""The crisis service through the REST API: incidents, lifecycle, and the crisis analysis."""

from __future__ import annotations

from datetime import datetime

import pytest
from fastapi.testclient import TestClient

from influscope.serve.api.app import create_app
from influscope.workspace import Workspace


@pytest.fixture(scope="module")
def api(crisis_demo: Workspace):
    tokens = {
        role: crisis_demo.accounts.add(
            name, role, token=True, password="correct horse battery"
        ).token
        for name, role in (("ana", "analyst"), ("vic", "viewer"))
    }
    client = TestClient(create_app(crisis_demo), raise_server_exceptions=False)
    return client, {r: {"Authorization": f"Bearer {t}"} for r, t in tokens.items()}


def test_incidents_lifecycle_and_crisis_analysis(api, truth: dict) -> None:
    client, auth = api
    listed = client.get("/api/incidents?limit=100", headers=auth["viewer"])
    assert listed.status_code == 200
    items = listed.json()["items"]
    rumour_at = datetime.fromisoformat(truth["rumour"]["start"].replace("Z", ""))
    rumour = [
        i
        for i in items
        if datetime.fromisoformat(i["window_start"])
        <= rumour_at
        <= datetime.fromisoformat(i["window_end"])
    ]
    assert len(rumour) == 1
    incident_id = rumour[0]["incident_id"]
    shown = client.get(f"/api/incidents/{incident_id}", headers=auth["viewer"]).json()
    assert shown["alerts"] and shown["timeline"][0]["kind"] == "opened"
    analysis = client.get(
        f"/api/incidents/{incident_id}/crisis",
        params={"query": truth["bad_buzz"]["crisis_queries"]},
        headers=auth["viewer"],
    )
    assert analysis.status_code == 200, analysis.text
    body = analysis.json()
    assert body["attack"]["origin"] == truth["rumour"]["root"]
    defenders = {d["actor_id"] for d in body["defenders"]["actors"]}
    planted = set(truth["rumour"]["defenders"])
    assert len(defenders & planted) / len(planted) >= 0.9
    assert 0 < body["defenders"]["share_of_voice"] < 1
    assert body["cascade"]["origin"] == truth["rumour"]["root"]
    assert all(q["best_owned_rank"] is None for q in body["riposte"]["queries"])
    burst = set(truth["coordinated_burst"]["accounts"])
    grouped = {a for g in body["coordination"]["groups"] for a in g["accounts"]}
    assert len(grouped & burst) / len(burst) >= 0.9
    # a viewer reads but does not act; an analyst acknowledges and notes
    assert (
        client.post(f"/api/incidents/{incident_id}/ack", headers=auth["viewer"]).status_code == 403
    )
    acked = client.post(f"/api/incidents/{incident_id}/ack", headers=auth["analyst"]).json()
    assert acked["state"] == "acknowledged"
    noted = client.post(
        f"/api/incidents/{incident_id}/note",
        json={"text": "Démenti publié"},
        headers=auth["analyst"],
    ).json()
    assert noted["timeline"][-1]["kind"] == "note" and noted["timeline"][-1]["by_user"] == "ana"
    again = client.post(f"/api/incidents/{incident_id}/ack", headers=auth["analyst"])
    assert again.status_code in (400, 409) and again.json()["ok"] is False
    assert client.get("/api/incidents/nope", headers=auth["viewer"]).status_code == 404


def test_crisis_report_as_pdf_pages_and_pptx_slides(
    crisis_demo: Workspace, truth: dict, tmp_path
) -> None:
    import subprocess

    from pptx import Presentation

    from influscope.serve.reports.crisis import write_crisis_pdf, write_crisis_pptx

    rumour_at = datetime.fromisoformat(truth["rumour"]["start"].replace("Z", ""))
    incident_id = next(
        i.incident_id
        for i in crisis_demo.crisis.incidents(limit=100)
        if i.window_start <= rumour_at <= i.window_end
    )
    incident = crisis_demo.crisis.incident(incident_id)
    analysis = crisis_demo.crisis.analyse(incident_id, queries=truth["bad_buzz"]["crisis_queries"])
    pdf, deck = tmp_path / "crisis.pdf", tmp_path / "crisis.pptx"
    write_crisis_pdf(incident, analysis, pdf, "fr", True)
    write_crisis_pptx(incident, analysis, deck, "en", True)
    subprocess.run(["pdftoppm", "-png", "-r", "60", str(pdf), str(tmp_path / "page")], check=True)
    pages = sorted(tmp_path.glob("page*.png"))
    assert pages and all(p.stat().st_size > 5_000 for p in pages)
    text = subprocess.run(
        ["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True
    ).stdout
    assert "Rapport de crise" in text and "Part de voix des défenseurs" in text
    assert "aucune page de l'entreprise dans le top 10" in text
    assert truth["rumour"]["root_author"] in text
    slides = Presentation(str(deck)).slides
    titles = [s.shapes.title.text for s in slides]
    assert titles[0].startswith("Crisis report") and "Defenders" in titles
    assert len(slides) == 6
    body = " ".join(sh.text_frame.text for s in slides for sh in s.shapes if sh.has_text_frame)
    assert "Defenders' share of voice" in body and "SIMULATED" in body.upper()


def test_claims_through_the_api(api, truth: dict) -> None:
    client, auth = api
    body = {"label": "Vernay closing", "origin": truth["rumour"]["root"]}
    assert client.post("/api/claims", json=body, headers=auth["viewer"]).status_code == 403
    made = client.post("/api/claims", json=body, headers=auth["analyst"])
    assert made.status_code == 200, made.text
    claim_id = made.json()["claim_id"]
    debunked = client.post(
        f"/api/claims/{claim_id}/debunk",
        json={"links": [truth["rumour"]["denial_page"]], "at": truth["rumour"]["start"]},
        headers=auth["analyst"],
    )
    assert debunked.status_code == 200 and debunked.json()["verdict"] == "false", debunked.text
    spread = client.get(f"/api/claims/{claim_id}/spread", headers=auth["viewer"]).json()
    # debunked at the very start: everything after the root is after the debunk
    assert spread["spread"]["before"] == 0 and spread["spread"]["after"] >= 1
    assert spread["spread"]["denials_after"] >= 1
    listed = client.get("/api/claims", headers=auth["viewer"]).json()
    assert claim_id in {c["claim_id"] for c in listed["items"]}
    bad = client.post(
        "/api/claims", json={"label": "x", "query": "(a AND"}, headers=auth["analyst"]
    )
    assert bad.status_code in (400, 422) and bad.json()["ok"] is False
    assert client.get("/api/claims/nope/spread", headers=auth["viewer"]).status_code == 404


def test_incident_titles_in_the_readers_language(api) -> None:
    """The dashboard's incident selector reads titles in words, programs read the codes."""
    client, auth = api
    stored = client.get("/api/incidents?limit=100", headers=auth["viewer"]).json()["items"]
    titled = [item for item in stored if item["title"]]
    assert titled, stored
    codes = titled[0]["title"]
    assert " — " in codes and ":" in codes.split(" — ")[0]  # brand:X — detector codes
    for lang in ("fr", "en"):
        said = client.get(f"/api/incidents?limit=100&lang={lang}", headers=auth["viewer"])
        assert said.status_code == 200, said.text
        items = {item["incident_id"]: item["title"] for item in said.json()["items"]}
        words = items[titled[0]["incident_id"]]
        assert words != codes and ":" not in words and "_" not in words, (lang, words)
        one = client.get(f"/api/incidents/{titled[0]['incident_id']}?lang={lang}",
                         headers=auth["viewer"]).json()  # fmt: skip
        assert one["title"] == words
