"""The dashboard in real headless Chromium (Debian's, driven by Playwright): every page, the map
filters, acknowledging an alert, and XSS payloads that must stay text everywhere."""

from __future__ import annotations

import json

import pytest

from tests.serve import webdata
from tests.serve.conftest import ARTIFACTS, PASSWORD, PATIENCE_MS, wait_ready

pytestmark = pytest.mark.browser
# Counts what the page would let an injected payload do: any inline script or
# handler sets window.__xss; dialogs are recorded by Playwright.
PROBE = """() => {
  const bad = [];
  for (const node of document.querySelectorAll('*')) {
    for (const attr of node.attributes) {
      if (attr.name.startsWith('on')) bad.push(node.tagName + ' ' + attr.name);
      if (['href', 'src', 'action', 'xlink:href'].includes(attr.name) && /^\\s*javascript:/i.test(attr.value)) bad.push(node.tagName + ' ' + attr.name);
    }
  }
  const scripts = [...document.querySelectorAll('script')].filter((s) => !s.src && s.type !== 'application/json');
  return { xss: window.__xss || 0, bad, inlineScripts: scripts.length, svgInBody: document.querySelectorAll('main svg [onload], main svg script').length };
}"""


@pytest.fixture
def page(browser, server):
    context = browser.new_context(base_url=server, viewport={"width": 1280, "height": 900})
    context.set_default_timeout(PATIENCE_MS)
    page = context.new_page()
    page.dialogs = []
    page.problems = []
    page.on("dialog", lambda dialog: (page.dialogs.append(dialog.message), dialog.dismiss()))
    page.on("pageerror", lambda error: page.problems.append(f"pageerror: {error}"))
    page.on(
        "console",
        lambda msg: (
            page.problems.append(msg.text) if "Content Security Policy" in msg.text else None
        ),
    )
    yield page
    context.close()


class locked:
    """The workspace's services, called under the store's write lock (the server writes too)."""

    def __init__(self, app, site):
        self.app, self.ws = app, site.ws

    def __getattr__(self, name):
        found = getattr(self.ws, name)
        if not callable(found):  # a service (or the store): its methods are locked too
            return locked_part(self.app, found)

        def call(*args, **kwargs):
            with self.app.state.workspace.store.lock:
                return found(*args, **kwargs)

        return call


class locked_part(locked):
    def __init__(self, app, part):
        self.app, self.ws = app, part


def map_nodes(app, site):
    from influscope.serve.api.communities import as_graph

    return as_graph(locked(app, site).maps.compute(), 1_000_000, 0)["nodes"]


def login(page, name: str = "ana") -> None:
    response = page.goto("/")
    assert response.status == 401
    page.fill("input[name=name]", name)
    page.fill("input[name=password]", PASSWORD)
    page.click("#login-button")
    page.wait_for_url("**/")


def settle(page, shot: str, errors_ok: bool = False) -> dict:
    wait_ready(page, shot)
    page.wait_for_load_state("networkidle")
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"{shot}.png"), full_page=True)
    probe = page.evaluate(PROBE)
    assert probe == {"xss": 0, "bad": [], "inlineScripts": 0, "svgInBody": 0}, (shot, probe)
    assert page.dialogs == [], (shot, page.dialogs)
    assert page.problems == [], (shot, page.problems)
    if not errors_ok:
        assert page.locator(".error").count() == 0, (shot, page.locator(".error").all_inner_texts())
    return probe


