"""Alerts in the store: recording with dedupe and cooldown, states, and the delivery queue.

An alert's id is derived from rule, key and window, so recording the same
finding twice is a no-op; a finding within the rule's cooldown of the last
alert of the same rule and key (in data time) is dropped. The notifications an
alert needs (one row per channel, recipient and escalation level, each with
the wall-clock time it is due) are inserted in the same transaction as the
alert, so a process killed at any point resumes with exactly what is pending.
A delivery's last error is stored and shown with its URLs redacted: a notifier's
message may name a webhook URL whose query string is its secret.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

import orjson

from influscope.errors import N_, Code, NotFound, UsageError
from influscope.ingest.redact import redact_text
from influscope.store.writer import Writer

ALERT_COLUMNS = (
    "alert_id",
    "rule",
    "key",
    "detector",
    "severity",
    "fired_at",
    "recorded_at",
    "window_start",
    "window_end",
    "dedupe_start",
    "observed",
    "expected",
    "probability",
    "score",
    "explanation",
    "evidence",
    "state",
)


def known_ids(store: Any, ids: list[str]) -> set[str]:
    """Which of ``ids`` are already recorded."""
    if not ids:
        return set()
    with store.snapshot() as con:
        rows = con.execute(
            "SELECT alert_id FROM alerts WHERE alert_id IN (SELECT unnest(?))", [ids]
        ).fetchall()
    return {r[0] for r in rows}


def record_alert(
    writer: Writer,
    alert: dict[str, Any],
    cooldown: timedelta,
    deliveries: list[dict[str, Any]],
) -> bool:
    """Insert an alert and its deliveries unless it is a duplicate or in cooldown."""
    con = writer.con
    if con.execute("SELECT 1 FROM alerts WHERE alert_id = ?", [alert["alert_id"]]).fetchone():
        return False
    anchor = alert.get("dedupe_start") or alert["window_start"]
    last = con.execute(
        "SELECT max(coalesce(dedupe_start, window_start)) FROM alerts WHERE rule = ? AND key = ? "
        "AND coalesce(dedupe_start, window_start) <= ?",
        [alert["rule"], alert["key"], anchor],
    ).fetchone()
    if last and last[0] is not None and anchor - last[0] < cooldown:
        return False
    row = {c: alert.get(c) for c in ALERT_COLUMNS}
    row["evidence"] = orjson.dumps(alert.get("evidence") or {}, default=str).decode()
    row["state"] = "new"
    writer.insert("alerts", [row])
    if deliveries:
        writer.insert(
            "alert_deliveries",
            [
                {"alert_id": alert["alert_id"], "status": "pending", "attempts": 0, **d}
                for d in deliveries
            ],
        )
    return True


# Newest *event* first, then the latest raised: alerts raised together (a first
# evaluation over weeks of history, a backfill) came out in the order the rules ran,
# a bad buzz of October between spikes of September and November.
NEWEST = "ORDER BY window_start DESC NULLS LAST, fired_at DESC, alert_id"


def list_alerts(store: Any, state: str | None = None, limit: int = 50) -> list[dict[str, Any]]:
    """Alerts, newest event first (optionally in one state)."""
    sql = (
        "SELECT alert_id, rule, key, detector, severity, state, fired_at, window_start, window_end, "
        "observed, expected, probability, score FROM alerts"
    )
    params: list[Any] = []
    if state:
        sql += " WHERE state = ?"
        params.append(state)
    sql += f" {NEWEST} LIMIT ?"
    params.append(int(limit))
    with store.snapshot() as con:
        cursor = con.execute(sql, params)
        names = [d[0] for d in cursor.description]
        return [dict(zip(names, r, strict=True)) for r in cursor.fetchall()]


def get_alert(store: Any, alert_id: str) -> dict[str, Any]:
    """One alert with its evidence and deliveries."""
    found = full_alerts(store, "WHERE alert_id = ?", [alert_id])
    if not found:
        raise NotFound(
            N_("No alert {alert}."),
            N_("List them with 'influscope alerts list'."),
            alert=repr(alert_id),
        )
    return found[0]


def alert_page(
    store: Any, state: str | None, limit: int, offset: int
) -> tuple[list[dict[str, Any]], int]:
    """A page of whole alerts (evidence and deliveries), newest event first, and how many there are.

    Three queries whatever the page's size: the inbox shows every alert of its
    page whole, and one query per alert made a page of twenty wait behind a
    busy server's other threads forty times.
    """
    where, params = ("WHERE state = ?", [state]) if state else ("", [])
    order = f"{where} {NEWEST} LIMIT ? OFFSET ?"
    with store.snapshot() as con:  # the page and its total read one state
        total = con.execute(f"SELECT count(*) FROM alerts {where}", params).fetchone()
        page = _whole(con, order, [*params, int(limit), int(offset)])
    return page, int(total[0])


def full_alerts(store: Any, clause: str, params: list[Any]) -> list[dict[str, Any]]:
    """The alerts a SQL clause selects (``WHERE …``/``ORDER BY …``, parameterised), whole."""
    with store.snapshot() as con:
        return _whole(con, clause, params)


def _whole(con: Any, clause: str, params: list[Any]) -> list[dict[str, Any]]:
    """:func:`full_alerts` on a handle already reading one snapshot."""
    cursor = con.execute(f"SELECT * FROM alerts {clause}", params)
    names = [d[0] for d in cursor.description]
    alerts = [dict(zip(names, row, strict=True)) for row in cursor.fetchall()]
    ids = [a["alert_id"] for a in alerts]
    cursor = con.execute(
        "SELECT alert_id, level, channel, recipient, due_at, status, attempts, sent_at, error "
        "FROM alert_deliveries WHERE list_contains(?, alert_id) "
        "ORDER BY alert_id, level, channel, recipient",
        [ids],
    )
    names = [d[0] for d in cursor.description]
    deliveries = [dict(zip(names, r, strict=True)) for r in cursor.fetchall()]
    by_alert: dict[str, list[dict[str, Any]]] = {i: [] for i in ids}
    for delivery in deliveries:
        if delivery["error"]:  # rows written before errors were redacted
            delivery["error"] = redact_text(delivery["error"])
        by_alert[delivery.pop("alert_id")].append(delivery)
    for alert in alerts:
        alert["evidence"] = orjson.loads(alert["evidence"]) if alert.get("evidence") else {}
        alert["deliveries"] = by_alert[alert["alert_id"]]
    return alerts


def alert_state(store: Any, alert_id: str) -> str | None:
    """An alert's current state (new, acked, closed), or None when it does not exist."""
    with store.lock:
        row = store.con.execute(
            "SELECT state FROM alerts WHERE alert_id = ?", [alert_id]
        ).fetchone()
    return row[0] if row else None


