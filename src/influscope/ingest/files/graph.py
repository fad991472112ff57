"""Actor networks from graph files: GEXF, GraphML, GML, or a nodes/edges CSV pair.

Hyperlink maps (Hyphe, polblogs) and Gephi projects become ``actors`` and
``interactions`` (kind ``link`` unless an edge says otherwise). A node's actor
id ends with its label (or its id when it has none):

- a label that already reads ``platform:handle`` (``twitter:jdupont``) is kept;
- a label that looks like a web address (``lemonde.fr``, ``x.blogspot.com/blog``,
  ``https://site.org/``) becomes ``web:<label>``, lower-cased, without the
  scheme — the Hyphe web-entity convention that link edges from documents use.
  Nothing else is stripped, so two nodes of the source stay two actors
  (polblogs lists ``atrios.blogspot.com`` and ``atrios.blogspot.com/``); merge
  such pairs with ``[[actors.same]]`` when they are one site;
- anything else becomes ``<platform>:<label>`` with the ``--platform`` given
  (default ``graph``), lower-cased.

The ids follow :mod:`influscope.ids` like every other actor's (so ``@JDupont``
with ``--platform twitter`` is the ``twitter:jdupont`` of imported tweets); a
label that names nothing (``@``) is a row error.

Quirks handled: GML headers that lie about direction (polblogs says
``undirected 1`` but lists source→target hyperlinks: edges are always read in
the order written), repeated edges (summed into one weighted edge, counted in
the report), self-loops (dropped, counted), HTML entities in GML strings, and
node attributes of any type (kept in ``actors.attrs`` as JSON).
"""

from __future__ import annotations

import csv
import html
import re
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import orjson

from influscope import ids
from influscope.errors import InputError, UsageError
from influscope.ingest.batch import Batch
from influscope.ingest.files.readers import open_text
from influscope.ingest.values import to_bool, to_int, to_utc
from influscope.model import RowError

GRAPH_FORMATS = ("gexf", "graphml", "gml")
_DOMAIN = re.compile(r"^(?:https?://)?([a-z0-9_-]+(?:\.[a-z0-9_-]+)*\.[a-z]{2,}(?::\d+)?)(/\S*)?$")
_PREFIXED = re.compile(r"^[a-z][a-z0-9_-]{1,20}:[^/\s]")
# Node attributes that fill actor columns instead of staying in attrs.
ACTOR_FIELDS = {
    "followers": "followers",
    "bio": "bio",
    "description": "bio",
    "verified": "verified",
}


@dataclass
class GraphData:
    """What a graph file holds, mapped to canonical actor ids."""

    nodes: dict[str, dict[str, Any]] = field(default_factory=dict)
    edges: dict[tuple[str, str, str], float] = field(default_factory=dict)
    edge_times: dict[tuple[str, str, str], Any] = field(default_factory=dict)
    duplicates: int = 0
    self_loops: int = 0
    errors: list[RowError] = field(default_factory=list)


def actor_id_for(label: str, platform: str = "graph") -> tuple[str, str]:
    """The actor id and platform of a node label (see module doc).

    >>> actor_id_for("12thharmonic.com/wordpress")
    ('web:12thharmonic.com/wordpress', 'web')
    >>> actor_id_for("Jane Doe", "hyphe")
    ('hyphe:jane doe', 'hyphe')

    Raises:
        ValueError: the label names no actor (only ``@`` signs).
    """
    text = label.strip().lower()
    match = _DOMAIN.match(text)
    if _PREFIXED.match(text) and not text.startswith(("http:", "https:")):
        platform, name = ids.split_id(text)
    elif match:
        platform, name = ids.WEB, f"{match.group(1)}{match.group(2) or ''}"
    else:
        name = text
    actor = ids.actor_id(platform, name)
    if actor is None:
        raise ValueError(f"the label {label!r} names no actor")
    return actor, platform


def detect_graph_format(path: Path) -> str:
    """The graph format from the file name."""
    suffix = path.name.lower().removesuffix(".gz").rsplit(".", 1)[-1]
    if suffix in GRAPH_FORMATS:
        return suffix
    raise UsageError(
        f"{path}: cannot tell the graph format from the file name.",
        "Pass --format gexf, graphml or gml, or use --nodes/--edges for CSV files.",
    )


def read_graph(path: Path, fmt: str | None = None, platform: str = "graph") -> GraphData:
    """Read a GEXF, GraphML or GML file into canonical nodes and edges."""
    fmt = fmt or detect_graph_format(path)
    if fmt == "gml":
        raw_nodes, raw_edges = _read_gml(path)
    elif fmt in ("gexf", "graphml"):
        raw_nodes, raw_edges = _read_xml(path, fmt)
    else:
        raise UsageError(
            f"Unknown graph format {fmt!r}.", f"Use one of {', '.join(GRAPH_FORMATS)}."
        )
    return _assemble(str(path), raw_nodes, raw_edges, platform)


