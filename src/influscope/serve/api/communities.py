"""Communities and the map graph (nodes with positions, colours' keys and sizes; edges)."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Query, Request

from influscope.serve.api.cache import cached, cached_call
from influscope.serve.api.deps import Limit, Offset, Reader, call
from influscope.serve.api.responses import page

router = APIRouter(prefix="/api", tags=["map"])

Level = Annotated[str, Query(pattern="^(coarse|fine)$")]


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
) -> dict[str, Any]:
    """A page of the map's nodes (by weight) with the edges between them."""

    def compute() -> dict[str, Any]:
        result = call(request, "stored_map", axis=axis, level=level, purpose="The map")
        return as_graph(result, limit, offset)

    return cached(request, ("map-graph", axis, level, limit, offset), compute)


def _rows(value: Any) -> list[dict[str, Any]]:
    if value is None:
        return []
    if hasattr(value, "to_pylist"):
        return list(value.to_pylist())
    if hasattr(value, "to_dict") and hasattr(value, "columns"):
        return list(value.to_dict("records"))
    return [r if isinstance(r, dict) else dict(getattr(r, "__dict__", {})) for r in value]


# What the map draws and filters on; the rest of an actor is one click away (its card).
NODE_FIELDS = (
    "actor_id",
    "name",
    "community",
    "community_label",
    "role",
    "stance",
    "kind",
    "tier",
    "weight",
    "followers",
    "x",
    "y",
)


def as_graph(result: Any, limit: int, offset: int) -> dict[str, Any]:
    """Turn a ``MapResult`` (rows/nodes + edges, as objects, dicts or Arrow) into JSON pages."""
    get = result.get if isinstance(result, dict) else lambda k: getattr(result, k, None)
    nodes = _rows(get("nodes") if get("nodes") is not None else get("rows"))
    nodes.sort(key=lambda n: -(n.get("weight") or 0))
    chosen = [{k: n[k] for k in NODE_FIELDS if k in n} for n in nodes[offset : offset + limit]]
    keep = {n["actor_id"] for n in chosen}
    edges = [
        {
            "source": e.get("source", e.get("src")),
            "target": e.get("target", e.get("dst")),
            "weight": e.get("weight", 1),
        }
        for e in _rows(get("edges"))
    ]
    edges = [e for e in edges if e["source"] in keep and e["target"] in keep]
    return {"nodes": chosen, "edges": edges, "total": len(nodes), "limit": limit, "offset": offset}
