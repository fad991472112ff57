"""Claims: named narratives, their verdict and fact-checks, and their spread after the debunk."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated

from fastapi import APIRouter, Body, Request

from influscope.serve.api.deps import Limit, Offset, Reader, Writer, reading, writing
from influscope.serve.api.responses import Page, paged
from influscope.store.claims import Claim
from influscope.workspace.claims import ClaimSpread

router = APIRouter(prefix="/api/claims", tags=["claims"])
Url = Annotated[str, Body(min_length=1, max_length=2000)]


@router.get("")
def claims(request: Request, user: Reader, limit: Limit = 50, offset: Offset = 0) -> Page[Claim]:
    """Every claim, newest first."""
    with reading(request) as ws:
        return paged(ws.claims.list(), limit, offset)


@router.post("")
def add(
    request: Request,
    user: Writer,
    label: Annotated[str, Body(min_length=1, max_length=500)],
    query: Annotated[str | None, Body(max_length=5000)] = None,
    origin: Annotated[str | None, Body(max_length=500)] = None,
) -> Claim:
    """Name a claim by a query (the posts that carry it) or a detected narrative's origin post."""
    with writing(request) as ws:
        return ws.claims.add(label, query=query, origin=origin, by=user.name)


@router.get("/{claim_id}")
def claim(request: Request, claim_id: str, user: Reader) -> Claim:
    """One claim."""
    with reading(request) as ws:
        return ws.claims.get(claim_id)


@router.post("/{claim_id}/debunk")
def debunk(
    request: Request,
    claim_id: str,
    user: Writer,
    links: Annotated[list[str], Body(max_length=50)],
    verdict: Annotated[str, Body(pattern="^(false|misleading|true)$")] = "false",
    at: Annotated[datetime | None, Body()] = None,
) -> Claim:
    """Give the claim its verdict and fact-check links (``at``: when it was debunked)."""
    with writing(request) as ws:
        return ws.claims.debunk(claim_id, links, verdict=verdict, at=at)


@router.get("/{claim_id}/spread")
def spread(request: Request, claim_id: str, user: Reader) -> ClaimSpread:
    """Posts and denials of the claim per hour, before and after its debunk."""
    with reading(request) as ws:
        return ws.claims.spread(claim_id)