TRANSITIONS = {"acked": ("new",), "closed": ("new", "acked")}


def set_state(writer: Writer, alert_id: str, state: str, by: str, at: datetime) -> None:
    """Move an alert to ``acked`` or ``closed``; pending escalations are cancelled."""
    row = writer.con.execute("SELECT state FROM alerts WHERE alert_id = ?", [alert_id]).fetchone()
    if row is None:
        raise NotFound(
            N_("No alert {alert}."),
            N_("List them with 'influscope alerts list'."),
            alert=repr(alert_id),
        )
    if row[0] not in TRANSITIONS[state]:
        raise UsageError(
            N_("Alert {alert} is {state}; it cannot become {target}."),
            N_("States go {new} → {acked} → {closed}."),
            alert=str(alert_id),
            state=Code("state", str(row[0])),
            target=Code("state", str(state)),
            **{code: Code("state", code) for code in ("new", "acked", "closed")},
        )
    writer.update(
        "alerts", {"alert_id": alert_id}, {"state": state, "state_by": by, "state_at": at}
    )
    writer.con.execute(
        "UPDATE alert_deliveries SET status = 'cancelled' "
        "WHERE alert_id = ? AND status = 'pending' AND level > 0",
        [alert_id],
    )


def due_deliveries(store: Any, now: datetime, limit: int = 100) -> list[dict[str, Any]]:
    """Deliveries due now (or left 'sending' by a killed process), with their alert."""
    with store.lock:
        cursor = store.con.execute(
            "SELECT d.alert_id, d.level, d.channel, d.recipient, d.attempts, d.status, a.state "
            "FROM alert_deliveries d JOIN alerts a USING (alert_id) "
            "WHERE d.status IN ('pending', 'sending') AND d.due_at <= ? "
            "ORDER BY d.due_at, d.alert_id, d.level LIMIT ?",
            [now, limit],
        )
        names = [d[0] for d in cursor.description]
        return [dict(zip(names, r, strict=True)) for r in cursor.fetchall()]


def mark_delivery(
    writer: Writer, delivery: dict[str, Any], status: str, at: datetime, error: str | None = None
) -> None:
    """Set a delivery's status after an attempt (sent/failed) or when it is cancelled."""
    writer.con.execute(
        "UPDATE alert_deliveries SET status = ?, attempts = attempts + ?, sent_at = ?, error = ? "
        "WHERE alert_id = ? AND level = ? AND channel = ? AND recipient = ?",
        [
            status,
            0 if status == "cancelled" else 1,
            at if status == "sent" else None,
            redact_text(error) if error else error,
            delivery["alert_id"],
            delivery["level"],
            delivery["channel"],
            delivery["recipient"],
        ],
    )


def retry_later(writer: Writer, delivery: dict[str, Any], due: datetime, error: str) -> None:
    """Put a failed delivery back in the queue for ``due``."""
    writer.con.execute(
        "UPDATE alert_deliveries SET status = 'pending', due_at = ?, error = ?, attempts = attempts + 1 "
        "WHERE alert_id = ? AND level = ? AND channel = ? AND recipient = ?",
        [
            due,
            redact_text(error),
            delivery["alert_id"],
            delivery["level"],
            delivery["channel"],
            delivery["recipient"],
        ],
    )
