"""The documents of a crisis window, read once from the store for every crisis analysis.

Crisis analyses (coordination, narratives, cascades, defenders) work on a
bounded window — an incident's days, not a whole year (DESIGN.md §6: MinHash
on 100k texts already costs a minute). This module reads that window through
Ibis: the documents with their time in epoch seconds, their links (canonical
URLs and domains, shorteners already expanded or dropped at import) and the
parent each post answers, quotes or reposts.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from ibis.expr.types import Table

from influscope.store.chosen import chosen_values

COLUMNS = (
    "doc_id",
    "platform",
    "author_id",
    "published_at",
    "text",
    "lang",
    "reply_to",
    "repost_of",
    "quote_of",
    "likes",
    "shares",
    "replies",
)


@dataclass
class Window:
    """Documents of a window as rows (dicts), with their links."""

    start: datetime | None
    end: datetime | None
    rows: list[dict[str, Any]]

    def by_id(self) -> dict[str, dict[str, Any]]:
        """Row of each document id."""
        return {r["doc_id"]: r for r in self.rows}


def parent_id(row: dict[str, Any]) -> str | None:
    """The canonical id of the document a post reposts, quotes or answers.

    The store keeps these as canonical ids already (``platform:native``); a
    bare native id is read on the post's own platform.
    """
    for column in ("repost_of", "quote_of", "reply_to"):
        value = row.get(column)
        if value:
            return str(value) if ":" in str(value) else f"{row['platform']}:{value}"
    return None


def relation(row: dict[str, Any]) -> str | None:
    """How a post relates to its parent: repost, quote or reply (None for an original)."""
    for column, name in (("repost_of", "repost"), ("quote_of", "quote"), ("reply_to", "reply")):
        if row.get(column):
            return name
    return None


def read_window(
    store: Any,
    start: datetime | None = None,
    end: datetime | None = None,
    docs: Table | None = None,
    with_links: bool = True,
) -> Window:
    """Documents published in ``[start, end]`` (of ``docs``, default every document)."""
    table = docs if docs is not None else store.table("documents")
    if start is not None:
        table = table.filter(table.published_at >= start)
    if end is not None:
        table = table.filter(table.published_at <= end)
    selected = table.select(*COLUMNS)
    rows = store.to_arrow(selected.order_by(["published_at", "doc_id"])).to_pylist()
    if with_links and rows:
        links = store.table("links")
        inside = links.filter(links.doc_id.isin(selected.doc_id)).select("doc_id", "url", "domain")
        urls: dict[str, list[str]] = defaultdict(list)
        domains: dict[str, list[str]] = defaultdict(list)
        for link in store.to_arrow(inside.order_by(["doc_id", "url"])).to_pylist():
            urls[link["doc_id"]].append(link["url"])
            if link["domain"]:
                domains[link["doc_id"]].append(link["domain"])
        for row in rows:
            row["urls"] = urls.get(row["doc_id"], [])
            row["domains"] = domains.get(row["doc_id"], [])
    epoch = datetime(1970, 1, 1)
    for row in rows:
        row["t"] = (row["published_at"] - epoch).total_seconds()
        row["parent"] = parent_id(row)
        row["relation"] = relation(row)
    return Window(start, end, rows)


def stance_labels(store: Any, rows: list[dict[str, Any]]) -> dict[str, str]:
    """The one ``reply_stance`` label of each row that has one (learned from the team's labels).

    Read through :func:`~influscope.store.chosen.chosen_values`, so a learned
    label beats another producer's, as for sentiment.
    """
    if not rows:
        return {}
    best = chosen_values(store, "reply_stance")
    found = store.to_arrow(
        best.filter(best.subject_id.isin([r["doc_id"] for r in rows])).select("subject_id", "value")
    )
    ids = found.column("subject_id").to_pylist()
    values = found.column("value").to_pylist()
    return {str(i): str(v).lower() for i, v in zip(ids, values, strict=True)}
