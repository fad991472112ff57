"""What the SIMULATED scenario planted, and the side files a team would bring.

``ground_truth.json`` lists everything planted (camps, stances, kinds,
untapped and bridge actors, the journey-central micro-influencer, the bad
buzz, the rumour and its defenders, the coordinated burst) so tests can check
the analyses against it. The side files are what a communication team keeps
outside the platforms: offline notes (some diverging from the online stance),
the employee roster, and a few hand labels of actors and documents.
"""

from __future__ import annotations

from typing import Any

import numpy as np

from influscope.demo.actors import KIND, STANCE, site_actor
from influscope.demo.cast import (
    AXES,
    BAD_BUZZ,
    BAD_BUZZ_TERMS,
    BURST,
    BURST_URL,
    COMMUNITIES,
    COMPANY,
    COMPETITORS,
    DEFENCE,
    KINDS,
    RUMOUR,
    RUMOUR_TERMS,
    SIMULATED_NOTICE,
    STANCES,
)
from influscope.demo.plants import CAMPAIGN_AXIS, CAMPAIGN_DAYS
from influscope.demo.posts import (
    BAD_BUZZ_HOURS,
    BAD_BUZZ_START,
    BURST_AT,
    BURST_SECONDS,
    GROWING_CAMP,
    ORIGINAL,
    REPOST,
    RISING_FROM_DAY,
    RUMOUR_AT,
    T0,
    T_END,
)
from influscope.demo.records import iso
from influscope.demo.scenario import Scenario
from influscope.demo.texts import BURST_TEXT
from influscope.demo.web import ALL_SITES

TONES = ("negative", "neutral", "positive")
AXIS_STANCE = ("against", "none", "favor")
NOTE_TEXT = {
    "ally": "Rencontre au salon de Vernay : très favorable au projet d'extension, prêt à le dire.",
    "sympathiser": "Déjeuner avec la direction de la communication : intéressé, demande une visite d'usine.",
    "neutral": "Entretien cordial ; attend des données indépendantes avant de se prononcer.",
    "detractor": "Réunion tendue : reproche le manque de transparence sur la Vernelle.",
}
OWNERS = ("affaires-publiques", "relations-presse", "direction-communication")


def _when(seconds: int) -> str:
    return str(iso(np.array([seconds]))[0])


