"""The REST API: one error shape, pagination, authentication on every route, roles, CSRF."""

from __future__ import annotations

import re

import pytest
from fastapi.routing import APIRoute

from influscope.errors import InfluscopeError
from influscope.serve.api.responses import error_body
from tests.serve.conftest import PASSWORD

PUBLIC = {("GET", "/api/health"), ("POST", "/login")}


def _walk(routes):
    for route in routes:
        included = getattr(route, "original_router", None)  # FastAPI >= 0.16x keeps routers whole
        if included is not None:
            yield from _walk(included.routes)
        else:
            yield route


def _routes(app) -> list[tuple[str, str]]:
    """Every (method, path) the app answers, walked from the app itself."""
    found = []
    for route in _walk(app.routes):
        if isinstance(route, APIRoute):
            for method in route.methods:
                if method != "HEAD":
                    found.append((method, route.path))
    return sorted(set(found))


def _concrete(path: str) -> str:
    return re.sub(r"\{(\w+)(:\w+)?\}", lambda m: {"fmt": "html"}.get(m.group(1), "a1"), path)


def _is_error_shape(body: dict, status: int) -> None:
    assert body["ok"] is False
    assert body["status"] == status
    assert isinstance(body["error"], str) and body["error"]
    assert "hint" in body


def test_health_is_public(client):
    assert client.get("/api/health").json() == {"ok": True}


def test_every_route_but_health_and_login_needs_authentication(app, client):
    routes = _routes(app)
    assert len(routes) > 30
    checked = 0
    for method, path in routes:
        if (method, path) in PUBLIC:
            continue
        response = client.request(method, _concrete(path))
        assert response.status_code == 401, (method, path, response.status_code)
        checked += 1
        if path.startswith("/api/") or path == "/openapi.json":
            _is_error_shape(response.json(), 401)
    assert checked >= 30


def test_bad_token_is_refused(client):
    response = client.get("/api/status", headers={"Authorization": "Bearer isc_forged"})
    assert response.status_code == 401
    _is_error_shape(response.json(), 401)


def test_viewer_gets_403_on_every_write(app, client, site):
    writes = [(m, p) for m, p in _routes(app) if m != "GET" and (m, p) not in PUBLIC]
    writes = [(m, p) for m, p in writes if p != "/logout"]  # form route: session only, below
    assert len(writes) >= 5
    for method, path in writes:
        response = client.request(
            method, _concrete(path), headers=site.auth("viewer"), json={"name": "x"}
        )
        assert response.status_code == 403, (method, path, response.status_code)
        _is_error_shape(response.json(), 403)
    state = site.ws.alerts.get("a1")["state"]
    assert state == "new"


def test_viewer_reads(client, site):
    assert client.get("/api/status", headers=site.auth("viewer")).status_code == 200
    assert client.get("/api/me", headers=site.auth("viewer")).json()["can_write"] is False


def test_error_shape_for_404_422_and_500(client, site, app, monkeypatch):
    response = client.get("/api/no-such-thing", headers=site.auth("viewer"))
    assert response.status_code == 404
    _is_error_shape(response.json(), 404)
    response = client.get("/api/documents", params={"limit": 0}, headers=site.auth("viewer"))
    assert response.status_code == 422
    _is_error_shape(response.json(), 422)
    assert "limit" in response.json()["error"]
    response = client.get("/api/actors/twitter:nobody", headers=site.auth("viewer"))
    assert response.status_code == 404
    _is_error_shape(response.json(), 404)

    def broken():
        raise RuntimeError("boom")

    monkeypatch.setattr(site.ws.reports, "overview", broken)
    response = client.get("/api/overview", headers=site.auth("viewer"))
    assert response.status_code == 500
    _is_error_shape(response.json(), 500)
    assert "boom" not in response.text


def test_influscope_errors_keep_their_status(client, site):
    response = client.get("/api/axes/nope", headers=site.auth("viewer"))
    assert response.status_code == 400
    error = _config_error(site)
    assert response.json() == error_body(400, error.message, error.hint)


def _config_error(site):
    try:
        site.ws.config.axis("nope")
    except InfluscopeError as error:
        return error
    raise AssertionError


