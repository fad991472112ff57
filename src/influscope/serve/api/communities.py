"""Communities and the map graph (nodes with positions, colours' keys and sizes; edges)."""

from __future__ import annotations

from typing import Annotated, Any

import orjson
from fastapi import APIRouter, Query, Request
from fastapi.responses import Response

from influscope.options import MapLevel
from influscope.serve.api.boundary import JOB
from influscope.serve.api.cache import answer
from influscope.serve.api.deps import Limit, Offset, Reader
from influscope.serve.api.mapgraph import as_columns, as_graph
from influscope.serve.api.params import Axis, Level
from influscope.serve.api.responses import page
from influscope.workspace import Workspace
from influscope.workspace.context import Progress

__all__ = ["as_graph", "router"]

router = APIRouter(prefix="/api", tags=["map"], responses=JOB)

Shape = Annotated[str, Query(alias="format", pattern="^(rows|columns)$")]


@router.get("/communities")
def communities(
    request: Request,
    user: Reader,
    axis: Axis = None,
    level: Level = "coarse",
    limit: Limit = 100,
    offset: Offset = 0,
) -> dict[str, Any]:
    """The communities of the map with their profile and role."""
    ws: Workspace = request.app.state.workspace
    rows = answer(request, ws.maps.communities, axis=axis, level=level, steps=True)
    return page(rows, limit, offset)


@router.get("/map")
def map_graph(
    request: Request,
    user: Reader,
    axis: Axis = None,
    level: Level = "coarse",
    limit: Annotated[int, Query(ge=1, le=200_000)] = 50_000,
    offset: Offset = 0,
    shape_name: Shape = "rows",
) -> Response:
    """A page of the map's nodes (by weight) with the edges between them.

    ``format=columns`` answers one array per field, categories as codes into
    ``dictionaries`` and edges as node positions: the compact shape the
    dashboard's map reads (a 50k-node map in a fraction of the bytes). A
    20k-node page of a large map holds ~500k edges: it is serialised once and
    the bytes are cached, so a reload only pays for the transfer.
    """
    ws: Workspace = request.app.state.workspace
    body = answer(request, _graph_bytes, ws, axis, level, limit, offset, shape_name, steps=True)
    return Response(content=body, media_type="application/json")


def _graph_bytes(
    ws: Workspace,
    axis: str | None,
    level: MapLevel,
    limit: int,
    offset: int,
    shape_name: str,
    progress: Progress | None = None,
) -> bytes:
    """A page of the stored map as JSON bytes (what the cache keeps for the map route)."""
    shape = as_columns if shape_name == "columns" else as_graph
    result = ws.maps.stored(axis=axis, level=level, progress=progress)
    return orjson.dumps(shape(result, limit, offset), default=str, option=orjson.OPT_NON_STR_KEYS)