def read_csv_graph(nodes: Path | None, edges: Path, platform: str = "graph") -> GraphData:
    """Read a nodes CSV (``id``, optional ``label`` and attributes) and an edges CSV."""
    raw_nodes: list[tuple[int, dict[str, Any]]] = []
    if nodes is not None:
        for line, row in _csv_rows(nodes):
            raw_nodes.append((line, row))
    raw_edges = list(_csv_rows(edges))
    data = _assemble(str(edges), raw_nodes, raw_edges, platform, node_file=str(nodes))
    return data


def _csv_rows(path: Path) -> Iterator[tuple[int, dict[str, Any]]]:
    with open_text(path) as handle:
        reader = csv.DictReader(handle)
        if reader.fieldnames is None:
            return
        for row in reader:
            yield reader.line_num, {k.strip(): v for k, v in row.items() if k is not None}


def _assemble(
    file: str,
    raw_nodes: list[tuple[int, dict[str, Any]]],
    raw_edges: list[tuple[int, dict[str, Any]]],
    platform: str,
    node_file: str | None = None,
) -> GraphData:
    data = GraphData()
    known: dict[str, str] = {}
    for line, node in raw_nodes:
        key = _text(node.get("id"))
        label = _text(node.get("label")) or key
        if not key or not label:
            data.errors.append(RowError(node_file or file, line, "id", "node without id"))
            continue
        try:
            actor_id, actor_platform = actor_id_for(label, platform)
        except ValueError as exc:
            data.errors.append(RowError(node_file or file, line, "label", str(exc)))
            continue
        known[key] = actor_id
        attrs = {k: v for k, v in node.items() if k not in ("id", "label") and v not in (None, "")}
        row: dict[str, Any] = {
            "actor_id": actor_id,
            "platform": actor_platform,
            "handle": ids.split_id(actor_id)[1],
            "name": label,
            "attrs": attrs,
        }
        if actor_platform == ids.WEB:
            row["homepage"] = "http://" + ids.split_id(actor_id)[1]
        for source, column in ACTOR_FIELDS.items():
            if source in attrs:
                row[column] = attrs[source]
        data.nodes[actor_id] = row
    for line, edge in raw_edges:
        src_key, dst_key = _text(edge.get("source")), _text(edge.get("target"))
        if not src_key or not dst_key:
            data.errors.append(RowError(file, line, "source", "edge without source or target"))
            continue
        try:
            weight = float(edge.get("weight") or 1.0)
        except (TypeError, ValueError):
            data.errors.append(
                RowError(file, line, "weight", f"not a number: {edge.get('weight')!r}")
            )
            continue
        kind = (_text(edge.get("kind")) or "link").lower()
        try:
            src = known.get(src_key) or _stub(data, src_key, platform)
            dst = known.get(dst_key) or _stub(data, dst_key, platform)
        except ValueError as exc:
            data.errors.append(RowError(file, line, "source", str(exc)))
            continue
        if src == dst:
            data.self_loops += 1
            continue
        edge_key = (src, dst, kind)
        if edge_key in data.edges:
            data.duplicates += 1
        data.edges[edge_key] = data.edges.get(edge_key, 0.0) + weight
        when = _text(edge.get("at") or edge.get("date"))
        if when:
            data.edge_times[edge_key] = when
    return data


def _stub(data: GraphData, key: str, platform: str) -> str:
    actor_id, actor_platform = actor_id_for(key, platform)
    if actor_id not in data.nodes:
        data.nodes[actor_id] = {
            "actor_id": actor_id,
            "platform": actor_platform,
            "handle": ids.split_id(actor_id)[1],
            "name": key,
            "attrs": {},
        }
    return actor_id


def _text(value: Any) -> str | None:
    if value is None:
        return None
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    text = str(value).strip()
    return text or None


# -- GML -----------------------------------------------------------------------------
_GML_TOKEN = re.compile(r'\s*(?:(\[)|(\])|"((?:[^"\\]|\\.)*)"|([^\s\[\]"]+))', re.S)


def _read_gml(
    path: Path,
) -> tuple[list[tuple[int, dict[str, Any]]], list[tuple[int, dict[str, Any]]]]:
    """A small GML reader: key/value lists, strings with HTML entities, numbers."""
    with open_text(path) as handle:
        text = handle.read()
    tokens = _gml_tokens(text, str(path))
    nodes: list[tuple[int, dict[str, Any]]] = []
    edges: list[tuple[int, dict[str, Any]]] = []
    stack: list[tuple[str, int, dict[str, Any]]] = []
    pending: tuple[str, int] | None = None
    for kind, value, line in tokens:
        if pending is None:
            if kind == "close":
                if not stack:
                    raise InputError(f"{path}:{line}: unbalanced ']' in GML.")
                name, start, item = stack.pop()
                if len(stack) == 1 and stack[0][0] == "graph":
                    if name == "node":
                        nodes.append((start, item))
                    elif name == "edge":
                        edges.append((start, item))
                continue
            if kind != "atom":
                raise InputError(f"{path}:{line}: expected a GML key, found {value!r}.")
            pending = (str(value), line)
            continue
        key, key_line = pending
        pending = None
        if kind == "open":
            stack.append((key, key_line, {}))
        elif stack:
            stack[-1][2].setdefault(key, value)
    if stack:
        raise InputError(f"{path}: GML ends inside '{stack[-1][0]}' opened at line {stack[-1][1]}.")
    return nodes, edges


