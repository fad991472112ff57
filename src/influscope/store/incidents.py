"""Incidents in the store: which alerts each holds, its state, owner, timeline and notes.

Grouping itself is an analysis (``analyze/crisis/incidents.py``); this module
records what it decided and what people do with an incident. Transitions go
open → acknowledged → resolved (acknowledging or resolving cancels the
pending escalations of every alert of the incident: one person answers for
the whole event), and every change is a timeline row with who and when.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime
from typing import Any

import orjson

from influscope.errors import N_, Code, NotFound, UsageError
from influscope.store.writer import Writer

STATES = ("open", "acknowledged", "resolved")
TRANSITIONS = {"acknowledged": ("open",), "resolved": ("open", "acknowledged")}


def _rows(con: Any, sql: str, params: list[Any]) -> list[dict[str, Any]]:
    cursor = con.execute(sql, params)
    names = [d[0] for d in cursor.description]
    return [dict(zip(names, r, strict=True)) for r in cursor.fetchall()]


def open_incidents(store: Any) -> list[dict[str, Any]]:
    """Incidents not resolved, with their alert ids (oldest first)."""
    with store.snapshot() as con:  # incidents and their alerts read one state
        incidents = _rows(
            con,
            "SELECT * FROM incidents WHERE state <> 'resolved' ORDER BY window_start, incident_id",
            [],
        )
        members = _rows(con, "SELECT incident_id, alert_id FROM incident_alerts", [])
    by_incident: dict[str, list[str]] = {}
    for row in members:
        by_incident.setdefault(row["incident_id"], []).append(row["alert_id"])
    for incident in incidents:
        incident["alert_ids"] = sorted(by_incident.get(incident["incident_id"], []))
        incident["scopes"] = orjson.loads(incident["scopes"]) if incident["scopes"] else []
        incident["evidence"] = orjson.loads(incident["evidence"]) if incident["evidence"] else {}
    return incidents


def assigned(store: Any) -> set[str]:
    """Alert ids already in an incident."""
    with store.snapshot() as con:
        return {r[0] for r in con.execute("SELECT alert_id FROM incident_alerts").fetchall()}


def _event(
    writer: Writer, incident_id: str, at: datetime, kind: str, by: str | None, detail: Any
) -> None:
    row = writer.con.execute(
        "SELECT coalesce(max(seq), 0) + 1 FROM incident_events WHERE incident_id = ?", [incident_id]
    ).fetchone()
    writer.insert(
        "incident_events",
        [
            {
                "incident_id": incident_id,
                "seq": int(row[0]) if row else 1,
                "happened_at": at,
                "kind": kind,
                "by_user": by,
                "detail": detail
                if isinstance(detail, str) or detail is None
                else orjson.dumps(detail).decode(),
            }
        ],
    )


def save_incident(
    writer: Writer, incident: Any, new_alerts: list[str], at: datetime, title: str
) -> bool:
    """Insert or widen an incident and attach ``new_alerts``; True when it was created."""
    con = writer.con
    exists = con.execute(
        "SELECT title, scopes, evidence FROM incidents WHERE incident_id = ?",
        [incident.incident_id],
    ).fetchone()
    evidence = orjson.dumps(
        {
            "actors": sorted(incident.actors),
            "links": sorted(incident.links),
            "documents": sorted(incident.documents),
            "detectors": sorted(incident.detectors),
        }
    ).decode()
    values = {
        "scopes": orjson.dumps(sorted(incident.scopes)).decode(),
        "severity": incident.severity,
        "window_start": incident.start,
        "window_end": incident.end,
        "updated_at": at,
        "evidence": evidence,
    }
    if exists:
        # A widened incident's title follows its scopes and detectors while it is the
        # one made from them: the demo's coordinated burst, joined by the brand's spike
        # and negative share, stayed titled "all — coordination".
        if exists[0] == _made_title(exists[1], exists[2]):
            values["title"] = title
        writer.update("incidents", {"incident_id": incident.incident_id}, values)
    else:
        writer.insert(
            "incidents",
            [
                {
                    "incident_id": incident.incident_id,
                    "title": title,
                    "state": "open",
                    "opened_at": at,
                }
                | values
            ],
        )
        _event(writer, incident.incident_id, at, "opened", None, None)
    for alert_id in new_alerts:
        con.execute(
            "INSERT INTO incident_alerts VALUES (?, ?, ?) ON CONFLICT (alert_id) DO UPDATE "
            "SET incident_id = excluded.incident_id",
            [alert_id, incident.incident_id, at],
        )
        _event(writer, incident.incident_id, at, "alert", None, alert_id)
    return not exists


def made_title(scopes: Iterable[str], detectors: Iterable[str]) -> str:
    """An incident's neutral title: its scopes and what fired, as codes the UI says in words."""
    return f"{', '.join(sorted(scopes))} — {', '.join(sorted(detectors))}"


def _made_title(scopes: str | None, evidence: str | None) -> str:
    """:func:`made_title` of an incident's stored scopes and detectors ("" if unreadable)."""
    try:
        listed = orjson.loads(scopes or "[]")
        detectors = orjson.loads(evidence or "{}").get("detectors", [])
    except (orjson.JSONDecodeError, AttributeError):
        return ""
    return made_title(listed, detectors)


def merge_into(writer: Writer, target: str, absorbed: str, at: datetime) -> None:
    """Move the alerts and timeline of ``absorbed`` into ``target`` (an alert bridged them)."""
    con = writer.con
    con.execute(
        "UPDATE incident_alerts SET incident_id = ? WHERE incident_id = ?", [target, absorbed]
    )
    con.execute("DELETE FROM incident_events WHERE incident_id = ?", [absorbed])
    con.execute("DELETE FROM incidents WHERE incident_id = ?", [absorbed])
    _event(writer, target, at, "merged", None, absorbed)


