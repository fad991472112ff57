"""The watch process end to end on loopback: push endpoint -> store -> rule -> webhook; e-mail; rota."""

from __future__ import annotations

import threading
from datetime import UTC, datetime, timedelta

import httpx
import pytest
from aiosmtpd.controller import Controller

from influscope.errors import UsageError
from influscope.store.runs import now as utc_now
from influscope.watch import alerting, rota
from influscope.watch.notifiers import EmailNotifier
from influscope.workspace import Workspace
from tests.watch.helpers import WebhookReceiver, free_port

TOKEN = "s3cret-token"


def _config(port: int, hook: str, extra: str = "") -> str:
    return f"""
[workspace]
name = "push-test"
[watch]
tick = 0.2
{extra}
[[sources]]
name = "forwarded"
connector = "push"
options = {{ port = {port}, token = "{TOKEN}" }}
[[alerts]]
name = "coordinated"
detector = "coordination"
severity = "critical"
options = {{ seconds = 60, min_accounts = 5, idle = "1s" }}
[[channels]]
name = "chat"
kind = "webhook"
options = {{ url = "{hook}", allow_private = true }}
"""


def _posts(n: int, text: str, start: int = 0) -> list[dict]:
    at = datetime.now(UTC).isoformat()
    return [
        {
            "id": f"p{start + i}",
            "platform": "mastodon",
            "author": f"bot{i}",
            "text": text,
            "published_at": at,
        }
        for i in range(n)
    ]


def test_push_endpoint_stores_posts_and_coordinated_burst_reaches_webhook(tmp_path):
    port = free_port()
    with WebhookReceiver() as hook:
        ws = Workspace.init(tmp_path / "ws", _config(port, hook.url))
        stop = threading.Event()
        thread = threading.Thread(target=ws.alerts.watch, kwargs={"stop": stop}, daemon=True)
        thread.start()
        url = f"http://127.0.0.1:{port}/v1/posts"
        try:
            for _ in range(100):
                try:
                    httpx.get(f"http://127.0.0.1:{port}/health", timeout=1)
                    break
                except httpx.HTTPError:
                    threading.Event().wait(0.05)
            denied = httpx.post(url, json=[], headers={"Authorization": "Bearer wrong"})
            assert denied.status_code == 401 and denied.json()["ok"] is False
            bad = httpx.post(
                url, content=b"{not json", headers={"Authorization": f"Bearer {TOKEN}"}
            )
            assert bad.status_code == 400
            text = "Boycott ACME now, they poison rivers! Share before it is deleted"
            batch = _posts(8, text) + [{"text": "no id here"}]
            answer = httpx.post(
                url, json={"posts": batch}, headers={"Authorization": f"Bearer {TOKEN}"}
            )
            body = answer.json()
            assert answer.status_code == 200 and body["accepted"] == 8
            assert body["rejected"][0]["index"] == 8 and body["rejected"][0]["field"] == "id"
            # Re-sending the same batch is harmless.
            httpx.post(url, json=batch[:8], headers={"Authorization": f"Bearer {TOKEN}"})
            # closed episodes: reported once the stream has been idle for a second
            assert hook.event.wait(30), "no webhook notification"
            threading.Event().wait(1.0)
        finally:
            stop.set()
            thread.join(15)
        assert not thread.is_alive()
        assert ws.store.count("documents") == 8
        assert len(hook.received) == 1
        sent = hook.received[0]
        assert "coordinated" in sent["body"]["text"] and sent["body"]["blocks"]
        assert sent["key"].endswith(":0")
        alerts = ws.alerts.list()
        assert len(alerts) == 1 and alerts[0]["observed"] == 8
        ws.close()


class _Sink:
    def __init__(self) -> None:
        self.messages: list = []

    async def handle_DATA(self, server, session, envelope):  # noqa: N802
        self.messages.append(envelope)
        return "250 OK"


def test_email_notifier_sends_over_smtp():
    sink = _Sink()
    port = free_port()
    controller = Controller(sink, hostname="127.0.0.1", port=port)
    controller.start()
    try:
        notifier = EmailNotifier({"host": "127.0.0.1", "port": port, "to": ["oncall@example.org"]})
        alert = {
            "alert_id": "a1",
            "rule": "spike-acme",
            "key": "brand:Acme",
            "severity": "critical",
            "explanation": "Rule 'spike-acme' detected a volume spike.",
        }
        notifier.send(alert, 1, "bob@example.org")
    finally:
        controller.stop()
    assert len(sink.messages) == 1
    envelope = sink.messages[0]
    assert envelope.rcpt_tos == ["bob@example.org"]
    content = envelope.content.decode()
    assert "ESCALATION 1" in content and "volume spike" in content


def test_rota_orders_people_on_shift_first_and_escalates(tmp_path):
    extra = """
escalate_after = "15m"
quiet_hours = "22:00-07:00"
[[watch.people]]
name = "alice"
channels = ["chat"]
[[watch.people]]
name = "bob"
channels = ["chat"]
[[watch.shifts]]
person = "bob"
start = "08:00"
end = "20:00"
"""
    with WebhookReceiver() as hook:
        ws = Workspace.init(tmp_path / "ws", _config(free_port(), hook.url, extra))
        day = datetime(2026, 3, 2, 10, 0)
        people = [p.name for p in rota.order(ws.config.watch, day)]
        assert people == ["bob", "alice"]
        assert [p.name for p in rota.order(ws.config.watch, day.replace(hour=23))] == [
            "alice",
            "bob",
        ]
        plan = rota.plan(
            ws.config.watch,
            ws.config.channels,
            "warning",
            day.replace(hour=23),
            timedelta(minutes=15),
        )
        assert plan[0]["due_at"] == datetime(2026, 3, 3, 7, 0)
        critical = rota.plan(
            ws.config.watch,
            ws.config.channels,
            "critical",
            day.replace(hour=23),
            timedelta(minutes=15),
        )
        assert critical[0]["due_at"] == day.replace(hour=23)
        # Ingest a coordinated burst, evaluate, then deliver over time.
        at = utc_now()
        feed = tmp_path / "burst.jsonl"
        import orjson

        feed.write_bytes(
            b"\n".join(
                orjson.dumps(p | {"published_at": at.isoformat() + "+00:00"})
                for p in _posts(6, "Same copy pasted message about the brand, again and again")
            )
        )
        ws.ingest.files([feed])
        # The burst's episode is closed once the data clock passed it by the interval.
        new = ws.alerts.evaluate(now=at + timedelta(seconds=61))
        assert len(new) == 1
        alert_id = new[0]["alert_id"]
        wall = utc_now()
        first = alerting.deliver(ws.store, ws.config, wall)
        assert first["sent"] == 1
        assert (
            "bob" in hook.received[-1]["body"]["text"]
            or "alice" in hook.received[-1]["body"]["text"]
        )
        assert alerting.deliver(ws.store, ws.config, wall + timedelta(minutes=5))["sent"] == 0
        escalated = alerting.deliver(ws.store, ws.config, wall + timedelta(minutes=16))
        assert escalated["sent"] == 1 and "ESCALATION 1" in hook.received[-1]["body"]["text"]
        # Evaluating again records nothing new and sends nothing twice.
        assert ws.alerts.evaluate() == []
        assert len(hook.received) == 2
        ws.alerts.ack(alert_id, "bob")
        with pytest.raises(UsageError):
            ws.alerts.ack(alert_id, "bob")
        ws.alerts.close(alert_id, "bob")
        assert ws.alerts.get(alert_id)["state"] == "closed"
        ws.close()
