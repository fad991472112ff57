"""``alerts show`` and ``incidents show`` for a person: the event first, then the evidence, as text."""

from __future__ import annotations

import io
import re
from datetime import datetime, timedelta

import orjson
import pytest
from rich.console import Console

from influscope.serve.cli import output
from influscope.serve.cli.alert_views import print_alert, print_incident
from influscope.store.alerts import record_alert
from influscope.workspace import Workspace

HOSTILE = "Scandale [/] [link=http://evil.example]ici[/link] #ArdentPollution"


def _printed(monkeypatch: pytest.MonkeyPatch) -> io.StringIO:
    buffer = io.StringIO()
    monkeypatch.setattr(output.out, "_default", Console(file=buffer, width=160, color_system=None))
    return buffer


def test_an_alert_reads_event_first_then_explanation_and_evidence(
    crisis_demo: Workspace, monkeypatch: pytest.MonkeyPatch
) -> None:
    alert = next(a for a in crisis_demo.alerts.list(limit=500) if a["detector"] == "spike")
    full = crisis_demo.alerts.get(alert["alert_id"])
    buffer = _printed(monkeypatch)
    print_alert(full, "en")
    text = buffer.getvalue()
    lines = text.splitlines()
    assert lines[0].startswith(f"{alert['alert_id']} · critical · {alert['rule']}")
    assert lines[1].startswith("Event: ") and lines[2].startswith("Raised: ")
    assert text.index("Event: ") < text.index("Raised: ") < text.index("Evidence posts")
    flat = " ".join(text.split())
    # the explanation said from its facts, as the dashboard says it: the scope in words
    from influscope.serve.explain import explanation

    said = " ".join(explanation(full, full["detector"], "en").split())
    assert said.startswith(f"Rule '{alert['rule']}' detected") and said[:60] in flat
    assert "brand:" not in flat.split("Raised: ")[1].split("Evidence posts")[0]
    for document in full["evidence"]["documents"][:3]:
        assert document["author_id"] in text


def test_an_incident_lists_its_alerts_and_timeline(
    crisis_demo: Workspace, monkeypatch: pytest.MonkeyPatch
) -> None:
    from influscope.store import incidents as incident_store

    listed = incident_store.list_incidents(crisis_demo.store, limit=500)
    biggest = max(listed, key=lambda i: (i["alerts"], i["incident_id"]))
    incident = crisis_demo.crisis.incident(biggest["incident_id"])
    buffer = _printed(monkeypatch)
    print_incident(incident, "fr")
    text = buffer.getvalue()
    assert text.startswith(f"{biggest['incident_id']} · ")
    assert text.splitlines()[1].startswith("Événement : du ")
    assert re.search(rf"Alertes \({len(incident.alerts)}\)", text)
    for alert in incident.alerts:
        assert alert.alert_id in text
    # The timeline's events are words ("alerte ajoutée"), not the store's codes ("alert").
    assert "alerte ajoutée" in text and "ouvert" in text and " opened " not in text


def test_the_show_command_prints_text_by_default_and_every_field_in_json(
    tmp_path, capsys: pytest.CaptureFixture[str]
) -> None:
    from influscope.serve.cli.app import main

    start = datetime(2026, 10, 20, 9)
    ws = Workspace.init(tmp_path / "ws")
    alert = {
        "alert_id": "a1", "rule": "spike-ardent", "key": "brand:Ardent", "detector": "spike",
        "severity": "critical", "fired_at": start + timedelta(days=1),
        "recorded_at": start + timedelta(days=1), "window_start": start,
        "window_end": start + timedelta(hours=2), "observed": 23.0, "expected": 1.0,
        "probability": 1e-19, "score": 8.9, "explanation": "A spike on brand:Ardent.",
        "evidence": {"documents": [
            {"doc_id": "twitter:1", "author_id": "twitter:[/]", "published_at": start,
             "text": HOSTILE, "url": "https://twitter.com/x/status/1"},
        ]},
        "state": "new",
    }  # fmt: skip
    with ws.store.transaction() as writer:
        assert record_alert(writer, alert, timedelta(0), [])
    ws.close()
    capsys.readouterr()
    assert main(["-w", str(tmp_path / "ws"), "--lang", "en", "alerts", "show", "a1"]) == 0
    text = capsys.readouterr().out
    # Babel's English time has a narrow no-break space before AM/PM.
    assert text.splitlines()[1].replace("\u202f", " ") == (
        "Event: Oct 20, 2026, 9:00 AM to Oct 20, 2026, 11:00 AM UTC"
    )
    assert "Scandale [/] [link=http://evil.example]ici[/link]" in " ".join(text.split())
    assert "twitter:[/]" in text
    assert main(["-w", str(tmp_path / "ws"), "alerts", "show", "a1", "--format", "json"]) == 0
    found = orjson.loads(capsys.readouterr().out)
    assert found["evidence"]["documents"][0]["text"] == HOSTILE
