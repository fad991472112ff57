"""Put newly recorded alerts into incidents (open ones first), and store what changed.

Called by the watch loop after each evaluation and by a replay: the alerts
not yet in an incident are grouped (:func:`~.incidents.group_alerts`) with
the incidents still open, in event-time order, so the result does not
depend on how many evaluations it took to record them.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

import orjson

from influscope.analyze.crisis.incidents import AlertRef, GroupingRules, Incident, group_alerts
from influscope.store import incidents as incident_store


def _restore(row: dict[str, Any]) -> Incident:
    evidence = row.get("evidence") or {}
    return Incident(
        incident_id=row["incident_id"],
        alert_ids=list(row["alert_ids"]),
        scopes=set(row.get("scopes") or []),
        start=row["window_start"],
        end=row["window_end"],
        severity=row["severity"],
        detectors=set(evidence.get("detectors", [])),
        actors=set(evidence.get("actors", [])),
        links=set(evidence.get("links", [])),
        documents=set(evidence.get("documents", [])),
    )


def unassigned_alerts(store: Any) -> list[dict[str, Any]]:
    """Alerts not in an incident yet, with their evidence decoded."""
    with store.lock:
        cursor = store.con.execute(
            "SELECT alert_id, rule, key, detector, severity, fired_at, window_start, window_end, "
            "evidence "
            "FROM alerts WHERE alert_id NOT IN (SELECT alert_id FROM incident_alerts) "
            "ORDER BY window_start, alert_id"
        )
        names = [d[0] for d in cursor.description]
        rows = [dict(zip(names, r, strict=True)) for r in cursor.fetchall()]
    for row in rows:
        row["evidence"] = orjson.loads(row["evidence"]) if row["evidence"] else {}
    return rows


def title_of(incident: Incident) -> str:
    """A short neutral title: the scopes and what fired (localised by the UI)."""
    return incident_store.made_title(incident.scopes, incident.detectors)


@dataclass(frozen=True)
class Assignment:
    """What one grouping pass changed: incidents opened, incidents widened, each new alert's incident."""

    opened: list[str] = field(default_factory=list)
    updated: list[str] = field(default_factory=list)
    incident_of: dict[str, str] = field(default_factory=dict)


def assign_incidents(store: Any, at: datetime, rules: GroupingRules | None = None) -> Assignment:
    """Group the unassigned alerts into incidents and store them (see :class:`Assignment`)."""
    fresh = unassigned_alerts(store)
    if not fresh:
        return Assignment()
    existing = [_restore(r) for r in incident_store.open_incidents(store)]
    before = {i.incident_id: set(i.alert_ids) for i in existing}
    result = group_alerts([AlertRef.of(a) for a in fresh], rules, existing)
    kept = {i.incident_id for i in result}
    opened: list[str] = []
    updated: list[str] = []
    incident_of: dict[str, str] = {}
    with store.transaction() as writer:
        for incident in result:
            new = [
                a for a in incident.alert_ids if a not in before.get(incident.incident_id, set())
            ]
            moved = [a for a in new if any(a in ids for ids in before.values())]
            new = [a for a in new if a not in moved]
            if not new and not moved:
                continue
            if incident_store.save_incident(writer, incident, new, at, title_of(incident)):
                opened.append(incident.incident_id)
            else:
                updated.append(incident.incident_id)
            incident_of.update((a, incident.incident_id) for a in new)
        for gone in sorted(set(before) - kept):  # after the target exists: it opened first
            target = next(i for i in result if before[gone] <= set(i.alert_ids))
            incident_store.merge_into(writer, target.incident_id, gone, at)
    return Assignment(opened, updated, incident_of)
