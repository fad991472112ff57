"""Influencers and the return on influence: profiles, tiers, relationships, advocacy, ROI.

One service for issue 15's analyses, each computed by its module under
``influscope.analyze`` (imported where it runs) and stored for the readers:

- ``profile`` / ``profiles`` — actor kinds with evidence, languages, activity, topics;
- ``tiers`` / ``stored_tiers`` — influencer tiers by position in a stored map scope;
- ``relations`` … — the audited relationship log and the *worth a relationship* list;
- ``advocacy`` — the employee programme, leaderboard pseudonymised unless asked;
- ``roi`` — share of voice, journey share, acceptability, defenders, campaign effects.
"""

from __future__ import annotations

from dataclasses import asdict
from datetime import datetime
from pathlib import Path
from typing import Any

import orjson

from influscope.errors import UsageError
from influscope.ingest.files.relationships import check_row, read_relationships
from influscope.ingest.values import to_utc
from influscope.options import SovBy, check
from influscope.store import relationships as log
from influscope.store.runs import log_errors
from influscope.workspace.context import Context
from influscope.workspace.import_results import RowProblem, TableImport

When = str | datetime | None
PERIODS = ("week", "month", "quarter")


class InfluenceService:
    """Issue 15's analyses over the workspace (see the module docstring).

    Example:
        >>> ws.influence.tiers(axis="usine-du-futur")[0]["tier"]  # doctest: +SKIP
    """

    def __init__(self, ctx: Context) -> None:
        self.ctx = ctx

    # -- profiles ---------------------------------------------------------------------
    def profile(self) -> dict[str, Any]:
        """Profile every actor (kind with evidence and confidence, activity, topics); stored."""
        from influscope.analyze.profiles import compute_profiles, persist

        with self.ctx.run("profile", {}) as run:
            profiles = compute_profiles(self.ctx.store, self.ctx.config)
            written = persist(self.ctx.store, profiles, run.run_id)
            kinds: dict[str, int] = {}
            for p in profiles:
                kinds[p.call.kind] = kinds.get(p.call.kind, 0) + 1
            run.counts.update(actors=written, kinds=kinds)
        return {"actors": written, "kinds": dict(sorted(kinds.items())), "run_id": run.run_id}

    def profiles(self, kind: str | None = None, limit: int = 50, offset: int = 0) -> dict[str, Any]:
        """A page of stored profiles (most documents first), optionally of one kind."""
        table = self.ctx.store.table("actor_profiles")
        if kind:
            table = table.filter(table.kind == kind)
        total = int(self.ctx.store.to_arrow(table.count().as_table()).column(0)[0].as_py())
        rows = self.ctx.store.to_arrow(
            table.order_by(
                [table.documents.desc(), table.mentioned_in.desc(), table.actor_id]
            ).limit(limit, offset=offset)
        ).to_pylist()
        for row in rows:
            for key in ("evidence", "languages", "topics"):
                row[key] = orjson.loads(row[key]) if row[key] else None
        return {"total": total, "limit": limit, "offset": offset, "items": rows}

    # -- tiers ------------------------------------------------------------------------
    def _scope(self, axis: str | None, since: When, until: When) -> Any:
        from influscope.analyze.map.graph import Scope

        query = self.ctx.config.axis(axis).query if axis else None
        try:
            return Scope(axis, query, to_utc(since), to_utc(until))
        except ValueError as exc:
            raise UsageError(f"Bad date: {exc}.", "Use ISO dates such as 2026-01-31.") from exc

    def tiers(
        self, axis: str | None = None, since: When = None, until: When = None
    ) -> list[dict[str, Any]]:
        """Compute and store the tiers of a stored map scope (run ``map`` first)."""
        from influscope.analyze.influence.stored import (
            compute_scope_tiers,
            persist_tiers,
            stored_tiers,
        )

        scope = self._scope(axis, since, until)
        with self.ctx.run("tiers", {"axis": axis, "since": since, "until": until}) as run:
            rows, rising = compute_scope_tiers(self.ctx.store, self.ctx.config, scope)
            run.counts["actors"] = persist_tiers(self.ctx.store, scope, rows, rising, run.run_id)
        return stored_tiers(self.ctx.store, scope.key)

    def stored_tiers(
        self,
        axis: str | None = None,
        tier: str | None = None,
        since: When = None,
        until: When = None,
        limit: int | None = None,
    ) -> list[dict[str, Any]]:
        """The stored tiers of a scope (computed first when missing), leaders of each community first."""
        from influscope.analyze.influence.stored import stored_tiers

        scope = self._scope(axis, since, until)
        rows = stored_tiers(self.ctx.store, scope.key)
        if not rows:
            rows = self.tiers(axis, since, until)
        if tier:
            rows = [r for r in rows if r["tier"] == tier]
        names = self._names([r["actor_id"] for r in rows])
        rows = [r | {"name": names.get(r["actor_id"])} for r in rows]
        return rows[:limit] if limit else rows

    def _names(self, ids: list[str]) -> dict[str, str | None]:
        if not ids:
            return {}
        actors = self.ctx.store.table("actors")
        found = self.ctx.store.to_arrow(
            actors.filter(actors.actor_id.isin(ids)).select("actor_id", "name", "handle")
        ).to_pylist()
        return {r["actor_id"]: r["name"] or r["handle"] for r in found}

    # -- relationship log ----------------------------------------------------------------
    def relations(self, actor_id: str | None = None) -> list[dict[str, Any]]:
        """The relationship log (one actor's entries, or all), newest first."""
        return log.entries(self.ctx.store, actor_id.strip().lower() if actor_id else None)

    def import_relations(self, path: str | Path, by: str | None = None) -> TableImport:
        """Import a relationship-log CSV (audited as ``csv``); bad rows are reported, not fatal."""
        read = read_relationships(Path(path))
        with self.ctx.run("ingest relations", {"path": str(path)}) as run:
            counts = log.save(self.ctx.store, read.rows, by, "csv", run.run_id)
            with self.ctx.store.transaction() as writer:
                log_errors(writer, run.run_id, 0, read.errors)
            run.counts.update(counts, rejected=len(read.errors))
            run.errors = len(read.errors)
        return TableImport(
            rows=len(read.rows),
            inserted=counts["created"],
            updated=counts["updated"],
            rejected=len(read.errors),
            errors=[RowProblem.of(e) for e in read.errors],
        )

    def save_relation(
        self, row: dict[str, Any], by: str | None, via: str = "api"
    ) -> dict[str, Any]:
        """Create or update one entry (checked like a CSV row; audited); returns it."""
        text = {k: "" if v is None else str(v) for k, v in row.items()}
        checked, error = check_row(text, via, 0)
        if error is not None or checked is None:
            reason = error.reason if error else "bad entry"
            field = error.field if error else None
            raise UsageError(
                f"Relationship entry: {field}: {reason}.", "Fix the field and send it again."
            )
        log.save(self.ctx.store, [checked], by, via)
        return next(
            e
            for e in log.entries(self.ctx.store, checked["actor_id"])
            if e["relation_id"] == checked["relation_id"]
        )

    def delete_relation(self, relation_id: str, by: str | None, via: str = "api") -> None:
        """Delete one entry (audited)."""
        log.delete(self.ctx.store, relation_id, by, via)

    def relation_audit(self, relation_id: str | None = None) -> list[dict[str, Any]]:
        """Who changed the log, when, through what, before and after."""
        return log.audit_trail(self.ctx.store, relation_id)

    def worth(self, axis: str | None = None, limit: int = 20) -> list[dict[str, Any]]:
        """Heaviest journey actors not yet in contact and not hostile."""
        from influscope.analyze.relations.worth import worth_a_relationship

        chosen = self.ctx.config.axis(axis) if axis else None
        return worth_a_relationship(self.ctx.store, self.ctx.config, chosen, limit)

    # -- advocacy -----------------------------------------------------------------------
    def advocacy(
        self, axis: str | None = None, period: str = "month", names: bool = False
    ) -> dict[str, Any]:
        """The employee programme on an axis; ``names`` (admins only) lifts the pseudonyms."""
        from influscope.analyze.advocacy.program import compute_advocacy, leaderboard

        if period not in PERIODS:
            raise UsageError(f"Unknown period {period!r}.", f"Use one of {', '.join(PERIODS)}.")
        chosen = self.ctx.config.axis(axis) if axis else None
        result = compute_advocacy(self.ctx.store, self.ctx.config, chosen, period)
        board = leaderboard(self.ctx.store, result, pseudonymise=not names)
        own = sum(s.own_words for s in result.employees)
        copies = sum(s.copies for s in result.employees)
        leaders = [s for s in result.employees if s.executive]
        return {
            "axis": axis,
            "period": period,
            "roster": result.roster,
            "sov_contribution": result.sov_contribution,
            "brand_documents": result.brand_documents,
            "employee_brand_documents": result.employee_brand_documents,
            "own_words": own,
            "copies": copies,
            "reposts": sum(s.reposts for s in result.employees),
            "originality": round(own / (own + copies), 4) if own + copies else None,
            "executives": len(leaders),
            "executive_documents": sum(s.documents for s in leaders),
            "participation": result.participation,
            "leaderboard": board,
            "pseudonymised": not names,
        }

    # -- return on influence ----------------------------------------------------------
    def campaigns(self) -> list[Any]:
        """Campaigns of the relationship log (entries of kind campaign, grouped by name)."""
        from influscope.analyze.roi.report import Campaign

        spans: dict[str, list[datetime]] = {}
        for entry in log.entries(self.ctx.store):
            if entry["kind"] != "campaign":
                continue
            name = entry["campaign"] or entry["subject"] or entry["relation_id"]
            span = spans.setdefault(name, [entry["date"], entry["end_date"] or entry["date"]])
            span[0] = min(span[0], entry["date"])
            span[1] = max(span[1], entry["end_date"] or entry["date"])
        return [Campaign(n, s, e if e > s else None) for n, (s, e) in sorted(spans.items())]

    def roi(
        self, axis: str | None = None, period: SovBy = "month", decision: str | None = None
    ) -> dict[str, Any]:
        """The return on influence of an axis (campaigns from the relationship log).

        ``decision``: a query naming one topic or decision; the acceptability is then
        that of the actors who wrote about it.
        """
        from influscope.analyze.roi.report import compute_roi

        check(SovBy, period, "period")
        chosen = self.ctx.config.axis(axis) if axis else None
        found = [c for c in self.campaigns() if c.end is not None]
        result = compute_roi(
            self.ctx.store, self.ctx.config, chosen, period, None, found, decision=decision
        )
        return {
            "axis": result.axis,
            "brand": result.brand,
            "period": result.period,
            "share_of_voice": result.share_of_voice,
            "sentiment_trend": result.sentiment_trend,
            "journey_share": result.journey_share,
            "acceptability": asdict(result.acceptability),
            "defenders": result.defenders,
            "campaigns": {
                name: {k: v for k, v in asdict(e).items() if k not in ("fitted", "counterfactual")}
                | {"series": {"fitted": list(e.fitted), "counterfactual": list(e.counterfactual)}}
                for name, e in result.campaigns.items()
            },
        }
