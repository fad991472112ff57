"""The influence journey: actor weights, the queries that lead to them, their paths."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Query, Request

from influscope.serve.api.cache import cached_call
from influscope.serve.api.deps import Limit, Offset, Reader, call
from influscope.serve.api.responses import page

router = APIRouter(prefix="/api/journey", tags=["journey"])


@router.get("")
def weights(
    request: Request,
    user: Reader,
    axis: str | None = None,
    level: Annotated[str, Query(pattern="^(actor|page)$")] = "actor",
    limit: Limit = 50,
    offset: Offset = 0,
) -> dict[str, Any]:
    """Journey weights (beside audience) by actor or page, as last computed (computed if never).

    ``journey_weight`` is a share of the public's encounters (0-1, summing to 1
    over all rows); the dashboard and reports show it as a percentage.
    """
    rows = cached_call(
        request, "stored_journey", axis=axis, level=level, purpose="The influence journey"
    )
    return page(list(rows), limit, offset)


@router.get("/queries")
def queries(
    request: Request, user: Reader, axis: str | None = None, limit: Limit = 50, offset: Offset = 0
) -> dict[str, Any]:
    """Entry queries → result pages → actors (the Journey page's flow).

    The page also carries the company's share of clicks and crisis readiness.
    """
    report = cached_call(request, "journey_queries", axis=axis, purpose="Journey queries")
    if isinstance(report, dict):
        summary = {k: v for k, v in report.items() if k != "queries"}
        return page(list(report.get("queries", [])), limit, offset) | summary
    return page(list(report), limit, offset)


@router.get("/{actor_id}/paths")
def paths(request: Request, actor_id: str, user: Reader, axis: str | None = None) -> Any:
    """An actor's top journey paths."""
    return call(request, "stored_journey_paths", actor_id, axis=axis, purpose="Journey paths")
