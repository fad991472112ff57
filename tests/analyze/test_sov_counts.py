"""Share of voice from the ``sov_counts`` aggregates equals the computation over the documents.

Every comparison runs both paths on a real store: the aggregate path
(``counts_share_of_voice_expr``, what the API and ``influscope sov`` read) and
the direct Ibis computation over ``documents`` normalising every text on the
fly (``share_of_voice_expr(..., stored_forms=False)``), and asserts equal rows
(same order, same floats: the counts are integers, so sums in any order agree).
"""

from __future__ import annotations

import time

import orjson
import pyarrow as pa
import pytest

from influscope.analyze.sov import counts as sov_counts
from influscope.analyze.sov import share as sov
from influscope.analyze.sov.rows import ShareRow
from influscope.store import browse
from influscope.workspace import Workspace
from tests.conftest import shared_path
from tests.test_ingest_airline import AIRLINE_ARGS

PERIODS = (None, "day", "week", "month")


def _mismatches(ws):
    """Where the aggregates and the documents disagree: (axis, by, split), volume, sentiment mix.

    Also returns how many share-of-voice combinations had rows.
    """
    assert sov_counts.ensure_fresh(ws.store, ws.config)
    wrong, checked = [], 0
    for axis in (None, *ws.config.axes):
        for by in PERIODS:
            for split in (None, "platform"):
                fast, _ = sov.counts_share_of_voice_expr(ws.store, ws.config, axis, by, split)
                slow, _ = sov.share_of_voice_expr(
                    ws.store, ws.config, axis, by, split, stored_forms=False
                )
                a = ws.store.to_arrow(fast).to_pylist()
                b = ws.store.to_arrow(slow).to_pylist()
                checked += bool(b)
                if a != b:
                    wrong.append((axis.name if axis else None, by, split, len(a), len(b)))
    # The overview's volume and sentiment mix, from doc_counts and from the documents.
    volume = sov_counts.volume_by_day(ws.store, ws.config)
    if volume != browse.volume_by_day(ws.store) or not volume:
        wrong.append(("volume", volume[:3]))
    mix = sov_counts.sentiment_mix(ws.store, ws.config)
    if mix != browse.field_mix(ws.store, "sentiment"):
        wrong.append(("sentiment", mix))
    return wrong, checked


@pytest.fixture(scope="module")
def demo(tmp_path_factory):
    ws = Workspace.build_demo(tmp_path_factory.mktemp("sov") / "ws", scale=2_000, seed=7)
    ws.enrich.run(only="sentiment")
    yield ws
    ws.close()


def test_counts_equal_the_direct_computation_on_the_demo(demo):
    wrong, checked = _mismatches(demo)
    assert checked >= 30  # every axis, period and split had rows
    assert wrong == []
    # The public method answers from the counts, zero rows for brands never cited included.
    axis = demo.config.axes[0]
    rows = demo.sov.share_of_voice(axis=axis.name)
    direct, _ = sov.share_of_voice_expr(demo.store, demo.config, axis, stored_forms=False)
    cited = demo.store.to_arrow(direct).to_pylist()
    assert rows[: len(cited)] == [ShareRow.from_row(r) for r in cited]
    assert {r.brand for r in rows} == set(sov.compared_brands(demo.config, axis))


CONFIG = """
[[brands]]
name = "Acme"
aliases = ["Acme"]

[[brands]]
name = "Globex"
aliases = ["Globex"]

[[axes]]
name = "usine"
query = 'usine OR #industrie40'
"""


def _posts(path, start, days, authors=("a", "b", "c")):
    posts = []
    for i in range(days * 3):
        day = 1 + start + i // 3
        brand = ("Acme", "Globex", "Acme Globex")[i % 3]
        posts.append(
            {
                "id": f"{start}-{i}",
                "platform": ("twitter", "mastodon")[i % 2],
                "author": authors[i % len(authors)],
                "text": f"{'usine' if i % 2 else 'autre'} {brand}",
                "likes": i,
                "published_at": f"2024-03-{day:02d}T10:00:00Z",
            }
        )
    path.write_text("\n".join(orjson.dumps(p).decode() for p in posts))
    return path


@pytest.fixture
def ws(tmp_path):
    Workspace.init(tmp_path / "ws").close()
    config = tmp_path / "ws" / "influscope.toml"
    config.write_text(config.read_text() + CONFIG)
    workspace = Workspace.open(tmp_path / "ws")
    yield workspace
    workspace.close()


def _last_sov(ws):
    runs = ws.store.to_arrow(ws.store.table("runs").order_by("started_at"))["counts"].to_pylist()
    return orjson.loads(runs[-1])["sov"]


