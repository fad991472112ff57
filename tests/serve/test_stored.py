"""The map and journey routes read what was stored instead of recomputing it per request."""

from __future__ import annotations


def _count(site, table: str, command: str | None = None) -> int:
    expr = site.ws.store.table(table)
    if command:
        expr = expr.filter(expr.command == command)
    return int(site.ws.store.to_arrow(expr.count().as_table()).column(0)[0].as_py())


def test_second_map_request_reads_the_stored_map(client, site, app):
    before = _count(site, "map_runs")
    first = client.get("/api/map", params={"limit": 5}, headers=site.auth("viewer"))
    assert first.status_code == 200, first.text
    after_first = _count(site, "map_runs")
    assert after_first >= max(before, 1)
    app.state.cache.clear()  # past the answer cache: the workspace itself must not recompute
    second = client.get("/api/map", params={"limit": 5}, headers=site.auth("viewer"))
    assert second.status_code == 200
    assert _count(site, "map_runs") == after_first
    assert second.json()["nodes"] == first.json()["nodes"]


def test_second_journey_request_reads_the_stored_journey(client, site, app):
    first = client.get("/api/journey", params={"limit": 5}, headers=site.auth("viewer"))
    assert first.status_code == 200, first.text
    runs = _count(site, "runs", "journey")
    assert runs >= 1 and first.json()["total"] > 0
    app.state.cache.clear()
    second = client.get("/api/journey", params={"limit": 5}, headers=site.auth("viewer"))
    assert second.status_code == 200
    assert _count(site, "runs", "journey") == runs
    assert second.json()["items"] == first.json()["items"]
    # What the weights rest on, as the run that stored them logged it.
    basis = second.json()["basis"]
    logged = site.ws.journeys.stored_run()["basis"]
    assert basis == {
        "searches": logged.searches,
        "results": logged.results,
        "social": logged.social,
        "observed_pages": logged.observed_pages,
        "weighted": logged.weighted,
        "thin": logged.thin,
    }
    assert basis["searches"] > 0 and basis["results"] >= basis["searches"]
    actor = first.json()["items"][0]["actor_id"]
    paths = client.get(f"/api/journey/{actor}/paths", headers=site.auth("viewer")).json()
    assert paths["actor_id"] == actor and paths["paths"]
    assert paths["journey_weight"] == first.json()["items"][0]["journey_weight"]
    assert _count(site, "runs", "journey") == runs


def test_stored_journey_has_the_computed_shape(site):
    computed = site.ws.journeys.compute()
    assert site.ws.journeys.stored() == computed
    pages = site.ws.journeys.compute(level="page")
    assert site.ws.journeys.stored(level="page") == pages


def test_journey_by_axis(client, site):
    response = client.get(
        "/api/journey", params={"axis": "usine", "limit": 5}, headers=site.auth("viewer")
    )
    assert response.status_code == 200, response.text
    weights = [r["journey_weight"] for r in response.json()["items"]]
    assert weights == sorted(weights, reverse=True)
    chart = client.get(
        "/api/charts/journey-vs-audience", params={"axis": "usine"}, headers=site.auth("viewer")
    )
    assert chart.status_code == 200, chart.text


def test_map_of_an_axis_answers(client, site):
    # The axis' posts share no edges in this small workspace: the map may be
    # empty but must answer, not fail.
    for path in ("/api/map", "/api/communities"):
        response = client.get(path, params={"axis": "usine"}, headers=site.auth("viewer"))
        assert response.status_code == 200, response.text
