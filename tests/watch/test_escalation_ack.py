"""Escalation reads the alert's state right before it sends: an ack that lands meanwhile wins."""

from __future__ import annotations

from datetime import timedelta

from influscope.store.runs import now as utc_now
from influscope.watch import alerting
from influscope.workspace import Workspace
from tests.watch.helpers import ESCALATE_SECONDS, WebhookReceiver, oncall_config, write_burst


def test_an_ack_landing_during_a_delivery_pass_cancels_that_escalation(tmp_path):
    with WebhookReceiver() as hook:
        ws = Workspace.init(tmp_path / "ws", oncall_config(hook.url))
        write_burst(ws.root, "Same pasted message about the brand", prefix="a")
        ws.ingest.files([ws.root / "drop.jsonl"])
        write_burst(ws.root, "Another slogan copied by many accounts", prefix="b")
        ws.ingest.files([ws.root / "drop.jsonl"])
        alerts = {a["alert_id"] for a in ws.alerts.evaluate()}
        assert len(alerts) == 2
        wall = utc_now()
        assert alerting.deliver(ws.store, ws.config, wall)["sent"] == 2  # level 0, to alice

        acked: list[str] = []

        def ack_the_other(body: dict) -> None:
            # The on-call person acknowledges the other alert (through the API or
            # the control socket: another thread) while this escalation is sent.
            if "ESCALATION" in body["text"] and not acked:
                other = (alerts - {body["alert_id"]}).pop()
                ws.alerts.ack(other, "alice")
                acked.append(other)

        hook.on_post = ack_the_other
        later = wall + timedelta(seconds=ESCALATE_SECONDS + 1)
        counts = alerting.deliver(ws.store, ws.config, later)
        assert counts == {"sent": 1, "failed": 0, "cancelled": 1}
        escalated = [
            r["body"]["alert_id"] for r in hook.received if "ESCALATION" in r["body"]["text"]
        ]
        assert len(acked) == 1 and escalated == list(alerts - set(acked))
        statuses = {d["level"]: d["status"] for d in ws.alerts.get(acked[0])["deliveries"]}
        assert statuses == {0: "sent", 1: "cancelled"}
        ws.close()
