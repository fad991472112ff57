"""Small French/English corpora written for the enrichment tests."""

from __future__ import annotations

import random
from pathlib import Path

import orjson

ENRICH_CONFIG = """
[workspace]
name = "enrich-test"

[enrich]
skip = ["entities"]

[[axes]]
name = "usine-du-futur"
query = '"usine du futur" OR industrie OR robot'
"""

FAVOR = {
    "en": ["we must act on climate now", "renewables are the future, support the climate plan",
           "proud to back climate action", "climate science is clear, let us cut emissions"],
    "fr": ["il faut agir pour le climat maintenant", "soutien total au plan climat",
           "fier de défendre l'action climatique", "la science du climat est claire, réduisons les émissions"],
}  # fmt: skip
AGAINST = {
    "en": ["climate alarmism is a hoax", "the climate plan will ruin our jobs",
           "stop the carbon tax scam", "no more green taxes, enough of this climate nonsense"],
    "fr": ["l'alarmisme climatique est une arnaque", "ce plan climat va détruire nos emplois",
           "stop à la taxe carbone, c'est du vol", "assez des taxes vertes et de ce délire climatique"],
}  # fmt: skip
INDUSTRY = [
    "l'usine du futur arrive avec les robots collaboratifs et la maintenance prédictive",
    "robots collaboratifs et jumeau numérique : l'industrie 4.0 change l'usine",
    "maintenance prédictive et capteurs connectés dans l'usine du futur",
    "l'industrie investit dans la formation des opérateurs aux robots",
    "formation des opérateurs et compétences : l'industrie recrute",
    "recrutement et formation : l'usine du futur cherche des techniciens",
]


def corpus(n: int = 60, seed: int = 1) -> list[dict[str, object]]:
    """Posts: climate favor/against in both languages, industry posts, a few paid ones."""
    rng = random.Random(seed)
    posts: list[dict[str, object]] = []
    for i in range(n):
        lang = "fr" if i % 2 else "en"
        side = FAVOR if i % 4 < 2 else AGAINST
        text = rng.choice(side[lang]) + f" #{rng.choice(['climat', 'climate', 'cop'])} {i}"
        posts.append({"id": f"c{i}", "text": text, "author": f"user{i % 9}", "lang": None})
    for i in range(45):
        posts.append(
            {"id": f"u{i}", "text": INDUSTRY[i % len(INDUSTRY)] + f" ({i})", "author": "usine"}
        )
    posts += [
        {"id": "p1", "text": "Ma routine du matin avec @marque #sponsorisé", "author": "inf"},
        {
            "id": "p2",
            "text": "Partenariat rémunéré avec Acme : je teste leur vélo",
            "author": "inf",
        },
        {"id": "p3", "text": "New running shoes from @brand #ad", "author": "inf2"},
        {"id": "p4", "text": "What an #adventure in the Alps today", "author": "inf2"},
        {
            "id": "p5",
            "text": "Collaboration commerciale — merci à Acme pour l'invitation",
            "author": "inf",
        },
    ]
    for post in posts:
        post.setdefault("platform", "twitter")
        post["published_at"] = "2024-05-01T10:00:00Z"
    return posts


def write_jsonl(path: Path, posts: list[dict[str, object]]) -> Path:
    """Write posts as JSON Lines (nulls dropped)."""
    with path.open("wb") as handle:
        for post in posts:
            handle.write(orjson.dumps({k: v for k, v in post.items() if v is not None}) + b"\n")
    return path


def stance_labels(posts: list[dict[str, object]], every: int = 3) -> list[tuple[str, str, str]]:
    """stance:climate labels for every third climate post (both languages, both sides), from how it was generated."""
    rows = []
    for i, post in enumerate(p for p in posts if str(p["id"]).startswith("c")):
        if i % every == 0:
            value = "favor" if i % 4 < 2 else "against"
            rows.append((f"twitter:{post['id']}", "stance:climate", value))
    return rows
