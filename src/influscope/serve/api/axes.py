"""Axes and brands of the workspace, and a preview of what a query matches."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Query, Request

from influscope.serve.api.deps import Limit, Offset, Reader, reading
from influscope.serve.api.responses import page

router = APIRouter(prefix="/api", tags=["axes"])


@router.get("/axes")
def axes(request: Request, user: Reader, limit: Limit = 50, offset: Offset = 0) -> dict[str, Any]:
    """The axes (topics) with their queries and competitors."""
    with reading(request) as ws:
        return page([a.model_dump() for a in ws.config.axes], limit, offset)


@router.get("/axes/{name}")
def axis(request: Request, name: str, user: Reader) -> dict[str, Any]:
    """One axis."""
    with reading(request) as ws:
        return ws.config.axis(name).model_dump()


@router.get("/brands")
def brands(request: Request, user: Reader, limit: Limit = 50, offset: Offset = 0) -> dict[str, Any]:
    """The company and its competitors (aliases, handles, domains)."""
    with reading(request) as ws:
        return page([b.model_dump() for b in ws.config.brands], limit, offset)


@router.get("/query/preview")
def preview(
    request: Request,
    user: Reader,
    q: Annotated[str, Query(min_length=1, max_length=4000, description="A boolean query.")],
    limit: Annotated[int, Query(ge=1, le=50)] = 10,
) -> dict[str, Any]:
    """Validate a query and show how many documents it matches, with a sample."""
    with reading(request) as ws:
        total = ws.sov.count(q)
        sample = ws.sov.search(q, limit=limit).to_pylist()
    return {"query": q, "valid": True, "total": total, "sample": sample}


@router.get("/themes")
def themes(
    request: Request,
    user: Reader,
    axis: str,
    top: Annotated[int, Query(ge=1, le=200)] = 20,
    limit: Limit = 50,
    offset: Offset = 0,
) -> dict[str, Any]:
    """The themes of an axis."""
    with reading(request) as ws:
        return page(ws.enrich.themes(axis, top=top), limit, offset)
