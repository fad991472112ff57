"""Acceptance (issue 3): brand attribution and share of voice on the airline tweets.

Brands are named as in the dataset's ``airline`` column, with the airlines'
handles (the ``Delta`` rows are tweets to @JetBlue, a known quirk of the
export, so that brand has @JetBlue and @Delta).

Multi-brand documents: a tweet is labelled with one airline, but may cite
several. Attribution is scored as micro-F1 over (tweet, brand) pairs: a
predicted brand equal to the label is a true positive, any other predicted
brand a false positive, a label not predicted a false negative. Tweet ids
duplicated in the file are counted once (their labels agree).
"""

from __future__ import annotations

import csv
import io

import pytest

from tests.conftest import shared_path
from tests.test_ingest_airline import AIRLINE_ARGS

BRANDS = """
[[brands]]
name = "United"
handles = ["@united"]
aliases = ["United Airlines"]

[[brands]]
name = "American"
handles = ["@AmericanAir"]
aliases = ["American Airlines"]

[[brands]]
name = "US Airways"
handles = ["@USAirways"]
aliases = ["US Airways"]

[[brands]]
name = "Southwest"
handles = ["@SouthwestAir"]
aliases = ["Southwest Airlines"]

[[brands]]
name = "Delta"
handles = ["@JetBlue", "@Delta"]

[[brands]]
name = "Virgin America"
handles = ["@VirginAmerica"]
aliases = ["Virgin America"]
"""


def micro_f1(predicted: dict[str, set[str]], gold: dict[str, str]) -> tuple[float, float, float]:
    tp = fp = fn = 0
    for doc, label in gold.items():
        found = predicted.get(doc, set())
        tp += label in found
        fp += len(found - {label})
        fn += label not in found
    precision = tp / (tp + fp) if tp + fp else 0.0
    recall = tp / (tp + fn) if tp + fn else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return precision, recall, f1


@pytest.mark.realdata
def test_airline_brand_attribution_and_share_of_voice(cli, capsys):
    tweets = shared_path("datasets", "twitter_us_airline_sentiment", "Tweets.csv")
    assert cli("init", str(cli.root), workspace=None)[0] == 0
    config = cli.root / "influscope.toml"
    config.write_text(config.read_text() + BRANDS)
    code, _, err = cli("ingest", "file", str(tweets), *AIRLINE_ARGS)
    assert code == 0, err

    with tweets.open(newline="", encoding="utf-8") as handle:
        gold = {f"twitter:{row['tweet_id']}": row["airline"] for row in csv.DictReader(handle)}

    code, out, err = cli("export", "documents", "--format", "jsonl", "--fields", "doc_id,brands")
    assert code == 0, err
    import orjson

    predicted = {}
    for line in out.splitlines():
        record = orjson.loads(line)
        predicted[record["doc_id"]] = set(record["brands"] or [])
    assert set(predicted) == set(gold)
    precision, recall, f1 = micro_f1(predicted, gold)
    with capsys.disabled():
        print(f"\nairline attribution micro: P={precision:.4f} R={recall:.4f} F1={f1:.4f}")
    assert f1 >= 0.98

    code, out, err = cli("sov", "--format", "csv")
    assert code == 0, err
    rows = list(csv.DictReader(io.StringIO(out)))
    assert rows and "brand" in rows[0], out[:500]
    counts = {}
    for brands in predicted.values():
        for brand in brands:
            counts[brand] = counts.get(brand, 0) + 1
    total = sum(counts.values())
    assert {r["brand"] for r in rows} == set(counts)
    for row in rows:
        assert int(row["docs"]) == counts[row["brand"]]
        assert float(row["share"]) == pytest.approx(counts[row["brand"]] / total, abs=1e-9)
    assert sum(float(r["share"]) for r in rows) == pytest.approx(1.0)
