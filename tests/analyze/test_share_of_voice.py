"""Share of voice on hand-made documents: scope, shares, positive and engagement shares, splits."""

from __future__ import annotations

import orjson
import pyarrow as pa
import pytest

from influscope.errors import NotFound, UsageError
from influscope.workspace import Workspace

CONFIG = """
[[brands]]
name = "Acme"
own = true
aliases = ["Acme"]

[[brands]]
name = "Globex"
aliases = ["Globex"]

[[brands]]
name = "Initech"
aliases = ["Initech"]

[[axes]]
name = "usine"
query = 'usine OR #industrie40'
competitors = ["Globex"]
"""

POSTS = [
    {"id": "1", "author": "a", "text": "L'usine Acme", "likes": 9, "published_at": "2024-01-01T10:00:00Z"},
    {"id": "2", "author": "b", "text": "usine Globex et Acme", "published_at": "2024-01-01T11:00:00Z"},
    {"id": "3", "author": "c", "text": "Globex #industrie40", "shares": 2, "replies": 1, "published_at": "2024-01-02T10:00:00Z"},
    {"id": "4", "author": "a", "text": "Initech usine", "published_at": "2024-01-02T10:00:00Z"},
    {"id": "5", "author": "d", "text": "Acme hors axe", "published_at": "2024-01-02T12:00:00Z"},
]  # fmt: skip


@pytest.fixture
def ws(tmp_path):
    Workspace.init(tmp_path / "ws").close()
    config = tmp_path / "ws" / "influscope.toml"
    config.write_text(config.read_text() + CONFIG)
    posts = tmp_path / "posts.jsonl"
    posts.write_text("\n".join(orjson.dumps(p | {"platform": "twitter"}).decode() for p in POSTS))
    workspace = Workspace.open(tmp_path / "ws")
    workspace.ingest.files([posts])
    yield workspace
    workspace.close()


def _by_brand(rows):
    return {r.brand: r for r in rows}


def test_axis_scope_competitors_and_shares(ws):
    rows = _by_brand(ws.sov.share_of_voice(axis="usine"))
    assert set(rows) == {"Acme", "Globex"}  # Initech is not compared on this axis
    assert rows["Acme"].docs == 2 and rows["Globex"].docs == 2
    assert rows["Acme"].share == pytest.approx(0.5)
    # engagement: likes + shares + replies + 1 per document
    assert rows["Acme"].engagement == pytest.approx(10 + 1)
    assert rows["Globex"].engagement == pytest.approx(1 + 4)
    assert rows["Acme"].engagement_share == pytest.approx(11 / 16)
    assert rows["Acme"].positive is None and rows["Acme"].positive_share is None
    everything = _by_brand(ws.sov.share_of_voice())
    assert everything["Acme"].docs == 3 and everything["Initech"].docs == 1
    assert sum(r.share for r in everything.values()) == pytest.approx(1.0)


def test_positive_share_uses_the_winning_sentiment(ws):
    rows = pa.Table.from_pylist(
        [
            {"subject": "document", "subject_id": "twitter:1", "field": "sentiment", "value": "positive", "producer": "sentiment", "producer_version": "1"},
            {"subject": "document", "subject_id": "twitter:2", "field": "sentiment", "value": "positive", "producer": "sentiment", "producer_version": "1"},
            {"subject": "document", "subject_id": "twitter:2", "field": "sentiment", "value": "negative", "producer": "learned:sentiment", "producer_version": "1"},
            {"subject": "document", "subject_id": "twitter:3", "field": "sentiment", "value": "positive", "producer": "sentiment", "producer_version": "1"},
        ]
    )  # fmt: skip
    with ws.store.transaction() as writer:
        writer.upsert("enrichments", rows)
    result = _by_brand(ws.sov.share_of_voice(axis="usine"))
    assert result["Acme"].positive == 1 and result["Acme"].rated == 2
    assert result["Acme"].positive_rate == pytest.approx(0.5)
    assert result["Globex"].positive == 1
    assert result["Acme"].positive_share == pytest.approx(0.5)


def test_by_period_and_splits(ws):
    daily = ws.sov.share_of_voice(axis="usine", by="day")
    days = {(r.period, r.brand): r for r in daily}
    assert days[("2024-01-01", "Acme")].share == pytest.approx(2 / 3)
    assert days[("2024-01-02", "Globex")].share == pytest.approx(1.0)
    platforms = ws.sov.share_of_voice(split="platform")
    assert {r.split for r in platforms} == {"twitter"}
    with ws.store.transaction() as writer:
        writer.upsert(
            "actors",
            pa.Table.from_pylist(
                [{"actor_id": "twitter:a", "platform": "twitter", "kind": "journalist"}]
            ),
        )
    kinds = {(r.split, r.brand): r.docs for r in ws.sov.share_of_voice(split="kind")}
    assert kinds[("journalist", "Acme")] == 1 and kinds[("unknown", "Acme")] == 2
    assert kinds[("journalist", "Initech")] == 1


def test_bad_options_and_missing_community_map(ws):
    with pytest.raises(UsageError):
        ws.sov.share_of_voice(by="hour")
    with pytest.raises(UsageError):
        ws.sov.share_of_voice(split="country")
    with pytest.raises(NotFound) as caught:
        ws.sov.share_of_voice(axis="usine", split="community")
    assert "influscope map --axis usine" in caught.value.hint


def test_community_split_reads_the_map_tables(ws):
    # The map's own tables (migration 0004), filled as `influscope map` would for two actors.
    con = ws.store.con
    con.execute(
        "INSERT INTO community_members (scope, level, actor_id, community, run_id) "
        "VALUES ('||', 'coarse', 'twitter:a', 1, 'r'), ('||', 'coarse', 'twitter:b', 2, 'r')"
    )
    con.execute(
        "INSERT INTO communities (scope, level, community, label) VALUES ('||', 'coarse', 1, 'Ingénieurs')"
    )
    rows = {(r.split, r.brand): r.docs for r in ws.sov.share_of_voice(split="community")}
    assert rows[("Ingénieurs", "Acme")] == 1 and rows[("Ingénieurs", "Initech")] == 1
    assert rows[("2", "Globex")] == 1 and rows[("none", "Globex")] == 1
