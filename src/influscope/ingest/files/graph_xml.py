"""GEXF and GraphML files read as XML (lxml), for :mod:`influscope.ingest.files.graph`.

A module of its own so that lxml (a twentieth of a second to import) is
loaded by the imports that read XML graphs, not by every command that
imports files: :func:`~influscope.ingest.files.graph.read_graph` imports it
when a file is GEXF or GraphML (declared in ``banned-module-level-imports``).
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

from lxml import etree

from influscope.errors import N_, InputError
from influscope.ingest.files.containers import open_binary


def _xml_parser() -> Any:
    """An XML parser that fetches nothing and expands no entity (XXE, billion laughs)."""
    return etree.XMLParser(
        resolve_entities=False,
        no_network=True,
        load_dtd=False,
        huge_tree=False,
        remove_comments=True,
        remove_pis=True,
    )


def read_xml(
    path: Path, fmt: str
) -> tuple[list[tuple[int, dict[str, Any]]], list[tuple[int, dict[str, Any]]]]:
    """Nodes and edges of a GEXF or GraphML file, at their lines.

    The bytes go to the parser, which decodes them as the XML prolog (or a
    byte-order mark) says: ISO-8859-1 and UTF-16 files read as written.
    """
    with open_binary(path) as handle:
        try:
            root = etree.parse(handle, _xml_parser()).getroot()
        except etree.XMLSyntaxError as exc:
            raise InputError(
                N_("{path}:{line}: not valid XML: {reason}."),
                path=str(path),
                line=str(exc.lineno),
                reason=str(exc.msg),
            ) from exc
        except OSError as exc:  # lxml's word for bytes the declared encoding cannot decode
            raise InputError(
                N_("{path}: not readable XML: {reason}."), path=str(path), reason=str(exc)
            ) from exc
    return _read_gexf(root) if fmt == "gexf" else _read_graphml(root)


def _local(tag: str) -> str:
    return tag.rsplit("}", 1)[-1]


def _children(element: Any, name: str) -> Iterator[Any]:
    for child in element.iter(etree.Element):
        if _local(child.tag) == name:
            yield child


def _read_gexf(
    root: Any,
) -> tuple[list[tuple[int, dict[str, Any]]], list[tuple[int, dict[str, Any]]]]:
    titles: dict[tuple[str, str], str] = {}
    for attributes in _children(root, "attributes"):
        klass = attributes.get("class", "node")
        for attribute in attributes.iterchildren(etree.Element):
            if _local(attribute.tag) == "attribute":
                key = attribute.get("id", "")
                titles[(klass, key)] = attribute.get("title") or key

    def values(element: Any, klass: str) -> dict[str, Any]:
        found: dict[str, Any] = {}
        for value in _children(element, "attvalue"):
            key = value.get("for") or value.get("id") or ""
            found[titles.get((klass, key), key)] = value.get("value")
        return found

    nodes = [
        (n.sourceline or 0, {"id": n.get("id"), "label": n.get("label"), **values(n, "node")})
        for n in _children(root, "node")
    ]
    edges = []
    for e in _children(root, "edge"):
        row = {"source": e.get("source"), "target": e.get("target"), **values(e, "edge")}
        if e.get("weight") is not None:
            row["weight"] = e.get("weight")
        if e.get("kind") is not None:
            row.setdefault("kind", e.get("kind"))
        edges.append((e.sourceline or 0, row))
    return nodes, edges


def _read_graphml(
    root: Any,
) -> tuple[list[tuple[int, dict[str, Any]]], list[tuple[int, dict[str, Any]]]]:
    keys: dict[str, str] = {}
    for key in _children(root, "key"):
        keys[key.get("id", "")] = key.get("attr.name") or key.get("id", "")

    def data(element: Any) -> dict[str, Any]:
        return {
            keys.get(d.get("key", ""), d.get("key", "")): (d.text or "").strip()
            for d in element.iterchildren(etree.Element)
            if _local(d.tag) == "data"
        }

    nodes = [(n.sourceline or 0, {"id": n.get("id"), **data(n)}) for n in _children(root, "node")]
    edges = [
        (e.sourceline or 0, {"source": e.get("source"), "target": e.get("target"), **data(e)})
        for e in _children(root, "edge")
    ]
    return nodes, edges
