"""A small demo-like workspace for the API, dashboard and report tests.

Real rows go through the real importer (documents, actors), and the tables
the analyses fill (alerts, notes) get rows written here. Analyses that this
build lacks (share of voice, map, journey, alerts inbox, sources…) are
stood in for by small functions over those rows, attached only where the
workspace has no such method — once the analysis branches land, the real ones
are used. One author and one document carry XSS payloads everywhere.
"""

from __future__ import annotations

import math
import random
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

import orjson
import pyarrow as pa

from influscope.errors import NotFound
from influscope.workspace import Workspace

XSS_NAME = '<script>window.__xss=1</script><img src=x onerror="window.__xss=1">Mallory $x$'
XSS_TEXT = (
    '<script>window.__xss=1;alert(1)</script> <a href="javascript:window.__xss=1">clic</a> '
    '<svg onload="window.__xss=1"><script>alert(2)</script></svg> '
    "<img src=x onerror=alert(3)> javascript:alert(4) Acme usine"
)
XSS_URL = "javascript:window.__xss=1"
XSS_ACTOR = "twitter:mallory"
BRANDS = ("Acme", "Rival", "Other")
COMMUNITIES = ("industrie", "ecologie", "medias")
STANCES = ("ally", "sympathiser", "neutral", "detractor")
KINDS = ("journalist", "media", "expert", "citizen", "ngo")

CONFIG = """
[workspace]
name = "acme-demo"
simulated = true

[[brands]]
name = "Acme"
own = true
aliases = ["Acme"]

[[brands]]
name = "Rival"
aliases = ["Rival"]

[[brands]]
name = "Other"
aliases = ["Other"]

[[sources]]
name = "news-fr"
connector = "rss"
every = "10m"
options = { url = "https://example.org/feed.xml" }

[[axes]]
name = "usine"
label = "L'usine du futur"
query = "usine"
competitors = ["Rival", "Other"]
"""


def build(root: Path, actors: int = 60, seed: int = 3) -> Workspace:
    """Create the workspace at ``root`` with rows and stand-in analyses."""
    rng = random.Random(seed)
    ws = Workspace.init(root, CONFIG)
    posts = []
    start = datetime(2026, 10, 1, 8)
    for i in range(actors * 3):
        author = f"user{i % actors}"
        brand = BRANDS[i % 3]
        posts.append(
            {
                "id": str(i),
                "platform": "twitter",
                "author": author,
                "author_name": f"User {i % actors}",
                "author_bio": "industrial things",
                "followers": rng.randint(10, 100_000),
                "text": f"{brand} usine du futur #{i}",
                "url": f"https://example.org/{i}",
                "published_at": (start + timedelta(hours=7 * i)).isoformat() + "Z",
                "lang": "fr",
            }
        )
    posts.append(
        {
            "id": "xss",
            "platform": "twitter",
            "author": "mallory",
            "author_name": XSS_NAME,
            "author_bio": '<svg/onload="window.__xss=1">',
            "author_homepage": XSS_URL,
            "followers": 5,
            "text": XSS_TEXT,
            "title": "<b onmouseover=alert(5)>title</b>",
            "url": XSS_URL,
            "published_at": "2026-10-20T10:00:00Z",
            "lang": "fr",
        }
    )
    path = root / "posts.jsonl"
    path.write_bytes(b"\n".join(orjson.dumps(p) for p in posts) + b"\n")
    ws.ingest_files([path])
    _search(ws, root)
    _tables(ws)
    _stand_ins(ws, rng)
    return ws


def _search(ws: Workspace, root: Path) -> None:
    """Search demand and result pages, for the journey when this build has it."""
    if not callable(getattr(ws, "ingest_demand", None)):
        return
    (root / "demand.csv").write_text(
        "query,volume,locale,period\nusine du futur,1200,fr,2026-10\nacme usine,300,fr,2026-10\n"
    )
    rows = ["query,captured_at,rank,url,title,snippet,engine"]
    for q in ("usine du futur", "acme usine"):
        for rank, user in enumerate((7, 3, 12, 5), start=1):
            rows.append(
                f"{q},2026-10-15T00:00:00Z,{rank},https://twitter.com/user{user},User {user},,google"
            )
    (root / "serp.csv").write_text("\n".join(rows) + "\n")
    ws.ingest_demand(root / "demand.csv")
    ws.ingest_serp(root / "serp.csv")


def _tables(ws: Workspace) -> None:
    now = datetime(2026, 10, 21, 9)
    alerts = [
        {
            "alert_id": "a1",
            "rule": "spike-acme",
            "key": "usine/Acme",
            "severity": "critical",
            "fired_at": now,
            "observed": 40.0,
            "expected": 6.0,
            "probability": 1e-6,
            "score": 9.1,
            "explanation": "Mentions of Acme on usine: 40 in 1h vs 6 expected. " + XSS_TEXT,
            "evidence": orjson.dumps(
                {"documents": [{"actor_id": XSS_ACTOR, "text": XSS_TEXT}], "terms": [XSS_NAME]}
            ).decode(),
            "state": "new",
        },
        {
            "alert_id": "a2",
            "rule": "negative-share",
            "key": "usine/Acme",
            "severity": "warning",
            "fired_at": now - timedelta(days=2),
            "explanation": "Negative share 35% vs 12% usual.",
            "evidence": "{}",
            "state": "new",
        },
    ]
    edges = [
        {
            "src": f"twitter:user{i}",
            "dst": f"twitter:user{(i // 20) * 20 + (i * 7 + 3) % 20}",
            "kind": "repost",
            "doc_id": f"e{i}",
            "at": now,
            "weight": 1.0,
        }
        for i in range(60)
    ] + [
        {
            "src": XSS_ACTOR,
            "dst": "twitter:user1",
            "kind": "repost",
            "doc_id": "ex",
            "at": now,
            "weight": 1.0,
        }
    ]
    notes = [
        {
            "actor_id": XSS_ACTOR,
            "date": now,
            "stance": "detractor",
            "note": XSS_TEXT,
            "owner": XSS_NAME,
        }
    ]
    with ws.store.transaction() as writer:
        writer.upsert("alerts", pa.Table.from_pylist(alerts))
        writer.upsert("offline_notes", pa.Table.from_pylist(notes))
        writer.upsert("interactions", pa.Table.from_pylist(edges))