def ground_truth(scn: Scenario) -> dict[str, Any]:
    """The planted truth as a JSON-ready dict."""
    a, p = scn.actors, scn.posts
    ids = [a.actor_id(i) for i in range(len(a))]
    communities = {ids[i]: COMMUNITIES[c].key for i, c in enumerate(a.community.tolist()) if c >= 0}
    stance = {ids[i]: STANCES[s] for i, s in enumerate(a.stance.tolist())}
    kind = {ids[i]: KINDS[k] for i, k in enumerate(a.kind.tolist())}
    for site in ALL_SITES:
        site_id = site_actor(site.domain)
        kind[site_id] = site.kind
        if site.community is not None:
            communities[site_id] = COMMUNITIES[site.community].key
        stance[site_id] = _site_stance(site.domain, site.community)
    central = a.special["journey_central"]
    buzz = np.flatnonzero(p.topic == BAD_BUZZ)
    root = int(np.flatnonzero((p.topic == RUMOUR) & (p.kind == ORIGINAL))[0])
    spread = np.flatnonzero((p.topic == RUMOUR) & (p.kind != ORIGINAL))
    defend = np.flatnonzero(p.topic == DEFENCE)
    burst = np.flatnonzero(p.topic == BURST)
    return {
        "simulated": True,
        "notice": SIMULATED_NOTICE,
        "seed": scn.seed,
        "scale": scn.scale,
        "window": {"start": _when(T0), "end": _when(T_END)},
        "company": COMPANY.name,
        "competitors": [c.name for c in COMPETITORS],
        "axes": [x.name for x in AXES],
        "communities": communities,
        "community_info": {c.key: {"label": c.label, "stance": c.stance} for c in COMMUNITIES},
        "stance": stance,
        "kind": kind,
        "employees": [ids[i] for i in np.flatnonzero(a.kind == KIND["employee"])],
        "untapped": [ids[i] for i in a.untapped],
        "bridges": [ids[i] for i in a.bridges],
        "bridge_communities": {
            ids[i]: [COMMUNITIES[a.community[i]].key, COMMUNITIES[a.second[i]].key]
            for i in a.bridges
        },
        "journey_central": ids[central],
        "journey_central_followers": int(a.followers[central]),
        "journey_central_citing_pages": [scn.pages.url[i] for i in scn.pages.citing],
        "bad_buzz": {
            "brand": COMPANY.name,
            "start": _when(BAD_BUZZ_START),
            "end": _when(BAD_BUZZ_START + BAD_BUZZ_HOURS * 3600),
            "terms": list(BAD_BUZZ_TERMS),
            "documents": len(buzz),
            "authors": len(np.unique(p.author[buzz])),
            "page": scn.pages.url[scn.pages.buzz_page],
            "crisis_queries": ["ardent industrie pollution", "ardent vernelle"],
        },
        "rumour": {
            "root": scn.post_doc_id(root),
            "root_author": ids[int(p.author[root])],
            "start": _when(RUMOUR_AT),
            "terms": list(RUMOUR_TERMS),
            "spreaders": sorted({ids[i] for i in p.author[spread]}),
            "spread_documents": len(spread),
            "defenders": sorted({ids[i] for i in p.author[defend]}),
            "defence_documents": [scn.post_doc_id(int(i)) for i in defend],
            "denial_page": scn.pages.url[scn.pages.denial_page],
        },
        "coordinated_burst": {
            "accounts": [ids[i] for i in a.burst],
            "url": BURST_URL,
            "text": BURST_TEXT,
            "start": _when(BURST_AT),
            "end": _when(BURST_AT + BURST_SECONDS),
            "documents": [scn.post_doc_id(int(i)) for i in burst],
        },
        "paid_documents": [scn.post_doc_id(int(i)) for i in np.flatnonzero(scn.paid())],
        "rising_actor": ids[a.special["rising"]],
        "rising_from": _when(T0 + RISING_FROM_DAY * 86400),
        "risk_hotspot": COMMUNITIES[GROWING_CAMP].key,
        "affinity_influencers": [ids[i] for i in scn.plants.affinity],
        "mainstream_influencer": ids[a.special["mainstream"]],
        "employee_copies": {
            scn.post_doc_id(i): scn.post_doc_id(source)
            for i, (source, _) in sorted(scn.plants.copies.items())
        },
        "employee_own_words": [scn.post_doc_id(i) for i in scn.plants.own_words],
        "campaign": {
            "name": CAMPAIGN_NAME,
            "brand": COMPANY.name,
            "axis": AXES[CAMPAIGN_AXIS].name,
            "start": _when(T0 + CAMPAIGN_DAYS[0] * 86400),
            "end": _when(T0 + CAMPAIGN_DAYS[1] * 86400),
            "metric": "documents citing the brand on the axis, per day",
            "documents": len(scn.plants.campaign_posts),
            "effect_per_day": round(
                len(scn.plants.campaign_posts) / (CAMPAIGN_DAYS[1] - CAMPAIGN_DAYS[0]), 4
            ),
        },
        "high_journey_detractors": [
            site_actor("vigilance-vernelle.org"),
            ids[a.special["ngo_lead"]],
        ],
        "counts": {
            "documents": scn.scale,
            "web_pages": len(scn.pages),
            "social_posts": len(p),
            "reposts": int((p.kind == REPOST).sum()),
            "actors": len(a),
        },
    }


def _site_stance(domain: str, community: int | None) -> str:
    if domain == COMPANY.domain:
        return "ally"
    if domain in {c.domain for c in COMPETITORS}:
        return "neutral"
    return COMMUNITIES[community].stance if community is not None else "detractor"


