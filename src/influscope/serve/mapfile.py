"""Maps as files Gephi and Gephi Lite open finished: GEXF 1.3 and GraphML.

Written with :mod:`xml.etree.ElementTree` (never by string concatenation, so
names full of ``<&">`` stay well-formed). GEXF carries the map's look in its
``viz`` namespace: colour by community, size by weight, position from the
server-side layout; every map column is also a node attribute, so Gephi can
re-colour by stance or role. GraphML has the same columns plus the ``r``,
``g``, ``b``, ``x``, ``y`` and ``size`` keys Gephi's GraphML importer reads.
"""

from __future__ import annotations

import math
import xml.etree.ElementTree as ET
from datetime import UTC, datetime
from typing import IO, Any

GEXF_NS = "http://gexf.net/1.3"
VIZ_NS = "http://gexf.net/1.3/viz"
XSI_NS = "http://www.w3.org/2001/XMLSchema-instance"
GRAPHML_NS = "http://graphml.graphdrawing.org/xmlns"
NODE_COLUMNS: tuple[tuple[str, str], ...] = (
    ("community", "integer"),
    ("community_label", "string"),
    ("role", "string"),
    ("roles", "string"),
    ("stance", "string"),
    ("stance_source", "string"),
    ("stance_confidence", "double"),
    ("kind", "string"),
    ("kind_source", "string"),
    ("tier", "string"),
    ("weight", "double"),
)


def _rgb(color: str | None) -> tuple[int, int, int]:
    text = (color or "#7f7f7f").lstrip("#")
    try:
        return int(text[0:2], 16), int(text[2:4], 16), int(text[4:6], 16)
    except (ValueError, IndexError):
        return 127, 127, 127


def _value(value: Any, kind: str) -> str:
    if value is None:
        return ""
    if kind == "double":
        number = float(value)
        return repr(number) if math.isfinite(number) else "0.0"
    return str(value)


def _sizes(rows: list[dict[str, Any]]) -> list[float]:
    """Node sizes from weights, compressed (sqrt) into 2..40 so hubs do not hide the rest."""
    weights = [math.sqrt(max(float(r.get("weight") or 0.0), 0.0)) for r in rows]
    top = max(weights, default=0.0) or 1.0
    return [round(2.0 + 38.0 * w / top, 3) for w in weights]