@pytest.mark.parametrize(
    "path",
    [
        "/api/documents",
        "/api/actors",
        "/api/alerts",
        "/api/journey",
        "/api/communities",
        "/api/sov",
        "/api/axes",
        "/api/brands",
        "/api/sources",
    ],
)
def test_pagination(client, site, path):
    first = client.get(path, params={"limit": 2, "offset": 0}, headers=site.auth("viewer")).json()
    second = client.get(path, params={"limit": 2, "offset": 1}, headers=site.auth("viewer")).json()
    assert {"items", "total", "limit", "offset"} <= set(first)
    assert first["limit"] == 2 and len(first["items"]) <= 2
    assert first["total"] >= len(first["items"])
    if first["total"] >= 3:
        assert first["items"][1] == second["items"][0]


def test_documents_search_and_actor(client, site):
    page = client.get("/api/documents", params={"q": "Rival"}, headers=site.auth("viewer")).json()
    assert page["total"] > 0
    assert all("rival" in d["text"].lower() for d in page["items"])
    actor = client.get("/api/actors/twitter:mallory", headers=site.auth("viewer")).json()
    assert actor["actor"]["name"].startswith("<script>")
    assert actor["documents"]["total"] == 1
    assert actor["notes"][0]["stance"] == "detractor"


def test_map_graph_pages_nodes_and_keeps_edges_inside(client, site):
    graph = client.get("/api/map", params={"limit": 10}, headers=site.auth("viewer")).json()
    assert len(graph["nodes"]) == 10 and graph["total"] > 10
    ids = {n["actor_id"] for n in graph["nodes"]}
    assert all(e["source"] in ids and e["target"] in ids for e in graph["edges"])
    weights = [n["weight"] for n in graph["nodes"]]
    assert weights == sorted(weights, reverse=True)


def test_map_columns_carry_the_rows_compactly(client, site):
    """The page's compact shape decodes to the same nodes and edges as the rows."""
    get = lambda shape: client.get(  # noqa: E731
        "/api/map", params={"limit": 30, "format": shape}, headers=site.auth("viewer")
    )
    rows, columns = get("rows").json(), get("columns").json()
    nodes, dictionaries = columns["nodes"], columns["dictionaries"]
    assert nodes["id"] == [n["actor_id"] for n in rows["nodes"]]
    assert columns["total"] == rows["total"]
    for field in ("stance", "kind", "role"):
        decoded = [dictionaries[field][c] if c >= 0 else None for c in nodes[field]]
        assert decoded == [n.get(field) or None for n in rows["nodes"]]
    labels = [dictionaries["community"][c] for c in nodes["community"]]
    assert labels == [str(n.get("community_label") or n["community"]) for n in rows["nodes"]]
    assert nodes["weight"] == pytest.approx([n["weight"] for n in rows["nodes"]], abs=1e-6)
    pairs = {
        (nodes["id"][s], nodes["id"][t])
        for s, t in zip(columns["edges"]["source"], columns["edges"]["target"], strict=True)
    }
    assert pairs == {(e["source"], e["target"]) for e in rows["edges"]}
    assert len(get("columns").content) < len(get("rows").content)
    assert get("cells").status_code == 422


def test_query_preview_and_chart_specs(client, site, app, monkeypatch):
    preview = client.get(
        "/api/query/preview", params={"q": "Acme"}, headers=site.auth("viewer")
    ).json()
    assert preview["valid"] and preview["total"] == site.ws.sov.search("Acme", limit=1000).num_rows
    spec = client.get(
        "/api/charts/sov", params={"axis": "usine"}, headers=site.auth("viewer")
    ).json()
    assert spec["$schema"].startswith("https://vega.github.io/schema/vega-lite/")
    assert {v["brand"] for v in spec["data"]["values"]} == {"Acme", "Rival", "Other"}
    # periods as the data's span reads best (the volume trend's bin), unless asked
    unit = site.ws.sov.volume_trend().bin
    expected = {r.period for r in site.ws.sov.share_of_voice("usine", by=unit)}
    assert {v["period"] for v in spec["data"]["values"]} == expected
    monthly = client.get(
        "/api/charts/sov", params={"axis": "usine", "by": "month"}, headers=site.auth("viewer")
    ).json()
    assert {v["period"] for v in monthly["data"]["values"]} == {
        r.period for r in site.ws.sov.share_of_voice("usine", by="month")
    }
    # data spanning a few days: a point per day (it was always weekly)
    from influscope.analyze.sov.rows import VolumeTrend

    daily = {r.period for r in site.ws.sov.share_of_voice("usine", by="day")}
    assert daily != expected
    with app.state.workspace.store.lock:
        monkeypatch.setattr(site.ws.sov, "volume_trend", lambda: VolumeTrend("day", [], 0))
        app.state.cache.clear()
    try:
        spec = client.get(
            "/api/charts/sov", params={"axis": "usine"}, headers=site.auth("viewer")
        ).json()
        assert {v["period"] for v in spec["data"]["values"]} == daily
    finally:
        with app.state.workspace.store.lock:
            app.state.cache.clear()


