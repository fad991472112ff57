"""Incidents: one bad buzz is one incident holding its alerts; lifecycle with owner, timeline, notes."""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest

from influscope.analyze.crisis.incidents import AlertRef, group_alerts
from influscope.errors import UsageError
from influscope.store import incidents as incident_store
from influscope.workspace import Workspace


def _at(text: str) -> datetime:
    return datetime.fromisoformat(text.replace("Z", ""))


def test_the_planted_bad_buzz_is_exactly_one_incident(crisis_demo: Workspace, truth: dict) -> None:
    start, end = _at(truth["bad_buzz"]["start"]), _at(truth["bad_buzz"]["end"])
    alerts = crisis_demo.alerts.list(limit=500)
    during = [a for a in alerts if a["window_start"] <= end and a["window_end"] >= start]
    assert len(during) >= 2  # several rules fired on the bad buzz: grouping is needed
    incidents = incident_store.list_incidents(crisis_demo.store, limit=500)
    touching = [i for i in incidents if i["window_start"] <= end and i["window_end"] >= start]
    assert len(touching) == 1, touching
    incident = incident_store.get_incident(crisis_demo.store, touching[0]["incident_id"])
    held = {a["alert_id"] for a in incident["alerts"]}
    assert {a["alert_id"] for a in during} == held
    # no document is shown twice across the incident's alerts, none is lost
    shown = [d["doc_id"] for a in incident["alerts"] for d in a["documents"]]
    assert shown and len(shown) == len(set(shown))
    cited = {
        d["doc_id"]
        for a in during
        for d in crisis_demo.alerts.get(a["alert_id"])["evidence"]["documents"]
    }
    assert set(shown) == cited
    # other events are other incidents
    assert len(incidents) >= 2


def test_lifecycle_owner_timeline_notes_and_escalations(crisis_demo: Workspace) -> None:
    store = crisis_demo.store
    first = incident_store.list_incidents(store, limit=500)[-1]
    incident_id = first["incident_id"]
    now = datetime(2030, 1, 1)
    with store.transaction() as writer:
        incident_store.set_owner(writer, incident_id, "alice", "bob", now)
        incident_store.add_note(writer, incident_id, "Statement sent to the press.", "alice", now)
        incident_store.set_state(writer, incident_id, "acknowledged", "alice", now)
    with pytest.raises(UsageError):
        with store.transaction() as writer:
            incident_store.set_state(writer, incident_id, "acknowledged", "alice", now)
    with store.transaction() as writer:
        incident_store.set_state(writer, incident_id, "resolved", "alice", now + timedelta(hours=2))
    incident = incident_store.get_incident(store, incident_id)
    assert incident["state"] == "resolved" and incident["owner"] == "alice"
    kinds = [e["kind"] for e in incident["timeline"]]
    assert kinds[0] == "opened" and kinds[-3:] == ["note", "acknowledged", "resolved"]
    assert "alert" in kinds and "owner" in kinds
    pending = store.con.execute(
        "SELECT count(*) FROM alert_deliveries d JOIN incident_alerts i USING (alert_id) "
        "WHERE i.incident_id = ? AND d.status = 'pending' AND d.level > 0",
        [incident_id],
    ).fetchone()[0]
    assert pending == 0


def _ref(
    alert_id: str, key: str, hours: tuple[float, float], actors: set[str] = frozenset()
) -> AlertRef:
    t = datetime(2026, 1, 1)
    return AlertRef(
        alert_id,
        "spike",
        key,
        "warning",
        t + timedelta(hours=hours[0]),
        t + timedelta(hours=hours[1]),
        frozenset(actors),
    )


def test_an_alert_kept_without_its_window_is_grouped_at_its_firing_time() -> None:
    """The store allows an alert row without a window (recorded by hand or by an older version)."""
    fired = datetime(2026, 1, 1, 5)
    bare = AlertRef.of({"alert_id": "x", "key": "brand:Acme", "fired_at": fired,
                        "window_start": None, "window_end": None})  # fmt: skip
    assert (bare.window_start, bare.window_end) == (fired, fired)
    near = _ref("y", "brand:Acme", (4, 5))
    assert [sorted(i.alert_ids) for i in group_alerts([bare, near])] == [["x", "y"]]


def test_grouping_by_scope_time_and_shared_evidence() -> None:
    alerts = [
        _ref("a", "brand:Acme", (0, 1)),
        _ref("b", "brand:Acme", (3, 4)),
        _ref("c", "brand:Acme", (60, 61)),  # days later: another event
        _ref("d", "all link:1", (3.5, 3.6), {"x", "y"}),  # other scope, unrelated evidence
        _ref("e", "all text:2", (0.5, 0.6), {"u", "v"}),
        _ref("f", "brand:Other actor:z", (0.7, 0.8), {"u", "v", "w"}),  # shares two accounts with e
    ]
    groups = sorted(sorted(i.alert_ids) for i in group_alerts(alerts))
    assert groups == [["a", "b"], ["c"], ["d"], ["e", "f"]]
    # the same alerts in another order give the same incidents and ids
    again = group_alerts(list(reversed(alerts)))
    assert sorted(i.incident_id for i in again) == sorted(
        i.incident_id for i in group_alerts(alerts)
    )


def test_an_incident_pages_once(crisis_demo: Workspace) -> None:
    store = crisis_demo.store
    assert store.con.execute("SELECT count(*) FROM alert_deliveries").fetchone()[0] > 0
    for incident in incident_store.list_incidents(store, limit=500):
        found = incident_store.get_incident(store, incident["incident_id"])
        alerts = found["alerts"]
        # two incidents paged before an alert showed they were one event: one page each
        merged = sum(e["kind"] == "merged" for e in found["timeline"])
        statuses = store.con.execute(
            "SELECT alert_id, list(DISTINCT status) FROM alert_deliveries "
            "WHERE alert_id IN (SELECT unnest(?)) GROUP BY alert_id",
            [[a["alert_id"] for a in alerts]],
        ).fetchall()
        paging = [a for a, s in statuses if set(s) - {"cancelled"}]
        assert len(paging) <= 1 + merged, (incident["incident_id"], statuses)
