"""Sources: the configured live sources, their health, and polling one now."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Request

from influscope.serve.api.deps import Limit, Offset, Reader, Writer, call
from influscope.serve.api.responses import page

router = APIRouter(prefix="/api/sources", tags=["sources"])


@router.get("")
def sources(
    request: Request, user: Reader, limit: Limit = 50, offset: Offset = 0
) -> dict[str, Any]:
    """The configured sources (secrets masked)."""
    return page(list(call(request, "sources_list", purpose="Sources")), limit, offset)


@router.get("/health")
def health(
    request: Request, user: Reader, name: str | None = None, limit: Limit = 50, offset: Offset = 0
) -> dict[str, Any]:
    """Each source's status, last success, last error, cursor and next run."""
    rows = call(request, "sources_check", name, purpose="Source health")
    return page(list(rows), limit, offset)


@router.post("/{name}/poll")
def poll(request: Request, name: str, user: Writer) -> dict[str, Any]:
    """Run one source once now (fetch, map, store) and return its summary."""
    return dict(call(request, "poll_source", name, purpose="Polling a source"))
