"""Issue 15 served: the influence API (roles, audited writes), the report's figures, the dashboard page.

One SIMULATED demo workspace (its pipeline profiles actors, computes tiers
and imports the relationship log with the planted campaign) behind the real
app on loopback, driven by headless Chromium.
"""

from __future__ import annotations

import html
import re
import subprocess
from collections.abc import Iterator

import pytest

from influscope.workspace import Workspace
from tests.loopback import served
from tests.serve.conftest import PASSWORD, PATIENCE_MS, Site, wait_ready

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Site]:
    ws = Workspace.build_demo(tmp_path_factory.mktemp("influence-web") / "ws", scale=4_000, seed=11)
    steps = ws.demo.pipeline()
    assert [s.status for s in steps] == ["ok"] * len(steps), steps
    # The report reads the axis' own map and journey, computing them when none is
    # stored; stored first, the API and the report read the same ones.
    ws.maps.compute(axis="emploi-competences")
    ws.journeys.compute(axis="emploi-competences")
    tokens = {}
    for name, role in (("ada", "admin"), ("ana", "analyst"), ("vic", "viewer")):
        tokens[role] = ws.accounts.add(name, role, token=True, password=PASSWORD).token
    yield Site(ws, tokens)
    ws.close()


@pytest.fixture(scope="module")
def app(site: Site):
    from influscope.serve.api.app import create_app

    # Generous: these tests read answers (worth, advocacy, ROI and figures are jobs, 202 meanwhile).
    app = create_app(site.ws, job_wait=120)
    yield app
    app.state.jobs.stop()  # before the module's workspace closes under a running job


@pytest.fixture(scope="module")
def client(app):
    from fastapi.testclient import TestClient

    return TestClient(app, raise_server_exceptions=False)


@pytest.fixture(scope="module")
def server(app) -> Iterator[str]:
    with served(app) as base:
        yield base


def test_tiers_profiles_and_the_campaign_through_the_api(client, site: Site) -> None:
    tiers = client.get("/api/influence/tiers?limit=1000", headers=site.auth("viewer")).json()
    by_id = {r["actor_id"]: r for r in tiers["items"]}
    assert by_id["twitter:maelle_cobot"]["tier"] == "affinity"
    assert by_id["twitter:maelle_cobot"]["reasons"][0]["code"] == "position"
    profiles = client.get(
        "/api/influence/profiles?kind=company", headers=site.auth("viewer")
    ).json()
    assert "twitter:ardent_industrie" in {p["actor_id"] for p in profiles["items"]}
    roi = client.get(
        "/api/influence/roi?axis=emploi-competences", headers=site.auth("viewer")
    ).json()
    effect = _campaign(roi, "Apprentissage 2026")
    assert effect["low"] <= effect["effect"] <= effect["high"] and effect["campaign_periods"] == 20
    assert roi["acceptability"]["index"] is not None


def test_openapi_declares_the_influence_shapes_and_answers_match(client, site: Site) -> None:
    from pydantic import TypeAdapter

    from influscope.analyze.advocacy.program import AdvocacyReport
    from influscope.analyze.influence.stored import StoredTier
    from influscope.analyze.profiles.stored import ProfilePage
    from influscope.analyze.relations.worth import WorthRow
    from influscope.analyze.roi.report import ReturnOnInfluence
    from influscope.serve.api.responses import Page
    from influscope.store.relationships import RelationshipEntry

    doc = client.get("/openapi.json", headers=site.auth("viewer")).json()
    schemas = doc["components"]["schemas"]
    assert {
        "ReturnOnInfluence", "Acceptability", "CampaignEffect", "ItsEstimate", "AdvocacyReport",
        "LeaderRow", "StoredTier", "WorthRow", "RelationshipEntry", "ProfilePage", "StoredProfile",
    } <= set(schemas)  # fmt: skip
    viewer = site.auth("viewer")
    for path, shape in (
        ("/api/influence/roi?axis=emploi-competences", ReturnOnInfluence),
        ("/api/influence/advocacy", AdvocacyReport),
        ("/api/influence/tiers?limit=5", Page[StoredTier]),
        ("/api/influence/worth?limit=5", Page[WorthRow]),
        ("/api/influence/relations", Page[RelationshipEntry]),
        ("/api/influence/profiles?limit=5", ProfilePage),
    ):
        body = client.get(path, headers=viewer).json()
        found = TypeAdapter(shape).validate_python(body)
        assert found is not None, path
    roi = TypeAdapter(ReturnOnInfluence).validate_python(
        client.get("/api/influence/roi?axis=emploi-competences", headers=viewer).json()
    )
    assert roi.campaign("Apprentissage 2026") is not None and roi.share_of_voice[0].brand
    page = TypeAdapter(ProfilePage).validate_python(
        client.get("/api/influence/profiles?limit=5", headers=viewer).json()
    )
    assert len(page.items) == 5 and page.total > 5 and page.items[0].evidence


