"""The map graph as JSON: one object per node (``rows``) or a columnar payload (``columns``).

The dashboard's map draws tens of thousands of nodes. As rows, every node
repeats its keys and its category strings ("community_label": "…", "stance":
"detractor"…) and every edge repeats two actor ids: 50k nodes and 100k edges
weigh ~17 MB of JSON that the browser must parse into as many objects. The
``columns`` shape sends one array per field, categories as small integer
codes into a dictionary of their values, and edges as pairs of node
positions, which is what the page turns into typed arrays and reducer
lookups without building an object per node.
"""

from __future__ import annotations

from typing import Any

import pyarrow as pa
import pyarrow.compute as pc

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
# The categories the page colours and filters by, sent as codes into a dictionary.
CATEGORIES = ("community", "stance", "kind", "role")


def rows_of(value: Any) -> list[dict[str, Any]]:
    """Rows as dicts from Arrow, a data frame, objects or dicts."""
    if value is None:
        return []
    if hasattr(value, "to_pylist"):
        return list(value.to_pylist())
    if hasattr(value, "to_dict") and hasattr(value, "columns"):
        return list(value.to_dict("records"))
    return [r if isinstance(r, dict) else dict(getattr(r, "__dict__", {})) for r in value]


def _getter(result: Any) -> Any:
    return result.get if isinstance(result, dict) else lambda k: getattr(result, k, None)


def _page(result: Any, limit: int, offset: int) -> tuple[list[dict[str, Any]], int]:
    """The nodes of one page (heaviest first) and the number of nodes in all."""
    get = _getter(result)
    nodes = rows_of(get("nodes") if get("nodes") is not None else get("rows"))
    nodes.sort(key=lambda n: -(n.get("weight") or 0))
    return nodes[offset : offset + limit], len(nodes)


def _edge_table(result: Any) -> pa.Table:
    """The edges as an Arrow table (``source``, ``target``) whatever shape they came in."""
    table = getattr(result, "edge_table", None)
    if isinstance(table, pa.Table):
        names = table.column_names
        src = "src" if "src" in names else "source"
        dst = "dst" if "dst" in names else "target"
        return pa.table({"source": table[src], "target": table[dst]})
    edges = rows_of(_getter(result)("edges"))
    return pa.table(
        {
            "source": pa.array([str(e.get("source", e.get("src"))) for e in edges], pa.string()),
            "target": pa.array([str(e.get("target", e.get("dst"))) for e in edges], pa.string()),
        }
    )


def as_graph(result: Any, limit: int, offset: int) -> dict[str, Any]:
    """Turn a ``MapResult`` (rows/nodes + edges, as objects, dicts or Arrow) into JSON pages."""
    page, total = _page(result, limit, offset)
    chosen = [{k: n[k] for k in NODE_FIELDS if k in n} for n in page]
    keep = {n["actor_id"] for n in chosen}
    table = getattr(result, "edge_table", None)
    if isinstance(table, pa.Table) and {"src", "dst"} <= set(table.column_names):
        edges = _arrow_edges(table, keep)
    else:
        edges = [
            {
                "source": e.get("source", e.get("src")),
                "target": e.get("target", e.get("dst")),
                "weight": e.get("weight", 1),
            }
            for e in rows_of(_getter(result)("edges"))
        ]
        edges = [e for e in edges if e["source"] in keep and e["target"] in keep]
    return {"nodes": chosen, "edges": edges, "total": total, "limit": limit, "offset": offset}


def _arrow_edges(table: pa.Table, keep: set[str]) -> list[dict[str, Any]]:
    """The edges between kept nodes, filtered column-wise (a large map has ~20 edges per node)."""
    ids = pa.array(sorted(keep), pa.string())
    mask = pc.and_(pc.is_in(table["src"], value_set=ids), pc.is_in(table["dst"], value_set=ids))
    chosen = table.filter(mask)
    weights = chosen["weight"].to_pylist() if "weight" in chosen.column_names else [1] * len(chosen)
    return [
        {"source": source, "target": target, "weight": weight}
        for source, target, weight in zip(
            chosen["src"].to_pylist(), chosen["dst"].to_pylist(), weights, strict=True
        )
    ]


def _encode(values: list[Any]) -> tuple[list[int], list[str]]:
    """Dictionary-encode values (in order of first appearance); missing values get -1."""
    codes: list[int] = []
    index: dict[str, int] = {}
    for value in values:
        if value is None or value == "":
            codes.append(-1)
            continue
        key = str(value)
        code = index.get(key)
        if code is None:
            code = index[key] = len(index)
        codes.append(code)
    return codes, list(index)


def _number(value: Any, digits: int) -> float | None:
    try:
        number = float(value)
    except (TypeError, ValueError):
        return None
    return round(number, digits) if number == number else None  # NaN → null


def as_columns(result: Any, limit: int, offset: int) -> dict[str, Any]:
    """The page of the map as columns: what the dashboard's map needs and nothing else.

    ``nodes`` holds ``id``, ``name``, ``x``, ``y``, ``weight`` and one code per
    category (``community``, ``stance``, ``kind``, ``role``) into
    ``dictionaries``; a community is named by its label (its number when it has
    none). ``edges`` holds ``source``/``target`` as positions in the node
    arrays, only for edges whose two ends are on the page.
    """
    page, total = _page(result, limit, offset)
    ids = [str(n.get("actor_id")) for n in page]
    nodes: dict[str, Any] = {
        "id": ids,
        "name": [n.get("name") or None for n in page],
        "x": [_number(n.get("x"), 3) for n in page],
        "y": [_number(n.get("y"), 3) for n in page],
        "weight": [_number(n.get("weight"), 6) or 0.0 for n in page],
    }
    dictionaries: dict[str, list[str]] = {}
    for field in CATEGORIES:
        if field == "community":
            values = [
                n.get("community_label") or n.get("community")
                if n.get("community") is not None or n.get("community_label")
                else None
                for n in page
            ]
        else:
            values = [n.get(field) for n in page]
        nodes[field], dictionaries[field] = _encode(values)
    edges = _edge_table(result)
    position = pa.array(ids, pa.string())
    source = pc.index_in(edges["source"].cast(pa.string()), value_set=position)
    target = pc.index_in(edges["target"].cast(pa.string()), value_set=position)
    inside = pc.and_(pc.is_valid(source), pc.is_valid(target))
    return {
        "format": "columns",
        "nodes": nodes,
        "dictionaries": dictionaries,
        "edges": {
            "source": pc.filter(source, inside).to_pylist(),
            "target": pc.filter(target, inside).to_pylist(),
        },
        "total": total,
        "limit": limit,
        "offset": offset,
    }
