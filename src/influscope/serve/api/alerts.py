"""The alerts inbox: list, show (explanation and evidence), acknowledge, close."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Query, Request

from influscope.serve.api.deps import Offset, Reader, Writer, reading, writing
from influscope.serve.api.params import State
from influscope.serve.api.responses import page

router = APIRouter(prefix="/api/alerts", tags=["alerts"])


@router.get("")
def alerts(
    request: Request,
    user: Reader,
    state: State = None,
    limit: Annotated[int, Query(ge=1, le=1000)] = 50,
    offset: Offset = 0,
) -> dict[str, Any]:
    """Alerts, newest first (optionally in one state)."""
    with reading(request) as ws:
        result = page(ws.alerts.list(state=state, limit=100_000), limit, offset)
        # The inbox shows each alert's explanation and evidence: complete the page's
        # summaries with the full alerts (a page is at most 1000, usually 50).
        result["items"] = [ws.alerts.get(item["alert_id"]) for item in result["items"]]
    return result


@router.get("/{alert_id}")
def alert(request: Request, alert_id: str, user: Reader) -> dict[str, Any]:
    """One alert with its rule, numbers, explanation and evidence."""
    with reading(request) as ws:
        return ws.alerts.get(alert_id)


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
