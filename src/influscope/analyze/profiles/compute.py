"""Actor profiles: kind with evidence and confidence, languages, activity, audience, topics.

:func:`compute_profiles` reads the store (actors, their documents, the edges
pointing at them, the roster, kind labels) and the brand configuration, and
returns one :class:`ActorProfile` per actor; :func:`persist` replaces the
``actor_profiles`` table (migration 0014) and writes each call to
``actors.kind``/``kind_source`` so every other analysis (share of voice by
kind, the map, the reports) reads the same kind.

Heavy steps are bounded: only each actor's :data:`TEXTS_PER_ACTOR` latest
original posts are read for behaviour and topics; counts are aggregated in the
engine.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

import ibis
import orjson
import pyarrow as pa

from influscope.analyze.kinds import (
    Evidence,
    KindCall,
    KindRules,
    decide,
    profile_evidence,
)
from influscope.analyze.profiles.behaviour import behaviour_evidence, read_posts
from influscope.analyze.profiles.topics import axis_shares, distinctive_terms
from influscope.config import Config
from influscope.errors import Phrase
from influscope.organisations import Organisations
from influscope.store.engine import Store

TEXTS_PER_ACTOR = 60
PROFILER_SOURCES = ("behaviour",)  # kinds this profiler writes; never read back as evidence


@dataclass(frozen=True)
class ActorProfile:
    """Everything the profiler says about one actor (one ``actor_profiles`` row)."""

    actor_id: str
    call: KindCall
    languages: dict[str, float] = field(default_factory=dict)
    documents: int = 0
    originals: int = 0
    mentioned_in: int = 0
    first_seen: datetime | None = None
    last_seen: datetime | None = None
    posts_per_week: float | None = None
    followers: int | None = None
    audience: int = 0
    topics: dict[str, float] = field(default_factory=dict)
    terms: tuple[str, ...] = ()

    def row(self, run_id: str, now: datetime) -> dict[str, Any]:
        """The store row."""
        return {
            "actor_id": self.actor_id,
            "kind": self.call.kind,
            "kind_source": self.call.source,
            "kind_confidence": self.call.confidence,
            "evidence": orjson.dumps([_evidence(e) for e in self.call.evidence]).decode(),
            "languages": orjson.dumps(self.languages).decode(),
            "documents": self.documents,
            "originals": self.originals,
            "mentioned_in": self.mentioned_in,
            "first_seen": self.first_seen,
            "last_seen": self.last_seen,
            "posts_per_week": self.posts_per_week,
            "followers": self.followers,
            "audience": self.audience,
            "topics": orjson.dumps(self.topics).decode(),
            "terms": list(self.terms),
            "run_id": run_id,
            "computed_at": now,
        }


def _evidence(e: Evidence) -> dict[str, Any]:
    """A clue as stored: the detail in English, and as a phrase when it is one (to be said in a language)."""
    phrase = e.detail.dumps() if isinstance(e.detail, Phrase) else None
    return {
        "kind": e.kind,
        "source": e.source,
        "weight": e.weight,
        "detail": str(e.detail),
        "phrase": phrase,
    }


def rules_of(config: Config) -> KindRules:
    """The kind rules of a workspace (built-in lists extended by ``[actors]``)."""
    actors = config.actors
    return KindRules.build(
        actors.media_domains,
        actors.ngo_domains,
        actors.institution_domains,
        actors.company_domains,
        actors.kind_patterns,
    )


# -- inputs ---------------------------------------------------------------------------------
def _actor_rows(store: Store) -> list[dict[str, Any]]:
    actors = store.table("actors")
    cols = ["actor_id", "handle", "name", "bio", "followers", "homepage", "verified"]
    rows = store.to_arrow(
        actors.select(*cols, "kind", "kind_source").order_by("actor_id")
    ).to_pylist()
    return list(rows)


def _author_stats(store: Store) -> dict[str, dict[str, Any]]:
    docs = store.table("documents")
    docs = docs.filter(docs.author_id.notnull())
    original = docs.repost_of.isnull().cast("int64")
    grouped = docs.group_by(docs.author_id).aggregate(
        documents=docs.count(),
        originals=original.sum(),
        first_seen=docs.published_at.min(),
        last_seen=docs.published_at.max(),
    )
    stats = {r["author_id"]: r for r in store.to_arrow(grouped).to_pylist()}
    langs = docs.filter(docs.lang.notnull() & (docs.lang != ""))
    by_lang = langs.group_by([langs.author_id, langs.lang]).aggregate(n=langs.count())
    for r in store.to_arrow(by_lang).to_pylist():
        stats.setdefault(r["author_id"], {}).setdefault("langs", {})[r["lang"]] = r["n"]
    return stats


def _mentioned_in(store: Store) -> dict[str, int]:
    edges = store.table("interactions")
    mentions = edges.filter((edges.kind == "mention") & (edges.doc_id != ""))
    grouped = mentions.group_by(mentions.dst).aggregate(n=mentions.doc_id.nunique())
    return {r["dst"]: int(r["n"]) for r in store.to_arrow(grouped).to_pylist()}


def _audience(store: Store) -> dict[str, int]:
    edges = store.table("interactions")
    live = edges.filter(edges.kind.isin(["repost", "quote", "reply", "mention"]))
    grouped = live.group_by(live.dst).aggregate(n=live.src.nunique())
    return {r["dst"]: int(r["n"]) for r in store.to_arrow(grouped).to_pylist()}


def original_texts(store: Store, per_actor: int = TEXTS_PER_ACTOR) -> dict[str, list[str]]:
    """Each author's latest original posts (no reposts), newest first, at most ``per_actor``."""
    docs = store.table("documents")
    mine = docs.filter(docs.author_id.notnull() & docs.repost_of.isnull() & docs.text.notnull())
    ranked = mine.mutate(
        _n=ibis.row_number().over(
            group_by=mine.author_id, order_by=[ibis.desc(mine.published_at), mine.doc_id]
        )
    )
    chosen = ranked.filter(ranked._n < per_actor).order_by(["author_id", "_n"])
    rows = store.to_arrow(chosen.select("author_id", "text")).to_pylist()
    out: dict[str, list[str]] = defaultdict(list)
    for r in rows:
        out[r["author_id"]].append(r["text"])
    return dict(out)