def test_relationship_writes_are_audited_and_role_checked(client, site: Site) -> None:
    entry = {
        "actor_id": "twitter:oevans",
        "date": "2026-10-20",
        "kind": "rencontre",
        "owner": "ana",
    }
    assert (
        client.post("/api/influence/relations", json=entry, headers=site.auth("viewer")).status_code
        == 403
    )
    saved = client.post("/api/influence/relations", json=entry, headers=site.auth("analyst"))
    assert saved.status_code == 200, saved.text
    row = saved.json()
    assert row["kind"] == "meeting" and row["updated_by"] == "ana"
    bad = client.post(
        "/api/influence/relations", json=entry | {"kind": "dinner"}, headers=site.auth("analyst")
    )
    assert bad.status_code == 400 and "kind" in bad.json()["error"]
    audit = client.get(
        f"/api/influence/relations/audit?relation_id={row['relation_id']}",
        headers=site.auth("viewer"),
    ).json()
    assert [(a["action"], a["by_user"], a["via"]) for a in audit["items"]] == [
        ("create", "ana", "api")
    ]
    gone = client.delete(
        f"/api/influence/relations/{row['relation_id']}", headers=site.auth("analyst")
    )
    assert gone.status_code == 200
    audit = client.get(
        f"/api/influence/relations/audit?relation_id={row['relation_id']}",
        headers=site.auth("viewer"),
    ).json()
    assert [a["action"] for a in audit["items"]] == ["create", "delete"]


def test_leaderboard_is_pseudonymised_outside_admins(client, site: Site) -> None:
    seen = client.get("/api/influence/advocacy", headers=site.auth("analyst")).json()
    assert seen["pseudonymised"] and all(r["actor_id"] is None for r in seen["leaderboard"])
    admin = client.get("/api/influence/advocacy", headers=site.auth("admin")).json()
    assert not admin["pseudonymised"] and all(r["actor_id"] for r in admin["leaderboard"])
    assert [r["own_words"] for r in admin["leaderboard"]] == [
        r["own_words"] for r in seen["leaderboard"]
    ]


def _campaign(roi: dict, name: str) -> dict:
    """The estimate of the campaign called ``name`` in an ROI answer."""
    found = [c["estimate"] for c in roi["campaigns"] if c["name"] == name]
    assert len(found) == 1, roi["campaigns"]
    return found[0]


