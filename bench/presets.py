"""Preset throughput: twarc2 JSONL (API v2 responses of 100 tweets) and a Brandwatch CSV.

Generates synthetic archives, imports each with ``influscope ingest file
--preset`` into a fresh workspace (in-process), and records tweets/rows per
second to BENCHMARKS.md. Presets map record by record in Python (they resolve
includes, entities and thread columns), unlike the generic JSONL bulk path.

Usage: python bench/presets.py [--tweets 100000] [--rows 50000]
"""

from __future__ import annotations

import argparse
import csv
import random
import sys
import tempfile
import time
from pathlib import Path

import orjson

sys.path.insert(0, str(Path(__file__).resolve().parent))
from common import record  # noqa: E402

from influscope.workspace import Workspace  # noqa: E402


def twarc2(path: Path, n: int, rng: random.Random) -> None:
    users = [
        {
            "id": str(u),
            "username": f"user{u}",
            "name": f"User {u}",
            "public_metrics": {"followers_count": u},
        }
        for u in range(2000)
    ]
    with path.open("wb") as handle:
        for start in range(0, n, 100):
            data = []
            for i in range(start, min(n, start + 100)):
                author = rng.randrange(2000)
                target = rng.randrange(2000)
                tweet = {
                    "id": str(10**17 + i),
                    "author_id": str(author),
                    "created_at": f"2024-03-{1 + i % 28:02d}T10:00:00.000Z",
                    "text": f"@user{target} l'usine du futur #industrie40 https://t.co/x{i}",
                    "lang": "fr",
                    "public_metrics": {
                        "retweet_count": i % 7,
                        "reply_count": 0,
                        "like_count": i % 13,
                    },
                    "entities": {
                        "mentions": [{"username": f"user{target}"}],
                        "hashtags": [{"tag": "industrie40"}],
                        "urls": [
                            {
                                "url": f"https://t.co/x{i}",
                                "expanded_url": f"https://site{i % 300}.fr/a/{i}",
                            }
                        ],
                    },
                }
                if i % 5 == 0 and i > 0:
                    tweet["referenced_tweets"] = [{"type": "replied_to", "id": str(10**17 + i - 1)}]
                data.append(tweet)
            used = sorted({int(t["author_id"]) for t in data})
            page = {"data": data, "includes": {"users": [users[u] for u in used]}}
            handle.write(orjson.dumps(page) + b"\n")


def brandwatch(path: Path, n: int, rng: random.Random) -> None:
    with path.open("w", newline="", encoding="utf-8") as handle:
        out = csv.writer(handle)
        out.writerow(["Report:", "Mentions"])
        out.writerow([])
        out.writerow(
            [
                "Query Id",
                "Date",
                "Title",
                "Url",
                "Domain",
                "Sentiment",
                "Page Type",
                "Author",
                "Full Text",
                "Twitter Followers",
            ]
        )
        for i in range(n):
            if i % 2:
                url, page = f"https://twitter.com/user{i % 999}/status/{10**17 + i}", "twitter"
            else:
                url, page = f"https://news{i % 200}.fr/article/{i}", "news"
            out.writerow(
                [
                    "1",
                    f"2024-03-{1 + i % 28:02d} 10:00:00.0",
                    "t",
                    url,
                    "",
                    rng.choice(["positive", "neutral", "negative"]),
                    page,
                    f"user{i % 999}",
                    f"texte {i} sur l'usine du futur",
                    str(i % 5000),
                ]
            )


def timed(preset: str, path: Path, count: int) -> str:
    with tempfile.TemporaryDirectory() as tmp:
        ws = Workspace.init(Path(tmp) / "ws")
        start = time.perf_counter()
        summary = ws.ingest.files([path], preset=preset)
        elapsed = time.perf_counter() - start
        docs = ws.store.count("documents")
        ws.close()
    assert summary.rejected == 0 and docs == count, (summary.rejected, docs, count)
    return f"`{preset}`: {count:,} items in {elapsed:.1f} s = **{count / elapsed:,.0f} items/s**"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--tweets", type=int, default=100_000)
    parser.add_argument("--rows", type=int, default=50_000)
    args = parser.parse_args()
    rng = random.Random(7)
    with tempfile.TemporaryDirectory() as tmp:
        tw = Path(tmp) / "tweets.jsonl"
        bw = Path(tmp) / "brandwatch.csv"
        twarc2(tw, args.tweets, rng)
        brandwatch(bw, args.rows, rng)
        lines = [timed("twarc2", tw, args.tweets), timed("brandwatch", bw, args.rows)]
    record(
        "Preset imports",
        f"python bench/presets.py --tweets {args.tweets} --rows {args.rows}",
        lines,
    )


if __name__ == "__main__":
    main()
