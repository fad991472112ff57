"""Paged reads of canonical rows for the API and dashboard: documents, actors, notes.

Every list comes with its total so a client can page (``limit``/``offset``).
Reads are Ibis expressions, like every analytic, so they also run on the
other engines.
"""

from __future__ import annotations

from typing import Any

from influscope.store.chosen import chosen_values
from influscope.store.engine import Store

DOCUMENT_FIELDS = (
    "doc_id",
    "platform",
    "author_id",
    "published_at",
    "title",
    "text",
    "url",
    "lang",
    "likes",
    "shares",
    "replies",
    "views",
)
ACTOR_FIELDS = (
    "actor_id",
    "platform",
    "handle",
    "name",
    "bio",
    "followers",
    "homepage",
    "verified",
    "kind",
    "kind_source",
)


def _page(store: Store, expr: Any, limit: int, offset: int) -> dict[str, Any]:
    total = int(store.scalar(expr.count()))
    items = store.to_arrow(expr.limit(limit, offset=offset)).to_pylist()
    return {"items": items, "total": total, "limit": limit, "offset": offset}


def documents(
    store: Store,
    *,
    author: str | None = None,
    ids: list[str] | None = None,
    limit: int = 50,
    offset: int = 0,
) -> dict[str, Any]:
    """Documents, newest first, optionally of one author or among given ids."""
    import ibis  # noqa: PLC0415

    docs = store.table("documents")
    if author:
        docs = docs.filter(docs.author_id == author)
    if ids is not None:
        docs = docs.filter(docs.doc_id.isin(ids))
    docs = docs.select(*DOCUMENT_FIELDS).order_by([ibis.desc("published_at"), ibis.asc("doc_id")])
    return _page(store, docs, limit, offset)


def actors(
    store: Store,
    *,
    search: str | None = None,
    kind: str | None = None,
    limit: int = 50,
    offset: int = 0,
) -> dict[str, Any]:
    """Actors by audience (followers), optionally filtered by a name/handle substring or kind."""
    import ibis  # noqa: PLC0415

    table = store.table("actors")
    if search:
        needle = search.lower()
        table = table.filter(
            table.actor_id.lower().contains(needle)
            | table.name.fill_null("").lower().contains(needle)
        )
    if kind:
        table = table.filter(table.kind == kind)
    table = table.select(*ACTOR_FIELDS).order_by(
        [ibis.desc(table.followers.fill_null(-1)), ibis.asc("actor_id")]
    )
    return _page(store, table, limit, offset)


def actor(store: Store, actor_id: str) -> dict[str, Any] | None:
    """One actor's profile row, or None."""
    table = store.table("actors")
    rows = store.to_arrow(table.filter(table.actor_id == actor_id).select(*ACTOR_FIELDS))
    found = rows.to_pylist()
    return found[0] if found else None


def notes(store: Store, actor_id: str) -> list[dict[str, Any]]:
    """Offline notes about an actor, newest first."""
    import ibis  # noqa: PLC0415

    table = store.table("offline_notes")
    expr = (
        table.filter(table.actor_id == actor_id)
        .select("date", "stance", "note", "owner")
        .order_by(ibis.desc("date"))
    )
    return store.rows(expr)


def field_mix(store: Store, field: str, subject: str = "document") -> list[dict[str, Any]]:
    """How many subjects carry each value of an enrichment field (e.g. the sentiment mix)."""
    import ibis  # noqa: PLC0415

    table = chosen_values(store, field, subject)  # one value per subject
    expr = (
        table.group_by("value")
        .agg(count=lambda t: t.subject_id.nunique())
        .order_by([ibis.desc("count"), "value"])
    )
    return store.rows(expr)


def volume_by_day(store: Store) -> list[dict[str, Any]]:
    """Documents per UTC day, undated ones under ``None`` (one aggregate; the volume trend)."""
    docs = store.table("documents")
    expr = (
        docs.mutate(day=docs.published_at.date())
        .group_by("day")
        .agg(documents=lambda t: t.count())
        .order_by("day")
    )
    return store.rows(expr)
