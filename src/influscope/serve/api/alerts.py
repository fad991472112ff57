"""The alerts inbox: list, show (explanation and evidence), acknowledge, close."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Query, Request

from influscope.serve.api.cache import remembered
from influscope.serve.api.deps import Offset, Reader, Writer, reading, writing
from influscope.serve.api.params import OptionalLang, State
from influscope.serve.api.responses import FastJSON
from influscope.serve.explain import explanation
from influscope.workspace import Workspace

router = APIRouter(prefix="/api/alerts", tags=["alerts"])


@router.get("", response_model=dict[str, Any])
def alerts(
    request: Request,
    user: Reader,
    state: State = None,
    limit: Annotated[int, Query(ge=1, le=1000)] = 50,
    offset: Offset = 0,
    lang: OptionalLang = None,
) -> FastJSON:
    """Alerts, newest event first (optionally in one state); explanations in ``lang`` when given."""
    with reading(request) as ws:
        # The inbox shows each alert's explanation and evidence: the page's alerts whole,
        # read again after each write (an ack, a new alert), else from memory.
        found, total = remembered(request, ws.alerts.page, state, limit, offset)
        items = [_in(ws, alert, lang) for alert in found]
    # Rendered here by orjson: FastAPI's generic encoder walks every evidence document in
    # Python first, the inbox's slowest step on a busy server.
    return FastJSON({"items": items, "total": total, "limit": limit, "offset": offset})


def _in(ws: Workspace, found: dict[str, Any], lang: str | None) -> dict[str, Any]:
    """The alert with its explanation written again in ``lang`` (as stored without one)."""
    if lang is None:
        return found
    detectors = {rule.name: rule.detector for rule in ws.config.alerts}
    return found | {"explanation": explanation(found, detectors.get(str(found["rule"])), lang)}


@router.get("/{alert_id}")
def alert(
    request: Request, alert_id: str, user: Reader, lang: OptionalLang = None
) -> dict[str, Any]:
    """One alert with its rule, numbers, explanation (in ``lang`` when given) and evidence."""
    with reading(request) as ws:
        return _in(ws, ws.alerts.get(alert_id), lang)


@router.post("/{alert_id}/ack")
def ack(request: Request, alert_id: str, user: Writer) -> dict[str, Any]:
    """Acknowledge an alert (someone is on it)."""
    with writing(request) as ws:
        return ws.alerts.ack(alert_id, by=user.name)


@router.post("/{alert_id}/close")
def close(request: Request, alert_id: str, user: Writer) -> dict[str, Any]:
    """Close an alert."""
    with writing(request) as ws:
        return ws.alerts.close(alert_id, by=user.name)