def get_incident(store: Any, incident_id: str) -> dict[str, Any]:
    """One incident with its alerts (rule, detector, window, state) and its timeline."""
    with store.snapshot() as con:
        rows = _rows(con, "SELECT * FROM incidents WHERE incident_id = ?", [incident_id])
        if not rows:
            raise NotFound(
                N_("No incident {incident}."),
                N_("List them with 'influscope incidents'."),
                incident=repr(incident_id),
            )
        incident = rows[0]
        incident["alerts"] = _rows(
            con,
            "SELECT a.alert_id, a.rule, a.detector, a.severity, a.state, a.window_start, "
            "a.window_end, a.observed, a.expected, a.score, a.evidence FROM incident_alerts i "
            "JOIN alerts a USING (alert_id) WHERE i.incident_id = ? ORDER BY a.window_start, a.alert_id",
            [incident_id],
        )
        incident["timeline"] = _rows(
            con,
            "SELECT seq, happened_at AS at, kind, by_user, detail FROM incident_events WHERE incident_id = ? ORDER BY seq",
            [incident_id],
        )
    incident["scopes"] = orjson.loads(incident["scopes"]) if incident["scopes"] else []
    incident["evidence"] = orjson.loads(incident["evidence"]) if incident["evidence"] else {}
    # Each document is shown once in the incident: under the first alert that cites it.
    shown: set[str] = set()
    incident["documents"] = []
    for alert in incident["alerts"]:
        evidence = orjson.loads(alert.pop("evidence")) if alert.get("evidence") else {}
        fresh = [d for d in evidence.get("documents", []) if d.get("doc_id") not in shown]
        shown |= {d["doc_id"] for d in fresh if d.get("doc_id")}
        alert["documents"] = fresh
        incident["documents"] += fresh
    return incident


def list_incidents(store: Any, state: str | None = None, limit: int = 50) -> list[dict[str, Any]]:
    """Incidents, newest event first, with their alert counts."""
    sql = (
        "SELECT i.incident_id, i.title, i.severity, i.state, i.owner, i.window_start, i.window_end, "
        "i.opened_at, count(m.alert_id) AS alerts FROM incidents i "
        "LEFT JOIN incident_alerts m USING (incident_id)"
    )
    params: list[Any] = []
    if state:
        sql += " WHERE i.state = ?"
        params.append(state)
    sql += " GROUP BY ALL ORDER BY i.window_start DESC, i.incident_id LIMIT ?"
    params.append(int(limit))
    with store.snapshot() as con:
        return _rows(con, sql, params)


def set_state(writer: Writer, incident_id: str, state: str, by: str, at: datetime) -> None:
    """Acknowledge or resolve an incident; the escalations of its alerts are cancelled."""
    row = writer.con.execute(
        "SELECT state FROM incidents WHERE incident_id = ?", [incident_id]
    ).fetchone()
    if row is None:
        raise NotFound(
            N_("No incident {incident}."),
            N_("List them with 'influscope incidents'."),
            incident=repr(incident_id),
        )
    if state not in TRANSITIONS or row[0] not in TRANSITIONS[state]:
        raise UsageError(
            N_("Incident {incident} is {state}; it cannot become {target}."),
            N_("States go {open} → {acknowledged} → {resolved}."),
            incident=str(incident_id),
            state=Code("incident_state", str(row[0])),
            target=Code("incident_state", str(state)),
            **{c: Code("incident_state", c) for c in ("open", "acknowledged", "resolved")},
        )
    stamp = "acknowledged_at" if state == "acknowledged" else "resolved_at"
    writer.update(
        "incidents", {"incident_id": incident_id}, {"state": state, stamp: at, "updated_at": at}
    )
    writer.con.execute(
        "UPDATE alert_deliveries SET status = 'cancelled' WHERE status = 'pending' AND level > 0 "
        "AND alert_id IN (SELECT alert_id FROM incident_alerts WHERE incident_id = ?)",
        [incident_id],
    )
    _event(writer, incident_id, at, state, by, None)


def set_owner(writer: Writer, incident_id: str, owner: str, by: str, at: datetime) -> None:
    """Give the incident to someone (a timeline row says who did it)."""
    if not writer.update(
        "incidents", {"incident_id": incident_id}, {"owner": owner, "updated_at": at}
    ):
        raise NotFound(
            N_("No incident {incident}."),
            N_("List them with 'influscope incidents'."),
            incident=repr(incident_id),
        )
    _event(writer, incident_id, at, "owner", by, owner)


def add_note(writer: Writer, incident_id: str, note: str, by: str, at: datetime) -> None:
    """A free-text note on the timeline."""
    exists = writer.con.execute(
        "SELECT 1 FROM incidents WHERE incident_id = ?", [incident_id]
    ).fetchone()
    if not exists:
        raise NotFound(
            N_("No incident {incident}."),
            N_("List them with 'influscope incidents'."),
            incident=repr(incident_id),
        )
    _event(writer, incident_id, at, "note", by, note)


def silence_alert(writer: Writer, alert_id: str) -> None:
    """Cancel an alert's pending notifications: its incident was already paged."""
    writer.con.execute(
        "UPDATE alert_deliveries SET status = 'cancelled' WHERE alert_id = ? AND status = 'pending'",
        [alert_id],
    )
