"""The influence journey: actor weights, the queries that lead to them, their paths."""

from __future__ import annotations

from dataclasses import asdict
from typing import Any

from fastapi import APIRouter, Request

from influscope.analyze.journey.data import JourneyBasis
from influscope.serve.api.boundary import JOB
from influscope.serve.api.cache import answer
from influscope.serve.api.deps import Limit, Offset, Reader
from influscope.serve.api.params import Axis, JourneyLevelParam
from influscope.serve.api.responses import page
from influscope.workspace import Workspace

router = APIRouter(prefix="/api/journey", tags=["journey"], responses=JOB)


@router.get("")
def weights(
    request: Request,
    user: Reader,
    axis: Axis = None,
    level: JourneyLevelParam = "actor",
    limit: Limit = 50,
    offset: Offset = 0,
) -> dict[str, Any]:
    """Journey weights (beside audience) by actor or page, as last computed (computed if never).

    ``journey_weight`` is a share of the public's encounters (0-1, summing to 1
    over all rows); the dashboard and reports show it as a percentage.
    ``basis`` says what the weights rest on (``thin``: no search with result
    pages and a handful of social entries; null before a journey is stored).
    """
    ws: Workspace = request.app.state.workspace
    rows = answer(request, ws.journeys.stored, axis=axis, level=level, steps=True)
    run = ws.journeys.stored_run(axis)
    return page(rows, limit, offset) | {"basis": _basis(run.get("basis") if run else None)}


def _basis(basis: JourneyBasis | None) -> dict[str, Any] | None:
    """What the weights rest on (searches with result pages, results, social entries), and ``thin``."""
    if basis is None:
        return None
    return asdict(basis) | {"thin": basis.thin}


@router.get("/queries")
def queries(
    request: Request, user: Reader, axis: Axis = None, limit: Limit = 50, offset: Offset = 0
) -> dict[str, Any]:
    """Entry queries → result pages → actors (the Journey page's flow).

    The page also carries the company's share of clicks and crisis readiness.
    """
    ws: Workspace = request.app.state.workspace
    report = answer(request, ws.journeys.queries, axis=axis)
    summary = {k: v for k, v in report.items() if k != "queries"}
    return page(list(report.get("queries", [])), limit, offset) | summary


@router.get("/{actor_id:path}/paths")
def paths(request: Request, actor_id: str, user: Reader, axis: Axis = None) -> dict[str, Any]:
    """An actor's top journey paths."""
    ws: Workspace = request.app.state.workspace
    return answer(request, ws.journeys.stored_paths, actor_id, axis=axis)