def _cells(page: str, table: str) -> dict[str, str]:
    block = re.search(rf'<table[^>]*id="{table}">(.*?)</table>', page, re.S)
    assert block, table
    found = re.findall(r"<tr><td>(.*?)</td><td[^>]*>(.*?)</td></tr>", block.group(1), re.S)
    return {html.unescape(k): html.unescape(v) for k, v in found}


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_report_figures_equal_the_api(client, site: Site, tmp_path, lang: str) -> None:
    from influscope.serve.formats import number, percent
    from influscope.serve.i18n import nt, t
    from influscope.serve.labels import label as label_of

    out = site.ws.reports.write(
        axis="emploi-competences", fmt="html", out=tmp_path / "r.html", lang=lang
    )
    cells = _cells(out.read_text(encoding="utf-8"), "influence-kpis")
    # Every tier's leaders, as the API lists them (a map led by macro voices is not "—").
    people = _cells(out.read_text(encoding="utf-8"), "influencers")
    listed = client.get(
        "/api/influence/tiers?axis=emploi-competences&limit=1000", headers=site.auth("viewer")
    ).json()["items"]
    for tier in ("mainstream", "macro", "affinity", "micro"):
        names = [r["name"] or r["actor_id"] for r in listed if r["tier"] == tier][:5]
        assert people[label_of("tier", tier, lang)] == (", ".join(names) or "—"), tier
    assert any(r["tier"] == "macro" for r in listed)
    roi = client.get(
        "/api/influence/roi?axis=emploi-competences", headers=site.auth("viewer")
    ).json()
    accept = roi["acceptability"]

    def pct(value: float) -> str:  # the report's language decides: 76,0 % or 76.0%
        return percent(value, lang)

    assert (
        cells[t("Social acceptability", lang)]
        == f"{pct(accept['index'])} [{pct(accept['low'])} – {pct(accept['high'])}]"
    )
    brand = roi["brand"]
    label = t("Share of journey encounters: {brand}", lang, brand=brand)
    assert cells[label] == pct(roi["journey_share"][brand])
    effect = _campaign(roi, "Apprentissage 2026")
    shown = cells[t("Campaign: {name}", lang, name="Apprentissage 2026")]
    assert all(number(effect[k], lang, 2) in shown for k in ("effect", "low", "high")), shown
    advocacy = client.get(
        "/api/influence/advocacy?axis=emploi-competences", headers=site.auth("viewer")
    ).json()
    assert cells[t("Own words", lang)] == pct(advocacy["originality"])
    defence = roi["defenders"]
    assert defence["incidents"] >= 1 and defence["defenders"] >= 1
    defence_share = pct(defence["share_of_voice"])
    assert cells[t("Defenders' share of voice during incidents", lang)] == defence_share
    assert cells[t("Defenders in incidents", lang)] == (
        nt("{count} defender", "{count} defenders", defence["defenders"], lang)
        + " · "
        + nt("{count} incident", "{count} incidents", defence["incidents"], lang)
    )
    assert cells[t("Who defended", lang)] == " · ".join(
        f"{label_of('defender', k, lang)} {v}" for k, v in defence["by_relation"].items()
    )
    pptx = site.ws.reports.write(
        axis="emploi-competences", fmt="pptx", out=tmp_path / "r.pptx", lang=lang
    )
    from pptx import Presentation

    def flat(value: str) -> str:  # the deck breaks long cells: compare without any spacing
        return "".join(value.split())

    rows = [
        [flat(cell.text) for cell in row.cells]
        for slide in Presentation(str(pptx)).slides
        for shape in slide.shapes
        if shape.has_table
        for row in shape.table.rows
    ]
    assert [
        flat(t("Social acceptability", lang)),
        flat(cells[t("Social acceptability", lang)]),
    ] in rows
    assert [flat(t("Own words", lang)), flat(pct(advocacy["originality"]))] in rows
    assert [
        flat(t("Defenders' share of voice during incidents", lang)),
        flat(defence_share),
    ] in rows
    # The quarterly PDF prints the same figures.
    pdf = site.ws.reports.write(
        axis="emploi-competences", period="2026-Q4", fmt="pdf", out=tmp_path / "r.pdf", lang=lang
    )
    text = subprocess.run(
        ["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True
    ).stdout

    def spaced(value: str) -> str:  # pdftotext writes the narrow no-break space as a space
        return value.replace("\u202f", " ").replace("\xa0", " ")

    text = spaced(text)
    # ... of its quarter: the API's answer for that period
    quarter = client.get(
        "/api/influence/roi?axis=emploi-competences&period=2026-Q4", headers=site.auth("viewer")
    ).json()
    assert quarter["within"] == "2026-Q4"
    assert {r["period"] for r in quarter["share_of_voice"]} < {
        r["period"] for r in roi["share_of_voice"]
    }
    assert t("Social acceptability", lang) in text
    assert spaced(pct(quarter["acceptability"]["index"])) in text
    assert (
        number(effect["effect"], lang, 2) in text and spaced(pct(advocacy["originality"])) in text
    )
    assert t("Defenders in incidents", lang) in text
    assert spaced(pct(quarter["defenders"]["share_of_voice"])) in text


def test_the_planted_defenders_are_in_the_return_on_influence(client, site: Site) -> None:
    """The crisis analysis' defenders of the planted rumour, counted in the ROI and agreeing with it."""
    import json

    truth = json.loads((site.ws.root / "demo-input" / "ground_truth.json").read_text())
    viewer = site.auth("viewer")
    defence = client.get("/api/influence/roi", headers=viewer).json()["defenders"]
    found = {a["actor_id"]: a for a in defence["actors"]}
    planted = set(truth["rumour"]["defenders"])
    assert len(planted & set(found)) >= 0.9 * len(planted)
    assert 0 < defence["share_of_voice"] < 1 and defence["conversation"] > defence["documents"]
    assert sum(defence["by_relation"].values()) == defence["defenders"] == len(found)
    assert defence["by_relation"]["ally"] >= 1 and defence["by_relation"]["owned"] >= 1
    rumour_month = truth["rumour"]["start"][:7] + "-01"
    month = next(p for p in defence["periods"] if p["period"] == rumour_month)
    assert month["defenders"] >= 0.9 * len(planted)
    assert sum(p["incidents"] for p in defence["periods"]) == defence["incidents"]
    # the crisis page's defenders of the rumour's incident are the ROI's
    incidents = client.get("/api/incidents?limit=100", headers=viewer).json()["items"]
    analyses = [
        client.get(f"/api/incidents/{i['incident_id']}/crisis", headers=viewer).json()
        for i in incidents
    ]
    crisis = next(
        a for a in analyses if (a["attack"] or {}).get("origin") == truth["rumour"]["root"]
    )
    crisis_defenders = {d["actor_id"]: d["relation"] for d in crisis["defenders"]["actors"]}
    assert {a: found[a]["relation"] for a in crisis_defenders} == crisis_defenders
    # on an axis, only its actors count
    axis = client.get("/api/influence/roi?axis=emploi-competences", headers=viewer).json()
    on_axis = {a["actor_id"] for a in axis["defenders"]["actors"]}
    assert on_axis <= set(found) and axis["defenders"]["incidents"] == defence["incidents"]


WORDS = {
    "fr": {
        "tier": "affinitaire",
        "saved": "Enregistré.",
        "community": "communauté",
        "actor": "ben_brown",
        "kind": "influenceur",
        "ally": "allié",
    },
    "en": {
        "tier": "affinity",
        "saved": "Saved.",
        "community": "community",
        "actor": "oevans",
        "kind": "influencer",
        "ally": "ally",
    },
}


def _signed_in(browser, server, path: str):
    """A new browser context's page, logged in as the analyst, open at ``path`` once ready."""
    context = browser.new_context(base_url=server, viewport={"width": 1280, "height": 900})
    context.set_default_timeout(PATIENCE_MS)
    page = context.new_page()
    page.goto("/login")
    page.fill("input[name=name]", "ana")
    page.fill("input[name=password]", PASSWORD)
    page.click("#login-button")
    page.wait_for_url("**/")
    page.goto(path)
    wait_ready(page, page.url)
    return context, page


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_influence_page_in_the_browser(browser, server, app, site: Site, lang: str) -> None:
    from influscope.serve.i18n import t
    from tests.serve.test_browser import PROBE

    words = WORDS[lang]

    context = browser.new_context(base_url=server, viewport={"width": 1280, "height": 900})
    context.set_default_timeout(PATIENCE_MS)
    page = context.new_page()
    problems: list[str] = []
    page.on("pageerror", lambda error: problems.append(str(error)))
    page.goto("/login")
    page.fill("input[name=name]", "ana")
    page.fill("input[name=password]", PASSWORD)
    page.click("#login-button")
    page.wait_for_url("**/")
    page.goto(f"/influence?lang={lang}")
    wait_ready(page, page.url)
    page.wait_for_load_state("networkidle")
    assert problems == [] and page.locator(".error").count() == 0
    assert page.evaluate(PROBE) == {"xss": 0, "bad": [], "inlineScripts": 0, "svgInBody": 0}
    assert "Maëlle Kerbrat" in page.inner_text("#tiers")
    assert words["tier"] in page.inner_text("#tiers")
    assert t("Tiers by position", lang) in page.inner_text("main")
    assert "Apprentissage 2026" in page.inner_text("#roi")
    with app.state.workspace.store.lock:
        accept = site.ws.influence.roi(None).acceptability.index
    assert accept is not None
    shown = page.inner_text("[data-kpi=acceptability] strong")
    assert shown.replace("\u202f", " ").replace(",", ".").startswith(f"{accept * 100:.1f}")
    assert "emp-" in page.inner_text("#advocacy")  # an analyst sees pseudonyms
    with app.state.workspace.store.lock:
        defence = site.ws.influence.roi(None).defenders
    assert defence is not None and defence.defenders > 0
    shown = page.inner_text("#roi-defence")
    assert t("Defenders in incidents", lang) in shown and words["ally"] in shown
    assert page.inner_text("[data-kpi=defenders] strong") == str(defence.defenders)
    # Log a meeting from the page: it lands in the log, audited as a dashboard write.
    page.fill("#relation-form input[name=actor_id]", f"twitter:{words['actor']}")
    page.fill("#relation-form input[name=date]", "2026-11-02")
    page.select_option("#relation-form select[name=kind]", "meeting")
    page.click("#relation-form button[type=submit]")
    page.wait_for_function(
        "() => document.getElementById('relation-status').textContent.length > 0"
    )
    assert page.inner_text("#relation-status") == words["saved"]
    page.wait_for_function(
        "name => document.getElementById('relations').textContent.includes(name)",
        arg=words["actor"],
    )
    with app.state.workspace.store.lock:
        trail = site.ws.influence.relation_audit()
    assert trail[-1].via == "dashboard" and trail[-1].by_user == "ana"
    assert (trail[-1].action, trail[-1].actor_id) == ("create", f"twitter:{words['actor']}")
    # ... and deleting it from the page is audited too.
    created = trail[-1].relation_id
    page.click(f"#relations button[data-delete='{created}']")
    page.wait_for_function(
        "id => !document.querySelector(`#relations button[data-delete='${id}']`)", arg=created
    )
    with app.state.workspace.store.lock:
        last = site.ws.influence.relation_audit(created)[-1]
    assert (last.action, last.via, last.by_user) == ("delete", "dashboard", "ana")
    # The actor card: kind with its evidence, tier with its reasons, the relationship log.
    page.goto(f"/actors/twitter%3Amaelle_cobot?lang={lang}")
    wait_ready(page, page.url)
    page.wait_for_function("() => document.getElementById('influence').textContent.length > 0")
    panel = page.inner_text("#influence") + page.inner_text("#relationship")
    kind = words["kind"]
    assert kind in panel and words["tier"] in panel and words["community"] in panel
    assert "Inviter au salon de Vernay" in panel  # the next step of the planted campaign
    # The company's own account: its kind's clue is a sentence in the page's language.
    page.goto(f"/actors/twitter%3Aardent_industrie?lang={lang}")
    wait_ready(page, page.url)
    page.wait_for_selector("#influence .evidence")
    clues = page.inner_text("#influence .evidence")
    assert t("account of brand {brand}", lang, brand="Ardent Industrie") in clues
    assert lang == "en" or "account of brand" not in clues
    assert problems == [] and page.locator(".error").count() == 0
    context.close()


def test_advocacy_without_a_roster_says_how_to_start(
    browser, server, app, site: Site, monkeypatch
) -> None:
    """No roster: the panel shows the way in, not "0 %" of citations by nobody known."""
    from dataclasses import replace

    real = site.ws.influence.advocacy
    monkeypatch.setattr(
        site.ws.influence, "advocacy", lambda *a, **k: replace(real(*a, **k), roster=0)
    )
    with app.state.workspace.store.lock:
        app.state.cache.clear()
    context, page = _signed_in(browser, server, "/influence?lang=en")
    try:
        page.wait_for_selector("#advocacy-no-roster")
        assert "ingest roster" in page.inner_text("#advocacy")
        assert page.locator("#advocacy [data-kpi=sov_contribution]").count() == 0
    finally:
        context.close()
        with app.state.workspace.store.lock:
            app.state.cache.clear()
