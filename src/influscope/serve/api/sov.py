"""Share of voice series and the charts built from them (Vega-Lite specs)."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Query, Request

from influscope.serve import charts
from influscope.serve.api.cache import cached_call
from influscope.serve.api.deps import Limit, Offset, Reader, call
from influscope.serve.api.responses import page

router = APIRouter(prefix="/api", tags=["share of voice"])

By = Annotated[str | None, Query(description="Time bucket or dimension, e.g. day, week, month.")]
Split = Annotated[str | None, Query(description="platform, community or kind.")]


@router.get("/sov")
def share_of_voice(
    request: Request,
    user: Reader,
    axis: str | None = None,
    by: By = None,
    split: Split = None,
    limit: Annotated[int, Query(ge=1, le=100_000)] = 1000,
    offset: Offset = 0,
) -> dict[str, Any]:
    """Share of voice of each brand on an axis (over time when ``by`` is given)."""
    rows = cached_call(
        request, "share_of_voice", axis=axis, by=by, split=split, purpose="Share of voice"
    )
    return page(list(rows), limit, offset)


@router.get("/charts/sov")
def sov_chart(
    request: Request, user: Reader, axis: str | None = None, by: By = "week", lang: str = "en"
) -> dict[str, Any]:
    """The share-of-voice chart of an axis as a Vega-Lite spec (same as in reports)."""
    rows = cached_call(request, "share_of_voice", axis=axis, by=by, purpose="Share of voice")
    return charts.sov_over_time(list(rows), lang)


@router.get("/charts/volume")
def volume_chart(request: Request, user: Reader, lang: str = "en") -> dict[str, Any]:
    """Documents per month as a Vega-Lite spec."""
    return charts.volume(call(request, "status")["documents_by_month"], lang)


@router.get("/charts/journey-vs-audience")
def journey_chart(
    request: Request, user: Reader, axis: str | None = None, lang: str = "en", limit: Limit = 200
) -> dict[str, Any]:
    """Actors by journey weight against audience, as a Vega-Lite spec."""
    rows = call(request, "stored_journey", axis=axis, purpose="The influence journey")
    return charts.journey_vs_audience(list(rows)[:limit], lang)


@router.get("/sov/totals")
def sov_totals(
    request: Request, user: Reader, axis: str | None = None, limit: Limit = 50, offset: Offset = 0
) -> dict[str, Any]:
    """Share of voice per brand over the whole period (the overview's bars)."""
    rows = cached_call(request, "share_of_voice", axis=axis, purpose="Share of voice")
    return page(charts.sov_totals(list(rows)), limit, offset)
