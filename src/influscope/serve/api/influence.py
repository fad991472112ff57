"""Influencers, relationships, advocacy and the return on influence (issue 15).

Every answer is a dataclass of the analysis (its schema in the OpenAPI
document), the same value the command line prints and the report renders.
Reads of stored results run on the request's own store handle; the analyses
computed on demand (worth, advocacy, return on influence) are background jobs
whose answers are cached (202 while they run); writes take the write lock.
"""

from __future__ import annotations

from typing import Annotated, Any, Literal

from fastapi import APIRouter, Body, Query, Request

from influscope.analyze.advocacy.program import AdvocacyReport
from influscope.analyze.influence.stored import StoredTier
from influscope.analyze.profiles.stored import ProfilePage
from influscope.analyze.relations.worth import WorthRow
from influscope.analyze.roi.report import ReturnOnInfluence
from influscope.serve.api.boundary import JOB
from influscope.serve.api.cache import answer
from influscope.serve.api.deps import Limit, Offset, Reader, Writer, reading, writing
from influscope.serve.api.params import Axis, By
from influscope.serve.api.params import Period as Within
from influscope.serve.api.responses import Page, paged
from influscope.store.relationships import AuditEntry, RelationshipEntry
from influscope.workspace import Workspace
from influscope.workspace.influence import ProfileRun, Via

router = APIRouter(prefix="/api/influence", tags=["influence"], responses=JOB)
Tier = Annotated[
    Literal["mainstream", "macro", "affinity", "micro", "none"] | None,
    Query(description="Only this tier."),
]
Period = Annotated[Literal["week", "month", "quarter"], Query(description="Participation period.")]
Decision = Annotated[
    str | None, Query(description="A query naming one topic or decision (acceptability).")
]


@router.get("/profiles")
def profiles(
    request: Request, user: Reader, kind: str | None = None, limit: Limit = 50, offset: Offset = 0
) -> ProfilePage:
    """Stored actor profiles: kind with evidence and confidence, languages, activity, topics."""
    with reading(request) as ws:
        return ws.influence.profiles(kind, limit=limit, offset=offset)


@router.post("/profiles")
def profile(request: Request, user: Writer) -> ProfileRun:
    """Profile every actor again (kinds are written to the actors)."""
    with writing(request) as ws:
        return ws.influence.profile()


@router.get("/tiers")
def tiers(
    request: Request,
    user: Reader,
    axis: Axis = None,
    tier: Tier = None,
    limit: Limit = 50,
    offset: Offset = 0,
) -> Page[StoredTier]:
    """Tiers by position in the stored map (each community's leaders first), with reasons."""
    with reading(request) as ws:
        rows = ws.influence.stored_tiers(axis, tier=tier)
    return paged(rows, limit, offset)


@router.post("/tiers")
def compute_tiers(request: Request, user: Writer, axis: Axis = None) -> dict[str, int]:
    """Compute the tiers of the stored map of an axis again."""
    with writing(request) as ws:
        return {"actors": ws.influence.tiers(axis)}


@router.get("/worth")
def worth(request: Request, user: Reader, axis: Axis = None, limit: Limit = 20) -> Page[WorthRow]:
    """Worth a relationship: heavy on the journey, not yet in contact, not hostile."""
    ws: Workspace = request.app.state.workspace
    rows = answer(request, ws.influence.worth, axis, limit)
    return paged(rows, limit, 0)


@router.get("/relations")
def relations(
    request: Request,
    user: Reader,
    actor_id: str | None = None,
    limit: Annotated[int, Query(ge=1, le=100_000)] = 1000,
    offset: Offset = 0,
) -> Page[RelationshipEntry]:
    """The relationship log (one actor's entries, or all), newest first."""
    with reading(request) as ws:
        rows = ws.influence.relations(actor_id)
    return paged(rows, limit, offset)


@router.post("/relations")
def save_relation(
    request: Request, user: Writer, entry: Annotated[dict[str, Any], Body()]
) -> RelationshipEntry:
    """Create or update an entry (fields as in the CSV import); the write is audited."""
    via: Via = "dashboard" if request.state.via_session else "api"
    with writing(request) as ws:
        return ws.influence.save_relation(entry, user.name, via)


@router.delete("/relations/{relation_id}")
def delete_relation(request: Request, relation_id: str, user: Writer) -> dict[str, bool]:
    """Delete an entry; the deletion is audited."""
    via: Via = "dashboard" if request.state.via_session else "api"
    with writing(request) as ws:
        ws.influence.delete_relation(relation_id, user.name, via)
    return {"ok": True}


@router.get("/relations/audit")
def audit(
    request: Request,
    user: Reader,
    relation_id: str | None = None,
    limit: Annotated[int, Query(ge=1, le=100_000)] = 1000,
    offset: Offset = 0,
) -> Page[AuditEntry]:
    """Who changed the relationship log, when, through what, before and after."""
    with reading(request) as ws:
        rows = ws.influence.relation_audit(relation_id)
    return paged(rows, limit, offset)


@router.get("/advocacy")
def advocacy(
    request: Request, user: Reader, axis: Axis = None, period: Period = "month"
) -> AdvocacyReport:
    """The employee programme; the leaderboard is pseudonymised except for admins."""
    ws: Workspace = request.app.state.workspace
    return answer(request, ws.influence.advocacy, axis, period, names=user.role == "admin")


@router.get("/roi")
def roi(
    request: Request,
    user: Reader,
    axis: Axis = None,
    by: By = None,
    decision: Decision = None,
    period: Within = None,
) -> ReturnOnInfluence:
    """Return on influence: share of voice, journey share, acceptability, defenders, campaigns.

    ``period`` (``2026-Q4``, ``2026-10``…) keeps that period's figures, as the report does.
    """
    ws: Workspace = request.app.state.workspace
    return answer(request, ws.influence.roi, axis, by or "month", decision, period)
