"""Labels people give to documents (``doc_id,field,value`` CSV), validated line by line.

A label file is small and hand-made, so every mistake is reported with its
line: an unknown document, a missing value, a field name that could not be a
column. Good lines are stored even when others are wrong (a bad line never
kills the batch) and the bad ones go to the run's error log.
"""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import ibis
import pyarrow as pa

from influscope.errors import N_, InputError, Phrase
from influscope.model import RowError

FIELD_RE = re.compile(r"^[a-z][a-z0-9_]*(:[A-Za-z0-9_.-]+)?$")
RESERVED = {"doc_id", "text", "title", "lang", "language", "platform", "author_id"}
COLUMNS = ("doc_id", "field", "value")


@dataclass
class LabelFile:
    """The valid rows of a label file and the errors of the others."""

    rows: list[dict[str, Any]] = field(default_factory=list)
    errors: list[RowError] = field(default_factory=list)


def read_labels(path: Path) -> LabelFile:
    """Parse and check a label CSV (UTF-8, header ``doc_id,field,value``).

    Raises:
        InputError: when the file is missing or its header lacks a column.
    """
    if not path.exists():
        raise InputError(N_("{path}: no such file."), path=str(path))
    result = LabelFile()
    seen: dict[tuple[str, str], int] = {}
    with path.open(encoding="utf-8-sig", newline="") as handle:
        reader = csv.DictReader(handle)
        header = [h.strip() for h in reader.fieldnames or []]
        missing = [c for c in COLUMNS if c not in header]
        if missing:
            found = ", ".join(header)
            message = (
                N_("{path}:1: the header lacks {columns} (found: {found}).")
                if found
                else N_("{path}:1: the header lacks {columns} (found: nothing).")
            )
            raise InputError(
                message,
                N_(
                    "A label file has the columns doc_id,field,value, "
                    "e.g. twitter:123,sentiment,negative"
                ),
                path=str(path),
                columns=", ".join(missing),
                found=found,
            )
        reader.fieldnames = header
        for record in reader:
            line = reader.line_num
            doc_id = (record.get("doc_id") or "").strip()
            name = (record.get("field") or "").strip()
            value = (record.get("value") or "").strip()
            reason, bad_field = _problem(doc_id, name, value)
            if reason:
                result.errors.append(RowError(str(path), line, bad_field, reason, _raw(record)))
                continue
            key = (doc_id, name)
            if key in seen:
                result.errors.append(
                    RowError(
                        str(path),
                        line,
                        "doc_id",
                        Phrase(
                            N_(
                                "{doc} already labelled for {field} on line {line}; the later "
                                "line wins"
                            ),
                            doc=doc_id,
                            field=name,
                            line=str(seen[key]),
                        ),
                        _raw(record),
                    )
                )
                result.rows = [r for r in result.rows if (r["doc_id"], r["field"]) != key]
            seen[key] = line
            result.rows.append(
                {"doc_id": doc_id, "field": name, "value": value, "source_line": line}
            )
    return result


def _problem(doc_id: str, name: str, value: str) -> tuple[Phrase | None, str | None]:
    if not doc_id:
        return Phrase(N_("empty doc_id")), "doc_id"
    if not name:
        return Phrase(N_("empty field")), "field"
    if not FIELD_RE.match(name) or name in RESERVED:
        return (
            Phrase(
                N_(
                    "field {name} is not a label field name (lower-case words, optionally "
                    "'stance:<axis>'; not a document column)"
                ),
                name=repr(name),
            ),
            "field",
        )
    if not value:
        return Phrase(N_("empty value")), "value"
    return None, None


def _raw(record: dict[str, Any]) -> str:
    return ",".join(str(record.get(c) or "") for c in COLUMNS)


def unknown_documents(store: Any, rows: list[dict[str, Any]]) -> set[str]:
    """The labelled doc ids that are not in the store (checked with one join)."""
    if not rows:
        return set()
    ids = pa.table({"doc_id": sorted({r["doc_id"] for r in rows})})
    wanted = ibis.memtable(ids)
    docs = store.table("documents").select("doc_id")
    missing = wanted.anti_join(docs, wanted.doc_id == docs.doc_id)
    return set(store.to_arrow(missing).column("doc_id").to_pylist())


def labelled_texts(store: Any, field_name: str) -> pa.Table:
    """doc_id, text (title + text), lang and value of every document labelled for a field."""
    labels = store.table("document_labels")
    docs = store.table("documents")
    chosen = labels.filter(labels.field == field_name)
    joined = chosen.join(docs, chosen.doc_id == docs.doc_id).select(
        doc_id=chosen.doc_id,
        title=docs.title,
        text=docs.text,
        lang=docs.lang,
        value=chosen.value,
    )
    return store.to_arrow(joined.order_by("doc_id"))


def label_fields(store: Any) -> dict[str, int]:
    """Fields with labels and how many documents each has."""
    labels = store.table("document_labels")
    counts = store.to_arrow(labels.group_by("field").agg(n=lambda t: t.count()).order_by("field"))
    return dict(
        zip(counts.column("field").to_pylist(), counts.column("n").to_pylist(), strict=True)
    )
