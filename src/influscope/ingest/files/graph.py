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

Hostile content is rejected row by row, with the line of the node or edge:
an id or label with a control character (NUL included) or bytes not valid in
the file's encoding, a follower count the store cannot hold, a weight that is
not a finite number, an unreadable date. GEXF and GraphML are read as bytes so
that the XML prolog's ``encoding`` (ISO-8859-1, UTF-16…) is honoured; GML and
CSV files are decoded in the ``--encoding`` given, else the one detected.
"""

from __future__ import annotations

import html
import math
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from influscope import ids
from influscope.errors import N_, InputError, Phrase, UsageError
from influscope.ingest.batch import Batch, FieldError
from influscope.ingest.files import encoding as enc
from influscope.ingest.files.readers import DelimitedRows, json_text, open_text
from influscope.ingest.values import check_id, to_bool, to_int, to_utc
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
    #: node and edge records the file(s) held: a node row is accepted or rejected;
    #: an edge row is kept, summed into a repeat, dropped as a self-loop, or rejected
    node_rows: int = 0
    edge_rows: int = 0
    accepted_nodes: int = 0


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
        N_("{path}: cannot tell the graph format from the file name."),
        N_("Pass --format gexf, graphml or gml, or use --nodes/--edges for CSV files."),
        path=str(path),
    )


def read_graph(
    path: Path, fmt: str | None = None, platform: str = "graph", encoding: str | None = None
) -> GraphData:
    """Read a GEXF, GraphML or GML file into canonical nodes and edges.

    ``encoding`` applies to GML (XML files declare theirs in the prolog).
    """
    fmt = fmt or detect_graph_format(path)
    if fmt == "gml":
        raw_nodes, raw_edges = _read_gml(path, encoding)
    elif fmt in ("gexf", "graphml"):
        from influscope.ingest.files.graph_xml import read_xml  # noqa: PLC0415 - declared heavy

        raw_nodes, raw_edges = read_xml(path, fmt)
    else:
        raise UsageError(
            N_("Unknown graph format {format}."),
            N_("Use one of {formats}."),
            format=repr(fmt),
            formats=", ".join(GRAPH_FORMATS),
        )
    return _assemble(str(path), raw_nodes, raw_edges, platform)


def read_csv_graph(
    nodes: Path | None, edges: Path, platform: str = "graph", encoding: str | None = None
) -> GraphData:
    """Read a nodes CSV (``id``, optional ``label`` and attributes) and an edges CSV."""
    raw_nodes = list(_csv_rows(nodes, encoding)) if nodes is not None else []
    raw_edges = list(_csv_rows(edges, encoding))
    return _assemble(str(edges), raw_nodes, raw_edges, platform, node_file=str(nodes))


def _csv_rows(path: Path, encoding: str | None) -> Iterator[tuple[int, dict[str, Any]]]:
    """Rows of a nodes or edges CSV at the line each starts on; bad rows as ``__error__``."""
    with open_text(path, encoding) as handle:
        rows = DelimitedRows(handle, ",")
        header: list[str] | None = None
        for line, cells in rows:
            if cells is None:
                yield line, {"__error__": rows.error}
                continue
            if header is None:
                header = [c.strip() for c in cells]
                continue
            if len(cells) > len(header) and any(c.strip() for c in cells[len(header) :]):
                found = f"expected {len(header)} fields as in the header, found {len(cells)}"
                yield line, {"__error__": rows.misfit(found)}
                continue
            record = dict(zip(header, cells, strict=False))
            bad = next((k for k, v in record.items() if enc.damaged(v)), None)
            if bad is not None:
                error = enc.decode_error(rows.encoding, record[bad])
                yield line, {"__error__": error, "__field__": bad}
                continue
            yield line, record


class _Reject(ValueError):
    """A node or edge that cannot be imported: its field and the reason."""

    def __init__(self, field_name: str, reason: str) -> None:
        super().__init__(reason)
        self.field = field_name
        self.reason = reason

    @classmethod
    def of(cls, field_name: str, error: object) -> _Reject:
        """The reject for a reason another step gave (an error, or a reader's reason), its :class:`Phrase` kept."""
        if isinstance(error, Exception):
            return cls(field_name, FieldError.of(field_name, error).reason)
        return cls(field_name, error if isinstance(error, Phrase) else str(error))


def _assemble(
    file: str,
    raw_nodes: list[tuple[int, dict[str, Any]]],
    raw_edges: list[tuple[int, dict[str, Any]]],
    platform: str,
    node_file: str | None = None,
) -> GraphData:
    data = GraphData(node_rows=len(raw_nodes), edge_rows=len(raw_edges))
    known: dict[str, str] = {}
    # Nodes rejected, by the id the file gives them: an edge to one is rejected
    # too, rather than meeting a stub actor named after the bare id.
    refused: dict[str, int] = {}
    for line, node in raw_nodes:
        try:
            key, row = _node(node, platform)
        except _Reject as exc:
            data.errors.append(RowError(node_file or file, line, exc.field, exc.reason))
            given = node.get("id")
            named = _text(given) if isinstance(given, str | int | float) else None
            if named:
                refused.setdefault(named, line)
            continue
        known[key] = row["actor_id"]
        data.accepted_nodes += 1
        data.nodes[row["actor_id"]] = row
    for line, edge in raw_edges:
        try:
            _edge(data, known, refused, edge, platform)
        except _Reject as exc:
            data.errors.append(RowError(file, line, exc.field, exc.reason))
    return data


def _node(node: dict[str, Any], platform: str) -> tuple[str, dict[str, Any]]:
    """The id a node is known by in its file, and its actor row (values checked)."""
    if "__error__" in node:
        raise _Reject.of(node.get("__field__") or "id", node["__error__"])
    key = _ident(node.get("id"), "id")
    label = _ident(node.get("label"), "label") or key
    if not key or not label:
        raise _Reject("id", Phrase(N_("node without id")))
    try:
        actor_id, actor_platform = actor_id_for(label, platform)
    except ValueError as exc:
        raise _Reject.of("label", exc) from exc
    attrs = {k: v for k, v in node.items() if k not in ("id", "label") and v not in (None, "")}
    for name, value in attrs.items():
        if any(isinstance(v, str) and (enc.has_surrogate(v) or "\x00" in v) for v in (name, value)):
            raise _Reject(
                str(name),
                Phrase(
                    N_("NUL or undecodable bytes in attribute {name}"), name=repr(enc.shown(name))
                ),
            )
        if isinstance(value, float) and not math.isfinite(value):
            raise _Reject(name, _not_finite(value))
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
    row["followers"] = _convert("followers", to_int, row.get("followers"))
    row["verified"] = _convert("verified", to_bool, row.get("verified"))
    kind = attrs.get("kind")
    if kind:
        row["kind"], row["kind_source"] = str(kind).lower(), "import"
    return key, row


def _edge(
    data: GraphData,
    known: dict[str, str],
    refused: dict[str, int],
    edge: dict[str, Any],
    platform: str,
) -> None:
    """Add one edge (summed with its repeats; a self-loop is counted and dropped)."""
    if "__error__" in edge:
        raise _Reject.of(edge.get("__field__") or "source", edge["__error__"])
    src_key, dst_key = _ident(edge.get("source"), "source"), _ident(edge.get("target"), "target")
    if not src_key or not dst_key:
        raise _Reject("source", Phrase(N_("edge without source or target")))
    for name, key in (("source", src_key), ("target", dst_key)):
        if key in refused and key not in known:
            raise _Reject(
                name,
                Phrase(
                    N_("node {node} was rejected (line {line})"),
                    node=repr(key),
                    line=str(refused[key]),
                ),
            )
    weight = _weight(edge.get("weight"))
    kind = (_ident(edge.get("kind"), "kind") or "link").lower()
    at = _convert("at", to_utc, edge.get("at") or edge.get("date"))
    src = known.get(src_key) or _stub(data, src_key, platform, "source")
    dst = known.get(dst_key) or _stub(data, dst_key, platform, "target")
    if src == dst:
        data.self_loops += 1
        return
    pair = (src, dst, kind)
    total = data.edges.get(pair, 0.0) + weight
    if not math.isfinite(total):
        raise _Reject(
            "weight",
            Phrase(N_("the weights of this edge's repeats add up to {total}"), total=repr(total)),
        )
    if pair in data.edges:
        data.duplicates += 1
    data.edges[pair] = total
    if at is not None:
        data.edge_times[pair] = at


def _weight(value: Any) -> float:
    if value is None or value == "":
        return 1.0
    if isinstance(value, bool):
        raise _Reject("weight", _not_a_number(value))
    try:
        weight = float(value)
    except (TypeError, ValueError, OverflowError):
        raise _Reject("weight", _not_a_number(value)) from None
    if not math.isfinite(weight):
        raise _Reject("weight", _not_finite(value))
    return weight


def _not_a_number(value: Any) -> Phrase:
    return Phrase(N_("not a number: {value}"), value=repr(value))


def _not_finite(value: Any) -> Phrase:
    return Phrase(N_("expected a finite number, got {value}"), value=repr(value))


def _convert(name: str, fn: Any, value: Any) -> Any:
    if value is None or value == "":
        return None
    try:
        return fn(value)
    except (TypeError, ValueError) as exc:
        raise _Reject.of(name, exc) from exc


def _ident(value: Any, name: str) -> str | None:
    """A node id, label or edge end as text; control characters and non-scalars rejected."""
    if value is None:
        return None
    if isinstance(value, float) and not math.isfinite(value):
        raise _Reject(name, Phrase(N_("expected an identifier, got {value}"), value=repr(value)))
    if not isinstance(value, str | int | float) or isinstance(value, bool):
        raise _Reject(
            name,
            Phrase(N_("expected an identifier, got a {kind}"), kind=type(value).__name__),
        )
    text = _text(value)
    if text is None:
        return None
    if enc.damaged(text):
        raise _Reject(
            name,
            Phrase(
                N_("bytes not valid in the file's encoding ({bytes})"), bytes=enc.bad_bytes(text)
            ),
        )
    try:
        return check_id(text)
    except ValueError as exc:
        raise _Reject.of(name, exc) from exc


def _stub(data: GraphData, key: str, platform: str, field_name: str) -> str:
    try:
        actor_id, actor_platform = actor_id_for(key, platform)
    except ValueError as exc:
        raise _Reject.of(field_name, exc) from exc
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
    path: Path, encoding: str | None
) -> tuple[list[tuple[int, dict[str, Any]]], list[tuple[int, dict[str, Any]]]]:
    """A small GML reader: key/value lists, strings with HTML entities, numbers."""
    with open_text(path, encoding) as handle:
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
                    raise InputError(
                        N_("{path}:{line}: unbalanced ']' in GML."), path=str(path), line=str(line)
                    )
                name, start, item = stack.pop()
                if len(stack) == 1 and stack[0][0] == "graph":
                    if name == "node":
                        nodes.append((start, item))
                    elif name == "edge":
                        edges.append((start, item))
                continue
            if kind != "atom":
                raise InputError(
                    N_("{path}:{line}: expected a GML key, found {value}."),
                    path=str(path),
                    line=str(line),
                    value=repr(value),
                )
            pending = (str(value), line)
            continue
        key, key_line = pending
        pending = None
        if kind == "open":
            stack.append((key, key_line, {}))
        elif stack:
            stack[-1][2].setdefault(key, value)
    if stack:
        raise InputError(
            N_("{path}: GML ends inside '{key}' opened at line {line}."),
            path=str(path),
            key=str(stack[-1][0]),
            line=str(stack[-1][1]),
        )
    return nodes, edges


def _gml_tokens(text: str, name: str) -> Iterator[tuple[str, Any, int]]:
    position, line = 0, 1
    while position < len(text):
        match = _GML_TOKEN.match(text, position)
        if not match or match.end() == position:
            rest = text[position:].strip()
            if not rest:
                return
            raise InputError(
                N_("{path}:{line}: cannot read GML near {text}."),
                path=name,
                line=str(line),
                text=repr(enc.shown(rest[:20])),
            )
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


def to_batch(data: GraphData) -> Batch:
    """The graph as an ingest :class:`~influscope.ingest.batch.Batch` (actors + edges).

    Every value was checked when read (:func:`_node`, :func:`_edge`).
    """
    actors = []
    for node in data.nodes.values():
        row = dict(node)
        attrs = row.get("attrs")
        row["attrs"] = json_text(attrs) if attrs else None
        actors.append(row)
    edges = [
        {
            "src": src,
            "dst": dst,
            "kind": kind,
            "doc_id": "",
            "weight": weight,
            "at": data.edge_times.get((src, dst, kind)),
        }
        for (src, dst, kind), weight in data.edges.items()
    ]
    return Batch(actors=actors, interactions=edges, errors=list(data.errors))
