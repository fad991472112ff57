"""Tables of crisis mode: incidents, their alerts and timeline, followed claims (0012)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from influscope.model.schema import Int32, table


@table("claims", key=("claim_id",))
@dataclass(frozen=True, slots=True, kw_only=True)
class Claim:
    """A claim the team follows (a rumour) with its verdict and fact-checks (migration 0012)."""

    claim_id: str
    label: str
    query: str | None = None
    origin_doc: str | None = None  # a detected narrative's origin post (emptied on erasure)
    verdict: str | None = None
    fact_checks: str | None = None
    debunked_at: datetime | None = None
    created_by: str | None = None
    created_at: datetime
    updated_at: datetime | None = None


@table("incidents", key=("incident_id",))
@dataclass(frozen=True, slots=True, kw_only=True)
class Incident:
    """Alerts grouped as one event: open, acknowledged, resolved, with an owner (migration 0012)."""

    incident_id: str
    title: str | None = None
    scopes: str | None = None
    severity: str = "warning"
    state: str = "open"
    owner: str | None = None
    window_start: datetime
    window_end: datetime
    opened_at: datetime
    acknowledged_at: datetime | None = None
    resolved_at: datetime | None = None
    updated_at: datetime | None = None
    evidence: str | None = None


@table("incident_alerts", key=("alert_id",))
@dataclass(frozen=True, slots=True, kw_only=True)
class IncidentAlert:
    """Which incident an alert belongs to (migration 0012)."""

    alert_id: str
    incident_id: str
    added_at: datetime


@table("incident_events", key=("incident_id", "seq"))
@dataclass(frozen=True, slots=True, kw_only=True)
class IncidentEvent:
    """The timeline of an incident: state changes, notes, alerts added (migration 0012)."""

    incident_id: str
    seq: Int32
    happened_at: datetime
    kind: str
    by_user: str | None = None
    detail: str | None = None
