"""The alerts inbox lists the newest event first, whatever order the rules raised them in."""

from __future__ import annotations

from datetime import datetime, timedelta

from influscope.store.alerts import alert_page, list_alerts, record_alert
from influscope.workspace import Workspace

RAISED = datetime(2026, 11, 6, 9, 0)


def _alert(alert_id: str, rule: str, start: datetime, fired: datetime) -> dict:
    return {
        "alert_id": alert_id,
        "rule": rule,
        "key": "brand:Ardent",
        "detector": "spike",
        "severity": "critical",
        "fired_at": fired,
        "recorded_at": fired,
        "window_start": start,
        "window_end": start + timedelta(hours=2),
        "observed": 20.0,
        "expected": 1.0,
        "probability": 1e-6,
        "score": 0.9,
        "explanation": "",
        "evidence": {},
        "state": "new",
    }


def test_alerts_raised_together_come_newest_event_first(tmp_path):
    ws = Workspace.init(tmp_path / "ws")
    try:
        # One evaluation over weeks of history raises them in rule order, the
        # latest fired last: October's bad buzz between September and November.
        raised = [
            ("a3", "spike", datetime(2026, 9, 23, 8), RAISED),
            ("a1", "spike", datetime(2026, 11, 5, 5), RAISED),
            ("a2", "negative", datetime(2026, 10, 20, 7), RAISED + timedelta(seconds=1)),
            ("a0", "negative", datetime(2026, 11, 4, 19), RAISED + timedelta(seconds=1)),
        ]
        with ws.store.transaction() as writer:
            for alert_id, rule, start, fired in raised:
                assert record_alert(writer, _alert(alert_id, rule, start, fired), timedelta(0), [])
        listed = [a["alert_id"] for a in list_alerts(ws.store)]
        assert listed == ["a1", "a0", "a2", "a3"]
        page, total = alert_page(ws.store, None, 2, 1)
        assert total == 4 and [a["alert_id"] for a in page] == ["a0", "a2"]
    finally:
        ws.close()