def test_login_and_every_page(page, site, app):
    login(page)
    settle(page, "overview")
    assert "L'usine du futur" in page.inner_text("#kpis")
    assert page.locator("#kpis table.data").count() == 1  # share of voice vs competitors
    assert page.locator("#volume-chart svg").count() == 1

    page.goto("/axes/usine")
    settle(page, "axis")  # the axis' journey (filtered by the query language) included
    assert page.locator("#sov-chart svg").count() == 1
    assert page.locator("#journey-chart svg").count() == 1
    assert page.locator("#journey-table tbody tr").count() >= 1
    # what the weights rest on, above them as on the journey page
    assert page.inner_text("#journey-table #journey-basis").startswith("Based on ")
    # One journey-weight scale everywhere: a share of encounters shown as a percentage.
    weights = page.locator("#journey-table tbody tr td:nth-child(2)").all_inner_texts()
    assert weights and all(w.endswith("%") for w in weights), weights
    assert "100%" in page.inner_text("#journey-weight-help")  # English: no space
    themes = page.inner_text("#themes")
    # Themes per sub-conversation, each named by its words (never "Sub-conversation -1"),
    # and never the axis' own query word ("usine") as a theme.
    assert "Sub-conversation" in themes and "Whole axis" in themes and "-1" not in themes
    terms = page.locator("#themes tbody tr td:nth-child(1)").all_inner_texts()
    assert "futur" in terms and "usine" not in terms, terms

    page.goto("/journey")
    settle(page, "journey")
    page.wait_for_function("() => document.querySelector('#queries-chart').dataset.rendered")
    queries = page.locator("#queries-chart svg text").all_text_contents()
    assert any("usine du futur" in text for text in queries), queries  # one bar per query
    shown = page.locator("#weights tbody tr td:nth-child(3)").all_inner_texts()  # after the kind
    stored = [r["journey_weight"] for r in locked(app, site).journeys.stored()][: len(shown)]
    assert shown == [f"{100 * w:.1f}%" if w >= 0.001 else f"{100 * w:.3f}%" for w in stored]
    basis = locked(app, site).journeys.stored_run()["basis"]
    assert basis is not None and not basis.thin  # queries with result pages
    assert page.inner_text("#journey-basis") == (
        f"Based on {basis.searches} searches with result pages"
        f" and {round(basis.social):,} social entries."
    )
    assert page.locator("#journey-thin").count() == 0

    page.goto("/sources")
    settle(page, "sources")
    assert "news-fr" in page.inner_text("#sources")

    page.goto("/documents")
    settle(page, "documents")
    page.fill("#doc-q", "Rival")
    page.click("#doc-search button")
    expected = locked(app, site).sov.count("Rival")
    page.wait_for_function(
        "(n) => document.querySelector('#documents p').textContent"
        " .endsWith(` of ${n.toLocaleString('en-US')} documents`)",  # "1–50 of 75 documents"
        arg=expected,
    )
    assert expected > 0

    page.goto("/?lang=fr")
    settle(page, "overview-fr")
    assert page.inner_text("header nav").startswith("Vue d'ensemble")


