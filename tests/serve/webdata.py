"""A small demo-like workspace for the API, dashboard and report tests.

Real rows go through the real importer (documents, actors), and the tables
the analyses fill (alerts, notes) get rows written here. Analyses that this
build lacks (share of voice, map, journey, alerts inbox, sources…) are
stood in for by small functions over those rows, attached only where the
workspace has no such method — once the analysis branches land, the real ones
are used. One author and one document carry XSS payloads everywhere.
"""

from __future__ import annotations

import random
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

import orjson
import pyarrow as pa

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

[[alerts]]
name = "rival-spike"
detector = "spike"
brand = "Rival"
"""


def build(root: Path, actors: int = 60, seed: int = 3) -> Workspace:
    """Create the workspace at ``root`` with rows for the real analyses."""
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
    ws.ingest.files([path])
    _search(ws, root)
    _tables(ws)
    return ws


def _search(ws: Workspace, root: Path) -> None:
    """Search demand and result pages, for the journey."""
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
    ws.ingest.demand(root / "demand.csv")
    ws.ingest.serp(root / "serp.csv")


def _tables(ws: Workspace) -> None:
    now = datetime(2026, 10, 21, 9)
    alerts = [
        {
            "alert_id": "a1",
            "rule": "spike-acme",
            "key": "brand:Acme",
            "severity": "critical",
            "fired_at": now,
            "observed": 40.0,
            "expected": 6.0,
            "probability": 1e-6,
            "score": 9.1,
            # The payload leads, so the reports' one-line summaries show it too (as text).
            "explanation": XSS_TEXT + " Mentions of Acme on usine: 40 in 1h vs 6 expected.",
            "evidence": orjson.dumps(
                {"documents": [{"actor_id": XSS_ACTOR, "text": XSS_TEXT}], "terms": [XSS_NAME]}
            ).decode(),
            "state": "new",
        },
        {
            "alert_id": "a2",
            "rule": "negative-share",
            "key": "axis:usine brand:Acme",
            "severity": "warning",
            "fired_at": now - timedelta(days=2),
            "window_start": now - timedelta(days=2, hours=6),
            "window_end": now - timedelta(days=2),
            "observed": 35.0,
            "expected": 12.0,
            "probability": 2e-4,
            "explanation": "Negative share 35% vs 12% usual.",
            # As the watch stores it: what a reader of another language needs to
            # write the explanation again.
            "evidence": orjson.dumps(
                {
                    "detector": "negative_share",
                    "facts": {"series": "negative"},
                    "actors": [{"actor_id": "twitter:user3", "documents": 4}],
                    "terms": [{"term": "usine", "count": 9}],
                }
            ).decode(),
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
    return ws.data.actors(limit=1000)["items"]