def test_counts_follow_imports_by_day_and_rebuild_on_config_or_deletions(ws, tmp_path):
    ws.ingest.files([_posts(tmp_path / "a.jsonl", 0, 4)])
    assert _last_sov(ws)["mode"] == "all"
    time.sleep(1.1)  # runs of the same second as the last refresh are all taken as new
    ws.ingest.files([_posts(tmp_path / "b.jsonl", 10, 2)])
    again = _last_sov(ws)
    assert again["mode"] == "days" and again["days"] == 2
    assert _mismatches(ws)[0] == []
    # A sentiment written outside any run: the next read notices and rebuilds.
    rows = pa.Table.from_pylist(
        [
            {"subject": "document", "subject_id": "twitter:0-0", "field": "sentiment",
             "value": "positive", "producer": "sentiment", "producer_version": "1"},
        ]
    )  # fmt: skip
    with ws.store.transaction() as writer:
        writer.upsert("enrichments", rows)
    everything = {r.brand: r for r in ws.sov.share_of_voice()}
    assert everything["Acme"].positive == 1
    assert _mismatches(ws)[0] == []
    # An erased author's documents leave the counts.
    before = {r.brand: r.docs for r in ws.sov.share_of_voice()}
    ws.privacy.erase_actor("twitter:a")
    after = {r.brand: r.docs for r in ws.sov.share_of_voice()}
    assert after["Acme"] < before["Acme"]
    assert _mismatches(ws)[0] == []
    # A changed axis query rebuilds everything.
    ws.config.axes[0].query = "autre"
    assert sov_counts.refresh(ws.store, ws.config)["mode"] == "all"
    assert _mismatches(ws)[0] == []


@pytest.mark.realdata
def test_counts_equal_the_direct_computation_on_the_airline_tweets(cli):
    from tests.analyze.test_airline_sov import BRANDS

    tweets = shared_path("datasets", "twitter_us_airline_sentiment", "Tweets.csv")
    assert cli("init", str(cli.root), workspace=None)[0] == 0
    config = cli.root / "influscope.toml"
    axes = """
[[axes]]
name = "delays"
query = 'delay* OR cancel* OR "on time" OR late'
competitors = ["United", "Delta"]
"""
    config.write_text(config.read_text() + BRANDS + axes)
    code, _, err = cli("ingest", "file", str(tweets), *AIRLINE_ARGS)
    assert code == 0, err
    with Workspace.open(cli.root) as ws:
        ws.enrich.run(only="sentiment")
        assert _last_sov(ws)["mode"] in ("days", "all")
        wrong, checked = _mismatches(ws)
        assert checked >= 14
        assert wrong == []


def test_the_overview_batch_equals_each_axis(demo):
    batch = sov.share_of_voice_by_axis(demo.store, demo.config, demo.config.axes)
    assert set(batch) == {a.name for a in demo.config.axes}
    for axis in demo.config.axes:
        assert [ShareRow.from_row(r) for r in batch[axis.name]] == demo.sov.share_of_voice(
            axis=axis.name
        )
        assert batch[axis.name]


@pytest.mark.parametrize(
    ("dates", "unit", "points"),
    [
        # the airline tweets' nine days drawn by month were one point
        (["2015-02-16", "2015-02-16", "2015-02-24"], "day", [("2015-02-16", 2), ("2015-02-24", 1)]),
        # weeks start on Monday: Sunday 2026-03-08 is in the week of 2026-03-02
        (["2026-03-03", "2026-03-08", "2026-03-09", "2026-09-30"], "week",
         [("2026-03-02", 2), ("2026-03-09", 1), ("2026-09-28", 1)]),
        (["2021-01-31", "2021-01-01", "2024-06-15"], "month", [("2021-01", 2), ("2024-06", 1)]),
        ([None, None], "day", []),
    ],
)  # fmt: skip
def test_the_volume_trend_is_binned_by_the_span_of_the_data(tmp_path, dates, unit, points):
    posts = tmp_path / "posts.jsonl"
    posts.write_bytes(
        b"\n".join(
            orjson.dumps(
                {"id": str(i), "platform": "twitter", "author": "a", "text": "x"}
                | ({"published_at": f"{day}T12:00:00Z"} if day else {})
            )
            for i, day in enumerate(dates)
        )
    )
    ws = Workspace.init(tmp_path / "ws")
    try:
        ws.ingest.files([posts])
        trend = ws.sov.volume_trend()
        assert trend.bin == unit
        assert [(p.period, p.documents) for p in trend.points] == points
        assert trend.undated == dates.count(None)
        assert sov_counts.volume_by_day(ws.store, ws.config) == browse.volume_by_day(ws.store)
    finally:
        ws.close()