def _labels(store: Store) -> dict[str, str]:
    labels = store.table("actor_labels")
    rows = store.to_arrow(labels.filter(labels.field == "kind")).to_pylist()
    return {r["actor_id"]: r["value"] for r in rows if r["value"]}


def _roster(store: Store) -> set[str]:
    return {r["actor_id"] for r in store.to_arrow(store.table("roster")).to_pylist()}


# -- computation ----------------------------------------------------------------------------
def compute_profiles(store: Store, config: Config) -> list[ActorProfile]:
    """One profile per actor of the store, in actor id order."""
    rules = rules_of(config)
    orgs = Organisations(config.brands)
    stats = _author_stats(store)
    texts = original_texts(store)
    mentioned = _mentioned_in(store)
    audience = _audience(store)
    labels = _labels(store)
    roster = _roster(store)
    topics = axis_shares(store, config)
    terms = distinctive_terms(texts)
    profiles = []
    for actor in _actor_rows(store):
        actor_id = actor["actor_id"]
        if actor.get("kind_source") in PROFILER_SOURCES:
            actor = actor | {"kind": None, "kind_source": None}
        brand = orgs.brand_of(actor_id)
        evidence = profile_evidence(
            actor,
            rules,
            labels.get(actor_id),
            actor_id in roster,
            brand,
            orgs.kind_of(brand) if brand else "company",
        )
        habits = read_posts(texts.get(actor_id, []))
        evidence += behaviour_evidence(habits)
        mine = stats.get(actor_id, {})
        langs: Counter[str] = Counter(mine.get("langs", {}))
        total_langs = sum(langs.values())
        first, last = mine.get("first_seen"), mine.get("last_seen")
        documents = int(mine.get("documents") or 0)
        weeks = max(((last - first).total_seconds() / 604800.0), 1.0) if first and last else None
        profiles.append(
            ActorProfile(
                actor_id=actor_id,
                call=decide(evidence),
                languages={
                    k: round(v / total_langs, 4)
                    for k, v in sorted(langs.items(), key=lambda kv: (-kv[1], kv[0]))
                },
                documents=documents,
                originals=int(mine.get("originals") or 0),
                mentioned_in=mentioned.get(actor_id, 0),
                first_seen=first,
                last_seen=last,
                posts_per_week=round(documents / weeks, 3) if weeks else None,
                followers=actor.get("followers"),
                audience=audience.get(actor_id, 0),
                topics=topics.get(actor_id, {}),
                terms=tuple(terms.get(actor_id, ())),
            )
        )
    return profiles


def persist(store: Store, profiles: list[ActorProfile], run_id: str) -> int:
    """Replace the stored profiles and write each kind call to ``actors``; returns rows."""
    now = datetime.now(UTC).replace(tzinfo=None)
    rows = [p.row(run_id, now) for p in profiles]
    kinds = pa.table(
        {
            "actor_id": [p.actor_id for p in profiles],
            "platform": [p.actor_id.split(":", 1)[0] for p in profiles],
            "kind": [p.call.kind for p in profiles],
            "kind_source": [p.call.source for p in profiles],
        }
    )
    with store.transaction() as writer:
        writer.replace_all("actor_profiles", pa.Table.from_pylist(rows, schema=SCHEMA))
        if rows:
            writer.upsert("actors", kinds, coalesce=False)
    return len(rows)


SCHEMA = pa.schema(
    [
        ("actor_id", pa.string()),
        ("kind", pa.string()),
        ("kind_source", pa.string()),
        ("kind_confidence", pa.float64()),
        ("evidence", pa.string()),
        ("languages", pa.string()),
        ("documents", pa.int64()),
        ("originals", pa.int64()),
        ("mentioned_in", pa.int64()),
        ("first_seen", pa.timestamp("us")),
        ("last_seen", pa.timestamp("us")),
        ("posts_per_week", pa.float64()),
        ("followers", pa.int64()),
        ("audience", pa.int64()),
        ("topics", pa.string()),
        ("terms", pa.list_(pa.string())),
        ("run_id", pa.string()),
        ("computed_at", pa.timestamp("us")),
    ]
)
