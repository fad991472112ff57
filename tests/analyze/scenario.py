"""A small planted world for cartography tests, imported through the real importer.

Three camps of 20 Twitter accounts repost each other (``pro`` loves Acme,
``con`` attacks it more and more, ``mid`` ignores it); ``twitter:bridgey``
reposts and is reposted by all three; ``twitter:m0`` is the hub of ``mid`` and
never cites Acme (the planted untapped actor). Kinds, a roster, offline notes,
labels and document sentiment are planted too; everything the tests check is here.
``twitter:acme`` is the company's own account and ``twitter:m5`` an employee.
"""

from __future__ import annotations

import random
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

import orjson

CONFIG = """
[workspace]
name = "planted"

[[brands]]
name = "Acme"
own = true
handles = ["@acme"]
domains = ["acme.com"]

[[actors.same]]
name = "P2"
ids = ["twitter:p2", "mastodon:p2"]
"""
CAMPS = ("p", "m", "c")
START = datetime(2026, 1, 1)


def camp_of(handle: str) -> str | None:
    """The planted camp of an account handle (None for the bridge and the brand)."""
    return handle[0] if handle[0] in CAMPS and handle[1:].isdigit() else None


def posts(seed: int = 7, extra: int = 0) -> list[dict[str, Any]]:
    """The planted posts (``extra`` adds that many new accounts per camp: grown data)."""
    rng = random.Random(seed)
    out: list[dict[str, Any]] = []
    counter = 0
    bios = {
        "p3": "Journaliste tech à Paris",
        "c3": "Députée de la Loire",
        "m7": "Chercheuse en robotique, PhD",
        "p5": "Association pour le climat",
    }

    def post(handle: str, text: str, day: float, **more: Any) -> str:
        nonlocal counter
        counter += 1
        platform = more.pop("platform", "twitter")
        row = {
            "id": f"{handle}-{counter}",
            "platform": platform,
            "author": handle,
            "author_name": handle.upper(),
            "author_bio": bios.get(handle, ""),
            "followers": 500 + 10 * counter % 900,
            "text": text,
            "published_at": (START + timedelta(days=day)).isoformat() + "Z",
            **more,
        }
        if handle == "m9":
            row["author_verified"] = True
        out.append(row)
        return f"{platform}:{row['id']}"

    size = 20 + extra
    originals: dict[str, list[str]] = {camp: [] for camp in CAMPS}
    for camp in CAMPS:
        for i in range(size):
            handle = f"{camp}{i}"
            for k in range(3):
                day = rng.uniform(0, 59)
                if camp == "c":  # the attack grows: most of its posts in the second half
                    day = rng.uniform(30, 59) if k else rng.uniform(0, 59)
                text = {
                    "p": "J'adore @acme et l'usine du futur #industrie",
                    "m": "Robots et automatisation: que change l'usine du futur? #robotique",
                    "c": "@acme pollue la rivière, honte #scandale",
                }[camp]
                if handle == "m0":
                    text = "Le guide de l'automatisation industrielle #robotique"
                originals[camp].append(post(handle, text, day))
    bridge_docs = [post("bridgey", "Ce que disent les deux camps #usine", d) for d in (10, 30, 50)]
    post("p2", "Même compte sur Mastodon, @acme", 5, platform="mastodon")
    post("p4", "Un article https://www.lemonde.fr/eco/usine.html", 12)
    for camp in CAMPS:
        hub = originals[camp][:3]  # the first account's posts: the camp hub
        for i in range(size):
            handle = f"{camp}{i}"
            for _ in range(8):
                source = rng.choice(hub if rng.random() < 0.4 else originals[camp])
                if not source.startswith(f"twitter:{handle}-"):
                    post(handle, "RT", rng.uniform(0, 59), repost_of=source)
            if rng.random() < 0.2:
                post(handle, "RT", rng.uniform(0, 59), repost_of=rng.choice(bridge_docs))
        for _ in range(6):
            post("bridgey", "RT", rng.uniform(0, 59), repost_of=rng.choice(originals[camp]))
    return out


def write_posts(path: Path, rows: list[dict[str, Any]]) -> Path:
    """Write posts as JSONL."""
    path.write_bytes(b"".join(orjson.dumps(r) + b"\n" for r in rows))
    return path


def build(root: Path, extra: int = 0, config_extra: str = "") -> Any:
    """A workspace holding the planted world, with labels, roster, notes and text stances."""
    from influscope.workspace import Workspace

    ws = Workspace.init(root, config_text=CONFIG + config_extra)
    ws.ingest.files([write_posts(root / "posts.jsonl", posts(extra=extra))])
    (root / "labels.csv").write_text(
        "actor_id,field,value\ntwitter:p1,stance,ally\ntwitter:c1,stance,detractor\n"
        "twitter:m6,kind,expert\n",
        encoding="utf-8",
    )
    ws.ingest.actor_labels(root / "labels.csv")
    (root / "roster.csv").write_text(
        "actor_id,name,department\ntwitter:m5,M5,R&D\n", encoding="utf-8"
    )
    ws.ingest.roster(root / "roster.csv")
    (root / "notes.csv").write_text(
        "actor_id,date,stance,note,owner\n"
        "twitter:c2,2026-02-01,ally,Très positif en réunion,dircom\n"
        "twitter:m3,2026-02-02,sympathiser,Intéressé,dircom\n",
        encoding="utf-8",
    )
    ws.ingest.notes(root / "notes.csv")
    add_text_stances(ws)
    return ws


def add_text_stances(ws: Any) -> None:
    """What a sentiment enricher would have written: positive pro posts, negative con posts."""
    import pyarrow as pa

    docs = ws.store.to_arrow(ws.store.table("documents").select("doc_id", "author_id", "text"))
    rows = []
    for doc in docs.to_pylist():
        handle = (doc["author_id"] or "").split(":", 1)[-1]
        camp = camp_of(handle)
        if doc["text"] == "RT" or camp not in ("p", "c") or handle in ("p1", "c1"):
            continue
        rows.append(
            {
                "subject": "document",
                "subject_id": doc["doc_id"],
                "field": "sentiment",
                "value": "positive" if camp == "p" else "negative",
                "score": 0.9,
                "producer": "test",
                "producer_version": "1",
            }
        )
    with ws.store.transaction() as writer:
        writer.upsert("enrichments", pa.Table.from_pylist(rows))
