"""Alerting inside the watch process: evaluate rules, record new alerts, deliver notifications."""

from __future__ import annotations

import json
import logging
from datetime import datetime, timedelta
from typing import Any

from influscope.analyze.alerts.base import Finding, parse_duration
from influscope.analyze.alerts.engine import evaluate_rules
from influscope.analyze.alerts.series import latest_time
from influscope.analyze.crisis.assign import assign_incidents
from influscope.store import alerts as alert_store
from influscope.store import incidents as incident_store
from influscope.store.reader import ReadView
from influscope.store.runs import now as wall_now
from influscope.store.status import FAILING_RULE
from influscope.watch import rota
from influscope.watch.plugins import NOTIFIERS

log = logging.getLogger("influscope.watch")


def evaluation_time(store: Any, now: datetime | None = None) -> datetime:
    """The clock of an evaluation: given, else the newest post (a replay's time) capped at now."""
    if now is not None:
        return now
    wall = wall_now()
    latest = latest_time(store)
    return min(wall, latest) if latest else wall


def _failing_cursors(
    reader: ReadView, config: Any, failures: list[dict[str, str]]
) -> dict[str, str]:
    """The ``alerts:failing:<rule>`` cursors to write: each failure, and "" for a rule that ran.

    A rule that fails on every cycle raises nothing; its log line scrolls away in
    the watch's console. Kept in the store, the failure shows in ``status`` (and
    the status API) until the rule runs again; ``since`` keeps the first cycle of
    an unchanged error.
    """
    failed = {f["rule"]: f for f in failures}
    cursors: dict[str, str] = {}
    for rule in config.alerts:
        name = f"{FAILING_RULE}{rule.name}"
        before = reader.cursor(name) or ""
        failure = failed.get(rule.name)
        if failure is None:
            if before:
                cursors[name] = ""
            continue
        since = wall_now().replace(microsecond=0).isoformat()
        if before:
            previous = json.loads(before)
            if previous.get("error") == failure["error"]:
                since = previous.get("since", since)
        record = {"error": failure["error"], "hint": failure.get("hint", ""), "since": since}
        cursors[name] = json.dumps(record, ensure_ascii=False, sort_keys=True)
    return cursors


def evaluate(store: Any, config: Any, now: datetime | None = None) -> list[dict[str, Any]]:
    """Run the rules at ``now``, record the new alerts with their deliveries; returns them."""
    if not config.alerts:
        return []
    reader = ReadView.of(store)
    # Reads go through the read view; only the recording below takes the write lock.
    at = evaluation_time(reader, now)
    catch_up = parse_duration(config.watch.catch_up)
    recent: dict[str, timedelta] = {}
    for rule in config.alerts:
        last = reader.cursor(f"alerts:evaluated:{rule.name}")
        if last:
            gap = at - datetime.fromisoformat(last)
            recent[rule.name] = min(max(gap, timedelta(0)), catch_up)
        else:
            recent[rule.name] = catch_up
    findings, failures = evaluate_rules(
        reader, config, at, recent, known=lambda ids: alert_store.known_ids(reader, ids)
    )
    for failure in failures:
        log.warning("rule %s failed: %s", failure["rule"], failure["error"])
    failing = _failing_cursors(reader, config, failures)
    known = alert_store.known_ids(reader, [f.alert_id for f in findings])
    fired_at = wall_now()
    escalate = parse_duration(config.watch.escalate_after)
    new: list[dict[str, Any]] = []
    cooldowns = {r.name: parse_duration(r.cooldown) for r in config.alerts}
    with store.transaction() as writer:
        for finding in sorted(findings, key=lambda f: f.window_start):
            if finding.alert_id in known:
                continue
            alert = _row(finding, at, fired_at)
            deliveries = rota.plan(
                config.watch, config.channels, finding.severity, fired_at, escalate
            )
            if alert_store.record_alert(writer, alert, cooldowns[finding.rule], deliveries):
                alert["deliveries"] = deliveries
                new.append(alert)
        for rule in config.alerts:
            writer.set_cursor(f"alerts:evaluated:{rule.name}", at.isoformat())
        for name, value in failing.items():
            writer.set_cursor(name, value)
    # Alerts of one event go to one incident (the on-call person answers for the event).
    grouped = assign_incidents(store, fired_at)
    incident_of = grouped.incident_of
    opened = set(grouped.opened)
    joined = [a for a in new if incident_of.get(a["alert_id"]) not in opened]
    if joined:
        # An alert that joins an incident already paged does not page again:
        # the first alert's notifications (and escalations) stand for the incident.
        with store.transaction() as writer:
            for alert in joined:
                incident_store.silence_alert(writer, alert["alert_id"])
        for alert in joined:
            alert["deliveries"] = []
    firsts: dict[str, str] = {}
    for alert in new:
        incident = incident_of.get(alert["alert_id"])
        alert["incident_id"] = incident
        if incident in opened and alert not in joined:
            if incident in firsts:  # several alerts opened it in one pass: page once
                with store.transaction() as writer:
                    incident_store.silence_alert(writer, alert["alert_id"])
                alert["deliveries"] = []
            else:
                firsts[incident] = alert["alert_id"]
    return new


