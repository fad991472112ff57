"""Webhooks go through the guarded client: loopback refused unless allowed, no secret kept or shown."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from fastapi.testclient import TestClient

from influscope.errors import ConfigError, SourceError
from influscope.serve.api.app import create_app
from influscope.store import alerts as alert_store
from influscope.store.runs import now as utc_now
from influscope.watch import alerting
from influscope.watch.notifiers import WebhookNotifier
from influscope.workspace import Workspace
from tests.ingest.apiserver import ApiServer
from tests.watch.helpers import WebhookReceiver, oncall_config, write_burst

ALERT = {
    "alert_id": "a1",
    "rule": "spike",
    "key": "acme",
    "severity": "warning",
    "explanation": "More posts than usual.",
}
FORMS = ["127.0.0.1", "localhost", "2130706433", "0.0.0.0", "0x7f.1", "[::ffff:127.0.0.1]"]
FORMS_V6 = ["[::1]", "[0:0:0:0:0:0:0:1]"]


@pytest.fixture(scope="module")
def receivers():
    with WebhookReceiver() as v4, WebhookReceiver(host="::1") as v6:
        yield {"v4": v4, "v6": v6}


@pytest.mark.parametrize("form", FORMS + FORMS_V6)
def test_a_webhook_to_loopback_is_refused_unless_allowed(form, receivers):
    hook = receivers["v6" if form in FORMS_V6 else "v4"]
    hook.received.clear()
    url = f"http://{form}:{hook.port}/hook"
    with pytest.raises(SourceError, match="private address refused"):
        WebhookNotifier({"url": url}).send(ALERT, 0, "alice")
    assert hook.received == []
    WebhookNotifier({"url": url, "allow_private": True}).send(ALERT, 0, "alice")
    assert [r["key"] for r in hook.received] == ["a1:0"]


def test_allow_private_of_a_channel_must_be_a_boolean():
    with pytest.raises(ConfigError, match="allow_private must be true or false"):
        WebhookNotifier({"url": "https://hooks.example.com/x", "allow_private": "yes"})


def test_a_webhook_redirect_is_not_followed():
    hook, elsewhere = ApiServer(), ApiServer()
    try:
        target = f"http://localhost:{elsewhere.httpd.server_port}/hook"
        hook.routes["/hook"] = lambda r: (307, {"Location": target}, b"")
        url = f"{hook.url}/hook?token=S3CRET"
        with pytest.raises(SourceError, match="answered 307") as info:
            WebhookNotifier({"url": url, "allow_private": True}).send(ALERT, 0, "")
    finally:
        hook.close()
        elsewhere.close()
    assert len(hook.log) == 1 and elsewhere.log == []
    assert "S3CRET" not in info.value.message and "/hook" not in info.value.message


def test_a_failed_delivery_keeps_and_shows_no_secret(tmp_path):
    with WebhookReceiver() as hook:
        url = hook.url + "?token=S3CRET-T0KEN&channel=veille"
        config = oncall_config(url).replace(", allow_private = true", "")
        ws = Workspace.init(tmp_path / "ws", config)
        write_burst(ws.root)
        ws.ingest.files([ws.root / "drop.jsonl"])
        (alert,) = ws.alerts.evaluate()
        counts = alerting.deliver(ws.store, ws.config, utc_now())
    assert counts["failed"] == 1 and hook.received == []
    stored = ws.store.con.execute("SELECT error FROM alert_deliveries").fetchall()
    assert "private address refused" in stored[0][0]
    assert not any("S3CRET" in (row[0] or "") for row in stored)
    token = ws.accounts.add("vic", "viewer", token=True, password="correct horse battery").token
    api = TestClient(create_app(ws), raise_server_exceptions=False)
    answer = api.get(
        f"/api/alerts/{alert['alert_id']}", headers={"Authorization": f"Bearer {token}"}
    )
    assert answer.status_code == 200 and "private address refused" in answer.text
    assert "S3CRET" not in answer.text
    ws.close()


def test_delivery_errors_are_redacted_when_written_and_when_read(tmp_path):
    # A third-party notifier may put its URL in its exception; older rows may hold one.
    with WebhookReceiver() as hook:
        ws = Workspace.init(tmp_path / "ws", oncall_config(hook.url))
        write_burst(ws.root)
        ws.ingest.files([ws.root / "drop.jsonl"])
        (alert,) = ws.alerts.evaluate()
    delivery = alert_store.due_deliveries(ws.store, utc_now())[0]
    leaky = "POST https://bob:pw@hooks.example.com/in?api_key=S3CRET failed"
    with ws.store.transaction() as writer:
        alert_store.retry_later(writer, delivery, datetime.now(UTC).replace(tzinfo=None), leaky)
    (written,) = ws.store.con.execute("SELECT error FROM alert_deliveries").fetchone()
    assert written == "POST https://***@hooks.example.com/in?api_key=*** failed"
    ws.store.con.execute("UPDATE alert_deliveries SET error = ?", [leaky])  # a row from before
    shown = ws.alerts.get(alert["alert_id"])["deliveries"][0]["error"]
    assert "S3CRET" not in shown and "pw" not in shown and "hooks.example.com/in" in shown
    ws.close()
