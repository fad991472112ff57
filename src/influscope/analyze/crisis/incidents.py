"""Incidents: the alerts of one event grouped together, so a bad buzz pages once, not six times.

Two alerts belong to the same incident when they are **close in time** (their
event windows overlap once widened by ``gap``) and **related**: the same
scope (brand, axis or query of the rule), or shared evidence — at least
``min_shared_actors`` of the same accounts, a shared link, a shared
document. Grouping is incremental and ordered: alerts are taken by event
time (then id) and each joins the open incident it relates to, or opens one,
so the live watch and a replay build the same incidents, and an incident
keeps growing while its event goes on (its window is the union of its
alerts' windows).

An incident's id is derived from its first alert's id: stable across runs.
Its lifecycle (open → acknowledged → resolved, with owner, timeline and
notes) is kept by the store (``store/crisis.py``).

Example:
    >>> from datetime import datetime, timedelta
    >>> t = datetime(2026, 1, 1)
    >>> a = AlertRef("a1", "spike", "brand:Acme", "critical", t, t + timedelta(hours=1))
    >>> b = AlertRef("a2", "negative_share", "brand:Acme", "warning", t, t + timedelta(hours=3))
    >>> [sorted(i.alert_ids) for i in group_alerts([a, b])]
    [['a1', 'a2']]
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any

SEVERITY = {"info": 0, "warning": 1, "critical": 2}
DETAIL_PREFIXES = ("actor:", "doc:", "community:", "text:", "link:")


def scope_of(key: str) -> str:
    """The scope part of an alert key (``brand:X axis:Y``), without the detector's own detail.

    >>> scope_of("brand:Acme actor:twitter:bob")
    'brand:Acme'
    >>> scope_of("all link:3fa2")
    'all'
    """
    parts = [p for p in key.split(" ") if p and not p.startswith(DETAIL_PREFIXES)]
    return " ".join(parts) or "all"


@dataclass(frozen=True)
class AlertRef:
    """What grouping needs to know of an alert."""

    alert_id: str
    detector: str
    key: str
    severity: str
    window_start: datetime
    window_end: datetime
    actors: frozenset[str] = frozenset()
    links: frozenset[str] = frozenset()
    documents: frozenset[str] = frozenset()

    @property
    def scope(self) -> str:
        """The alert's scope (see :func:`scope_of`)."""
        return scope_of(self.key)

    @classmethod
    def of(cls, alert: dict[str, Any]) -> AlertRef:
        """From a stored alert row (its evidence decoded)."""
        evidence = alert.get("evidence") or {}
        actors = {a["actor_id"] for a in evidence.get("actors", []) if a.get("actor_id")}
        actors |= {d["author_id"] for d in evidence.get("documents", []) if d.get("author_id")}
        facts_actor = (evidence.get("facts") or {}).get("actor_id")
        if facts_actor:
            actors.add(facts_actor)
        # An alert kept without its window (recorded by hand, or by an older
        # version) is an instant: the moment it fired.
        start = alert.get("window_start") or alert.get("window_end") or alert["fired_at"]
        return cls(
            alert_id=alert["alert_id"],
            detector=alert.get("detector") or alert.get("rule") or "",
            key=alert.get("key") or "all",
            severity=alert.get("severity") or "warning",
            window_start=start,
            window_end=alert.get("window_end") or start,
            actors=frozenset(actors),
            links=frozenset(link["url"] for link in evidence.get("links", []) if link.get("url")),
            documents=frozenset(
                d["doc_id"] for d in evidence.get("documents", []) if d.get("doc_id")
            ),
        )


@dataclass
class Incident:
    """A group of related alerts (the analysis side; the store adds state, owner and notes)."""

    incident_id: str
    alert_ids: list[str]
    scopes: set[str]
    start: datetime
    end: datetime
    severity: str
    detectors: set[str] = field(default_factory=set)
    actors: set[str] = field(default_factory=set)
    links: set[str] = field(default_factory=set)
    documents: set[str] = field(default_factory=set)

    @classmethod
    def open(cls, alert: AlertRef) -> Incident:
        """A new incident started by one alert."""
        digest = hashlib.sha256(alert.alert_id.encode()).hexdigest()[:15]
        incident = cls(
            "i" + digest, [], set(), alert.window_start, alert.window_end, alert.severity
        )
        incident.add(alert)
        return incident

    def add(self, alert: AlertRef) -> None:
        """Take an alert in: widen the window, keep the worst severity, pool the evidence."""
        self.alert_ids.append(alert.alert_id)
        self.scopes.add(alert.scope)
        self.detectors.add(alert.detector)
        self.start = min(self.start, alert.window_start)
        self.end = max(self.end, alert.window_end)
        if SEVERITY.get(alert.severity, 1) > SEVERITY.get(self.severity, 1):
            self.severity = alert.severity
        self.actors |= alert.actors
        self.links |= alert.links
        self.documents |= alert.documents


@dataclass(frozen=True)
class GroupingRules:
    """When two alerts are one event (module doc)."""

    gap: timedelta = timedelta(hours=12)
    min_shared_actors: int = 2

    def related(self, incident: Incident, alert: AlertRef) -> bool:
        """Whether ``alert`` is close to ``incident`` in time and shares its scope or evidence."""
        if alert.window_start > incident.end + self.gap:
            return False
        if alert.window_end < incident.start - self.gap:
            return False
        if alert.scope in incident.scopes and alert.scope != "all":
            return True
        if len(alert.actors & incident.actors) >= self.min_shared_actors:
            return True
        return bool(alert.links & incident.links) or bool(alert.documents & incident.documents)


def group_alerts(
    alerts: Iterable[AlertRef],
    rules: GroupingRules | None = None,
    incidents: list[Incident] | None = None,
) -> list[Incident]:
    """Assign alerts (in event-time order) to incidents; ``incidents`` are the open ones so far.

    Returns every incident, the given ones first (updated in place), new ones after.
    """
    rules = rules or GroupingRules()
    current = list(incidents or [])
    for alert in sorted(alerts, key=lambda a: (a.window_start, a.alert_id)):
        candidates = [i for i in current if rules.related(i, alert)]
        if not candidates:
            current.append(Incident.open(alert))
            continue
        target = min(candidates, key=lambda i: (i.start, i.incident_id))
        target.add(alert)
        for other in candidates:  # the alert bridges two incidents: they were one event
            if other is not target:
                for alert_id in other.alert_ids:
                    target.alert_ids.append(alert_id)
                target.scopes |= other.scopes
                target.detectors |= other.detectors
                target.start, target.end = (
                    min(target.start, other.start),
                    max(target.end, other.end),
                )
                target.actors |= other.actors
                target.links |= other.links
                target.documents |= other.documents
                if SEVERITY.get(other.severity, 1) > SEVERITY.get(target.severity, 1):
                    target.severity = other.severity
                current.remove(other)
    return current