def test_analyst_acks_with_token_and_session_needs_csrf(client, site):
    def inbox_state() -> str:
        items = client.get("/api/alerts?limit=1000", headers=site.auth("viewer")).json()["items"]
        return next(a["state"] for a in items if a["alert_id"] == "a2")

    before = inbox_state()  # the inbox's page is now in memory
    response = client.post("/api/alerts/a2/ack", headers=site.auth("analyst"))
    assert response.status_code == 200 and site.ws.alerts.get("a2")["state"] == "acked"
    assert (before, inbox_state()) == ("new", "acked")  # the write made the inbox read again
    assert site.ws.alerts.get("a2")["state_by"] == "ana"
    login = client.get("/login")
    csrf = re.search(r'name="csrf" value="([^"]+)"', login.text).group(1)
    response = client.post(
        "/login", data={"name": "ana", "password": PASSWORD, "csrf": csrf}, follow_redirects=False
    )
    assert response.status_code == 303
    cookie = response.headers["set-cookie"]
    assert "HttpOnly" in cookie and "SameSite=strict" in cookie.replace("Strict", "strict")
    assert "Secure" not in cookie  # plain HTTP here; HTTPS or --secure-cookies sets it
    refused = client.post("/api/alerts/a2/close")
    assert refused.status_code == 403 and "CSRF" in refused.json()["error"]
    page = client.get("/alerts")
    token = re.search(r'name="csrf-token" content="([^"]+)"', page.text).group(1)
    done = client.post("/api/alerts/a2/close", headers={"X-CSRF-Token": token})
    assert done.status_code == 200 and site.ws.alerts.get("a2")["state"] == "closed"
    client.cookies.clear()


def test_login_refuses_wrong_password_and_forged_form(client):
    login = client.get("/login")
    assert login.status_code == 401
    csrf = re.search(r'name="csrf" value="([^"]+)"', login.text).group(1)
    wrong = client.post("/login", data={"name": "ana", "password": "nope", "csrf": csrf})
    assert wrong.status_code == 401 and "influscope_session" not in wrong.headers.get(
        "set-cookie", ""
    )
    client.cookies.clear()
    forged = client.post("/login", data={"name": "ana", "password": PASSWORD, "csrf": csrf})
    assert forged.status_code == 403


def test_secure_cookie_when_forced(site):
    from fastapi.testclient import TestClient

    from influscope.serve.api.app import create_app

    secure = TestClient(create_app(site.ws, secure_cookies=True), base_url="https://testserver")
    login = secure.get("/login")
    csrf = re.search(r'name="csrf" value="([^"]+)"', login.text).group(1)
    response = secure.post(
        "/login", data={"name": "ana", "password": PASSWORD, "csrf": csrf}, follow_redirects=False
    )
    assert "Secure" in response.headers["set-cookie"]


def test_admin_manages_users_others_cannot(client, site):
    created = client.post(
        "/api/users",
        json={"name": "zoe", "role": "viewer", "token": True},
        headers=site.auth("admin"),
    )
    assert created.status_code == 201 and created.json()["token"].startswith("isc_")
    assert (
        client.get(
            "/api/me", headers={"Authorization": "Bearer " + created.json()["token"]}
        ).json()["name"]
        == "zoe"
    )
    assert (
        client.post(
            "/api/users", json={"name": "eve", "role": "admin"}, headers=site.auth("analyst")
        ).status_code
        == 403
    )


def test_security_headers_and_openapi(client, site):
    response = client.get("/openapi.json", headers=site.auth("viewer"))
    assert response.status_code == 200
    paths = response.json()["paths"]
    assert {"/api/sov", "/api/map", "/api/alerts/{alert_id}/ack", "/api/documents"} <= set(paths)
    csp = response.headers["content-security-policy"]
    assert (
        "script-src 'self'" in csp
        and "unsafe-inline" not in csp.split("script-src")[1].split(";")[0]
    )


