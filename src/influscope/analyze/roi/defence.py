"""Defenders in incidents, as a return on influence: who came to the company's side, and how loud.

The article measures the return of durable relationships by them: « quand les
influenceurs viennent défendre l'entreprise attaquée dans sa réputation, c'est
la preuve qu'une relation de confiance a été construite ». The crisis analysis
finds each incident's defenders and its conversation
(:mod:`influscope.analyze.crisis.defenders`); this module adds them up for the
return on influence of an axis:

- **on an axis**, the defenders are those of the axis' actors (who wrote on
  it): the people a relationship on that subject was built with. An incident
  is a company-wide event; its conversation is not split by axis;
- **share of voice during incidents**: the counted defenders' posts over all
  posts of the incidents' conversations (the attack, the reactions, the
  counter-narratives) — the crisis KPI, pooled over incidents;
- **relation**: ``owned`` (the company's accounts), ``employee`` (roster),
  ``ally`` (the map's allies) or ``independent`` — the independent ones are
  the article's proof of trust;
- **per period**: incidents by the period their window starts in (the share
  of voice's periods: day, ISO week starting Monday, or month, UTC).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Collection, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

RELATIONS = ("owned", "employee", "ally", "independent")


@dataclass(frozen=True)
class Defender:
    """An actor who took the company's side during an incident (the crisis analysis' output).

    ``relation`` is how the actor relates to the company (``owned``,
    ``employee``, ``ally`` or ``independent``).
    """

    incident_id: str
    actor_id: str
    documents: int = 1
    relation: str | None = None


@dataclass(frozen=True)
class IncidentDefence:
    """One incident's defence: when it started, its conversation, and who defended."""

    incident_id: str
    start: datetime
    conversation: int
    defenders: tuple[Defender, ...] = ()


@dataclass(frozen=True)
class DefenderRow:
    """One defender over the incidents counted: relation, incidents, posts, journey weight."""

    actor_id: str
    relation: str
    incidents: int
    documents: int
    journey_weight: float


@dataclass(frozen=True)
class DefencePeriod:
    """Incidents starting in one period, their defenders and the defenders' share of voice."""

    period: str
    incidents: int
    defenders: int
    documents: int
    conversation: int
    share_of_voice: float | None
    by_relation: dict[str, int]


@dataclass(frozen=True)
class DefendersSummary:
    """Who defended the company in incidents: how many, how loud, who they are, per period."""

    incidents: int
    defenders: int
    documents: int
    journey_weight: float
    by_relation: dict[str, int]
    conversation: int = 0
    share_of_voice: float | None = None
    periods: list[DefencePeriod] = field(default_factory=list)
    actors: list[DefenderRow] = field(default_factory=list)


def period_label(when: datetime | date, by: str) -> str:
    """The period a moment falls in, named as the share of voice names it (its first day)."""
    day = when.date() if isinstance(when, datetime) else when
    if by == "week":
        day -= timedelta(days=day.weekday())
    elif by == "month":
        day = day.replace(day=1)
    return day.isoformat()


def _by_relation(defenders: Sequence[Defender]) -> dict[str, int]:
    """Distinct actors per relation, every relation listed (0 when none)."""
    actors: dict[str, set[str]] = defaultdict(set)
    for d in defenders:
        actors[d.relation or "independent"].add(d.actor_id)
    names = [*RELATIONS, *sorted(set(actors) - set(RELATIONS))]
    return {name: len(actors.get(name, ())) for name in names}


def _share(documents: int, conversation: int) -> float | None:
    return round(documents / conversation, 6) if conversation else None


def summarise_defence(
    incidents: Sequence[IncidentDefence],
    weights: dict[str, float],
    by: str = "month",
    authors: Collection[str] | None = None,
) -> DefendersSummary:
    """The defence over ``incidents``, counting only ``authors``' defenders when given (an axis)."""
    kept = [
        (i, [d for d in i.defenders if authors is None or d.actor_id in authors])
        for i in sorted(incidents, key=lambda i: (i.start, i.incident_id))
    ]
    every = [d for _, found in kept for d in found]
    documents = sum(d.documents for d in every)
    conversation = sum(i.conversation for i, _ in kept)
    grouped: dict[str, list[tuple[IncidentDefence, list[Defender]]]] = defaultdict(list)
    for incident, found in kept:
        grouped[period_label(incident.start, by)].append((incident, found))
    periods = []
    for name, rows in sorted(grouped.items()):
        found = [d for _, ds in rows for d in ds]
        talk = sum(i.conversation for i, _ in rows)
        posts = sum(d.documents for d in found)
        periods.append(
            DefencePeriod(
                period=name,
                incidents=len(rows),
                defenders=len({d.actor_id for d in found}),
                documents=posts,
                conversation=talk,
                share_of_voice=_share(posts, talk),
                by_relation=_by_relation(found),
            )
        )
    return DefendersSummary(
        incidents=len(kept),
        defenders=len({d.actor_id for d in every}),
        documents=documents,
        journey_weight=round(sum(weights.get(a, 0.0) for a in {d.actor_id for d in every}), 6),
        by_relation=_by_relation(every),
        conversation=conversation,
        share_of_voice=_share(documents, conversation),
        periods=periods,
        actors=_rows(every, weights),
    )


def _rows(defenders: Sequence[Defender], weights: dict[str, float]) -> list[DefenderRow]:
    """Each defender once: the most posts first, then the heaviest on the journey, then by id."""
    posts: dict[str, int] = defaultdict(int)
    seen: dict[str, set[str]] = defaultdict(set)
    relation: dict[str, str] = {}
    for d in defenders:
        posts[d.actor_id] += d.documents
        seen[d.actor_id].add(d.incident_id)
        relation.setdefault(d.actor_id, d.relation or "independent")
    rows = [
        DefenderRow(a, relation[a], len(seen[a]), posts[a], round(weights.get(a, 0.0), 6))
        for a in posts
    ]
    return sorted(rows, key=lambda r: (-r.documents, -r.journey_weight, r.actor_id))
