"""Communities and the map graph (nodes with positions, colours' keys and sizes; edges)."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Query, Request

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
) -> dict[str, Any]:
    """A page of the map's nodes (by weight) with the edges between them.

    ``format=columns`` answers one array per field, categories as codes into
    ``dictionaries`` and edges as node positions: the compact shape the
    dashboard's map reads (a 50k-node map in a fraction of the bytes).
    """
    shape = as_columns if shape_name == "columns" else as_graph

    def compute() -> dict[str, Any]:
        result = call(request, "stored_map", axis=axis, level=level, purpose="The map")
        return shape(result, limit, offset)

    return cached(request, ("map-graph", axis, level, limit, offset, shape_name), compute)
