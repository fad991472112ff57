"""Influencers and the return on influence: profiles, tiers, relationships, advocacy, ROI.

One service for issue 15's analyses, each computed by its module under
``influscope.analyze`` (imported where it runs, so opening a workspace does
not load igraph, SciPy or statsmodels) and stored for the readers. Every
method answers with the analysis' own dataclasses, so the command line, the
API (their schemas in the OpenAPI document), the dashboard and the report
read the same fields:

- ``profile`` / ``profiles`` — actor kinds with evidence, languages, activity, topics;
- ``tiers`` / ``stored_tiers`` — influencer tiers by position in a stored map scope;
- ``relations`` … — the audited relationship log and the *worth a relationship* list;
- ``advocacy`` — the employee programme, leaderboard pseudonymised unless asked;
- ``roi`` — share of voice, journey share, acceptability, defenders, campaign effects;
- ``report_section`` — the figures the quarterly report shows, from the same calls.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

from influscope.errors import N_, UsageError
from influscope.ingest.files.relationships import check_row, read_relationships
from influscope.ingest.values import to_utc
from influscope.options import SovBy, check
from influscope.store import relationships as log
from influscope.store.relationships import AuditEntry, RelationshipEntry
from influscope.store.runs import log_errors
from influscope.workspace.context import Context
from influscope.workspace.import_results import RowProblem, TableImport

if TYPE_CHECKING:
    from influscope.analyze.advocacy.program import AdvocacyReport, Period
    from influscope.analyze.influence.stored import StoredTier, Tier
    from influscope.analyze.map.scope import Scope
    from influscope.analyze.profiles.stored import KindCount, ProfilePage
    from influscope.analyze.relations.worth import WorthRow
    from influscope.analyze.roi.defence import IncidentDefence
    from influscope.analyze.roi.report import Campaign, ReturnOnInfluence
    from influscope.analyze.roi.section import InfluenceSection
    from influscope.workspace.crisis import CrisisService

When = str | datetime | None
Via = Literal["api", "dashboard", "cli", "csv"]
INCIDENTS = 200  # the newest incidents whose defenders the return on influence counts


@dataclass(frozen=True)
class ProfileRun:
    """What ``profile`` did: actors profiled, how many of each kind, the run that stored them."""

    actors: int
    kinds: dict[str, int]
    run_id: str


class InfluenceService:
    """Issue 15's analyses over the workspace (see the module docstring).

    Example:
        >>> ws.influence.stored_tiers(axis="usine-du-futur", tier="affinity")[0].tier  # doctest: +SKIP
        'affinity'
    """

    def __init__(self, ctx: Context, crisis: CrisisService) -> None:
        self.ctx = ctx
        self.crisis = crisis

    # -- profiles ---------------------------------------------------------------------
    def profile(self) -> ProfileRun:
        """Profile every actor (kind with evidence and confidence, activity, topics); stored."""
        from influscope.analyze.profiles import compute_profiles, persist

        with self.ctx.run("profile", {}) as run:
            profiles = compute_profiles(self.ctx.store, self.ctx.config)
            written = persist(self.ctx.store, profiles, run.run_id)
            kinds: dict[str, int] = {}
            for p in profiles:
                kinds[p.call.kind] = kinds.get(p.call.kind, 0) + 1
            run.counts.update(actors=written, kinds=kinds)
        return ProfileRun(written, dict(sorted(kinds.items())), run.run_id)

    def profiles(self, kind: str | None = None, limit: int = 50, offset: int = 0) -> ProfilePage:
        """A page of stored profiles (most documents first), optionally of one kind."""
        from influscope.analyze.profiles.stored import ProfilePage, kind_counts, stored_profiles

        counts = kind_counts(self.ctx.store)
        total = sum(c.actors for c in counts if kind is None or c.kind == kind)
        items = stored_profiles(self.ctx.store, kind=kind, limit=limit, offset=offset)
        return ProfilePage(items, total, limit, offset)

    def kinds(self) -> list[KindCount]:
        """Profiled actors per kind, most frequent first."""
        from influscope.analyze.profiles.stored import kind_counts

        return kind_counts(self.ctx.store)

    # -- tiers ------------------------------------------------------------------------
    def _scope(self, axis: str | None, since: When, until: When) -> Scope:
        from influscope.analyze.map.scope import Scope

        query = self.ctx.config.axis(axis).query if axis else None
        try:
            return Scope(axis, query, to_utc(since), to_utc(until))
        except ValueError as exc:
            raise UsageError(
                N_("Bad date: {reason}."),
                N_("Use ISO dates such as 2026-01-31."),
                reason=str(exc),
            ) from exc

    def tiers(self, axis: str | None = None, since: When = None, until: When = None) -> int:
        """Compute and store the tiers of a stored map scope (run ``map`` first); rows stored."""
        from influscope.analyze.influence.stored import compute_scope_tiers, persist_tiers

        scope = self._scope(axis, since, until)
        with self.ctx.run("tiers", {"axis": axis, "since": since, "until": until}) as run:
            rows, rising = compute_scope_tiers(self.ctx.store, self.ctx.config, scope)
            written = persist_tiers(self.ctx.store, scope, rows, rising, run.run_id)
            run.counts["actors"] = written
        return written

    def stored_tiers(
        self,
        axis: str | None = None,
        tier: Tier | None = None,
        since: When = None,
        until: When = None,
        limit: int | None = None,
    ) -> list[StoredTier]:
        """The stored tiers of a scope (computed first when missing), leaders of each community first."""
        from influscope.analyze.influence.stored import named_tiers, stored_tiers

        scope = self._scope(axis, since, until)
        rows = stored_tiers(self.ctx.store, scope.key)
        if not rows:
            self.tiers(axis, since, until)
            rows = stored_tiers(self.ctx.store, scope.key)
        if tier:
            rows = [r for r in rows if r.tier == tier]
        return named_tiers(self.ctx.store, rows[:limit] if limit else rows)

    # -- relationship log ----------------------------------------------------------------
    def relations(self, actor_id: str | None = None) -> list[RelationshipEntry]:
        """The relationship log (one actor's entries, or all), newest first."""
        return log.entries(self.ctx.store, actor_id.strip().lower() if actor_id else None)

    def import_relations(self, path: str | Path, by: str | None = None) -> TableImport:
        """Import a relationship-log CSV (audited as ``csv``); bad rows are reported, not fatal."""
        read = read_relationships(Path(path))
        with self.ctx.run("ingest relations", {"path": str(path)}) as run:
            counts = log.save(self.ctx.store, read.rows, by, "csv", run.run_id)
            with self.ctx.store.transaction() as writer:
                log_errors(writer, run.run_id, 0, read.errors)
            run.counts.update(vars(counts), rejected=len(read.errors))
            run.errors = len(read.errors)
        return TableImport(
            rows=len(read.rows),
            inserted=counts.created,
            updated=counts.updated,
            rejected=len(read.errors),
            errors=[RowProblem.of(e) for e in read.errors],
        )

    def save_relation(
        self, row: dict[str, Any], by: str | None, via: Via = "api"
    ) -> RelationshipEntry:
        """Create or update one entry (checked like a CSV row; audited); returns it."""
        text = {k: "" if v is None else str(v) for k, v in row.items()}
        checked, error = check_row(text, via, 0)
        if error is not None or checked is None:
            hint = N_("Fix the field and send it again.")
            if error is None:  # check_row names the field of every refusal: not met
                raise UsageError(N_("Relationship entry: None: bad entry."), hint)
            raise UsageError(
                N_("Relationship entry: {field}: {reason}."),
                hint,
                field=str(error.field),
                reason=error.reason,
            )
        log.save(self.ctx.store, [checked], by, via)
        return log.entry(self.ctx.store, checked["relation_id"])

    def delete_relation(self, relation_id: str, by: str | None, via: Via = "api") -> None:
        """Delete one entry (audited)."""
        log.delete(self.ctx.store, relation_id, by, via)

    def relation_audit(self, relation_id: str | None = None) -> list[AuditEntry]:
        """Who changed the log, when, through what, before and after."""
        return log.audit_trail(self.ctx.store, relation_id)

    def worth(self, axis: str | None = None, limit: int = 20) -> list[WorthRow]:
        """Heaviest journey actors not yet in contact and not hostile."""
        from influscope.analyze.relations.worth import worth_a_relationship

        chosen = self.ctx.config.axis(axis) if axis else None
        return worth_a_relationship(self.ctx.store, self.ctx.config, chosen, limit)

    # -- advocacy -----------------------------------------------------------------------
    def advocacy(
        self, axis: str | None = None, period: Period = "month", names: bool = False
    ) -> AdvocacyReport:
        """The employee programme on an axis; ``names`` (admins only) lifts the pseudonyms."""
        from influscope.analyze.advocacy.program import Period, advocacy_report

        check(Period, period, "period")
        chosen = self.ctx.config.axis(axis) if axis else None
        return advocacy_report(self.ctx.store, self.ctx.config, chosen, period, names)

    # -- return on influence ----------------------------------------------------------
    def campaigns(self) -> list[Campaign]:
        """Campaigns of the relationship log (entries of kind campaign, grouped by name)."""
        from influscope.analyze.roi.report import logged_campaigns

        return logged_campaigns(self.ctx.store)

    def defence(self) -> list[IncidentDefence]:
        """Each incident's defenders and conversation, from the crisis analysis (newest first).

        At most :data:`INCIDENTS` incidents, each analysed as the crisis page
        analyses it (its window, attack and defenders), so the two agree.
        """
        from influscope.analyze.roi.defence import Defender, IncidentDefence

        crisis = self.crisis
        found = []
        for incident in crisis.incidents(limit=INCIDENTS):
            defence = crisis.analyse(incident.incident_id, queries=[]).defenders
            found.append(
                IncidentDefence(
                    incident_id=incident.incident_id,
                    start=incident.window_start,
                    conversation=defence.conversation if defence else 0,
                    defenders=tuple(
                        Defender(incident.incident_id, d.actor_id, d.documents, d.relation)
                        for d in (defence.actors if defence else [])
                    ),
                )
            )
        return found

    def roi(
        self,
        axis: str | None = None,
        period: SovBy = "month",
        decision: str | None = None,
        within: str | None = None,
    ) -> ReturnOnInfluence:
        """The return on influence of an axis (campaigns from the relationship log).

        ``decision``: a query naming one topic or decision; the acceptability is then
        that of the actors who wrote about it. ``within``: one period (``2026-Q4``,
        ``2026-10``…): the figures of that period only.
        """
        from influscope.analyze.roi.report import compute_roi
        from influscope.analyze.sov.scope import parse_period

        check(SovBy, period, "period")
        chosen = self.ctx.config.axis(axis) if axis else None
        found = [c for c in self.campaigns() if c.end is not None]
        return compute_roi(
            self.ctx.store,
            self.ctx.config,
            chosen,
            period,
            self.defence(),
            found,
            decision=decision,
            within=parse_period(within),
        )

    # -- the report's section -----------------------------------------------------------
    def report_section(
        self, axis: str | None = None, period: str | None = None, leaders: int = 5
    ) -> InfluenceSection:
        """What the quarterly report shows about influence on an axis (see :class:`InfluenceSection`)."""
        from influscope.analyze.roi.section import InfluenceSection

        tiers = self.stored_tiers(axis)
        return InfluenceSection(
            axis=axis,
            period=period,
            roi=self.roi(axis, "month", within=period),
            mainstream=[r for r in tiers if r.tier == "mainstream"][:leaders],
            affinity=[r for r in tiers if r.tier == "affinity"][:leaders],
            macro=[r for r in tiers if r.tier == "macro"][:leaders],
            micro=[r for r in tiers if r.tier == "micro"][:leaders],
            rising=[r for r in tiers if r.rising][:leaders],
            advocacy=self.advocacy(axis, "month"),
            worth=self.worth(axis, leaders),
        )
