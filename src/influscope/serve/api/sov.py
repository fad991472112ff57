"""Share of voice series and the charts built from them (Vega-Lite specs)."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Query, Request

from influscope.analyze.sov.rows import ShareRow
from influscope.serve import charts
from influscope.serve.api.boundary import JOB
from influscope.serve.api.cache import answer
from influscope.serve.api.deps import Limit, Offset, Reader
from influscope.serve.api.params import Axis, By, Lang, Period, Split
from influscope.serve.api.responses import Page, page, paged
from influscope.workspace import Workspace

router = APIRouter(prefix="/api", tags=["share of voice"], responses=JOB)


@router.get("/sov")
def share_of_voice(
    request: Request,
    user: Reader,
    axis: Axis = None,
    by: By = None,
    split: Split = None,
    period: Period = None,
    limit: Annotated[int, Query(ge=1, le=100_000)] = 1000,
    offset: Offset = 0,
) -> Page[ShareRow]:
    """Share of voice of each brand on an axis (over time when ``by`` is given), in a period."""
    ws: Workspace = request.app.state.workspace
    rows = answer(request, ws.sov.share_of_voice, axis=axis, by=by, split=split, period=period)
    return paged(rows, limit, offset)


@router.get("/charts/sov")
def sov_chart(
    request: Request, user: Reader, axis: Axis = None, by: By = None, lang: Lang = "en"
) -> dict[str, Any]:
    """The share-of-voice chart of an axis as a Vega-Lite spec (same as in reports).

    Without ``by``, per day, week or month as the data's span reads best (the
    volume trend's rule): nine days of tweets by week were two points.
    """
    ws: Workspace = request.app.state.workspace
    chosen = by or answer(request, ws.sov.volume_trend).bin
    rows = answer(request, ws.sov.share_of_voice, axis=axis, by=chosen, split=None)
    return charts.sov_over_time([row.as_dict() for row in rows], lang)


@router.get("/charts/volume")
def volume_chart(request: Request, user: Reader, lang: Lang = "en") -> dict[str, Any]:
    """Documents per day, week or month (as the data's span reads best) as a Vega-Lite spec."""
    ws: Workspace = request.app.state.workspace
    return charts.volume(answer(request, ws.sov.volume_trend), lang)


@router.get("/charts/journey-vs-audience")
def journey_chart(
    request: Request, user: Reader, axis: Axis = None, lang: Lang = "en", limit: Limit = 200
) -> dict[str, Any]:
    """Actors by journey weight against audience, as a Vega-Lite spec."""
    ws: Workspace = request.app.state.workspace
    rows = answer(request, ws.journeys.stored, axis=axis, steps=True)
    return charts.journey_vs_audience(rows[:limit], lang)


@router.get("/sov/totals")
def sov_totals(
    request: Request,
    user: Reader,
    axis: Axis = None,
    period: Period = None,
    limit: Limit = 50,
    offset: Offset = 0,
) -> dict[str, Any]:
    """Share of voice per brand over the whole period or one (the overview's bars)."""
    ws: Workspace = request.app.state.workspace
    rows = answer(request, ws.sov.share_of_voice, axis=axis, by=None, split=None, period=period)
    return page(charts.sov_totals([row.as_dict() for row in rows]), limit, offset)


@router.get("/charts/sentiment")
def sentiment_chart(request: Request, user: Reader, lang: Lang = "en") -> dict[str, Any]:
    """The sentiment mix of the documents as a Vega-Lite spec (the overview's bars)."""
    ws: Workspace = request.app.state.workspace
    overview = answer(request, ws.reports.overview)
    return charts.sentiment(
        [{"value": v.value, "count": v.count} for v in overview.sentiment], lang
    )


@router.get("/charts/journey-weights")
def journey_weights_chart(
    request: Request, user: Reader, axis: Axis = None, lang: Lang = "en", limit: Limit = 25
) -> dict[str, Any]:
    """The actors weighing most on the journey, as bars (Vega-Lite spec)."""
    ws: Workspace = request.app.state.workspace
    rows = answer(request, ws.journeys.stored, axis=axis, level="actor")
    return charts.journey_weights(rows[:limit], lang)


@router.get("/charts/journey-queries")
def journey_queries_chart(
    request: Request, user: Reader, axis: Axis = None, lang: Lang = "en", limit: Limit = 25
) -> dict[str, Any]:
    """Per entry query, who occupies the results the public clicks (Vega-Lite spec)."""
    ws: Workspace = request.app.state.workspace
    report = answer(request, ws.journeys.queries, axis=axis)
    rows = sorted(report.get("queries", []), key=lambda r: -(r.get("volume") or 0))
    return charts.journey_queries(rows[:limit], lang)
