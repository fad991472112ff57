"""The crisis service: incidents and their lifecycle, and the crisis analysis of one incident.

Incidents are grouped by the watch as alerts are recorded
(``analyze/crisis/assign.py``); this service lists them, moves them through
open → acknowledged → resolved with an owner and notes, and analyses an
incident's window: the narratives (the attack and its counter-narratives),
the attack's cascade, coordinated accounts, the defenders with the defender
share of voice (the crisis KPI) and riposte readiness on the crisis queries.
"""

from __future__ import annotations

import builtins
from datetime import UTC, datetime, timedelta
from typing import Any

from influscope.organisations import Organisations
from influscope.store import incidents as incident_store
from influscope.store.runs import now as wall_now
from influscope.workspace.context import Context
from influscope.workspace.crisis_results import (
    CoordinatedGroup,
    Coordination,
    CrisisAnalysis,
    Defenders,
    DefenderView,
    Incident,
    IncidentKpi,
    IncidentSummary,
    NarrativeView,
    Riposte,
    RiposteQuery,
)

FOLLOW = timedelta(hours=72)  # defenders answer for days after an attack


class CrisisService:
    """Incidents and crisis analyses of a workspace."""

    def __init__(self, ctx: Context) -> None:
        self.ctx = ctx

    # -- incidents ---------------------------------------------------------------
    def incidents(
        self, state: str | None = None, limit: int = 50
    ) -> builtins.list[IncidentSummary]:
        """Incidents, newest event first, with their alert counts."""
        rows = incident_store.list_incidents(self.ctx.store, state, limit)
        return [IncidentSummary(**r) for r in rows]

    def incident(self, incident_id: str) -> Incident:
        """One incident: its alerts (still inspectable one by one) and its timeline."""
        return Incident.of(incident_store.get_incident(self.ctx.store, incident_id))

    def acknowledge(self, incident_id: str, by: str) -> Incident:
        """Someone is on it: escalations of all its alerts stop."""
        with self.ctx.store.transaction() as writer:
            incident_store.set_state(writer, incident_id, "acknowledged", by, wall_now())
        return self.incident(incident_id)

    def resolve(self, incident_id: str, by: str) -> Incident:
        """The event is over."""
        with self.ctx.store.transaction() as writer:
            incident_store.set_state(writer, incident_id, "resolved", by, wall_now())
        return self.incident(incident_id)

    def assign(self, incident_id: str, owner: str, by: str) -> Incident:
        """Give the incident to ``owner``."""
        with self.ctx.store.transaction() as writer:
            incident_store.set_owner(writer, incident_id, owner, by, wall_now())
        return self.incident(incident_id)

    def note(self, incident_id: str, text: str, by: str) -> Incident:
        """Add a note to the incident's timeline."""
        with self.ctx.store.transaction() as writer:
            incident_store.add_note(writer, incident_id, text, by, wall_now())
        return self.incident(incident_id)

    # -- analysis ---------------------------------------------------------------
    def analyse(
        self, incident_id: str, queries: builtins.list[str] | None = None
    ) -> CrisisAnalysis:
        """Narratives, attack cascade, coordination, defenders and riposte of an incident."""
        from influscope.analyze.crisis.cascades import cascades_of
        from influscope.analyze.crisis.coordination import find_coordination, shares_from_rows
        from influscope.analyze.crisis.defenders import ActorContext, find_defenders
        from influscope.analyze.crisis.narratives import find_narratives
        from influscope.analyze.crisis.riposte import first_owned_response, serp_readiness
        from influscope.analyze.crisis.window import read_window, stance_labels
        from influscope.enrich.reply_stance import row_stance

        incident = self.incident(incident_id)
        store = self.ctx.store
        start, end = incident.window_start, incident.window_end
        window = read_window(store, start - timedelta(hours=12), end + FOLLOW)
        narratives = find_narratives(window.rows)
        inside = [n for n in narratives if _epoch(start) - 43_200 <= n.first_seen <= _epoch(end)]
        orgs = Organisations(self.ctx.config.brands)
        attack = _attack(inside, incident.evidence, window.rows, orgs)
        found = find_coordination(shares_from_rows(window.rows))
        coordination = Coordination(
            interval_seconds=found.interval,
            groups=[
                CoordinatedGroup(
                    group=g.group,
                    accounts=list(g.accounts),
                    contents=g.contents,
                    score=round(g.score, 1),
                    evidence=[list(e.doc_ids[:5]) for e in g.episodes],
                )
                for g in found.groups
            ],
        )
        serp = store.to_arrow(store.table("serp")).to_pylist()
        asked = queries if queries is not None else sorted({r["query"] for r in serp})
        riposte = Riposte(
            queries=[
                RiposteQuery(r.query, r.best_owned_rank, r.owned_slots)
                for r in serp_readiness(serp, asked, orgs.is_owned)
            ],
            seconds_to_first_owned_response=first_owned_response(
                window.rows, orgs.is_owned, _epoch(start)
            ),
        )
        cascade, defenders = None, None
        if attack is not None:
            tree = next(
                (c for c in cascades_of(window.rows) if c.ids[c.root] == attack.origin), None
            )
            cascade = tree.summary() if tree is not None else None
            report = find_defenders(
                window.rows,
                attack,
                narratives,
                row_stance(stance_labels(store, window.rows)),
                ActorContext(
                    owned=orgs.is_owned,
                    employees=frozenset(_ids(store, "roster")),
                    allies=frozenset(_allies(store)),
                ),
            )
            defenders = Defenders(
                share_of_voice=round(report.share_of_voice, 4),
                conversation=report.conversation,
                defender_documents=report.defender_documents,
                counter_narratives=list(report.counter_narratives),
                actors=[
                    DefenderView(
                        actor_id=d.actor_id,
                        first_at=datetime.fromtimestamp(d.first_at, UTC).replace(tzinfo=None),
                        documents=d.documents,
                        relation=d.relation,
                    )
                    for d in report.defenders
                ],
            )
        return CrisisAnalysis(
            incident_id=incident_id,
            window_start=start,
            window_end=end,
            narratives=[_narrative(n) for n in narratives[:20]],
            coordination=coordination,
            riposte=riposte,
            attack=_narrative(attack) if attack is not None else None,
            cascade=cascade,
            defenders=defenders,
        )

    def compare(self, limit: int = 20) -> builtins.list[IncidentKpi]:
        """The crisis KPI across incidents: defender share of voice, newest first."""
        rows = []
        for incident in self.incidents(limit=limit):
            found = self.analyse(incident.incident_id, queries=[])
            rows.append(
                IncidentKpi(
                    incident_id=incident.incident_id,
                    window_start=incident.window_start,
                    defender_share_of_voice=found.defenders.share_of_voice
                    if found.defenders
                    else None,
                    defenders=len(found.defenders.actors) if found.defenders else 0,
                )
            )
        return rows


