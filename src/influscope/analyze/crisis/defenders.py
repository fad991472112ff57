"""Defenders: who takes the company's side when it is attacked, and their share of the voice.

The article behind the product measures a crisis by them: « quand les
influenceurs viennent défendre l'entreprise attaquée dans sa réputation,
c'est la preuve qu'une relation de confiance a été construite ». During an
incident, a **defender** is an actor who

- answers or quotes the attack (a post of the claim's narrative) to deny
  it or to back the company, or
- posts in a **counter-narrative**: a narrative of the same window whose
  posts mostly deny the claim.

Stance comes from a reply-stance function of the post (its learned
``reply_stance`` label when the workspace trained one, else the offline cue
default, :func:`~influscope.enrich.reply_stance.row_stance`). Each defender is
described by when they first spoke, how many posts, whether they are the
company's own account (``owned``, from :mod:`influscope.organisations`), an
``employee`` (roster), an ``ally`` (the map's stance) or ``independent``;
their **reach into the detractor communities** (the share of the accounts
they interact with that the map puts in detractor communities) and their
**journey weight**.

The crisis KPI is the **defender share of voice**: defenders' posts among
all posts of the incident's conversation (the attack's narrative, the
reactions to it and the counter-narratives), compared across incidents.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from influscope.analyze.crisis.narratives import Narrative

DEFENDING = ("deny",)


@dataclass(frozen=True)
class Defender:
    """One actor who took the company's side during an incident."""

    actor_id: str
    first_at: float
    documents: int
    relation: str
    reach_detractors: float | None = None
    journey_weight: float | None = None


@dataclass
class DefenderReport:
    """Defenders of an incident and the crisis KPI."""

    defenders: list[Defender]
    conversation: int
    defender_documents: int
    attack_documents: int
    counter_narratives: list[str] = field(default_factory=list)

    @property
    def share_of_voice(self) -> float:
        """Defenders' posts over the whole conversation of the incident (0 when empty)."""
        return self.defender_documents / self.conversation if self.conversation else 0.0


@dataclass(frozen=True)
class ActorContext:
    """What the workspace knows of actors, to say who a defender is."""

    owned: Callable[[str], bool] = lambda _actor: False
    employees: frozenset[str] = frozenset()
    allies: frozenset[str] = frozenset()
    detractor_reach: dict[str, float] = field(default_factory=dict)
    journey_weight: dict[str, float] = field(default_factory=dict)

    def relation(self, actor: str) -> str:
        """owned, employee, ally or independent (in that order of precedence)."""
        if self.owned(actor):
            return "owned"
        if actor in self.employees:
            return "employee"
        if actor in self.allies:
            return "ally"
        return "independent"


def find_defenders(
    rows: list[dict[str, Any]],
    attack: Narrative,
    narratives: list[Narrative],
    stance: Callable[[dict[str, Any]], str],
    actors: ActorContext | None = None,
    counter_share: float = 0.5,
) -> DefenderReport:
    """Defenders against ``attack`` among window ``rows`` (module doc)."""
    actors = actors or ActorContext()
    by_id = {r["doc_id"]: r for r in rows}
    attack_docs = set(attack.doc_ids)
    attackers = {by_id[d].get("author_id") for d in attack_docs if d in by_id}
    defending_docs: set[str] = set()
    reactions: set[str] = set()
    for row in rows:
        if row.get("parent") in attack_docs and row.get("relation") in ("reply", "quote"):
            reactions.add(row["doc_id"])
            if stance(row) in DEFENDING:
                defending_docs.add(row["doc_id"])
    counters: list[str] = []
    for narrative in narratives:
        if narrative.narrative_id == attack.narrative_id:
            continue
        docs = [by_id[d] for d in narrative.doc_ids if d in by_id]
        voiced = [d for d in docs if d.get("relation") != "repost"]
        if not voiced:
            continue
        denying = sum(stance(d) in DEFENDING for d in voiced)
        if denying / len(voiced) >= counter_share:
            counters.append(narrative.narrative_id)
            defending_docs |= {d["doc_id"] for d in docs}
            reactions |= {d["doc_id"] for d in docs}
    # Re-posting one's own attack is not a defence, whatever the words.
    defending_docs = {
        d
        for d in defending_docs
        if by_id[d].get("author_id") not in attackers - {None}
        or by_id[d].get("relation") == "reply"
    }
    first: dict[str, float] = {}
    count: Counter[str] = Counter()
    for doc_id in defending_docs:
        row = by_id[doc_id]
        author = row.get("author_id")
        if not author:
            continue
        count[author] += 1
        first[author] = min(first.get(author, float(row["t"])), float(row["t"]))
    defenders = [
        Defender(
            actor_id=a,
            first_at=first[a],
            documents=count[a],
            relation=actors.relation(a),
            reach_detractors=actors.detractor_reach.get(a),
            journey_weight=actors.journey_weight.get(a),
        )
        for a in sorted(count, key=lambda a: (first[a], a))
    ]
    conversation = len(attack_docs | reactions)
    return DefenderReport(
        defenders=defenders,
        conversation=conversation,
        defender_documents=len(defending_docs),
        attack_documents=len(attack_docs),
        counter_narratives=counters,
    )


def detractor_reach(
    interactions: list[tuple[str, str]], stance_of: dict[str, str]
) -> dict[str, float]:
    """For each source actor, the share of its interaction partners the map calls detractors."""
    partners: dict[str, set[str]] = {}
    for src, dst in interactions:
        if src != dst:
            partners.setdefault(src, set()).add(dst)
    reach = {}
    for actor, others in partners.items():
        known = [o for o in others if o in stance_of]
        if known:
            reach[actor] = sum(stance_of[o] == "detractor" for o in known) / len(known)
    return reach