def write_gexf(
    rows: list[dict[str, Any]],
    edges: list[dict[str, Any]],
    out: IO[bytes],
    description: str = "influscope map",
) -> None:
    """Write a map as GEXF 1.3 with viz colours, sizes and positions."""
    ET.register_namespace("", GEXF_NS)
    ET.register_namespace("viz", VIZ_NS)
    ET.register_namespace("xsi", XSI_NS)
    root = ET.Element(
        f"{{{GEXF_NS}}}gexf",
        {"version": "1.3", f"{{{XSI_NS}}}schemaLocation": f"{GEXF_NS} {GEXF_NS}/gexf.xsd"},
    )
    meta = ET.SubElement(
        root, f"{{{GEXF_NS}}}meta", {"lastmodifieddate": datetime.now(UTC).date().isoformat()}
    )
    ET.SubElement(meta, f"{{{GEXF_NS}}}creator").text = "influscope"
    ET.SubElement(meta, f"{{{GEXF_NS}}}description").text = description
    graph = ET.SubElement(
        root, f"{{{GEXF_NS}}}graph", {"defaultedgetype": "undirected", "mode": "static"}
    )
    attributes = ET.SubElement(
        graph, f"{{{GEXF_NS}}}attributes", {"class": "node", "mode": "static"}
    )
    for index, (name, kind) in enumerate(NODE_COLUMNS):
        ET.SubElement(
            attributes, f"{{{GEXF_NS}}}attribute", {"id": str(index), "title": name, "type": kind}
        )
    nodes = ET.SubElement(graph, f"{{{GEXF_NS}}}nodes")
    known = set()
    for row, size in zip(rows, _sizes(rows), strict=True):
        known.add(row["actor_id"])
        node = ET.SubElement(
            nodes,
            f"{{{GEXF_NS}}}node",
            {"id": row["actor_id"], "label": str(row.get("name") or row["actor_id"])},
        )
        values = ET.SubElement(node, f"{{{GEXF_NS}}}attvalues")
        for index, (name, kind) in enumerate(NODE_COLUMNS):
            if row.get(name) is not None:
                ET.SubElement(
                    values,
                    f"{{{GEXF_NS}}}attvalue",
                    {"for": str(index), "value": _value(row[name], kind)},
                )
        r, g, b = _rgb(row.get("color"))
        ET.SubElement(
            node, f"{{{VIZ_NS}}}color", {"r": str(r), "g": str(g), "b": str(b), "a": "1.0"}
        )
        ET.SubElement(
            node,
            f"{{{VIZ_NS}}}position",
            {
                "x": _value(row.get("x") or 0.0, "double"),
                "y": _value(row.get("y") or 0.0, "double"),
                "z": "0.0",
            },
        )
        ET.SubElement(node, f"{{{VIZ_NS}}}size", {"value": repr(size)})
    edge_parent = ET.SubElement(graph, f"{{{GEXF_NS}}}edges")
    for index, edge in enumerate(e for e in edges if e["src"] in known and e["dst"] in known):
        ET.SubElement(
            edge_parent,
            f"{{{GEXF_NS}}}edge",
            {
                "id": str(index),
                "source": edge["src"],
                "target": edge["dst"],
                "weight": _value(edge.get("weight") or 1.0, "double"),
            },
        )
    ET.ElementTree(root).write(out, encoding="UTF-8", xml_declaration=True)


def write_graphml(rows: list[dict[str, Any]], edges: list[dict[str, Any]], out: IO[bytes]) -> None:
    """Write a map as GraphML with the map columns and Gephi's colour/position/size keys."""
    ET.register_namespace("", GRAPHML_NS)
    root = ET.Element(f"{{{GRAPHML_NS}}}graphml")
    types = {"integer": "int", "double": "double", "string": "string"}
    columns = [
        ("label", "string"),
        *NODE_COLUMNS,
        ("r", "integer"),
        ("g", "integer"),
        ("b", "integer"),
        ("x", "double"),
        ("y", "double"),
        ("size", "double"),
    ]
    for name, kind in columns:
        ET.SubElement(
            root,
            f"{{{GRAPHML_NS}}}key",
            {"id": name, "for": "node", "attr.name": name, "attr.type": types[kind]},
        )
    ET.SubElement(
        root,
        f"{{{GRAPHML_NS}}}key",
        {"id": "weight", "for": "edge", "attr.name": "weight", "attr.type": "double"},
    )
    graph = ET.SubElement(root, f"{{{GRAPHML_NS}}}graph", {"edgedefault": "undirected"})
    known = set()
    for row, size in zip(rows, _sizes(rows), strict=True):
        known.add(row["actor_id"])
        node = ET.SubElement(graph, f"{{{GRAPHML_NS}}}node", {"id": row["actor_id"]})
        r, g, b = _rgb(row.get("color"))
        values = {
            **row,
            "label": row.get("name") or row["actor_id"],
            "r": r,
            "g": g,
            "b": b,
            "size": size,
        }
        for name, kind in columns:
            if values.get(name) is not None:
                ET.SubElement(node, f"{{{GRAPHML_NS}}}data", {"key": name}).text = _value(
                    values[name], kind
                )
    for edge in edges:
        if edge["src"] in known and edge["dst"] in known:
            element = ET.SubElement(
                graph, f"{{{GRAPHML_NS}}}edge", {"source": edge["src"], "target": edge["dst"]}
            )
            ET.SubElement(element, f"{{{GRAPHML_NS}}}data", {"key": "weight"}).text = _value(
                edge.get("weight") or 1.0, "double"
            )
    ET.ElementTree(root).write(out, encoding="UTF-8", xml_declaration=True)
