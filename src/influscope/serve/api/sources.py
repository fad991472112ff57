"""Sources: configured live sources and their health."""

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
    """Configured sources with their last poll, cursor and errors."""
    return page(list(call(request, "sources_list", purpose="Sources")), limit, offset)


@router.post("/check")
def check(
    request: Request, user: Writer, name: str | None = None, limit: Limit = 50, offset: Offset = 0
) -> dict[str, Any]:
    """Check sources now (network calls), one or all."""
    rows = call(request, "sources_check", name, purpose="Source checks")
    return page(list(rows), limit, offset)
