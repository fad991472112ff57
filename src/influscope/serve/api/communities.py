"""Communities and the map graph (nodes with positions, colours' keys and sizes; edges)."""

from __future__ import annotations

from typing import Annotated, Any

import orjson
from fastapi import APIRouter, Query, Request
from fastapi.responses import Response

from influscope.serve.api.cache import cached, cached_call
from influscope.serve.api.deps import Limit, Offset, Reader, call
from influscope.serve.api.mapgraph import as_columns, as_graph
from influscope.serve.api.responses import page

__all__ = ["as_graph", "router"]

router = APIRouter(prefix="/api", tags=["map"])

Level = Annotated[str, Query(pattern="^(coarse|fine)$")]
Shape = Annotated[str, Query(alias="format", pattern="^(rows|columns)$")]


@router.get("/communities")
def communities(
    request: Request,
    user: Reader,
    axis: str | None = None,
    level: Level = "coarse",
    limit: Limit = 100,
    offset: Offset = 0,
) -> dict[str, Any]:
    """The communities of the map with their profile and role."""
    rows = cached_call(request, "communities", axis=axis, level=level, purpose="Communities")
    return page(list(rows), limit, offset)


@router.get("/map")
def map_graph(
    request: Request,
    user: Reader,
    axis: str | None = None,
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
    shape = as_columns if shape_name == "columns" else as_graph

    def compute() -> bytes:
        result = call(request, "stored_map", axis=axis, level=level, purpose="The map")
        return orjson.dumps(
            shape(result, limit, offset), default=str, option=orjson.OPT_NON_STR_KEYS
        )

    key = ("map-graph", axis, level, limit, offset, shape_name)
    return Response(content=cached(request, key, compute), media_type="application/json")
