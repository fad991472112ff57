"""Incidents: the alerts of one event, their lifecycle, and the crisis analysis of an incident."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Body, Query, Request

from influscope.serve.api.deps import Offset, Reader, Writer, reading, writing
from influscope.serve.api.responses import Page, paged
from influscope.workspace.crisis_results import CrisisAnalysis, Incident, IncidentSummary

router = APIRouter(prefix="/api/incidents", tags=["incidents"])
IncidentState = Annotated[str | None, Query(pattern="^(open|acknowledged|resolved)$")]


@router.get("")
def incidents(
    request: Request,
    user: Reader,
    state: IncidentState = None,
    limit: Annotated[int, Query(ge=1, le=1000)] = 50,
    offset: Offset = 0,
) -> Page[IncidentSummary]:
    """Incidents, newest event first (optionally in one state), with their alert counts."""
    with reading(request) as ws:
        return paged(ws.crisis.incidents(state=state, limit=100_000), limit, offset)


@router.get("/{incident_id}")
def incident(request: Request, incident_id: str, user: Reader) -> Incident:
    """One incident with its alerts and timeline."""
    with reading(request) as ws:
        return ws.crisis.incident(incident_id)


@router.get("/{incident_id}/crisis")
def crisis(
    request: Request,
    incident_id: str,
    user: Reader,
    query: Annotated[list[str] | None, Query()] = None,
) -> CrisisAnalysis:
    """Narratives, attack cascade, coordination, defenders (share of voice) and riposte readiness."""
    with reading(request) as ws:
        return ws.crisis.analyse(incident_id, queries=query)


@router.post("/{incident_id}/ack")
def ack(request: Request, incident_id: str, user: Writer) -> Incident:
    """Acknowledge an incident (every escalation of its alerts stops)."""
    with writing(request) as ws:
        return ws.crisis.acknowledge(incident_id, by=user.name)


@router.post("/{incident_id}/resolve")
def resolve(request: Request, incident_id: str, user: Writer) -> Incident:
    """Resolve an incident."""
    with writing(request) as ws:
        return ws.crisis.resolve(incident_id, by=user.name)


@router.post("/{incident_id}/note")
def note(
    request: Request,
    incident_id: str,
    user: Writer,
    text: Annotated[str, Body(embed=True, min_length=1, max_length=5000)],
) -> Incident:
    """Add a note to the incident's timeline."""
    with writing(request) as ws:
        return ws.crisis.note(incident_id, text, by=user.name)


@router.post("/{incident_id}/owner")
def owner(
    request: Request,
    incident_id: str,
    user: Writer,
    name: Annotated[str, Body(embed=True, min_length=1, max_length=200)],
) -> Incident:
    """Give the incident to someone."""
    with writing(request) as ws:
        return ws.crisis.assign(incident_id, name, by=user.name)
