"""The alerts inbox: list, show (explanation and evidence), acknowledge, close."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Query, Request

from influscope.serve.api.deps import Offset, Reader, Writer, call
from influscope.serve.api.responses import page

router = APIRouter(prefix="/api/alerts", tags=["alerts"])

State = Annotated[str | None, Query(pattern="^(new|acked|closed)$")]


@router.get("")
def alerts(
    request: Request,
    user: Reader,
    state: State = None,
    limit: Annotated[int, Query(ge=1, le=1000)] = 50,
    offset: Offset = 0,
) -> dict[str, Any]:
    """Alerts, newest first (optionally in one state)."""
    rows = call(request, "alerts", state=state, limit=100_000, purpose="The alerts inbox")
    result = page(list(rows), limit, offset)
    # The inbox shows each alert's explanation and evidence: complete the page's
    # summaries with the full alerts (a page is at most 1000, usually 50).
    result["items"] = [
        item
        if "explanation" in item
        else call(request, "alert", item["alert_id"], purpose="The alerts inbox")
        for item in result["items"]
    ]
    return result


@router.get("/{alert_id}")
def alert(request: Request, alert_id: str, user: Reader) -> Any:
    """One alert with its rule, numbers, explanation and evidence."""
    return call(request, "alert", alert_id, purpose="The alerts inbox")


@router.post("/{alert_id}/ack")
def ack(request: Request, alert_id: str, user: Writer) -> Any:
    """Acknowledge an alert (someone is on it)."""
    result = call(request, "ack_alert", alert_id, by=user.name, purpose="The alerts inbox")
    return result if result is not None else {"ok": True, "alert_id": alert_id, "state": "acked"}


@router.post("/{alert_id}/close")
def close(request: Request, alert_id: str, user: Writer) -> Any:
    """Close an alert."""
    result = call(request, "close_alert", alert_id, by=user.name, purpose="The alerts inbox")
    return result if result is not None else {"ok": True, "alert_id": alert_id, "state": "closed"}