def _attack(
    narratives: builtins.list[Any],
    evidence: dict[str, Any],
    rows: builtins.list[dict[str, Any]],
    orgs: Organisations,
) -> Any:
    """The narrative the incident's alerts are about: most of their evidence, not the company's own."""
    documents = set(evidence.get("documents", []))
    actors = set(evidence.get("actors", []))
    author = {r["doc_id"]: r.get("author_id") for r in rows}
    best, best_key = None, (0, 0)
    for narrative in narratives:
        if orgs.is_owned(narrative.origin_author):
            continue
        docs = set(narrative.doc_ids)
        key = (len(docs & documents) + len({author.get(d) for d in docs} & actors), len(docs))
        if key > best_key:
            best, best_key = narrative, key
    return best


def _epoch(moment: datetime) -> float:
    return (moment - datetime(1970, 1, 1)).total_seconds()


def _ids(store: Any, table: str) -> builtins.list[str]:
    rows = store.con.execute(f"SELECT DISTINCT actor_id FROM {table}").fetchall()  # noqa: S608
    return [r[0] for r in rows]


def _allies(store: Any) -> builtins.list[str]:
    """The actors the whole-data map calls allies (a defender's relation after owned and employee)."""
    from influscope.analyze.map.scope import Scope

    table = store.table("actor_map")
    rows = table.filter((table.scope == Scope().key) & (table.stance == "ally")).select("actor_id")
    return sorted(r["actor_id"] for r in store.to_arrow(rows).to_pylist())


def _narrative(n: Any) -> NarrativeView:
    return NarrativeView(
        narrative_id=n.narrative_id,
        label=n.label,
        origin=n.origin,
        origin_author=n.origin_author,
        first_seen=datetime.fromtimestamp(n.first_seen, UTC).replace(tzinfo=None),
        documents=len(n.doc_ids),
        accounts=n.accounts,
        languages=dict(n.languages),
        spreaders=list(n.spreaders[:5]),
        growth=list(n.growth[:24]),
    )
