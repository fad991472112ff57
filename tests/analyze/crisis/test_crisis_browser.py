"""The crisis page in real headless Chromium: an incident's timeline, narratives, cascade, defenders, riposte."""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest

from influscope.serve.api.app import create_app
from influscope.workspace import Workspace
from tests.loopback import served
from tests.serve.conftest import ARTIFACTS, PATIENCE_MS, wait_ready

pytestmark = pytest.mark.browser
PASSWORD = "correct horse battery"


@pytest.fixture(scope="module")
def server(crisis_demo: Workspace):
    crisis_demo.accounts.add("bea", "analyst", password=PASSWORD)
    app = create_app(crisis_demo)
    with served(app) as base:
        yield base


def test_crisis_page_shows_the_rumour_incident_and_acknowledges_it(
    browser, server, crisis_demo: Workspace, truth: dict
) -> None:
    context = browser.new_context(base_url=server, viewport={"width": 1280, "height": 1400})
    context.set_default_timeout(PATIENCE_MS)
    page = context.new_page()
    problems: list[str] = []
    page.on("pageerror", lambda error: problems.append(str(error)))
    page.goto("/")
    page.fill("input[name=name]", "bea")
    page.fill("input[name=password]", PASSWORD)
    page.click("#login-button")
    page.wait_for_url("**/")
    page.goto("/crisis?lang=fr")
    wait_ready(page, "crisis")
    rumour_at = datetime.fromisoformat(truth["rumour"]["start"].replace("Z", ""))
    incident = next(
        i
        for i in crisis_demo.crisis.incidents(limit=100)
        if i.window_start <= rumour_at <= i.window_end
    )
    page.select_option("#incident", incident.incident_id)
    page.wait_for_selector("#defender-share", timeout=120_000)
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "crisis.png"), full_page=True)
    assert page.inner_text("h1") == "Crise"
    share = page.inner_text("#defender-share")
    assert share.endswith("%") and share != "0,0 %"
    defenders = page.locator("#defenders tbody tr").count()
    assert defenders >= 0.9 * len(truth["rumour"]["defenders"])
    assert truth["rumour"]["root_author"].split(":", 1)[1] in page.inner_text("#cascade")
    assert page.locator("#riposte tbody tr").count() >= 2
    assert page.locator("#narratives tbody tr").count() >= 2
    # The incident reads in French: words for severity, events and detectors, dates as dates.
    told = " ".join(
        page.inner_text(f"#{part}") for part in ("incident-timeline", "incident", "defenders")
    )
    for raw in ("critical", "negative_share", "opened", "merged", "employee", "T0", "T1", "T2"):
        assert raw not in told, (raw, told)
    assert "ouvert" in told or "pris en charge" in told or "résolu" in told
    # an added alert is named by its rule and detector, not its id
    full = crisis_demo.crisis.incident(incident.incident_id)
    timeline = page.inner_text("#incident-timeline")
    assert not any(a.alert_id in timeline for a in full.alerts), timeline
    assert all(a.rule in timeline for a in full.alerts)
    # the next step of its lifecycle (the API test may have acknowledged it already)
    verb, state = ("ack", "acknowledged") if incident.state == "open" else ("resolve", "resolved")
    page.click(f"#incident-timeline .btn-{verb}")
    page.wait_for_selector(f"#incident-timeline [data-state={state}]", timeout=120_000)
    assert crisis_demo.crisis.incident(incident.incident_id).state == state
    # the bad buzz's negative share reads as a share, beside its spikes' counts
    buzz_at = datetime.fromisoformat(truth["bad_buzz"]["start"].replace("Z", ""))
    buzz = next(
        i
        for i in crisis_demo.crisis.incidents(limit=100)
        if i.window_start <= buzz_at + timedelta(hours=6) <= i.window_end
    )
    page.select_option("#incident", buzz.incident_id)
    page.wait_for_selector("#defender-share", timeout=120_000)
    rows = page.locator("#incident-timeline table").nth(1).locator("tbody tr").all_inner_texts()
    shares = [r for r in rows if "part négative" in r]
    assert shares and all(r.rstrip().endswith("%") for r in shares), rows
    assert problems == []
    context.close()
