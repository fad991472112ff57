"""Tables of the influence analyses: actor profiles, tiers, the relationship log (0014)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from influscope.model.schema import Int32, table


@table("actor_profiles", key=("actor_id",))
@dataclass(frozen=True, slots=True, kw_only=True)
class ActorProfile:
    """An actor's inferred kind, with provenance and confidence, and activity profile."""

    actor_id: str
    kind: str
    kind_source: str
    kind_confidence: float
    evidence: str | None = None
    languages: str | None = None
    documents: int = 0
    originals: int = 0
    mentioned_in: int = 0
    first_seen: datetime | None = None
    last_seen: datetime | None = None
    posts_per_week: float | None = None
    followers: int | None = None
    audience: int | None = None
    topics: str | None = None
    terms: list[str] | None = None
    run_id: str | None = None
    computed_at: datetime | None = None


@table("actor_tiers", keyed="none")
@dataclass(frozen=True, slots=True, kw_only=True)
class ActorTier:
    """An actor's tier on one map scope and the position behind it (rebuilt per scope)."""

    scope: str
    actor_id: str
    tier: str
    community: Int32 | None = None
    community_rank: Int32 | None = None
    community_size: Int32 | None = None
    position: float | None = None
    position_pct: float | None = None
    local_pct: float | None = None
    in_weight: float | None = None
    outside_share: float | None = None
    reach: Int32 | None = None
    journey_weight: float | None = None
    journey_pct: float | None = None
    focus: float | None = None
    growth: float | None = None
    rising: bool | None = None
    shares: str | None = None
    reasons: str | None = None
    run_id: str | None = None
    computed_at: datetime | None = None


@table("relationships", key=("relation_id",))
@dataclass(frozen=True, slots=True, kw_only=True)
class Relationship:
    """One entry of the relationship log: a contact, meeting or collaboration with an actor."""

    relation_id: str
    actor_id: str
    date: datetime
    end_date: datetime | None = None
    kind: str
    collaboration: str | None = None
    horizon: str | None = None
    owner: str | None = None
    subject: str | None = None
    note: str | None = None
    next_step: str | None = None
    next_date: datetime | None = None
    campaign: str | None = None
    source_run: str | None = None
    updated_at: datetime | None = None
    updated_by: str | None = None


@table("relationship_audit", key=("seq",))
@dataclass(frozen=True, slots=True, kw_only=True)
class RelationshipAudit:
    """Who changed a relationship entry, when, through what, its values before and after."""

    seq: int
    relation_id: str
    actor_id: str | None = None
    action: str
    by_user: str | None = None
    via: str | None = None
    changed_at: datetime
    before: str | None = None
    after: str | None = None
