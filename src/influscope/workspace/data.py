"""Looking at the data: status, run errors, browsing documents and actors, exports."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any

from influscope.errors import N_, NotFound, Phrase
from influscope.options import ExportFormat
from influscope.store import status
from influscope.workspace.context import Context

if TYPE_CHECKING:
    from influscope.workspace.sov import SovService


@dataclass(frozen=True)
class PlatformCount:
    """Documents of one platform."""

    platform: str
    documents: int


@dataclass(frozen=True)
class LanguageCount:
    """Documents in one language (``unknown`` when not detected)."""

    lang: str
    documents: int


@dataclass(frozen=True)
class MonthCount:
    """Documents published in one month (``YYYY-MM``, or ``undated``)."""

    month: str
    documents: int


@dataclass(frozen=True)
class RunRecord:
    """One command of the run log: what ran, when, how it ended, what it counted."""

    run_id: str
    command: str
    started_at: datetime
    finished_at: datetime | None
    status: str
    counts: str | None
    errors: int | None


@dataclass(frozen=True)
class RunError:
    """A record a run rejected: where it was, why, and the raw text."""

    run_id: str
    seq: int
    file: str | None
    line: int | None
    field: str | None
    reason: str
    raw: str | None


@dataclass(frozen=True)
class RuleFailure:
    """An alert rule whose last evaluation by the watch failed (it raises nothing until fixed)."""

    rule: str
    error: str
    hint: str
    since: datetime


@dataclass(frozen=True)
class WorkspaceStatus:
    """What the workspace holds and how its last runs went."""

    workspace: str
    name: str
    simulated: bool
    tables: dict[str, int]
    documents_by_platform: list[PlatformCount]
    documents_by_language: list[LanguageCount]
    documents_by_month: list[MonthCount]
    last_runs: list[RunRecord]
    failing_rules: list[RuleFailure] = field(default_factory=list)


def _run(row: dict[str, Any]) -> RunRecord:
    return RunRecord(
        row["run_id"], row["command"], row["started_at"], row["finished_at"], row["status"],
        row["counts"], row["errors"],
    )  # fmt: skip


def _run_error(row: dict[str, Any]) -> RunError:
    """A stored rejected item; its reason a :class:`Phrase` again when it was logged as one."""
    phrase = row.get("reason_phrase")
    reason = Phrase.loads(phrase) if phrase else row["reason"]
    return RunError(
        row["run_id"], row["seq"], row["file"], row["line"], row["field"], reason, row["raw"],
    )  # fmt: skip


class DataService:
    """What the workspace holds, page by page, and tables out as files.

    Example:
        >>> ws.data.status().tables["documents"]  # doctest: +SKIP
    """

    def __init__(self, ctx: Context, sov: SovService) -> None:
        self.ctx = ctx
        self.sov = sov

    def status(self) -> WorkspaceStatus:
        """Counts by platform, language and month; table sizes; last runs and their errors."""
        found = status.summary(self.ctx.store)
        configured = {rule.name for rule in self.ctx.config.alerts}
        return WorkspaceStatus(
            workspace=str(self.ctx.root),
            name=self.ctx.config.workspace.name,
            simulated=self.ctx.config.workspace.simulated,
            tables=found["tables"],
            documents_by_platform=[
                PlatformCount(r["platform"], r["documents"]) for r in found["documents_by_platform"]
            ],
            documents_by_language=[
                LanguageCount(r["lang"], r["documents"]) for r in found["documents_by_language"]
            ],
            documents_by_month=[
                MonthCount(r["month"], r["documents"]) for r in found["documents_by_month"]
            ],
            last_runs=[_run(r) for r in found["last_runs"]],
            failing_rules=[
                RuleFailure(r["rule"], r["error"], r["hint"], datetime.fromisoformat(r["since"]))
                for r in found["failing_rules"]
                if r["rule"] in configured  # a rule since removed from the config is not failing
            ],
        )

    def run_errors(self, run_id: str | None = None) -> list[RunError]:
        """The error log of a run (default: the last run that had errors)."""
        return [_run_error(r) for r in status.run_errors(self.ctx.store, run_id)]

    def export(
        self,
        table: str,
        out: str | Path | IO[bytes] | None,
        *,
        fmt: ExportFormat = "csv",
        fields: list[str] | None = None,
        pseudonymise: bool = False,
        raw_csv: bool = False,
    ) -> int:
        """Write a canonical table to ``out`` (a path, a binary stream, None for stdout).

        Returns the rows written. CSV text that a spreadsheet would run as a
        formula is quoted, unless ``raw_csv``.
        """
        from influscope.store import exports

        return exports.export_table(
            self.ctx.store,
            table,
            out,
            fmt=fmt,
            fields=fields,
            pseudonymise=pseudonymise,
            neutralise=not raw_csv,
        )

    def documents(
        self, q: str | None = None, *, author: str | None = None, limit: int = 50, offset: int = 0
    ) -> dict[str, Any]:
        """A page of documents (``items``, ``total``), matching query ``q`` when given."""
        from influscope.store import browse  # noqa: PLC0415 - Ibis: not for status

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
        from influscope.store import browse  # noqa: PLC0415 - Ibis: not for status

        return browse.actors(self.ctx.store, search=search, kind=kind, limit=limit, offset=offset)

    def actor(self, actor_id: str, *, limit: int = 20, offset: int = 0) -> dict[str, Any]:
        """An actor's profile, a page of their documents and the offline notes about them."""
        from influscope.store import browse  # noqa: PLC0415 - Ibis: not for status

        store = self.ctx.store
        profile = browse.actor(store, actor_id)
        if profile is None:
            raise NotFound(
                N_("No actor {actor}."),
                N_("Actor ids look like 'twitter:handle'."),
                actor=repr(actor_id),
            )
        docs = browse.documents(store, author=actor_id, limit=limit, offset=offset)
        return {"actor": profile, "documents": docs, "notes": browse.notes(store, actor_id)}
