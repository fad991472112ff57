"""What the crisis service returns: incidents, their timeline, and the crisis analysis of one.

Typed results (not dicts) so the command line, the API (whose OpenAPI
document shows these shapes), the dashboard, the crisis report and Python
users read the same fields and the type checker sees every one. Field names
are the JSON keys the dashboard reads.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any


@dataclass(frozen=True)
class IncidentSummary:
    """One incident in a list: its state, window and number of alerts."""

    incident_id: str
    title: str | None
    severity: str
    state: str
    owner: str | None
    window_start: datetime
    window_end: datetime
    opened_at: datetime
    alerts: int


@dataclass(frozen=True)
class IncidentAlert:
    """An alert of an incident, still inspectable on its own, with the documents it cites first."""

    alert_id: str
    rule: str
    detector: str | None
    severity: str | None
    state: str
    window_start: datetime | None
    window_end: datetime | None
    observed: float | None
    expected: float | None
    score: float | None
    documents: list[dict[str, Any]]


@dataclass(frozen=True)
class TimelineEvent:
    """A row of an incident's timeline: opened, alert, acknowledged, owner, note, resolved."""

    seq: int
    at: datetime
    kind: str
    by_user: str | None
    detail: str | None


@dataclass(frozen=True)
class Incident:
    """One incident: its alerts, its timeline and its evidence (each document once)."""

    incident_id: str
    title: str | None
    severity: str
    state: str
    owner: str | None
    window_start: datetime
    window_end: datetime
    opened_at: datetime
    acknowledged_at: datetime | None
    resolved_at: datetime | None
    updated_at: datetime | None
    scopes: list[str]
    evidence: dict[str, list[str]]
    alerts: list[IncidentAlert]
    timeline: list[TimelineEvent]
    documents: list[dict[str, Any]]

    @classmethod
    def of(cls, row: dict[str, Any]) -> Incident:
        """From the store's row (``store/incidents.get_incident``)."""
        return cls(
            incident_id=row["incident_id"],
            title=row.get("title"),
            severity=row["severity"],
            state=row["state"],
            owner=row.get("owner"),
            window_start=row["window_start"],
            window_end=row["window_end"],
            opened_at=row["opened_at"],
            acknowledged_at=row.get("acknowledged_at"),
            resolved_at=row.get("resolved_at"),
            updated_at=row.get("updated_at"),
            scopes=list(row.get("scopes") or []),
            evidence=dict(row.get("evidence") or {}),
            alerts=[IncidentAlert(**a) for a in row.get("alerts", [])],
            timeline=[TimelineEvent(**e) for e in row.get("timeline", [])],
            documents=list(row.get("documents", [])),
        )


@dataclass(frozen=True)
class NarrativeView:
    """A narrative of the incident's window: origin, size, languages, spreaders, growth."""

    narrative_id: str
    label: str
    origin: str
    origin_author: str
    first_seen: datetime
    documents: int
    accounts: int
    languages: dict[str, int]
    spreaders: list[dict[str, Any]]
    growth: list[int]


@dataclass(frozen=True)
class CoordinatedGroup:
    """Accounts that shared the same contents faster than chance, with a score and evidence."""

    group: int
    accounts: list[str]
    contents: int
    score: float
    evidence: list[list[str]]


@dataclass(frozen=True)
class Coordination:
    """Coordinated groups of the window and the interval read from the data."""

    interval_seconds: float | None  # None: too few co-shares to read an interval
    groups: list[CoordinatedGroup]


@dataclass(frozen=True)
class DefenderView:
    """An actor who took the company's side: when first, how many posts, owned/employee/ally."""

    actor_id: str
    first_at: datetime
    documents: int
    relation: str


@dataclass(frozen=True)
class Defenders:
    """The defenders of an incident and their share of voice (the crisis KPI)."""

    share_of_voice: float
    conversation: int
    defender_documents: int
    counter_narratives: list[str]
    actors: list[DefenderView]


@dataclass(frozen=True)
class RiposteQuery:
    """Where the company's own pages rank on one crisis query's captured result pages."""

    query: str
    best_owned_rank: int | None
    owned_slots: int


@dataclass(frozen=True)
class Riposte:
    """Riposte readiness: owned ranks on the crisis queries, time to the first owned response."""

    queries: list[RiposteQuery]
    seconds_to_first_owned_response: float | None


@dataclass(frozen=True)
class CrisisAnalysis:
    """Narratives, the attack and its cascade, coordination, defenders and riposte of an incident."""

    incident_id: str
    window_start: datetime
    window_end: datetime
    narratives: list[NarrativeView]
    coordination: Coordination
    riposte: Riposte
    attack: NarrativeView | None = None
    cascade: dict[str, Any] | None = None
    defenders: Defenders | None = None


@dataclass(frozen=True)
class IncidentKpi:
    """The crisis KPI of one incident, to compare incidents over time."""

    incident_id: str
    window_start: datetime
    defender_share_of_voice: float | None
    defenders: int = field(default=0)