def _gml_tokens(text: str, name: str) -> Iterator[tuple[str, Any, int]]:
    position, line = 0, 1
    while position < len(text):
        match = _GML_TOKEN.match(text, position)
        if not match or match.end() == position:
            rest = text[position:].strip()
            if not rest:
                return
            raise InputError(f"{name}:{line}: cannot read GML near {rest[:20]!r}.")
        line += text.count("\n", position, match.start(match.lastindex or 0))
        opener, closer, string, atom = match.groups()
        if opener:
            yield "open", "[", line
        elif closer:
            yield "close", "]", line
        elif string is not None:
            yield "value", html.unescape(string.replace('\\"', '"')), line
        else:
            yield "atom", _number(atom), line
        line += text.count("\n", match.start(match.lastindex or 0), match.end())
        position = match.end()


def _number(atom: str) -> Any:
    try:
        return int(atom)
    except ValueError:
        try:
            return float(atom)
        except ValueError:
            return atom


# -- GEXF and GraphML ----------------------------------------------------------------------
def _read_xml(
    path: Path, fmt: str
) -> tuple[list[tuple[int, dict[str, Any]]], list[tuple[int, dict[str, Any]]]]:
    try:
        with open_text(path) as handle:
            root = ET.parse(handle).getroot()
    except ET.ParseError as exc:
        raise InputError(f"{path}: not valid XML: {exc}.") from exc
    return _read_gexf(root) if fmt == "gexf" else _read_graphml(root)


def _local(tag: str) -> str:
    return tag.rsplit("}", 1)[-1]


def _children(element: ET.Element, name: str) -> Iterator[ET.Element]:
    for child in element.iter():
        if _local(child.tag) == name:
            yield child


def _read_gexf(
    root: ET.Element,
) -> tuple[list[tuple[int, dict[str, Any]]], list[tuple[int, dict[str, Any]]]]:
    titles: dict[tuple[str, str], str] = {}
    for attributes in _children(root, "attributes"):
        klass = attributes.get("class", "node")
        for attribute in attributes:
            if _local(attribute.tag) == "attribute":
                key = attribute.get("id", "")
                titles[(klass, key)] = attribute.get("title") or key

    def values(element: ET.Element, klass: str) -> dict[str, Any]:
        found: dict[str, Any] = {}
        for value in _children(element, "attvalue"):
            key = value.get("for") or value.get("id") or ""
            found[titles.get((klass, key), key)] = value.get("value")
        return found

    nodes = [
        (i + 1, {"id": n.get("id"), "label": n.get("label"), **values(n, "node")})
        for i, n in enumerate(_children(root, "node"))
    ]
    edges = []
    for i, e in enumerate(_children(root, "edge")):
        row = {"source": e.get("source"), "target": e.get("target"), **values(e, "edge")}
        if e.get("weight") is not None:
            row["weight"] = e.get("weight")
        if e.get("kind") is not None:
            row.setdefault("kind", e.get("kind"))
        edges.append((i + 1, row))
    return nodes, edges


def _read_graphml(
    root: ET.Element,
) -> tuple[list[tuple[int, dict[str, Any]]], list[tuple[int, dict[str, Any]]]]:
    keys: dict[str, str] = {}
    for key in _children(root, "key"):
        keys[key.get("id") or ""] = key.get("attr.name") or key.get("id") or ""

    def data(element: ET.Element) -> dict[str, Any]:
        return {
            keys.get(d.get("key", ""), d.get("key", "")): (d.text or "").strip()
            for d in element
            if _local(d.tag) == "data"
        }

    nodes = [(i + 1, {"id": n.get("id"), **data(n)}) for i, n in enumerate(_children(root, "node"))]
    edges = [
        (i + 1, {"source": e.get("source"), "target": e.get("target"), **data(e)})
        for i, e in enumerate(_children(root, "edge"))
    ]
    return nodes, edges


def to_batch(data: GraphData) -> Any:
    """The graph as an ingest :class:`~influscope.ingest.batch.Batch` (actors + edges)."""
    actors = []
    for node in data.nodes.values():
        row = dict(node)
        row["attrs"] = (
            orjson.dumps(row.get("attrs") or {}, default=str).decode() if row.get("attrs") else None
        )
        if "followers" in row:
            row["followers"] = to_int(row["followers"])
        if "verified" in row:
            row["verified"] = to_bool(row["verified"])
        kind = (node.get("attrs") or {}).get("kind")
        if kind:
            row["kind"], row["kind_source"] = str(kind).lower(), "import"
        actors.append(row)
    edges = []
    for (src, dst, kind), weight in data.edges.items():
        when = data.edge_times.get((src, dst, kind))
        edges.append(
            {
                "src": src,
                "dst": dst,
                "kind": kind,
                "doc_id": "",
                "weight": weight,
                "at": to_utc(when) if when else None,
            }
        )
    return Batch(actors=actors, interactions=edges, errors=list(data.errors))