def test_pages_accept_bearer_tokens_and_negotiate_language(client, site):
    page = client.get(
        "/", headers=site.auth("viewer") | {"Accept-Language": "de;q=1, fr;q=0.8, en;q=0.5"}
    )
    assert page.status_code == 200
    assert '<html lang="fr">' in page.text and "Vue d&#39;ensemble" in page.text
    english = client.get(
        "/alerts", headers=site.auth("viewer") | {"Accept-Language": "en-GB,fr;q=0.3"}
    )
    assert '<html lang="en">' in english.text and "Alerts" in english.text
    switched = client.get("/map?lang=fr", headers=site.auth("viewer"))
    assert (
        '<html lang="fr">' in switched.text
        and "influscope_lang=fr" in switched.headers["set-cookie"]
    )


def test_pages_escape_names_from_the_address(client, site):
    page = client.get("/actors/<img src=x onerror=alert(1)>", headers=site.auth("viewer"))
    assert page.status_code == 200
    assert "<img src=x" not in page.text and "&lt;img src=x onerror=alert(1)&gt;" in page.text


def test_overview_cache_follows_writes(client, site, app):
    from influscope.serve.api.cache import warm

    warm(app)
    before = client.get("/api/overview", headers=site.auth("viewer")).json()["open_alerts"]
    assert client.post("/api/alerts/a1/close", headers=site.auth("analyst")).status_code == 200
    after = client.get("/api/overview", headers=site.auth("viewer")).json()["open_alerts"]
    assert after == before - 1


def test_openapi_shows_the_result_shapes_and_answers_match_them(client, site):
    from pydantic import TypeAdapter

    from influscope.analyze.sov.rows import ShareRow
    from influscope.serve.api.responses import Page
    from influscope.workspace.data import WorkspaceStatus
    from influscope.workspace.import_results import SourceHealth, SourceInfo
    from influscope.workspace.reports import Overview

    doc = client.get("/openapi.json", headers=site.auth("viewer")).json()
    schemas = doc["components"]["schemas"]
    assert {"ShareRow", "SourceInfo", "SourceHealth", "Account", "NewAccount"} <= set(schemas)
    assert {"Overview", "AxisOverview", "WorkspaceStatus", "RunRecord", "PollResult"} <= set(
        schemas
    )
    assert {"brand", "docs", "share", "positive_share", "period", "split"} <= set(
        schemas["ShareRow"]["properties"]
    )
    assert schemas["SourceHealth"]["properties"]["health"]["enum"] == [
        "ok", "failing", "never run", "unknown connector", "served by watch",
    ]  # fmt: skip
    by = [p for p in doc["paths"]["/api/sov"]["get"]["parameters"] if p["name"] == "by"][0]
    assert by["schema"]["anyOf"][0]["enum"] == ["day", "week", "month"]
    for path, shape in (
        ("/api/sov?axis=usine&by=week", Page[ShareRow]),
        ("/api/sources", Page[SourceInfo]),
        ("/api/sources/health", Page[SourceHealth]),
    ):
        body = client.get(path, headers=site.auth("viewer")).json()
        found = TypeAdapter(shape).validate_python(body)
        assert found.items and found.total >= len(found.items), path
    overview = TypeAdapter(Overview).validate_python(
        client.get("/api/overview", headers=site.auth("viewer")).json()
    )
    assert overview.axes and overview.axes[0].share_of_voice[0].brand
    status = TypeAdapter(WorkspaceStatus).validate_python(
        client.get("/api/status", headers=site.auth("viewer")).json()
    )
    assert status.tables["documents"] == overview.documents > 0


def test_an_answer_read_while_someone_else_writes_is_not_kept_past_that_write(app, site):
    """A job that only reads is cached at the version it read; one that writes, after its write."""
    import threading

    from starlette.requests import Request

    from influscope.serve.api.cache import answer

    def someone_writes() -> None:  # e.g. a report storing an axis' map while the ROI computes
        with site.ws.store.transaction():
            pass

    reads: list[str] = []

    def read_only(tag: str) -> int:
        reads.append(tag)
        if len(reads) == 1:
            other = threading.Thread(target=someone_writes)
            other.start()
            other.join()
        return len(reads)

    request = Request({"type": "http", "app": app, "headers": []})
    assert answer(request, read_only, "roi") == 1
    assert answer(request, read_only, "roi") == 2  # the first answer predates the write
    assert answer(request, read_only, "roi") == 2  # this one does not
    writes: list[str] = []

    def stores_its_result(tag: str) -> int:
        writes.append(tag)
        someone_writes()
        return len(writes)

    assert answer(request, stores_its_result, "map") == 1
    assert answer(request, stores_its_result, "map") == 1
