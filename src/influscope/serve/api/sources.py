"""Sources: the configured live sources, their health, and polling one now."""

from __future__ import annotations

from fastapi import APIRouter, Request

from influscope.serve.api.deps import Limit, Offset, Reader, Writer, reading, writing
from influscope.serve.api.responses import Page, paged
from influscope.workspace.import_results import PollResult, SourceHealth, SourceInfo

router = APIRouter(prefix="/api/sources", tags=["sources"])


@router.get("")
def sources(
    request: Request, user: Reader, limit: Limit = 50, offset: Offset = 0
) -> Page[SourceInfo]:
    """The configured sources (secrets masked)."""
    with reading(request) as ws:
        return paged(ws.ingest.sources(), limit, offset)


@router.get("/health")
def health(
    request: Request, user: Reader, name: str | None = None, limit: Limit = 50, offset: Offset = 0
) -> Page[SourceHealth]:
    """Each source's status, last success, last error, cursor and next run."""
    with reading(request) as ws:
        return paged(ws.ingest.check(name), limit, offset)


@router.post("/{name}/poll")
def poll(request: Request, name: str, user: Writer) -> PollResult:
    """Run one source once now (fetch, map, store) and return its summary."""
    with writing(request) as ws:
        return ws.ingest.poll(name)
