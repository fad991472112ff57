"""The journey on real material: SERP archive import, SogouQ clicks by rank, Wikipedia entry mix.

Run with -s to see the reported figures (also recorded in BENCHMARKS.md).
"""

from __future__ import annotations

import csv
import sys
from collections import Counter
from datetime import UTC, datetime

import pytest

from influscope.analyze.journey.calibration import (
    conditional,
    entry_mix,
    rank_click_shares,
    total_variation,
)
from influscope.analyze.journey.model import DEFAULT_CTR
from influscope.ingest.hosts import host_kind
from tests.conftest import shared_path

pytestmark = pytest.mark.realdata


def read_tsv(path):
    csv.field_size_limit(sys.maxsize)
    with path.open(encoding="utf-8", newline="") as handle:
        yield from csv.DictReader(handle, delimiter="\t", quoting=csv.QUOTE_NONE)


def test_serp_archive_imports_and_concentrates_clicks(workspace, tmp_path):
    folder = shared_path("datasets", "serp_archive_query_log_annotated")
    serps = {r["serp_id"]: r for r in read_tsv(folder / "serps.tsv")}
    assert len(serps) == 520
    joined = tmp_path / "aql_serp.csv"
    with joined.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["query", "captured_at", "rank", "url", "title", "snippet", "engine"])
        results = 0
        for row in read_tsv(folder / "serp_results.tsv"):
            serp = serps[row["serp_id"]]
            moment = datetime.fromtimestamp(int(serp["capture_unix_ts"]), UTC).isoformat()
            writer.writerow(
                [row["query"], moment, row["rank"], row["target_url"] or row["url"],
                 row["title"], row["snippet"], row["service"]]
            )  # fmt: skip
            results += 1
    summary = workspace.ingest.serp(joined, preset="generic")
    reasons = Counter(e.reason.split(",")[0][:40] for e in summary.errors)
    print(f"\nAQL: {results} result rows, {summary.rows} slots imported, "
          f"{summary.rejected} rejected {dict(reasons)}")  # fmt: skip
    assert summary.records == results
    assert summary.rows + summary.rejected == results
    assert summary.rejected <= 0.02 * results
    stored = workspace.store.to_arrow(workspace.store.table("serp")).to_pylist()
    with_results = {s for s, r in serps.items() if int(r["n_results"] or 0) > 0}
    captures = {(r["query"], r["captured_at"], r["engine"]) for r in stored}
    print(f"AQL: {len(with_results)} SERPs with results, {len(captures)} captures stored, "
          f"{len({r['engine'] for r in stored})} engines, {len(stored)} distinct slots")  # fmt: skip
    assert len(captures) >= 0.95 * len(with_results)
    assert all(r["domain"] and r["url"].startswith("http") for r in stored)

    rows = workspace.journeys.compute(level="actor")
    assert sum(r["journey_weight"] for r in rows) == pytest.approx(1.0, abs=1e-9)
    top = rows[:10]
    print("AQL: top hosts by journey weight (equal demand per query, default CTR prior):")
    for r in top:
        print(f"  {r['journey_rank']:>2} {r['actor_id']:<40} {r['journey_weight']:.4f}")
    top10 = sum(r["journey_weight"] for r in top)
    print(f"AQL: top-10 hosts hold {top10:.1%} of encounters over {len(rows)} actors")
    assert top[0]["journey_weight"] > 1 / len(rows)
    # Search engines' own pages (bing.com, so.com…), platforms and CDNs are the road, not actors.
    assert [r["actor_id"] for r in rows[:50] if host_kind(r["actor_id"].partition(":")[2])] == []


def test_sogouq_clicks_by_rank_against_the_prior():
    path = shared_path("datasets", "sogouq_query_click_log_sample", "SogouQ.sample")
    ranks = []
    with path.open(encoding="utf-8") as handle:
        for line in handle:
            fields = line.rstrip("\n").split("\t")
            if len(fields) >= 4 and fields[3].split():
                ranks.append(int(fields[3].split()[0]))
    curve = rank_click_shares(ranks)
    assert curve.clicks == 10_000
    observed = conditional(curve.shares)
    prior = conditional(list(DEFAULT_CTR))
    distance = total_variation(observed, prior)
    print("\nSogouQ share of clicks by rank (given a click) vs the default prior:")
    print("  rank  observed  observed|1-10  prior|1-10")
    for rank, (raw, o, p) in enumerate(zip(curve.shares, observed, prior, strict=True), start=1):
        print(f"  {rank:>4}  {raw:8.3%}  {o:13.3%}  {p:10.3%}")
    print(f"  >10   {curve.beyond:8.3%}")
    print(f"  total variation distance (ranks 1-10): {distance:.4f}")
    assert curve.shares[0] == pytest.approx(0.270, abs=0.001)
    assert curve.beyond == pytest.approx(0.167, abs=0.001)
    assert all(a >= b for a, b in zip(curve.shares[:5], curve.shares[1:6], strict=True))
    assert distance < 0.08


def test_wikipedia_clickstream_entry_mix():
    path = shared_path(
        "datasets", "wikipedia_clickstream_random_sample_enwiki_2024_10",
        "clickstream-enwiki-2024-10_sample.csv",
    )  # fmt: skip
    with path.open(encoding="utf-8", newline="") as handle:
        rows = [(r["prev"], r["curr"], int(r["n"])) for r in csv.DictReader(handle)]
    assert len(rows) == 9936
    mix = entry_mix(rows, skip=frozenset({"Main_Page"}))
    print("\nWikipedia clickstream 2024-10 (sample, click-weighted, Main_Page excluded):")
    for kind, share in sorted(mix.items(), key=lambda kv: -kv[1]):
        print(f"  {kind:<9} {share:.1%}")
    arrivals = mix["search"] + mix["direct"] + mix["external"]
    print(f"  search share of outside arrivals: {mix['search'] / arrivals:.1%}")
    assert sum(mix.values()) == pytest.approx(1.0)
    assert 0.35 < mix["search"] < 0.55
    assert 0.25 < mix["link"] < 0.50
    assert mix["search"] > mix["direct"] > mix["external"]
