"""Health (the one public route), who am I, workspace status and the overview KPIs."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Request

from influscope.serve.api.boundary import JOB
from influscope.serve.api.cache import answer
from influscope.serve.api.deps import Reader
from influscope.workspace import Workspace
from influscope.workspace.data import WorkspaceStatus
from influscope.workspace.reports import Overview

router = APIRouter(prefix="/api", tags=["status"], responses=JOB)


@router.get("/health")
def health() -> dict[str, Any]:
    """Liveness probe; needs no authentication and tells nothing about the data."""
    return {"ok": True}


@router.get("/me")
def me(user: Reader) -> dict[str, Any]:
    """The authenticated user and their role."""
    return user.to_dict() | {"can_write": user.can_write}


@router.get("/status")
def status(request: Request, user: Reader) -> WorkspaceStatus:
    """Counts by platform, language and month, table sizes and the last runs."""
    ws: Workspace = request.app.state.workspace
    return answer(request, ws.data.status)


@router.get("/overview")
def overview(request: Request, user: Reader) -> Overview:
    """Per-axis KPIs: share of voice vs competitors, volume, sentiment, open alerts."""
    ws: Workspace = request.app.state.workspace
    return answer(request, ws.reports.overview)