def test_map_filters_search_and_click(page, site, app):
    login(page)
    page.goto("/map")
    settle(page, "map")
    total = int(page.get_attribute("#map", "data-nodes"))
    assert total == locked(app, site).store.count("actors")
    assert page.locator("#map canvas").count() >= 1
    assert page.get_attribute("#map", "data-order") == str(total)
    assert page.get_attribute("#map", "data-hidden") == "0"
    page.select_option("#map-colour", "stance")
    page.select_option("#map-filter-field", "stance")
    nodes = map_nodes(app, site)
    stances = sorted({n["stance"] for n in nodes if n.get("stance")})
    chosen = max(stances, key=lambda v: sum(1 for n in nodes if n.get("stance") == v))
    page.select_option("#map-filter-value", chosen)
    shown = int(page.get_attribute("#map", "data-shown"))
    allies = sum(1 for n in nodes if str(n.get("stance")) == chosen)
    assert shown == allies and (shown < total or len(stances) == 1)
    # The filter hid nodes through the reducer: same graph (one build, same
    # order), the hidden count is what the filter left out.
    assert page.get_attribute("#map", "data-builds") == "1"
    assert page.get_attribute("#map", "data-order") == str(total)
    assert int(page.get_attribute("#map", "data-hidden")) == total - allies > 0
    cut = sorted(n.get("weight") or 0 for n in nodes)[len(nodes) // 2]
    page.fill("#map-min-weight", str(cut))
    page.dispatch_event("#map-min-weight", "input")
    heavy = sum(
        1 for n in nodes if str(n.get("stance")) == chosen and (n.get("weight") or 0) >= cut
    )
    assert int(page.get_attribute("#map", "data-shown")) == heavy
    page.screenshot(path=str(ARTIFACTS / "map-filtered.png"))
    page.fill("#map-min-weight", "0")
    page.dispatch_event("#map-min-weight", "input")
    page.select_option("#map-filter-field", "")
    assert page.get_attribute("#map", "data-hidden") == "0"
    # The payload name reaches the hover card, the legend and the search list as text.
    page.fill("#map-search", webdata.XSS_ACTOR)
    page.press("#map-search", "Enter")
    page.wait_for_function(
        "(id) => document.getElementById('map').dataset.highlight === id", arg=webdata.XSS_ACTOR
    )
    assert page.inner_text("#map-hover h3") == webdata.XSS_NAME
    assert page.evaluate(PROBE) == {"xss": 0, "bad": [], "inlineScripts": 0, "svgInBody": 0}
    assert page.dialogs == []
    page.fill("#map-search", "User 7")
    page.press("#map-search", "Enter")
    page.wait_for_function(
        "() => document.getElementById('map').dataset.highlight === 'twitter:user7'"
    )
    assert "User 7" in page.inner_text("#map-hover")
    # The search centred the camera on the node: once the move is over, pointing
    # at the centre finds it (the picking layer is drawn again after a move).
    page.wait_for_timeout(800)
    box = page.locator("#map canvas.sigma-mouse").bounding_box()
    page.mouse.move(box["x"] + box["width"] / 2 - 30, box["y"] + box["height"] / 2)
    page.mouse.move(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2, steps=3)
    page.wait_for_function(
        "() => document.getElementById('map').dataset.hovered === 'twitter:user7'",
        timeout=5_000,
    )
    page.click("#map-hover a")
    page.wait_for_url("**/actors/twitter%3Auser7")
    settle(page, "actor-from-map")


def test_map_categories_are_text(page, site, app, monkeypatch):
    """Community, stance, kind and role labels come from data: legend and filters show them as text."""
    payload = webdata.XSS_NAME
    nodes = [
        {
            "actor_id": f"twitter:p{i}",
            "name": payload if i == 0 else f"P {i}",
            "community": i % 2,
            "community_label": payload if i % 2 else "plain",
            "stance": "ally",
            "kind": '<svg onload="window.__xss=1">',
            "role": "javascript:window.__xss=1",
            "weight": 1.0 / (i + 1),
            "x": float(i),
            "y": float(i % 3),
        }
        for i in range(6)
    ]
    graph = {"nodes": nodes, "edges": [{"source": "twitter:p0", "target": "twitter:p1"}]}
    with app.state.workspace.store.lock:
        monkeypatch.setattr(site.ws.maps, "stored", lambda axis=None, level="coarse", **_: graph)
        app.state.cache.clear()
    try:
        login(page)
        page.goto("/map")
        settle(page, "map-payload-labels")
        assert payload in page.inner_text("#map-legend")
        page.select_option("#map-colour", "kind")
        assert page.inner_text("#map-legend") == '<svg onload="window.__xss=1">'
        page.select_option("#map-filter-field", "role")
        options = page.locator("#map-filter-value option").all_inner_texts()
        assert "javascript:window.__xss=1" in options
        page.select_option("#map-filter-field", "community")
        page.select_option("#map-filter-value", payload)
        assert page.get_attribute("#map", "data-shown") == "3"
        page.fill("#map-search", "twitter:p0")
        page.press("#map-search", "Enter")
        page.wait_for_function("() => document.getElementById('map').dataset.highlight")
        assert page.inner_text("#map-hover h3") == payload
        settle(page, "map-payload-labels-after")
    finally:
        with app.state.workspace.store.lock:
            app.state.cache.clear()


def test_an_empty_map_says_what_it_is_drawn_from(page, site, app, monkeypatch):
    """No interaction in scope: the page says why there is no actor, not "0 actors shown"."""
    with app.state.workspace.store.lock:
        empty = {"nodes": [], "edges": []}
        monkeypatch.setattr(site.ws.maps, "stored", lambda axis=None, level="coarse", **_: empty)
        app.state.cache.clear()
    try:
        login(page)
        page.goto("/map")
        settle(page, "map-empty")
        assert page.get_attribute("#map", "data-nodes") == "0"
        assert page.inner_text("#map-count").startswith(
            "No actor on this map: it is drawn from the interactions between actors"
        )
    finally:
        with app.state.workspace.store.lock:
            app.state.cache.clear()


def test_a_document_without_author_or_time_shows_no_empty_slot(page, site, app, monkeypatch):
    """A bare text reads "no publication date · Twitter", not " ·  · Twitter"."""
    bare = {"doc_id": "twitter:1", "platform": "twitter", "text": "plain words"}
    listed = {"items": [bare], "total": 1, "limit": 50, "offset": 0}
    with app.state.workspace.store.lock:
        monkeypatch.setattr(site.ws.data, "documents", lambda *a, **k: listed)
        app.state.cache.clear()
    try:
        login(page)
        page.goto("/documents")
        settle(page, "documents-bare")
        assert page.inner_text(".doc-meta") == "no publication date · Twitter"
    finally:
        with app.state.workspace.store.lock:
            app.state.cache.clear()


def test_a_thin_journey_is_flagged_on_its_page(page, site, app, monkeypatch):
    """Weights resting on three reposts carry a warning above the table, in French too."""
    from influscope.analyze.journey.data import JourneyBasis

    thin = {"run_id": "r", "computed_at": None, "basis": JourneyBasis(0, 0, 3.0, 0)}
    with app.state.workspace.store.lock:
        monkeypatch.setattr(site.ws.journeys, "stored_run", lambda axis=None: thin)
        # A journey that met nobody: its chart says so instead of drawing bare axes.
        monkeypatch.setattr(site.ws.journeys, "stored", lambda axis=None, level="actor", **_: [])
        app.state.cache.clear()
    try:
        login(page)
        page.goto("/journey")
        settle(page, "journey-thin")
        page.wait_for_selector("#journey-thin")
        assert "Too few to weigh a journey" in page.inner_text("#journey-thin")
        assert page.inner_text("#journey-basis") == (
            "Based on 0 searches with result pages and 3 social entries."
        )
        assert page.get_attribute("#weights-chart", "data-empty") == "1"
        assert page.locator("#weights-chart svg").count() == 0
        assert page.inner_text("#weights-chart").startswith(
            "No actor is met on this journey: import search demand and result pages"
        )  # why, not "Nothing to show."
        assert page.locator("#queries-chart svg").count() == 1  # the demo's searches: drawn
        page.goto("/journey?lang=fr")
        settle(page, "journey-thin-fr")
        page.wait_for_selector("#journey-thin")
        assert "Trop peu de données" in page.inner_text("#journey-thin")
    finally:
        with app.state.workspace.store.lock:
            app.state.cache.clear()


def test_actor_card_shows_payloads_as_text(page):
    login(page)
    page.goto(f"/actors/{webdata.XSS_ACTOR}")
    settle(page, "actor-xss")
    assert page.inner_text("#profile h1") == webdata.XSS_NAME
    assert webdata.XSS_TEXT in page.inner_text("#documents")
    assert page.locator("#documents a[href]").count() == 0  # the javascript: URL is not a link
    assert webdata.XSS_TEXT in page.inner_text("#notes")
    page.goto("/actors/%3Cimg%20src%3Dx%20onerror%3D%22window.__xss%3D1%22%3E")
    settle(page, "actor-missing", errors_ok=True)
    assert page.locator("#profile p[data-status='404']").count() == 1
    page.goto("/no-such-page/%3Csvg%20onload%3Dalert(1)%3E")
    assert page.evaluate(PROBE) == {"xss": 0, "bad": [], "inlineScripts": 0, "svgInBody": 0}
    assert page.dialogs == []


def test_alerts_inbox_ack(page, site, app):
    login(page)
    page.goto("/alerts")
    settle(page, "alerts")
    card = page.locator("article.alert[data-alert='a1']")
    assert webdata.XSS_TEXT in card.locator(".explanation").inner_text()
    card.locator("summary").click()
    assert webdata.XSS_NAME in card.locator(".evidence").inner_text()
    card.locator("button.btn-ack").click()
    page.wait_for_selector("article.alert.state-acked[data-alert='a1']")
    assert locked(app, site).alerts.get("a1")["state"] == "acked"
    assert locked(app, site).alerts.get("a1")["state_by"] == "ana"
    settle(page, "alerts-acked")


def test_failing_rules_shown_above_the_inbox(page, site, app):
    """A rule the watch cannot run shows on the alerts page (its error is untrusted text)."""
    from influscope.store.status import FAILING_RULE

    login(page)
    page.goto("/alerts")
    settle(page, "alerts-no-failing-rule")
    assert page.locator("#failing-rules").is_hidden()
    failure = {
        "error": webdata.XSS_TEXT,
        "hint": "Check the brand",
        "since": "2026-12-01T10:00:00+00:00",
    }
    name = f"{FAILING_RULE}rival-spike"
    store = app.state.workspace.store
    with store.lock, store.transaction() as writer:
        writer.set_cursor(name, json.dumps(failure))
    try:
        page.goto("/alerts")
        settle(page, "alerts-failing-rule")
        section = page.locator("#failing-rules")
        assert section.is_visible()
        assert section.locator("h2").inner_text() == "Alert rules failing in the watch"
        cells = section.locator("tbody tr td").all_inner_texts()
        assert cells[:3] == ["rival-spike", webdata.XSS_TEXT, "Check the brand"]
        page.goto("/alerts?lang=fr")
        settle(page, "alerts-failing-rule-fr")
        assert section.locator("h2").inner_text() == "Règles d'alerte en échec dans la veille"
        assert section.locator("thead th").all_inner_texts()[-1] == "Depuis"
    finally:
        with store.lock, store.transaction() as writer:
            writer.set_cursor(name, "")


def test_viewer_cannot_ack(page, site, app):
    login(page, "vic")
    page.goto("/alerts")
    settle(page, "alerts-viewer")
    before = locked(app, site).alerts.get("a2")["state"]
    page.locator("article.alert[data-alert='a2'] button.btn-close").click()
    page.wait_for_selector("article.alert[data-alert='a2'] p[data-status='403']")
    assert locked(app, site).alerts.get("a2")["state"] == before


@pytest.mark.slow
def test_map_holds_50k_nodes(page, site, app, monkeypatch):
    import sys
    from pathlib import Path

    sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "bench"))
    from map_browser import graph

    big = graph(50_000)
    with app.state.workspace.store.lock:
        monkeypatch.setattr(site.ws.maps, "stored", lambda axis=None, level="coarse", **_: big)
        app.state.cache.clear()
    login(page)
    page.goto("/map")
    page.wait_for_function(
        "() => document.getElementById('map').dataset.nodes === '50000'", timeout=120_000
    )
    wait_ready(page, "map of 50,000 nodes")
    assert page.is_checked("#map-edges") is False  # edges start hidden above 20k nodes
    page.select_option("#map-filter-field", "stance", timeout=120_000)
    page.select_option("#map-filter-value", "detractor", timeout=120_000)
    expected = sum(1 for n in big["nodes"] if n["stance"] == "detractor")
    page.wait_for_function(
        "(n) => document.getElementById('map').dataset.shown === String(n)",
        arg=expected,
        timeout=120_000,
    )
    assert page.get_attribute("#map", "data-builds") == "1"
    assert page.get_attribute("#map", "data-order") == "50000"
    assert page.get_attribute("#map", "data-hidden") == str(50_000 - expected)
    page.screenshot(path=str(ARTIFACTS / "map-50k.png"))
    assert page.dialogs == [] and page.problems == []
    with app.state.workspace.store.lock:
        app.state.cache.clear()
