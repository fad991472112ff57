"""Stored actor profiles as typed rows: what the API, the dashboard and the reports read.

``influscope profile`` writes ``actor_profiles`` (see :mod:`.compute`); the
readers here decode its JSON columns once, so every consumer sees the same
evidence list and shares, and page through it in one stable order (documents
first, then id) so two reads of the same store list the same actors.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

import ibis
import orjson

from influscope.errors import Phrase
from influscope.store.engine import Store


@dataclass(frozen=True)
class KindEvidence:
    """One piece of evidence behind a kind: which kind, from what, how much it weighs."""

    kind: str
    source: str
    weight: float
    detail: str | None
    # The detail as a phrase (``Phrase.dumps``), when it is no words of the data; None
    # in profiles stored before phrases were.
    phrase: str | None = None

    @classmethod
    def of(cls, stored: dict[str, Any]) -> KindEvidence:
        """A stored clue, its detail a :class:`Phrase` again when it was stored as one."""
        return cls(**(stored | {"detail": clue_detail(stored)}))


def clue_detail(stored: dict[str, Any]) -> str | None:
    """A stored clue's detail: a :class:`Phrase` again when it was stored as one.

    The serve layer says a phrase in the reader's language; words of the data
    (a bio's "journaliste"), and clues stored before phrases were, are shown as
    they are.
    """
    phrase = stored.get("phrase")
    return Phrase.loads(phrase) if phrase else stored.get("detail")


@dataclass(frozen=True)
class StoredProfile:
    """One actor's stored profile (an ``actor_profiles`` row, decoded) with its name."""

    actor_id: str
    name: str | None
    kind: str
    kind_source: str
    kind_confidence: float
    evidence: list[KindEvidence]
    languages: dict[str, float]
    documents: int
    originals: int
    mentioned_in: int
    first_seen: datetime | None
    last_seen: datetime | None
    posts_per_week: float | None
    followers: int | None
    audience: int | None
    topics: dict[str, float]
    terms: list[str]
    run_id: str | None
    computed_at: datetime | None

    @classmethod
    def of(cls, row: dict[str, Any]) -> StoredProfile:
        """A joined ``actor_profiles`` row with its JSON columns decoded."""
        evidence = orjson.loads(row["evidence"]) if row["evidence"] else []
        return cls(
            **(
                row
                | {
                    "evidence": [KindEvidence.of(e) for e in evidence],
                    "languages": orjson.loads(row["languages"]) if row["languages"] else {},
                    "topics": orjson.loads(row["topics"]) if row["topics"] else {},
                    "terms": list(row["terms"] or []),
                }
            )
        )


@dataclass(frozen=True)
class KindCount:
    """How many profiled actors have one kind."""

    kind: str
    actors: int


@dataclass(frozen=True)
class ProfilePage:
    """A page of stored profiles with the total they were sliced from."""

    items: list[StoredProfile]
    total: int
    limit: int
    offset: int


def stored_profiles(
    store: Store,
    kind: str | None = None,
    actor_id: str | None = None,
    limit: int | None = None,
    offset: int = 0,
) -> list[StoredProfile]:
    """Stored profiles (of a kind, or one actor's), most documents first, then by id."""
    table = store.table("actor_profiles")
    if kind is not None:
        table = table.filter(table.kind == kind)
    if actor_id is not None:
        table = table.filter(table.actor_id == actor_id)
    names = store.table("actors").select(named_id="actor_id", name="name")
    joined = table.left_join(names, table.actor_id == names.named_id).drop("named_id")
    ordered = joined.order_by([joined.documents.desc(), joined.actor_id])
    if limit is not None:
        ordered = ordered.limit(limit, offset=offset)
    return [StoredProfile.of(row) for row in store.to_arrow(ordered).to_pylist()]


def kind_counts(store: Store) -> list[KindCount]:
    """Profiled actors per kind, most frequent first."""
    table = store.table("actor_profiles")
    rows = store.to_arrow(
        table.group_by("kind")
        .aggregate(actors=table.count())
        .order_by([ibis.desc("actors"), "kind"])
    ).to_pylist()
    return [KindCount(r["kind"], int(r["actors"])) for r in rows]
