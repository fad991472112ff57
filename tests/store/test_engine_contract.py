"""The engine contract: every analytic gives the same rows on DuckDB and on Spark over one lake.

One lake is written by ``ingest`` (a few hundred generated posts on three
platforms, French and English, with replies, reposts, mentions, hashtags and
links), then each analytic runs through both Ibis backends and the sorted rows
are compared (floats to 1e-9 relative). Marked ``spark``: ``make test-spark``
runs it (PySpark local, Java 17), ``make test`` leaves it out.

What a lake cannot answer is marked with its reason rather than left out
silently (see ``SKIPPED``).
"""

from __future__ import annotations

import math
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

import ibis
import orjson
import pytest

from influscope.analyze.alerts.base import RuleContext
from influscope.analyze.alerts.series import count_series, scoped_documents
from influscope.analyze.map.graph import edge_table
from influscope.analyze.map.scope import Scope
from influscope.analyze.sov import share
from influscope.config import AlertRule
from influscope.enrich import axis_filter
from influscope.query.ibis_compiler import filter_documents, fold_expr
from influscope.workspace import Workspace
from influscope.workspace.engines import analytic_store

pytestmark = pytest.mark.spark

CONFIG = """
[[brands]]
name = "Acme"
own = true
aliases = ["Acme", "usine Acmé"]
handles = ["@acme"]
domains = ["acme.com"]

[[brands]]
name = "Globex"
aliases = ["Globex"]
domains = ["globex.fr"]
exclude = '"Globex Arena"'

[[brands]]
name = "Initech"
aliases = ["Initech"]

[[axes]]
name = "usine"
query = '"usine du futur" OR #industrie40 OR (usine NEAR/3 robot)'
competitors = ["Globex"]

[[axes]]
name = "sante"
query = 'santé OR vision* OR domain:lunettes.fr'

[store]
lake = "lake"
"""

TEXTS = [
    "L'usine du futur chez Acme, avec un robot #Industrie40",
    "Globex ouvre une usine avec un nouveau robot https://globex.fr/news",
    "@acme la santé visuelle d'abord https://lunettes.fr/a?b=1",
    "Initech and Acme on vision care, read https://www.acme.com/blog",
    "Concert à la Globex Arena ce soir #musique",
    "Économie : l’usine du futur selon Globex @globex",
    "nothing about any brand here #random",
    "Santé publique : Initech répond https://t.co/xyz",
]
PLATFORMS = ["twitter", "mastodon", "bluesky"]


def _posts(n: int = 240) -> list[dict[str, Any]]:
    posts = []
    start = datetime(2024, 3, 1, 8, 0)
    for i in range(n):
        post: dict[str, Any] = {
            "id": str(i),
            "platform": PLATFORMS[i % 3],
            "author": f"user{i % 17}",
            "text": f"{TEXTS[i % len(TEXTS)]} #{i % 5}",
            "published_at": (start + timedelta(hours=7 * i)).isoformat() + "Z",
            "likes": (i * 7) % 13,
            "shares": i % 4,
        }
        if i % 9 == 4:
            post["reply_to"] = f"{PLATFORMS[(i - 3) % 3]}:{i - 3}"
        if i % 11 == 5:
            post["repost_of"] = f"{PLATFORMS[(i - 1) % 3]}:{i - 1}"
        posts.append(post)
    return posts