def offline_notes(scn: Scenario) -> tuple[list[dict[str, Any]], list[str]]:
    """Notes on stakeholders met offline; returns rows and the ids whose note diverges."""
    a = scn.actors
    rng = np.random.default_rng([scn.seed, 4])
    wanted = [KIND[k] for k in ("politician", "journalist", "ngo", "expert", "institution")]
    pool = np.flatnonzero(np.isin(a.kind, wanted) & (a.community >= 0))
    chosen = rng.choice(
        pool, size=min(len(pool), int(np.clip(len(a) // 20, 20, 60))), replace=False
    )
    chosen = np.union1d(chosen, [a.special["ngo_lead"]])
    rows, divergent = [], []
    for i in chosen.tolist():
        online = int(a.stance[i])
        offline = online
        if i == a.special["ngo_lead"] or rng.random() < 0.3:
            offline = online - 1 if online >= 2 else online + 2
            divergent.append(a.actor_id(i))
        for _ in range(int(rng.integers(1, 3))):
            day = T0 + int(rng.integers(0, 88)) * 86400
            rows.append(
                {
                    "actor_id": a.actor_id(i),
                    "date": _when(day)[:10],
                    "stance": STANCES[offline],
                    "note": NOTE_TEXT[STANCES[offline]],
                    "owner": OWNERS[int(rng.integers(0, len(OWNERS)))],
                }
            )
    rows.sort(key=lambda r: (r["date"], r["actor_id"]))
    return rows, divergent


def roster(scn: Scenario) -> list[dict[str, Any]]:
    """The employee roster (HR export): every employee account with a department."""
    a = scn.actors
    return [
        {
            "actor_id": a.actor_id(i),
            "name": a.name[i],
            "department": a.department.get(i, "Production"),
        }
        for i in np.flatnonzero(a.kind == KIND["employee"]).tolist()
    ]


def actor_labels(scn: Scenario) -> list[dict[str, Any]]:
    """About 5 % of the camp members labelled with their stance, stratified by camp."""
    a = scn.actors
    rng = np.random.default_rng([scn.seed, 5])
    rows = []
    for c in range(len(COMMUNITIES)):
        members = np.flatnonzero(a.community == c)
        take = rng.choice(
            members, size=min(len(members), max(3, len(members) // 20)), replace=False
        )
        rows += [
            {"actor_id": a.actor_id(i), "field": "stance", "value": STANCES[a.stance[i]]}
            for i in np.sort(take).tolist()
        ]
    return rows


def document_labels(scn: Scenario) -> list[dict[str, Any]]:
    """Hand labels of documents: sentiment, and stance toward the axis of on-axis posts."""
    p = scn.posts
    rng = np.random.default_rng([scn.seed, 6])
    pool = np.flatnonzero((p.kind != REPOST) & (p.topic != BURST))
    size = min(len(pool), int(np.clip(scn.scale // 40, 300, 1500)))
    rows = []
    for i in np.sort(rng.choice(pool, size=size, replace=False)).tolist():
        doc_id = scn.post_doc_id(i)
        rows.append({"doc_id": doc_id, "field": "sentiment", "value": TONES[p.tone[i]]})
        if p.topic[i] < len(AXES):
            rows.append(
                {
                    "doc_id": doc_id,
                    "field": f"stance:{AXES[p.topic[i]].name}",
                    "value": AXIS_STANCE[p.tone[i]],
                }
            )
    return rows


CAMPAIGN_NAME = "Apprentissage 2026"


def relationship_log(scn: Scenario) -> list[dict[str, Any]]:
    """The team's relationship log: the planted campaign, and a few contacts and meetings.

    The campaign's entries (a paid partnership with the mainstream creator and
    an organic one with the journey-central creator, over the campaign window)
    are what the return on influence measures; the meeting with the
    journey-central creator takes her off the *worth a relationship* list.
    """
    a = scn.actors
    s = a.special
    start, end = (_when(T0 + d * 86400)[:10] for d in CAMPAIGN_DAYS)
    rows = [
        {
            "actor_id": a.actor_id(s["mainstream"]),
            "date": start,
            "end_date": end,
            "kind": "campaign",
            "collaboration": "paid",
            "horizon": "one-shot",
            "owner": "direction-communication",
            "subject": "Vidéo sur l'apprentissage chez Ardent Industrie",
            "next_step": "",
            "next_date": "",
            "campaign": CAMPAIGN_NAME,
        },
        {
            "actor_id": a.actor_id(s["journey_central"]),
            "date": start,
            "end_date": end,
            "kind": "campaign",
            "collaboration": "organic",
            "horizon": "durable",
            "owner": "relations-presse",
            "subject": "Threads sur les métiers de l'usine du futur",
            "next_step": "Inviter au salon de Vernay",
            "next_date": _when(T0 + 75 * 86400)[:10],
            "campaign": CAMPAIGN_NAME,
        },
        {
            "actor_id": a.actor_id(s["journey_central"]),
            "date": _when(T0 + 12 * 86400)[:10],
            "end_date": "",
            "kind": "meeting",
            "collaboration": "organic",
            "horizon": "durable",
            "owner": "relations-presse",
            "subject": "Visite de la ligne cobotique de Montclar",
            "next_step": "Proposer une série sur l'apprentissage",
            "next_date": start,
            "campaign": "",
        },
        {
            "actor_id": a.actor_id(s["ngo_lead"]),
            "date": _when(T0 + 20 * 86400)[:10],
            "end_date": "",
            "kind": "meeting",
            "collaboration": "",
            "horizon": "durable",
            "owner": "affaires-publiques",
            "subject": "Rejets dans la Vernelle : données de surveillance",
            "next_step": "Partager les relevés trimestriels",
            "next_date": _when(T0 + 100 * 86400)[:10],
            "campaign": "",
        },
    ]
    return rows


__all__ = [
    "STANCE",
    "actor_labels",
    "document_labels",
    "ground_truth",
    "offline_notes",
    "relationship_log",
    "roster",
]
