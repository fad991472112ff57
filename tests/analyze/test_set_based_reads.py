"""The set-based hot paths give what the row-by-row readings they replaced gave.

Journey links, the link step, the rising-star attention and the advocacy
axis sets used to walk the store's rows in Python; they are now engine
aggregates joined in Arrow. Each test runs a plain row-by-row reading (the
former logic, kept here as the oracle) beside the new one on the demo
workspace and compares everything they return.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from typing import Any

import numpy as np
import pytest

from influscope import ids
from influscope.analyze.advocacy import program
from influscope.analyze.influence.attention import attention_by_period, rising_of
from influscope.analyze.influence.rising import rising_stars
from influscope.analyze.journey.links import read_links
from influscope.analyze.journey.nodes import NodeResolver
from influscope.analyze.journey.observed import LINK_SCHEMA, Observed, link_table
from influscope.analyze.map.graph import scoped_interactions
from influscope.analyze.map.scope import Scope
from influscope.ingest.profiles import social_post
from influscope.query.ibis_compiler import filter_documents
from influscope.workspace import Workspace


@pytest.fixture(scope="module")
def demo(tmp_path_factory):
    ws = Workspace.build_demo(tmp_path_factory.mktemp("set-based") / "demo", scale=2000, seed=7)
    yield ws
    ws.close()


# -- oracles: the former row-by-row readings ------------------------------------------------
def links_row_by_row(store: Any, resolver: NodeResolver) -> tuple[dict, Counter]:
    documents = store.table("documents")
    links = store.table("links")
    joined = documents.join(links, documents.doc_id == links.doc_id).select(
        platform=documents.platform,
        page=documents.url.fill_null(documents.native_id),
        author=documents.author_id,
        target=links.url,
    )
    counts: dict[tuple[str, str], float] = defaultdict(float)
    cited: Counter[tuple[str, str]] = Counter()
    for row in store.to_arrow(joined).to_pylist():
        if row["platform"] == ids.WEB:
            page = row["page"] or ""
            if not page.lower().startswith(("http://", "https://")):
                continue
            src = resolver.node(page)
        elif row["author"]:
            src = resolver.account(row["author"])
        else:
            continue
        dst = resolver.node(row["target"])
        if src is None or dst is None:
            continue
        shown = resolver.actor.get(dst)
        if row["platform"] == ids.WEB and shown is not None and social_post(row["target"]):
            cited[(src, shown)] += 1
        counts[(src, dst)] += 1.0
    interactions = store.table("interactions")
    shared = interactions.filter(
        interactions.kind.isin(["repost", "quote"])
        | ((interactions.kind == "link") & (interactions.doc_id == ""))
    )
    shared = shared.group_by(["src", "dst", "kind"]).aggregate(
        n=shared.count(), weight=shared.weight.fill_null(1.0).sum()
    )
    for row in store.to_arrow(shared).to_pylist():
        amount = float(row["weight"]) if row["kind"] == "link" else float(row["n"])
        if amount > 0:
            counts[(resolver.account(row["src"]), resolver.account(row["dst"]))] += amount
    return dict(counts), cited


def link_step_row_by_row(known: dict, observed: Observed, share: float) -> list[tuple]:
    smallest: dict[str, float] = {}
    for (src, _), clicks in observed.moves.items():
        smallest[src] = min(clicks, smallest.get(src, clicks))
    rows = {pair: (clicks, "observed") for pair, clicks in observed.moves.items()}
    for pair, count in known.items():
        if pair in rows or pair[0] == pair[1]:
            continue
        rows[pair] = (
            (share * smallest[pair[0]], "unobserved") if pair[0] in smallest else (count, "even")
        )
    return [(k[0], k[1], float(v[0]), v[1]) for k, v in sorted(rows.items())]


def attention_row_by_row(store: Any, edges: Any, factors: dict, merges: dict, periods: int):
    rows = store.to_arrow(
        edges.filter(edges["at"].notnull()).select("dst", "kind", "at", "weight")
    ).to_pylist()
    kept = [r for r in rows if factors.get(r["kind"], 0.0) > 0]
    weight = np.array(
        [factors[r["kind"]] * (r["weight"] if r["weight"] is not None else 1.0) for r in kept]
    )
    found = rising_stars(
        [merges.get(r["dst"], r["dst"]) for r in kept], [r["at"] for r in kept], weight, periods
    )
    return {r.actor_id: r for r in found}


# -- the comparisons ------------------------------------------------------------------------
def test_journey_links_match_the_row_by_row_reading(demo):
    before, after = NodeResolver({}, demo.config), NodeResolver({}, demo.config)
    counts, cited = links_row_by_row(demo.store, before)
    pairs, found_cited = read_links(demo.store, after)
    found = {
        (s, d): n
        for s, d, n in zip(
            pairs["src"].to_pylist(), pairs["dst"].to_pylist(), pairs["n"].to_pylist(), strict=True
        )
    }
    assert len(counts) > 100  # pages, posts and reposts all lead somewhere
    assert found == pytest.approx(counts, rel=1e-12)
    assert found_cited == cited
    assert after.actor == before.actor  # every node met gets the same actor


def test_embedded_posts_are_counted_alike(tmp_path):
    ws = Workspace.init(tmp_path / "ws")
    posts = tmp_path / "pages.jsonl"
    posts.write_text(
        '{"id": "p1", "platform": "web", "url": "https://blog.example.fr/a", "text": "voir '
        'https://twitter.com/jdupont/status/12 et https://t.co/zz et https://acme.com/x"}\n'
        '{"id": "p2", "platform": "web", "url": "https://blog.example.fr/b", "text": '
        '"https://twitter.com/jdupont/status/12 https://twitter.com/jdupont/status/13"}\n'
        '{"id": "3", "platform": "twitter", "author": "marie", "text": "https://blog.example.fr/a"}\n'
    )
    ws.ingest.files([posts])
    before, after = NodeResolver({}, ws.config), NodeResolver({}, ws.config)
    counts, cited = links_row_by_row(ws.store, before)
    pairs, found_cited = read_links(ws.store, after)
    assert cited and found_cited == cited  # the embeds of a page meet their author
    assert pairs.num_rows == len(counts) and after.actor == before.actor
    ws.close()


def test_link_step_matches_the_row_by_row_rule(demo):
    pairs, _ = read_links(demo.store, NodeResolver({}, demo.config))
    known = dict(
        zip(
            zip(pairs["src"].to_pylist(), pairs["dst"].to_pylist(), strict=True),
            pairs["n"].to_pylist(),
            strict=True,
        )
    )
    # Observed clicks on a few pages (and one pair nobody links): the three rules all apply.
    chosen = sorted(p for p in known if p[0] != p[1])[:12:3]
    observed = Observed(moves={p: float(7 + i) for i, p in enumerate(chosen)})
    observed.moves[("https://nowhere.example/", "https://elsewhere.example/")] = 3.0
    expected = link_step_row_by_row(known, observed, 0.5)
    table = link_table(pairs, observed, 0.5)
    assert table.schema == LINK_SCHEMA
    got = list(zip(*(table[c].to_pylist() for c in ("src", "dst", "weight", "step")), strict=True))
    assert got == expected
    assert {r[3] for r in got} == {"observed", "unobserved", "even"}


@pytest.mark.parametrize("merged", [False, True])
def test_rising_attention_matches_the_row_by_row_reading(demo, merged):
    scope = Scope()
    edges = scoped_interactions(demo.store, scope, demo.config.map)
    factors = demo.config.map.edge_weights
    merges: dict[str, str] = {}
    if merged:  # two accounts counted as one, as the map merges them
        top = sorted(attention_row_by_row(demo.store, edges, factors, {}, 3))
        merges = {top[0]: top[1]}
    expected = attention_row_by_row(demo.store, edges, factors, merges, 3)
    found = rising_of(attention_by_period(demo.store, edges, factors, 3), merges, 3)
    assert len(expected) > 20
    assert found.keys() == expected.keys()
    for actor, rising in expected.items():
        assert found[actor].shares == pytest.approx(rising.shares, abs=1e-12)
        assert found[actor].growth == pytest.approx(rising.growth, abs=1e-12)
        assert found[actor].rising == rising.rising
    assert any(r.rising for r in expected.values()) or any(r.growth > 1 for r in expected.values())


@pytest.mark.parametrize("axis", [None, "first"])
def test_advocacy_axis_sets_match_the_whole_sets(demo, axis):
    config = demo.config
    chosen = config.axes[0] if axis else None
    store = demo.store
    docs = store.table("documents")
    scoped = filter_documents(docs, chosen.query, store.table("links")) if chosen else docs
    every = set(store.to_arrow(scoped.select("doc_id")).column(0).to_pylist())
    own = [b.name for b in config.brands if b.own]
    cites = store.table("document_brands")
    citing_all = set(
        store.to_arrow(cites.filter(cites.brand.isin(own)).select("doc_id")).column(0).to_pylist()
    )
    roster = [r["actor_id"] for r in program._roster(store)]
    mine = [d["doc_id"] for d in program._documents(store, roster)]
    on_axis, citing, brand_documents = program._axis_sets(store, config, chosen, mine)
    assert mine and on_axis  # employees write on the axis
    assert on_axis == every & set(mine)
    assert citing == citing_all & every & set(mine)
    assert brand_documents == len(citing_all & every) > 0


def test_axis_pages_are_the_candidates_on_the_axis(demo):
    from influscope.analyze.journey.data import _axis_pages

    store = demo.store
    docs = store.table("documents")
    pages = docs.filter((docs.platform == ids.WEB) & docs.url.notnull())
    every_page = set(store.to_arrow(pages.select("url")).column(0).to_pylist())
    checked = 0
    for axis in demo.config.axes:
        matching = filter_documents(pages, axis.query, store.table("links"))
        on_axis = set(store.to_arrow(matching.select("url")).column(0).to_pylist())
        candidates = every_page | {"https://nowhere.example/"}
        assert _axis_pages(store, axis.query, candidates) == on_axis
        assert _axis_pages(store, axis.query, set(sorted(every_page)[::2])) == on_axis & set(
            sorted(every_page)[::2]
        )
        checked += bool(on_axis) and on_axis != every_page
    assert checked  # some axis keeps some pages and leaves others


def test_stance_text_calls_of_every_target_in_one_query_match_one_by_one(demo):
    from influscope.analyze.map.targets import (
        document_labels,
        targets_of,
        text_call,
        text_calls_of,
    )

    demo.enrich.run(only="sentiment")  # the documents' labels the text stance counts
    store, config = demo.store, demo.config
    every = targets_of(config)
    merges = {"twitter:nobody": "twitter:somebody"}
    found = text_calls_of(store, every, merges, minimum=2)
    assert found.keys() == {t.key for t in every} and len(every) > 2
    for target in every:  # the former reading: one query per target
        rows = document_labels(store, target)
        grouped = rows.group_by(["author_id", "label"]).aggregate(n=rows.count())
        tally: dict[str, dict[str, int]] = {}
        for row in store.to_arrow(grouped).to_pylist():
            per = tally.setdefault(merges.get(row["author_id"], row["author_id"]), {})
            per[row["label"]] = per.get(row["label"], 0) + int(row["n"])
        expected = {}
        for actor, per in tally.items():
            call = text_call(
                per.get("positive", 0), per.get("neutral", 0), per.get("negative", 0), 2
            )
            if call is not None:
                expected[actor] = call
        assert found[target.key] == expected
    assert sum(len(v) for v in found.values()) > 10  # the demo's authors take sides


SET_BASED = [
    "src/influscope/analyze/journey/links.py",
    "src/influscope/analyze/journey/observed.py",
    "src/influscope/analyze/influence/attention.py",
]


@pytest.mark.parametrize("path", SET_BASED)
def test_set_based_modules_never_turn_a_query_into_rows(path):
    """No ``store.to_arrow(...).to_pylist()`` (nor a column of it) and no ``fetchall``.

    What these modules hand Python is aggregated first; the pattern that
    walked the store row by row was a query's whole answer turned into dicts.
    """
    import ast

    from tests.conftest import ROOT

    tree = ast.parse((ROOT / path).read_text())
    found = []
    for node in ast.walk(tree):
        if not isinstance(node, ast.Call) or not isinstance(node.func, ast.Attribute):
            continue
        if node.func.attr == "fetchall":
            found.append(node.lineno)
        if node.func.attr == "to_pylist":
            receiver = node.func.value
            while isinstance(receiver, ast.Subscript | ast.Attribute | ast.Call) and not (
                isinstance(receiver, ast.Call)
                and isinstance(receiver.func, ast.Attribute)
                and receiver.func.attr == "to_arrow"
            ):
                receiver = receiver.value if not isinstance(receiver, ast.Call) else receiver.func
            if isinstance(receiver, ast.Call):
                found.append(node.lineno)
    assert not found, f"{path}: rows read one by one at lines {found}"
