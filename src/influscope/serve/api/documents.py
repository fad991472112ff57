"""Documents: newest first, or those matching a query of the boolean language."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Query, Request

from influscope.serve.api.deps import Limit, Offset, Reader, reading

router = APIRouter(prefix="/api", tags=["documents"])


@router.get("/documents")
def documents(
    request: Request,
    user: Reader,
    q: Annotated[str | None, Query(max_length=4000, description="A boolean query.")] = None,
    author: Annotated[str | None, Query(description="An actor id.")] = None,
    limit: Limit = 50,
    offset: Offset = 0,
) -> dict[str, Any]:
    """A page of documents (``items``, ``total``)."""
    with reading(request) as ws:
        return ws.data.documents(q, author=author, limit=limit, offset=offset)
