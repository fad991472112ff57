"""The report says how many events the period's alerts make: its incidents, beside the alerts."""

from __future__ import annotations

from influscope.serve.reports.content import collect
from influscope.workspace import Workspace


def test_the_report_lists_the_periods_incidents_with_their_alerts(
    crisis_demo: Workspace, tmp_path
) -> None:
    """The demo's three planted events raised a dozen alerts, listed one by one as if a dozen."""
    data = crisis_demo.reports.data(period="2026-10")
    incidents = crisis_demo.crisis.incidents(limit=1000)
    october = [i for i in incidents if i.window_end.strftime("%Y-%m") == "2026-10"]
    assert october and [i.incident_id for i in data.incidents] == [i.incident_id for i in october]
    assert sum(i.alerts for i in data.incidents) > len(data.incidents)  # alerts grouped
    content = collect(data, "fr", pictures=False)
    rows = content.incidents.rows
    assert len(rows) == len(october)
    bad_buzz = next(r for r in rows if "marque Ardent Industrie" in r[3])
    assert "pic de volume" in bad_buzz[3] and bad_buzz[5] in ("ouvert", "pris en charge", "résolu")
    assert all("brand:" not in r[3] for r in rows)
    out = crisis_demo.reports.write(
        period="2026-10", fmt="html", out=tmp_path / "r.html", lang="fr"
    )
    html = out.read_text(encoding="utf-8")
    assert 'id="table-incidents"' in html and "Incidents de la période" in html


def test_a_widened_incidents_title_follows_its_scopes_and_detectors(crisis_demo: Workspace) -> None:
    """The demo's burst, joined by the brand's spike and negative share, stayed "all — coordination"."""
    from influscope.store.incidents import made_title

    for summary in crisis_demo.crisis.incidents(limit=1000):
        incident = crisis_demo.crisis.incident(summary.incident_id)
        detectors = incident.evidence.get("detectors", [])
        assert incident.title == made_title(incident.scopes, detectors), incident.title
    widened = [
        i for i in crisis_demo.crisis.incidents(limit=1000) if "coordination" in (i.title or "")
    ]
    assert any("brand:Ardent Industrie" in (i.title or "") for i in widened)
