"""Virality, new actors, negative share, axis backtest and French explanations on small stores."""

from __future__ import annotations

from datetime import datetime, timedelta

import orjson
import pyarrow as pa

from influscope.analyze.alerts.base import Finding
from influscope.analyze.alerts.evidence import distinctive_terms, explain, frequent_terms
from influscope.workspace import Workspace

BASE = datetime(2026, 3, 2, 12, 0)


def _ws(tmp_path, rules: str) -> Workspace:
    config = f"""
[workspace]
name = "detectors"
language = "fr"
[[brands]]
name = "Acme"
aliases = ["acme"]
handles = ["@acme"]
[[axes]]
name = "eau"
query = "rivière OR river"
{rules}
"""
    return Workspace.init(tmp_path / "ws", config)


def _ingest(ws: Workspace, tmp_path, posts: list[dict]) -> None:
    path = tmp_path / f"posts{len(list(tmp_path.iterdir()))}.jsonl"
    path.write_bytes(b"\n".join(orjson.dumps(p) for p in posts))
    ws.ingest.files([path])


def _at(minutes: float) -> str:
    return (BASE + timedelta(minutes=minutes)).isoformat() + "+00:00"


def test_virality_fires_for_a_post_reposted_far_above_its_authors_norm(tmp_path):
    ws = _ws(tmp_path, '[[alerts]]\nname = "viral"\ndetector = "virality"\nbrand = "Acme"')
    posts = []
    for k in range(5):  # earlier posts by the author, each reposted once
        posts.append(
            {
                "id": f"old{k}",
                "platform": "twitter",
                "author": "critic",
                "text": f"acme again {k}",
                "published_at": _at(-3000 + k),
            }
        )
        posts.append(
            {
                "id": f"rt-old{k}",
                "platform": "twitter",
                "author": f"fan{k}",
                "text": "RT",
                "repost_of": f"old{k}",
                "published_at": _at(-2990 + k),
            }
        )
    posts.append(
        {
            "id": "hot",
            "platform": "twitter",
            "author": "critic",
            "text": "acme poisons the river",
            "published_at": _at(0),
        }
    )
    posts += [
        {
            "id": f"rt{i}",
            "platform": "twitter",
            "author": f"r{i}",
            "text": "RT acme poisons the river",
            "repost_of": "hot",
            "published_at": _at(1 + i * 0.5),
        }
        for i in range(40)
    ]
    _ingest(ws, tmp_path, posts)
    new = ws.alerts.evaluate()
    assert [a["detector"] for a in new] == ["virality"]
    assert new[0]["observed"] == 40 and new[0]["expected"] == 1
    assert "twitter:hot" in new[0]["key"]
    assert "plus vite" in new[0]["explanation"]  # French workspace
    ws.close()


def test_new_actor_rising_fast(tmp_path):
    ws = _ws(tmp_path, '[[alerts]]\nname = "rising"\ndetector = "new_actor"\nbrand = "Acme"')
    posts = [
        {
            "id": f"e{i}",
            "platform": "twitter",
            "author": f"old{i % 3}",
            "text": f"acme news @old{(i + 1) % 3}",
            "published_at": _at(-20000 + i),
        }
        for i in range(30)
    ]
    posts.append(
        {
            "id": "n0",
            "platform": "twitter",
            "author": "newcomer",
            "text": "acme is hiding something",
            "published_at": _at(-60),
        }
    )
    posts += [
        {
            "id": f"m{i}",
            "platform": "twitter",
            "author": f"fan{i}",
            "text": f"@newcomer is right about acme {i}",
            "published_at": _at(-50 + i),
        }
        for i in range(30)
    ]
    _ingest(ws, tmp_path, posts)
    new = ws.alerts.evaluate()
    assert [a["key"].split(" ")[-1] for a in new] == ["actor:twitter:newcomer"]
    ws.close()


def test_negative_share_surge(tmp_path):
    ws = _ws(tmp_path, '[[alerts]]\nname = "neg"\ndetector = "negative_share"\nbrand = "Acme"')
    posts, labels = [], []
    for i in range(400):  # a week of calm: 1 negative in 5
        doc = {
            "id": f"c{i}",
            "platform": "twitter",
            "author": f"a{i}",
            "text": f"acme product {i}",
            "published_at": _at(-7 * 1440 + i * 20),
        }
        posts.append(doc)
        labels.append((f"twitter:c{i}", "negative" if i % 5 == 0 else "neutral"))
    for i in range(60):  # then three hours of mostly negative posts
        posts.append(
            {
                "id": f"s{i}",
                "platform": "twitter",
                "author": f"b{i}",
                "text": "acme cancelled everything",
                "published_at": _at(-170 + i * 2),
            }
        )
        labels.append((f"twitter:s{i}", "negative" if i % 10 else "neutral"))
    _ingest(ws, tmp_path, posts)
    with ws.store.transaction() as writer:
        writer.upsert(
            "enrichments",
            pa.Table.from_pylist(
                [
                    {
                        "subject": "document",
                        "subject_id": d,
                        "field": "sentiment",
                        "value": v,
                        "score": 1.0,
                        "producer": "test",
                        "producer_version": "1",
                    }
                    for d, v in labels
                ]
            ),
        )
    new = ws.alerts.evaluate()
    assert len(new) == 1 and new[0]["detector"] == "negative_share"
    assert new[0]["observed"] > 0.5 > new[0]["expected"]
    assert new[0]["window_end"] >= BASE - timedelta(hours=3) >= new[0]["window_start"]
    ws.close()


