"""Scheduled reports and digests (issue 13, item 6): written by the watch process, sent once.

Real files in a real workspace, a real webhook receiver and a real SMTP sink on
loopback; the schedule's clock is given (``run_due(now)``) so the slots are
known, and the watch loop's own cycle is checked to run them too.
"""

from __future__ import annotations

import email
from datetime import datetime

import pytest
from aiosmtpd.controller import Controller

from influscope.config import ScheduledReport
from influscope.watch.schedule import covered_period, latest_slot, previous_slot
from influscope.workspace import Workspace
from tests.serve import webdata
from tests.watch.helpers import WebhookReceiver, free_port


class Sink:
    def __init__(self) -> None:
        self.messages: list = []

    async def handle_DATA(self, server, session, envelope):  # noqa: N802
        self.messages.append(envelope)
        return "250 OK"


def test_slots_and_periods():
    weekly = ScheduledReport(name="w", every="weekly", weekday="monday", at="07:00")
    thursday = datetime(2026, 10, 22, 8, 0)
    assert latest_slot(weekly, thursday) == datetime(2026, 10, 19, 7, 0)
    assert latest_slot(weekly, datetime(2026, 10, 19, 6, 59)) == datetime(2026, 10, 12, 7, 0)
    assert covered_period(weekly, datetime(2026, 10, 19, 7, 0)) == "2026-W42"
    daily = ScheduledReport(name="d", every="daily", at="07:30", period="current")
    assert latest_slot(daily, datetime(2026, 10, 22, 7, 0)) == datetime(2026, 10, 21, 7, 30)
    assert previous_slot(daily, datetime(2026, 10, 21, 7, 30)) == datetime(2026, 10, 20, 7, 30)
    assert covered_period(daily, datetime(2026, 10, 21, 7, 30)) == "2026-10-21"
    monthly = ScheduledReport(name="m", every="monthly", at="06:00")
    assert latest_slot(monthly, datetime(2026, 1, 1, 5, 0)) == datetime(2025, 12, 1, 6, 0)
    assert covered_period(monthly, datetime(2026, 1, 1, 6, 0)) == "2025-12"
    assert covered_period(monthly.model_copy(update={"period": "all"}), thursday) is None


def schedules(hook_url: str, smtp_port: int, *, digest_channels: str = '["hook"]') -> str:
    return f"""
[[channels]]
name = "hook"
kind = "webhook"
options = {{ url = "{hook_url}", allow_private = true }}

[[channels]]
name = "mail"
kind = "email"
options = {{ host = "127.0.0.1", port = {smtp_port}, to = ["dircom@example.org"] }}

[[reports]]
name = "weekly-usine"
kind = "report"
every = "weekly"
weekday = "monday"
at = "07:00"
axis = "usine"
format = "html"
lang = "fr"
channels = ["mail", "hook"]

[[reports]]
name = "digest"
kind = "digest"
every = "daily"
at = "07:00"
lang = "en"
channels = {digest_channels}
"""


@pytest.fixture
def smtp():
    sink = Sink()
    port = free_port()
    controller = Controller(sink, hostname="127.0.0.1", port=port)
    controller.start()
    yield sink, port
    controller.stop()


def scheduled_workspace(tmp_path, text: str) -> Workspace:
    root = tmp_path / "ws"
    webdata.build(root).close()
    config = root / "influscope.toml"
    config.write_text(config.read_text() + text)
    return Workspace.open(root)


def test_reports_and_digest_are_written_and_sent_once(tmp_path, smtp):
    sink, port = smtp
    now = datetime(2026, 10, 22, 8, 0)  # Thursday: digest slot today 07:00, report Monday
    with WebhookReceiver() as hook:
        ws = scheduled_workspace(tmp_path, schedules(hook.url, port))
        try:
            runs = {r.schedule: r for r in ws.schedules.run_due(now)}
            report = ws.root / "reports" / "weekly-usine-2026-W42.html"
            digest = ws.root / "reports" / "digest-2026-10-22.txt"
            assert runs["weekly-usine"].path == report and report.exists()
            assert runs["digest"].path == digest
            assert sorted(runs["weekly-usine"].sent) == ["hook", "mail"]
            html = report.read_text()
            assert 'lang="fr"' in html and "2026-W42" in html  # the week that ended
            text = digest.read_text()
            # a1 fired on the 21st at 09:00 (inside the day before the slot), a2 two days earlier
            assert "spike-acme" in text and "negative-share" not in text
            assert "1 new alert(s) since 2026-10-21 07:00 UTC" in text
            assert ws.schedules.run_due(now) == []  # nothing twice
        finally:
            ws.close()
        ws = Workspace.open(ws.root)  # a restart remembers what was done and sent
        try:
            assert ws.schedules.run_due(now) == []
        finally:
            ws.close()
    bodies = [m["body"] for m in hook.received]
    assert len(bodies) == 2
    assert any("weekly-usine-2026-W42.html" in b["text"] for b in bodies)
    assert any("spike-acme" in b["text"] for b in bodies)
    assert len({m["key"] for m in hook.received}) == 2
    assert len(sink.messages) == 1
    mail = email.message_from_bytes(sink.messages[0].content)
    assert mail["Subject"].startswith("Rapport weekly-usine")
    attached = [p.get_filename() for p in mail.walk() if p.get_filename()]
    assert attached == ["weekly-usine-2026-W42.html"]


def test_a_failing_channel_is_tried_again(tmp_path, smtp):
    _, port = smtp
    now = datetime(2026, 10, 22, 8, 0)
    with WebhookReceiver(status=500) as hook:
        ws = scheduled_workspace(tmp_path, schedules(hook.url, port))
        try:
            first = {r.schedule: r for r in ws.schedules.run_due(now)}
            assert "hook" in first["digest"].failed and first["digest"].sent == []
            assert ws.schedules.run_due(now) == []  # waiting before the next try
            hook.status = 200
            later = datetime(2026, 10, 22, 8, 0, 5)
            again = {r.schedule: r for r in ws.schedules.run_due(later)}
            assert again["digest"].sent == ["hook"] and again["digest"].path is None
        finally:
            ws.close()
    assert sum(1 for m in hook.received if "spike-acme" in m["body"]["text"]) == 2


def test_the_watch_cycle_runs_the_schedules(tmp_path, smtp):
    _, port = smtp
    with WebhookReceiver() as hook:
        ws = scheduled_workspace(tmp_path, schedules(hook.url, port, digest_channels="[]"))
        try:
            summary = ws.alerts.watch(once=True)
            assert not [e for e in summary.errors if "scheduled" in e], summary.errors
            written = sorted(p.name for p in (ws.root / "reports").iterdir())
        finally:
            ws.close()
    assert any(name.startswith("digest-") for name in written)
    assert any(name.startswith("weekly-usine-") for name in written), written
