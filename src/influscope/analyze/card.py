"""One actor's card: who it is, what it wrote, where it sits on the maps, and why.

The card gathers the evidence behind every call the map makes about an actor:
its stance toward every target (the own brand, each competitor, each axis:
``actor_stance``, with the source of each call and the documents behind it),
its stance on each stored map with a divergence flag when what it tells the
team offline differs from what it does online; its communities in every
stored map; its kind and where that came from; its stored journey weight on
each axis (a share of the public's encounters, the one scale every page shows
as a percentage); its profile (kind evidence and confidence, languages,
activity, topics), its influencer tier in each stored map scope with the
reasons, and the team's relationship log with it, beside its online behaviour.
"""

from __future__ import annotations

from dataclasses import asdict
from typing import Any

import ibis
import orjson

from influscope.analyze.influence.stored import stored_tiers
from influscope.analyze.map import targets
from influscope.analyze.map.stance import divergence
from influscope.errors import N_, NotFound
from influscope.store.engine import Store
from influscope.store.relationships import entries


def actor_card(store: Store, actor_id: str, documents: int = 10) -> dict[str, Any]:
    """Everything known about one actor (raises NotFound when nothing is)."""
    actor_id = actor_id.strip().lower() if ":" in actor_id else actor_id.strip()
    actors = store.table("actors")
    found = store.to_arrow(actors.filter(actors.actor_id == actor_id).drop("raw")).to_pylist()
    maps = _rows(store, "actor_map", actor_id)
    if not found and not maps:
        raise NotFound(
            N_("No actor {actor} in this workspace."),
            N_("Actor ids look like 'twitter:handle' or 'web:example.org'; see 'influscope map'."),
            actor=repr(actor_id),
        )
    profile = found[0] if found else {"actor_id": actor_id}
    docs = store.table("documents")
    mine = docs.filter(docs.author_id == actor_id)
    recent = store.to_arrow(
        mine.order_by(ibis.desc("published_at"))
        .limit(documents)
        .select("doc_id", "published_at", "platform", "url", "title", "text")
    ).to_pylist()
    count = int(store.scalar(mine.count()))
    labels = {r["field"]: r["value"] for r in _rows(store, "actor_labels", actor_id)}
    notes_table = store.table("offline_notes")
    notes = store.to_arrow(
        notes_table.filter(notes_table.actor_id == actor_id).order_by(ibis.desc("date"))
    ).to_pylist()
    members = _rows(store, "community_members", actor_id)
    comms = store.table("communities")
    names = {
        (r["scope"], r["level"], r["community"]): r["label"]
        for r in store.to_arrow(comms.select("scope", "level", "community", "label")).to_pylist()
    }
    communities = [
        {
            "scope": m["scope"],
            "level": m["level"],
            "community": m["community"],
            "label": names.get((m["scope"], m["level"], m["community"])),
        }
        for m in members
    ]
    stances = []
    for row in maps:
        stances.append(
            {
                "scope": row["scope"],
                "stance": row["stance"],
                "source": row["stance_source"],
                "confidence": row["stance_confidence"],
                "online": row["online_stance"],
                "offline": row["offline_stance"],
                "divergence": divergence(row["offline_stance"], row["online_stance"]),
                "role": row["role"],
                "roles": (row["roles"] or "").split(";") if row["roles"] else [],
                "tier": row["tier"],
                # The map's interaction strength (sum of edge weights), not the journey weight.
                "strength": row["weight"],
            }
        )
    toward = [
        {
            "target": r["target"],
            "target_kind": r["target_kind"],
            "stance": r["stance"],
            "source": r["source"],
            "confidence": r["confidence"],
            "documents": r["documents"],
            "positive": r["positive"],
            "neutral": r["neutral"],
            "negative": r["negative"],
        }
        for r in targets.stored(store, actor_id=actor_id)
    ]
    roster = _rows(store, "roster", actor_id)
    offline_latest = next((n["stance"] for n in notes if n["stance"]), None)
    online_latest = next((s["online"] for s in stances if s["online"]), None)
    return {
        "actor_id": actor_id,
        "name": profile.get("name"),
        "platform": profile.get("platform"),
        "handle": profile.get("handle"),
        "bio": profile.get("bio"),
        "followers": profile.get("followers"),
        "homepage": profile.get("homepage"),
        "verified": profile.get("verified"),
        "kind": labels.get("kind") or profile.get("kind") or "unknown",
        "kind_source": "manual" if labels.get("kind") else profile.get("kind_source"),
        "employee": roster[0] if roster else None,
        "labels": labels,
        "documents": count,
        "recent_documents": recent,
        "stance": stances,
        "targets": toward,
        "offline_notes": notes,
        "offline_stance": offline_latest,
        "online_stance": online_latest,
        "divergence": divergence(offline_latest, online_latest),
        "communities": communities,
        "journey": _journey(store, actor_id),
        "profile": _profile(store, actor_id),
        "tiers": [asdict(t) for t in stored_tiers(store, actor_id=actor_id)],
        "relationships": [asdict(e) for e in entries(store, actor_id)],
    }


def _profile(store: Store, actor_id: str) -> dict[str, Any] | None:
    """The stored profile (``influscope profile``), JSON columns decoded; None if never run."""
    rows = _rows(store, "actor_profiles", actor_id)
    if not rows:
        return None
    row = rows[0]
    for key in ("evidence", "languages", "topics"):
        row[key] = orjson.loads(row[key]) if row[key] else None
    return row


def _journey(store: Store, actor_id: str) -> list[dict[str, Any]]:
    """The actor's stored journey weight on each axis ('' = the whole workspace): a share of encounters."""
    weights = store.table("journey_weights")
    rows = store.to_arrow(
        weights.filter((weights.level == "actor") & (weights.actor_id == actor_id))
        .select("axis", journey_weight=weights.weight, journey_rank=weights["rank"])
        .order_by("axis")
    ).to_pylist()
    return list(rows)


def _rows(store: Store, table: str, actor_id: str) -> list[dict[str, Any]]:
    t = store.table(table)
    return list(store.to_arrow(t.filter(t.actor_id == actor_id)).to_pylist())