def test_backtest_over_an_axis_of_the_store(tmp_path):
    ws = _ws(tmp_path, "")
    posts = []
    n = 0
    for hour in range(24 * 10):
        count = 3 if hour != 24 * 8 + 5 else 60
        for k in range(count):
            n += 1
            posts.append(
                {
                    "id": f"p{n}",
                    "platform": "web",
                    "author": f"site{k}",
                    "text": "la rivière monte",
                    "published_at": _at(hour * 60 + k * 0.5),
                }
            )
    _ingest(ws, tmp_path, posts)
    from influscope.config import AlertRule

    ws.config.alerts.append(
        AlertRule(name="spike", detector="spike", options={"step": "1h", "threshold": 4})
    )
    rows = ws.alerts.backtest(axis="eau")
    assert [r["timestamp"] for r in rows] == [BASE + timedelta(hours=24 * 8 + 5)]
    ws.close()


def test_terms_and_french_explanation():
    window = ["vol annulé encore", "vol annulé ce matin", "mon vol annulé", "bagage perdu"]
    baseline = ["vol à l'heure", "bon vol", "merci pour le vol"] * 3
    assert (
        distinctive_terms(window, baseline, top=1)[0]["term"].startswith("annulé")
        or "annulé" in distinctive_terms(window, baseline, top=3)[0]["term"]
    )
    assert frequent_terms(window, top=1)[0]["term"] == "vol annulé"
    finding = Finding(
        rule="pic",
        detector="spike",
        key="brand:Acme",
        window_start=BASE,
        window_end=BASE + timedelta(hours=1),
        observed=120,
        expected=20,
        probability=1e-12,
        score=12,
        facts={"series": "all"},
        evidence={
            "terms": [{"term": "annulé", "count": 3}],
            "frequent_terms": [],
            "actors": [{"actor_id": "twitter:x", "documents": 3}],
            "links": [],
        },
    )
    text = explain(finding, "fr")
    # event window first, then what happened, numbers in words
    assert text.startswith("2026-03-02 12:00 – 13:00 UTC : un pic de volume sur brand:Acme")
    assert "120 messages, environ 6 fois l'habitude" in text and "« pic »" in text
    assert "« annulé »" in text and "twitter:x" in text and "e-" not in text
    english = explain(finding, "en")
    assert "a volume spike on brand:Acme (120 posts, about 6× the usual" in english
    assert "far less than one chance in a billion" in english


def test_axis_and_query_scoped_rules_fire_through_the_watch_read_view(tmp_path, caplog):
    """The watch evaluates rules on its read view; axis and query scopes must work there.

    They used to fail on it (the view lacked what the query compiler asks of a
    store), each rule logged as failed and no alert recorded.
    """
    ws = _ws(
        tmp_path,
        """
[[alerts]]
name = "axis-spike"
detector = "spike"
axis = "eau"
options = { step = "1h", threshold = 4 }
[[alerts]]
name = "query-spike"
detector = "spike"
query = "rivière"
options = { step = "1h", threshold = 4 }
[watch]
catch_up = "30d"
""",
    )
    posts = []
    for hour in range(24 * 10):
        for k in range(3 if hour != 24 * 8 + 5 else 60):
            posts.append(
                {
                    "id": f"p{len(posts)}",
                    "platform": "web",
                    "author": f"site{k}",
                    "text": "la rivière monte" if k % 3 else "le marché ouvre",
                    "published_at": _at(hour * 60 + k * 0.5),
                }
            )
    _ingest(ws, tmp_path, posts)
    with caplog.at_level("WARNING", logger="influscope.watch"):
        new = ws.alerts.evaluate(now=BASE + timedelta(days=10))
    assert not [r for r in caplog.records if "failed" in r.getMessage()]
    fired = sorted((a["rule"], a["window_start"]) for a in new)
    burst = BASE + timedelta(hours=24 * 8 + 5)
    assert fired == [("axis-spike", burst), ("query-spike", burst)]
    # Only the documents in scope are counted: two in three of the burst's posts.
    assert {a["observed"] for a in new} == {40}
    ws.close()


def test_a_failing_rule_shows_in_the_status_until_it_runs_again(tmp_path):
    """A rule that fails on every cycle raises nothing: the status must say so."""
    ws = _ws(
        tmp_path,
        """
[[alerts]]
name = "typo"
detector = "spike"
brand = "Acmee"
[[alerts]]
name = "fine"
detector = "spike"
axis = "eau"
""",
    )
    _ingest(ws, tmp_path, [{"id": "p1", "platform": "web", "author": "a", "text": "la rivière",
                            "published_at": _at(0)}])  # fmt: skip
    ws.alerts.evaluate(now=BASE + timedelta(hours=1))
    failing = ws.data.status().failing_rules
    assert [(f.rule, f.error) for f in failing] == [
        ("typo", "Alert scope names an unknown brand 'Acmee'.")
    ]
    assert "Acme" in failing[0].hint
    since = failing[0].since
    ws.alerts.evaluate(now=BASE + timedelta(hours=2))
    assert [(f.rule, f.since) for f in ws.data.status().failing_rules] == [("typo", since)]
    ws.config.alerts[0].brand = "Acme"  # fixed: the next cycle clears it
    ws.alerts.evaluate(now=BASE + timedelta(hours=3))
    assert ws.data.status().failing_rules == []
    ws.close()


def test_a_series_shorter_than_the_warm_up_scores_nothing():
    """A rule over a young collection (13 five-minute bins) used to raise IndexError."""
    from influscope.analyze.alerts.spike import spike_scores

    scores = spike_scores([0.0] * 12 + [50.0])
    assert scores.score.shape == (13,) and not scores.score.any()