@pytest.fixture(scope="module")
def lake_root(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("contract") / "ws"
    Workspace.init(root).close()
    config = root / "influscope.toml"
    config.write_text(config.read_text() + CONFIG)
    posts = root.parent / "posts.jsonl"
    posts.write_text("\n".join(orjson.dumps(p).decode() for p in _posts()))
    with Workspace.open(root) as ws:
        assert ws.ingest.files([posts]).records == 240
    return root


@pytest.fixture(scope="module")
def engines(lake_root: Path) -> dict[str, Workspace]:
    opened = {e: Workspace.open(lake_root, read_only=True, engine=e) for e in ("duckdb", "spark")}
    yield opened
    for ws in opened.values():
        ws.close()


def _normal(value: Any) -> Any:
    if isinstance(value, float):
        return None if math.isnan(value) else round(value, 9)
    if isinstance(value, list):
        return tuple(_normal(v) for v in value)
    return value


def _rows(rows: list[dict[str, Any]]) -> list[tuple[Any, ...]]:
    """Rows as sorted tuples of (column, value), floats rounded: order never matters."""
    out = [tuple(sorted((k, _normal(v)) for k, v in row.items())) for row in rows]
    return sorted(out, key=repr)


def _both(engines: dict[str, Workspace], run: Any) -> list[Any]:
    found = {}
    for name, ws in engines.items():
        store = analytic_store(ws.ctx)
        assert store.portable == (name == "spark")  # really two engines
        found[name] = _rows(run(store, ws.config))
    assert found["duckdb"] == found["spark"]
    assert found["duckdb"], "an empty answer proves nothing"
    return found["duckdb"]


def _arrow(expr: Any) -> Any:
    def run(store: Any, config: Any) -> list[dict[str, Any]]:
        rows: list[dict[str, Any]] = store.to_arrow(expr(store, config)).to_pylist()
        return rows

    return run


SOV_CASES = [
    ("usine", None, None),
    ("usine", "week", "platform"),
    (None, "day", None),
    ("sante", None, "kind"),
]


@pytest.mark.parametrize(("axis", "by", "split"), SOV_CASES)
def test_share_of_voice(engines, axis, by, split):
    def run(store: Any, config: Any) -> list[dict[str, Any]]:
        chosen = config.axis(axis) if axis else None
        return share.share_of_voice(store, config, chosen, by=by, split=split)

    rows = _both(engines, run)
    assert any(dict(r)["docs"] > 0 for r in rows)


def test_brand_attribution(engines):
    rows = _both(engines, _arrow(lambda s, c: s.table("document_brands").drop("run_id")))
    found = {(dict(r)["brand"], dict(r)["via"]) for r in rows}
    # Every way of citing a brand occurs, and the exclusion held: Globex Arena is no Globex.
    assert {
        ("Acme", "alias"),
        ("Acme", "handle"),
        ("Acme", "domain"),
        ("Globex", "domain"),
    } <= found


def test_brand_name_gaps(engines):
    """The names left out of aliases, matched in one scan: the same counts on both engines."""
    from influscope.analyze.sov.names import name_gaps
    from influscope.config import Brand

    probes = [
        Brand(name="Globex", aliases=["Globex Arena"]),  # cited through its domain too
        Brand(name="Robot", aliases=["no such phrase"]),  # never cited
        Brand(name="Acme", aliases=["ACME"]),  # covered: no scan for it
    ]

    def run(store: Any, config: Any) -> list[dict[str, Any]]:
        return [vars(gap) for gap in name_gaps(store, probes)]

    rows = [dict(r) for r in _both(engines, run)]
    assert {r["brand"] for r in rows} == {"Globex", "Robot"}
    assert all(r["documents"] > 0 for r in rows)


def test_axis_filters(engines):
    def run(store: Any, config: Any) -> list[dict[str, Any]]:
        parts = [
            axis_filter.matching(store, axis.query).select(
                "doc_id", axis=ibis.literal(axis.name, "string")
            )
            for axis in config.axes
        ]
        rows: list[dict[str, Any]] = store.to_arrow(ibis.union(*parts)).to_pylist()
        return rows

    rows = _both(engines, run)
    assert {dict(r)["axis"] for r in rows} == {"usine", "sante"}


QUERIES = [
    "acme AND NOT globex",
    '"usine du futur"',
    "usine NEAR/3 robot",
    "vision*",
    "economie",  # accent-insensitive: matches "Économie"
    "hashtag:industrie40 OR mention:globex",
    "domain:acme.com",
    "platform:mastodon AND santé",
]


def test_query_language(engines):
    def expr(store: Any, config: Any) -> Any:
        docs = store.table("documents")
        links = store.table("links")
        parts = [
            filter_documents(docs, q, links, portable=store.portable).select(
                "doc_id", query=ibis.literal(q, "string")
            )
            for q in QUERIES
        ]
        return ibis.union(*parts)

    rows = _both(engines, _arrow(expr))
    assert {dict(r)["query"] for r in rows} == set(QUERIES)  # every query matched something


@pytest.mark.parametrize("axis", [None, "usine"])
def test_edge_lists_and_graph_aggregation(engines, axis):
    def expr(store: Any, config: Any) -> Any:
        query = config.axis(axis).query if axis else None
        return edge_table(store, Scope(axis=axis, query=query), config.map)

    rows = _both(engines, _arrow(expr))
    assert {dict(r)["kind"] for r in rows} >= {"mention", "reply"}


def test_alert_count_series(engines):
    rule = AlertRule(name="spike", detector="spike", axis="usine")

    def run(store: Any, config: Any) -> list[dict[str, Any]]:
        ctx = RuleContext(store, config, rule, datetime(2024, 5, 1), timedelta(days=1))
        docs = scoped_documents(ctx)
        origin, counts = count_series(
            ctx, docs, timedelta(days=1), datetime(2024, 3, 1), datetime(2024, 4, 15)
        )
        return [{"origin": origin, "day": i, "n": float(n)} for i, n in enumerate(counts)]

    rows = _both(engines, run)
    assert sum(dict(r)["n"] for r in rows) > 0


def test_volume_per_platform_and_day(engines):
    def expr(store: Any, config: Any) -> Any:
        docs = store.table("documents")
        day = docs.published_at.truncate("D").date()
        return docs.group_by([docs.platform, day.name("day")]).aggregate(n=docs.count())

    rows = _both(engines, _arrow(expr))
    assert {dict(r)["platform"] for r in rows} == set(PLATFORMS)


# What a lake cannot answer yet, and why (counted in the report of `make test-spark`).
SKIPPED = {
    "sov split by community": "needs the community map, which 'influscope map' computes on the "
    "driver (Leiden) and writes to the workspace's DuckDB store, not to the lake",
    "positive share of voice": "sentiment is an enrichment written to the DuckDB store; the lake "
    "holds no enrichments, so both engines give null positive shares (compared above, not tested)",
}


@pytest.mark.parametrize("what", sorted(SKIPPED))
def test_not_on_a_lake_yet(what):
    pytest.skip(f"{what}: {SKIPPED[what]}")


@pytest.mark.xfail(
    strict=True,
    reason="Spark has no strip_accents: its portable fold covers Latin letters only, so a "
    "Cyrillic 'й' keeps its breve there (DESIGN.md §6, query.ibis_compiler.fold_expr)",
)
def test_non_latin_marks_fold_alike(engines):
    def fold(store: Any, config: Any) -> list[dict[str, Any]]:
        docs = store.table("documents").limit(1)
        rows: list[dict[str, Any]] = store.to_arrow(
            docs.select(folded=fold_expr(ibis.literal("й"), store.portable))
        ).to_pylist()
        return rows

    _both(engines, fold)


def test_cli_sov_on_spark_equals_duckdb(tmp_path, cli):
    """Acceptance: ``influscope -w WS --engine spark sov --axis A`` on a lake ``ingest`` wrote."""
    root = tmp_path / "ws"
    assert cli("init", str(root), workspace=None)[0] == 0
    config = root / "influscope.toml"
    config.write_text(config.read_text() + CONFIG)
    posts = tmp_path / "posts.jsonl"
    posts.write_text("\n".join(orjson.dumps(p).decode() for p in _posts(60)))
    code, _, err = cli("ingest", "file", str(posts), workspace=root)
    assert code == 0, err
    assert list((root / "lake" / "documents").rglob("*.parquet"))  # the posts are in the lake
    answers = {}
    for engine in ("duckdb", "spark"):
        code, out, err = cli(
            "--engine", engine, "sov", "--axis", "usine", "--format", "json", workspace=root
        )
        assert code == 0, err
        answers[engine] = orjson.loads(out)
    assert answers["spark"] == answers["duckdb"]
    assert {row["brand"] for row in answers["duckdb"]} == {"Acme", "Globex"}
    assert sum(row["docs"] for row in answers["duckdb"]) > 0