def _row(finding: Finding, at: datetime, fired_at: datetime) -> dict[str, Any]:
    return {
        "alert_id": finding.alert_id,
        "rule": finding.rule,
        "key": finding.key,
        "detector": finding.detector,
        "severity": finding.severity,
        "fired_at": at,
        "recorded_at": fired_at,
        "window_start": finding.window_start,
        "window_end": finding.window_end,
        "dedupe_start": finding.dedupe_start,
        "observed": finding.observed,
        "expected": finding.expected,
        "probability": finding.probability,
        "score": finding.score,
        "explanation": finding.explanation,
        "evidence": finding.evidence,
    }


def send_fresh(store: Any, config: Any, alerts: list[dict[str, Any]]) -> int:
    """Send the level-0 notifications of alerts just recorded, without re-reading the store.

    This is the fast path of the loop (a burst reaches the on-call person while
    the next push batch is being written); anything it fails to send stays
    pending for :func:`deliver`.
    """
    channels = {c.name: c for c in config.channels}
    at = wall_now()
    sent: list[dict[str, Any]] = []
    for alert in alerts:
        for delivery in alert.get("deliveries", []):
            channel = channels.get(delivery["channel"])
            if channel is None or delivery["due_at"] > at:
                continue
            try:
                NOTIFIERS.load(channel.kind)(channel.options).send(
                    alert | {"state": "new"}, delivery["level"], delivery["recipient"]
                )
            except Exception as exc:  # left pending: deliver() retries it
                log.warning("delivery of %s to %s failed: %s", alert["alert_id"], channel.name, exc)
                continue
            sent.append(delivery | {"alert_id": alert["alert_id"]})
    if sent:
        with store.transaction() as writer:
            for delivery in sent:
                alert_store.mark_delivery(writer, delivery, "sent", wall_now())
    return len(sent)


def deliver(store: Any, config: Any, now: datetime | None = None) -> dict[str, int]:
    """Send the notifications that are due; returns counts of sent/failed/cancelled.

    A delivery stays pending until it is marked sent after the channel
    accepted it; a process killed in between resends it on restart with the
    same idempotency key (``alert_id:level``), which receivers can drop.
    """
    at = now or wall_now()
    counts = {"sent": 0, "failed": 0, "cancelled": 0}
    channels = {c.name: c for c in config.channels}
    notifiers: dict[str, Any] = {}
    due = alert_store.due_deliveries(store, at)
    alerts = {a: alert_store.get_alert(store, a) for a in {d["alert_id"] for d in due}}
    for delivery in due:
        channel = channels.get(delivery["channel"])
        if delivery["level"] > 0 and channel is not None:
            # Read the state again right before escalating: the on-call person may
            # have acknowledged the alert since ``due`` was read (through the API
            # or the control socket, both served by other threads of this process)
            # while earlier notifications of this pass were being sent.
            delivery["state"] = alert_store.alert_state(store, delivery["alert_id"])
        if delivery["state"] != "new" and delivery["level"] > 0 or channel is None:
            with store.transaction() as writer:
                alert_store.mark_delivery(writer, delivery, "cancelled", at)
            counts["cancelled"] += 1
            continue
        try:
            if channel.name not in notifiers:
                notifiers[channel.name] = NOTIFIERS.load(channel.kind)(channel.options)
            notifiers[channel.name].send(
                alerts[delivery["alert_id"]], delivery["level"], delivery["recipient"]
            )
        except Exception as exc:  # a failing channel is retried, never fatal
            log.warning("delivery of %s to %s failed: %s", delivery["alert_id"], channel.name, exc)
            with store.transaction() as writer:
                if delivery["attempts"] + 1 >= 5:
                    alert_store.mark_delivery(writer, delivery, "failed", at, str(exc)[:500])
                else:
                    retry = wall_now() + timedelta(seconds=2 ** (delivery["attempts"] + 1))
                    alert_store.retry_later(writer, delivery, retry, str(exc)[:500])
            counts["failed"] += 1
            continue
        with store.transaction() as writer:
            alert_store.mark_delivery(writer, delivery, "sent", wall_now())
        counts["sent"] += 1
    return counts
