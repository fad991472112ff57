"""Influencers, relationships, advocacy and the return on influence (issue 15)."""

from __future__ import annotations

from typing import Annotated, Any, Literal

from fastapi import APIRouter, Body, Query, Request

from influscope.serve.api.deps import Limit, Offset, Reader, Writer, locked
from influscope.serve.api.params import Axis, By
from influscope.serve.api.responses import page

router = APIRouter(prefix="/api/influence", tags=["influence"])
Tier = Annotated[
    Literal["mainstream", "macro", "affinity", "micro", "none"] | None,
    Query(description="Only this tier."),
]
Period = Annotated[Literal["week", "month", "quarter"], Query(description="Participation period.")]


@router.get("/profiles")
def profiles(
    request: Request, user: Reader, kind: str | None = None, limit: Limit = 50, offset: Offset = 0
) -> dict[str, Any]:
    """Stored actor profiles: kind with evidence and confidence, languages, activity, topics."""
    with locked(request) as ws:
        return ws.influence.profiles(kind, limit=limit, offset=offset)


@router.post("/profiles")
def profile(request: Request, user: Writer) -> dict[str, Any]:
    """Profile every actor again (kinds are written to the actors)."""
    with locked(request) as ws:
        return ws.influence.profile()


@router.get("/tiers")
def tiers(
    request: Request,
    user: Reader,
    axis: Axis = None,
    tier: Tier = None,
    limit: Limit = 50,
    offset: Offset = 0,
) -> dict[str, Any]:
    """Tiers by position in the stored map (each community's leaders first), with reasons."""
    with locked(request) as ws:
        rows = ws.influence.stored_tiers(axis, tier=tier)
    return page(rows, limit, offset)


@router.post("/tiers")
def compute_tiers(request: Request, user: Writer, axis: Axis = None) -> dict[str, Any]:
    """Compute the tiers of the stored map of an axis again."""
    with locked(request) as ws:
        rows = ws.influence.tiers(axis)
    return {"actors": len(rows)}


@router.get("/worth")
def worth(request: Request, user: Reader, axis: Axis = None, limit: Limit = 20) -> dict[str, Any]:
    """Worth a relationship: heavy on the journey, not yet in contact, not hostile."""
    with locked(request) as ws:
        return {"items": ws.influence.worth(axis, limit)}


@router.get("/relations")
def relations(request: Request, user: Reader, actor_id: str | None = None) -> dict[str, Any]:
    """The relationship log (one actor's entries, or all), newest first."""
    with locked(request) as ws:
        return {"items": ws.influence.relations(actor_id)}


@router.post("/relations")
def save_relation(
    request: Request, user: Writer, entry: Annotated[dict[str, Any], Body()]
) -> dict[str, Any]:
    """Create or update an entry (fields as in the CSV import); the write is audited."""
    via = "dashboard" if request.state.via_session else "api"
    with locked(request) as ws:
        return ws.influence.save_relation(entry, user.name, via)


@router.delete("/relations/{relation_id}")
def delete_relation(request: Request, relation_id: str, user: Writer) -> dict[str, Any]:
    """Delete an entry; the deletion is audited."""
    via = "dashboard" if request.state.via_session else "api"
    with locked(request) as ws:
        ws.influence.delete_relation(relation_id, user.name, via)
    return {"ok": True}


@router.get("/relations/audit")
def audit(request: Request, user: Reader, relation_id: str | None = None) -> dict[str, Any]:
    """Who changed the relationship log, when, through what, before and after."""
    with locked(request) as ws:
        return {"items": ws.influence.relation_audit(relation_id)}


@router.get("/advocacy")
def advocacy(
    request: Request, user: Reader, axis: Axis = None, period: Period = "month"
) -> dict[str, Any]:
    """The employee programme; the leaderboard is pseudonymised except for admins."""
    with locked(request) as ws:
        return ws.influence.advocacy(axis, period, names=user.role == "admin")


@router.get("/roi")
def roi(
    request: Request,
    user: Reader,
    axis: Axis = None,
    by: By = None,
    decision: Annotated[
        str | None, Query(description="A query naming one topic or decision (acceptability).")
    ] = None,
) -> dict[str, Any]:
    """Return on influence: share of voice, journey share, acceptability, campaigns."""
    with locked(request) as ws:
        return ws.influence.roi(axis, by or "month", decision)
