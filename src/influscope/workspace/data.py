"""Looking at the data: status, run errors, browsing documents and actors, exports."""

from __future__ import annotations

from pathlib import Path
from typing import IO, Any

from influscope.errors import NotFound
from influscope.options import ExportFormat
from influscope.store import browse, exports, status
from influscope.workspace.context import Context
from influscope.workspace.sov import SovService


class DataService:
    """What the workspace holds, page by page, and tables out as files.

    Example:
        >>> ws.data.status()["documents"]  # doctest: +SKIP
    """

    def __init__(self, ctx: Context, sov: SovService) -> None:
        self.ctx = ctx
        self.sov = sov

    def status(self) -> dict[str, Any]:
        """Counts by platform, language and month; table sizes; last runs and their errors."""
        report = status.summary(self.ctx.store)
        report["workspace"] = str(self.ctx.root)
        report["name"] = self.ctx.config.workspace.name
        report["simulated"] = self.ctx.config.workspace.simulated
        return report

    def run_errors(self, run_id: str | None = None) -> list[dict[str, Any]]:
        """The error log of a run (default: the last run that had errors)."""
        return status.run_errors(self.ctx.store, run_id)

    def export(
        self,
        table: str,
        out: str | Path | IO[bytes] | None,
        *,
        fmt: ExportFormat = "csv",
        fields: list[str] | None = None,
        pseudonymise: bool = False,
    ) -> int:
        """Write a canonical table to ``out`` (a path, a binary stream, None for stdout).

        Returns the rows written.
        """
        return exports.export_table(
            self.ctx.store, table, out, fmt=fmt, fields=fields, pseudonymise=pseudonymise
        )

    def documents(
        self, q: str | None = None, *, author: str | None = None, limit: int = 50, offset: int = 0
    ) -> dict[str, Any]:
        """A page of documents (``items``, ``total``), matching query ``q`` when given."""
        store = self.ctx.store
        if not q:
            return browse.documents(store, author=author, limit=limit, offset=offset)
        total = self.sov.count(q)
        ids = self.sov.search(q, limit=offset + limit).column("doc_id").to_pylist()[offset:]
        items = browse.documents(store, ids=ids, limit=limit)["items"] if ids else []
        return {"items": items, "total": total, "limit": limit, "offset": offset}

    def actors(
        self,
        search: str | None = None,
        *,
        kind: str | None = None,
        limit: int = 50,
        offset: int = 0,
    ) -> dict[str, Any]:
        """A page of actors by audience, filtered by a name/handle substring or a kind."""
        return browse.actors(self.ctx.store, search=search, kind=kind, limit=limit, offset=offset)

    def actor(self, actor_id: str, *, limit: int = 20, offset: int = 0) -> dict[str, Any]:
        """An actor's profile, a page of their documents and the offline notes about them."""
        store = self.ctx.store
        profile = browse.actor(store, actor_id)
        if profile is None:
            raise NotFound(f"No actor {actor_id!r}.", "Actor ids look like 'twitter:handle'.")
        docs = browse.documents(store, author=actor_id, limit=limit, offset=offset)
        return {"actor": profile, "documents": docs, "notes": browse.notes(store, actor_id)}
