"""Incidents: the alerts of one event, their lifecycle, and the crisis analysis of an incident."""

from __future__ import annotations

from dataclasses import replace
from typing import Annotated, TypeVar

from fastapi import APIRouter, Body, Query, Request

from influscope.serve.api.deps import Offset, Reader, Writer, reading, writing
from influscope.serve.api.params import OptionalLang
from influscope.serve.api.responses import Page, paged
from influscope.serve.explain import incident_title
from influscope.workspace.crisis_results import CrisisAnalysis, Incident, IncidentSummary

router = APIRouter(prefix="/api/incidents", tags=["incidents"])
IncidentState = Annotated[str | None, Query(pattern="^(open|acknowledged|resolved)$")]
Titled = TypeVar("Titled", Incident, IncidentSummary)


def _said(incident: Titled, lang: str | None) -> Titled:
    """The incident with its title in ``lang`` (stored as scope and detector codes)."""
    if lang is None or not incident.title:
        return incident
    return replace(incident, title=incident_title(incident.title, lang))


@router.get("")
def incidents(
    request: Request,
    user: Reader,
    state: IncidentState = None,
    limit: Annotated[int, Query(ge=1, le=1000)] = 50,
    offset: Offset = 0,
    lang: OptionalLang = None,
) -> Page[IncidentSummary]:
    """Incidents, newest event first (optionally in one state), with their alert counts.

    With ``lang``, each title is in words (« marque Acme — pic de volume »);
    without, as stored (``brand:Acme — spike``), for programs.
    """
    with reading(request) as ws:
        found = ws.crisis.incidents(state=state, limit=100_000)
    return paged([_said(incident, lang) for incident in found], limit, offset)


@router.get("/{incident_id}")
def incident(
    request: Request, incident_id: str, user: Reader, lang: OptionalLang = None
) -> Incident:
    """One incident with its alerts and timeline (its title in words with ``lang``)."""
    with reading(request) as ws:
        return _said(ws.crisis.incident(incident_id), lang)


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