def _actors(ws: Workspace) -> list[dict[str, Any]]:
    return ws.actors(limit=1000)["items"]


def _stand_ins(ws: Workspace, rng: random.Random) -> None:
    actors = _actors(ws)
    nodes = []
    for i, actor in enumerate(actors):
        community = i % 3
        angle = 2 * math.pi * community / 3
        nodes.append(
            {
                "actor_id": actor["actor_id"],
                "name": actor["name"],
                "community": community,
                "community_label": COMMUNITIES[community],
                "role": "bridge" if i % 7 == 0 else "member",
                "stance": STANCES[i % 4],
                "kind": KINDS[i % 5],
                "tier": "micro",
                "weight": round(rng.random(), 4),
                "followers": actor["followers"],
                "x": 10 * math.cos(angle) + rng.gauss(0, 2),
                "y": 10 * math.sin(angle) + rng.gauss(0, 2),
            }
        )
    edges = [
        {
            "source": nodes[i]["actor_id"],
            "target": nodes[(i * 7 + 3) % len(nodes)]["actor_id"],
            "weight": 1,
        }
        for i in range(len(nodes))
    ]
    weeks = ["2026-W40", "2026-W41", "2026-W42", "2026-W43"]
    sov = [
        {"axis": "usine", "period": w, "brand": b, "mentions": rng.randint(5, 50)}
        for w in weeks
        for b in BRANDS
    ]

    def alerts(state: str | None = None, limit: int = 50) -> list[dict[str, Any]]:
        table = ws.store.table("alerts")
        if state:
            table = table.filter(table.state == state)
        return ws.store.to_arrow(table.order_by(table.fired_at.desc()).limit(limit)).to_pylist()

    def alert(alert_id: str) -> dict[str, Any]:
        found = [a for a in alerts(limit=1000) if a["alert_id"] == alert_id]
        if not found:
            raise NotFound(f"No alert {alert_id!r}.")
        return found[0]

    def set_state(state: str) -> Any:
        def change(alert_id: str, by: str) -> dict[str, Any]:
            alert(alert_id)
            with ws.store.transaction() as writer:
                writer.update("alerts", {"alert_id": alert_id}, {"state": state, "state_by": by})
            return alert(alert_id)

        return change

    def query(q: str, count: bool = False, limit: int | None = None) -> Any:
        rows = [
            d for d in ws.documents(limit=1000)["items"] if q.lower() in (d["text"] or "").lower()
        ]
        return len(rows) if count else rows[:limit]

    journey = sorted(nodes, key=lambda n: -n["weight"])
    stand_ins = {
        "share_of_voice": lambda axis=None, by=None, split=None: sov,
        "map": lambda axis=None, level="coarse", since=None, until=None: {
            "nodes": nodes,
            "edges": edges,
        },
        "communities": lambda axis=None, level="coarse": [
            {"community": i, "label": c, "size": sum(1 for n in nodes if n["community"] == i)}
            for i, c in enumerate(COMMUNITIES)
        ],
        "actor_card": lambda actor_id: next(
            (
                {
                    "actor_id": n["actor_id"],
                    "community": n["community_label"],
                    "stance": n["stance"],
                    "stance_history": [{"date": "2026-10-01", "stance": n["stance"]}],
                }
                for n in nodes
                if n["actor_id"] == actor_id
            ),
            {"actor_id": actor_id},
        ),
        "journey": lambda axis=None, level="actor": journey,
        "journey_queries": lambda axis=None: [
            {
                "query": "usine du futur",
                "volume": 1200,
                "domain": "example.org",
                "actor_id": n["actor_id"],
                "name": n["name"],
                "share": n["weight"],
            }
            for n in journey[:5]
        ],
        "journey_explain": lambda actor_id, axis=None: {
            "paths": [{"path": f"usine du futur → example.org → {actor_id}", "share": 0.1}]
        },
        "themes": lambda axis, top=20: [
            {
                "cluster": "all",
                "cluster_size": 12,
                "rank": 1,
                "term": "automatisation",
                "score": 0.3,
                "documents": 12,
            }
        ],
        "alerts": alerts,
        "alert": alert,
        "ack_alert": set_state("acked"),
        "close_alert": set_state("closed"),
        "sources_list": lambda: [
            {
                "name": "news-fr",
                "connector": "rss",
                "last_poll": "2026-10-21T09:00:00",
                "status": "ok",
                "errors": 0,
            }
        ],
        "sources_check": lambda name=None: [{"name": "news-fr", "status": "ok"}],
        "poll_source": lambda name, env=None: {"source": name, "fetched": 0},
        "query": query,
    }
    for name, fn in stand_ins.items():
        if not callable(getattr(ws, name, None)):
            setattr(ws, name, fn)
