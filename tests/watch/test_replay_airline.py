"""Acceptance: the 22-23 Feb 2015 surge of negative tweets about American/US Airways raises an alert.

The tweets are replayed through a ``file`` source of ``watch --once``. Their
sentiment comes from the dataset's own labels, written as ``sentiment``
enrichments (the enrichment stage is another branch; the rule only needs the
enrichment rows to exist).
"""

from __future__ import annotations

import csv
from datetime import datetime

import orjson
import pyarrow as pa
import pytest

from influscope.workspace import Workspace
from tests.conftest import shared_path

CONFIG = """
[workspace]
name = "airline-replay"
[[brands]]
name = "American Airlines Group"
aliases = ["@usairways", "@americanair"]
[[sources]]
name = "replay"
connector = "file"
every = "1m"
options = { path = "feed.jsonl" }
[[alerts]]
name = "aag-negative"
detector = "spike"
brand = "American Airlines Group"
severity = "critical"
options = { series = "negative", step = "1h", resolutions = [1, 6, 24] }
[[alerts]]
name = "aag-negative-share"
detector = "negative_share"
brand = "American Airlines Group"
[[channels]]
name = "log"
kind = "stdout"
"""


@pytest.mark.realdata
def test_airline_surge_raises_an_alert_naming_cancellations(tmp_path, capsys):
    source = shared_path("datasets", "twitter_us_airline_sentiment", "Tweets.csv")
    seen, posts, gold = set(), [], []
    with source.open(encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            if row["tweet_id"] in seen:
                continue
            seen.add(row["tweet_id"])
            posts.append(
                {
                    "id": row["tweet_id"],
                    "platform": "twitter",
                    "text": row["text"],
                    "author": row["name"],
                    "published_at": row["tweet_created"],
                    "shares": int(row["retweet_count"] or 0),
                }
            )
            gold.append(
                {
                    "subject": "document",
                    "subject_id": f"twitter:{row['tweet_id']}",
                    "field": "sentiment",
                    "value": row["airline_sentiment"],
                    "score": 1.0,
                    "producer": "dataset-labels",
                    "producer_version": "1",
                }
            )
    ws = Workspace.init(tmp_path / "ws", CONFIG)
    (ws.root / "feed.jsonl").write_bytes(b"\n".join(orjson.dumps(p) for p in posts) + b"\n")
    with ws.store.transaction() as writer:
        writer.upsert("enrichments", pa.Table.from_pylist(gold))
    report = ws.alerts.watch(once=True)
    assert report.sources["replay"]["records"] == len(posts)
    alerts = ws.alerts.list()
    surge = [
        a
        for a in alerts
        if a["window_end"] >= datetime(2015, 2, 22) and a["window_start"] <= datetime(2015, 2, 24)
    ]
    assert surge, alerts
    first = ws.alerts.get(surge[-1]["alert_id"])
    assert first["observed"] > first["expected"]
    assert first["probability"] < 1e-6
    evidence = first["evidence"]
    terms = {t["term"] for t in evidence["terms"] + evidence["frequent_terms"]}
    assert any("cancel" in term for term in terms), terms
    assert "cancelled" in first["explanation"].lower()
    assert evidence["documents"] and evidence["actors"]
    # The stdout channel delivered each alert once.
    printed = [line for line in capsys.readouterr().out.splitlines() if line.startswith("{")]
    assert len(printed) == len(alerts)
    # A second cycle finds nothing new and sends nothing again.
    again = ws.alerts.watch(once=True)
    assert again.alerts == [] and again.deliveries["sent"] == 0
    ws.close()
