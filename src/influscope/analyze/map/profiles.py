"""Community profiles: what each community talks about, links to, and how it moves.

Text facts (hashtags, domains, sentiment) come from the documents the
community's members wrote in the map's scope, aggregated in the engine with
Ibis (one ``group_by`` per fact, joined to an in-memory membership table), so
only per-community counts reach Python. Domains are where links lead: a link
shortener's host (``t.co``) is the road, never a community's domain. Terms are
read like themes (lemmas with their accents, no fragments, handles, query
words or brand names) from a fixed sample
of each community's documents and ranked by how much more the community uses
them than the others do, so words every community uses label none. A community's label is two to four of
its distinctive words followed by its two leading actors. Growth compares the
community's activity in the two halves of the window.
"""

from __future__ import annotations

import math
from collections import Counter
from typing import Any

import ibis
import numpy as np
import numpy.typing as npt
import pyarrow as pa

from influscope.analyze.map.graph import axis_documents
from influscope.analyze.map.scope import Scope
from influscope.enrich.axis_filter import fallback_terms
from influscope.enrich.terms import Terms, distinct, folded_words, label
from influscope.ingest.hosts import shortener_hosts
from influscope.store.chosen import document_sentiment
from influscope.store.engine import Store

IntArray = npt.NDArray[np.int64]
SAMPLE = 400  # documents per community read for its terms


def _members_table(ids: list[str], labels: IntArray) -> Any:
    return ibis.memtable(
        pa.table({"_actor": pa.array(ids, pa.string()), "_community": pa.array(labels.tolist())})
    )


def _scoped_documents(store: Store, scope: Scope) -> Any:
    docs = store.table("documents")
    if scope.query:
        docs = axis_documents(store, scope.query)
    if scope.since is not None:
        docs = docs.filter(docs.published_at >= scope.since)
    if scope.until is not None:
        docs = docs.filter(docs.published_at < scope.until)
    return docs


def text_facts(
    store: Store,
    scope: Scope,
    ids: list[str],
    labels: IntArray,
    names: list[str] | None = None,
    top: int = 8,
) -> dict[int, dict[str, Any]]:
    """Top terms, hashtags and domains, document count and sentiment per community.

    ``names``: the brands' names (:func:`~influscope.enrich.terms.brand_names`), never a term.
    """
    if not ids or store.count("documents") == 0:
        return {}
    members = _members_table(ids, labels)
    docs = _scoped_documents(store, scope)
    docs = docs.join(members, docs.author_id == members._actor)
    facts: dict[int, dict[str, Any]] = {}
    counts = store.to_arrow(docs.group_by("_community").aggregate(documents=docs.count()))
    for row in counts.to_pylist():
        facts.setdefault(int(row["_community"]), {})["documents"] = int(row["documents"])
    for community, terms in community_terms(store, docs, scope, top, names or []).items():
        facts.setdefault(community, {})["terms"] = terms
    tags = docs.select("_community", term=docs.hashtags.unnest())
    _ranked(store, tags, "term", "hashtags", facts, top, distinctive=False)
    links = store.table("links")
    links = links.filter(~links.domain.isin(shortener_hosts()))
    linked = docs.select("doc_id", "_community").join(links, "doc_id")
    _ranked(
        store, linked.select("_community", term=linked.domain), "term", "domains", facts, top, False
    )
    sentiment = document_sentiment(store)  # one label per document
    mine = docs.select("doc_id", "_community")
    scored = mine.join(sentiment, "doc_id")
    value = ibis.cases(
        (scored.sentiment == "positive", 1.0), (scored.sentiment == "negative", -1.0), else_=0.0
    )
    mix = store.to_arrow(
        scored.group_by("_community").aggregate(sentiment=value.mean(), scored=scored.count())
    )
    for row in mix.to_pylist():
        entry = facts.setdefault(int(row["_community"]), {})
        entry["sentiment"] = round(float(row["sentiment"]), 4)
    return facts


def community_terms(
    store: Store, docs: Any, scope: Scope, top: int, names: list[str] | None = None
) -> dict[int, list[dict[str, Any]]]:
    """Distinctive readable terms of each community, from a sample of its documents.

    Up to :data:`SAMPLE` documents per community (a fixed pseudo-random pick:
    ordered by a hash of their id) go through the themes' term reader
    (lemmas with accents, no fragments, handles, the axis's query words or
    the brands' ``names``),
    and terms are ranked by :func:`distinctiveness` against the other
    communities, so a word every community uses ("flight" on airline data)
    labels none of them.
    """
    ranked = docs.mutate(
        _pick=ibis.row_number().over(
            group_by=docs._community, order_by=[docs.doc_id.hash(), docs.doc_id]
        )
    )
    sample = ranked.filter(ranked._pick < SAMPLE).select("_community", "doc_id", "text", "lang")
    rows = store.to_arrow(sample.order_by(["_community", "doc_id"])).to_pylist()
    reader = Terms(fallback_terms(scope.query) if scope.query else (), names or ())
    counts: dict[int, Counter[str]] = {}
    spread: dict[int, Counter[str]] = {}
    for row in rows:
        found = reader.document(row["text"] or "", row["lang"])
        counts.setdefault(int(row["_community"]), Counter()).update(found)
        spread.setdefault(int(row["_community"]), Counter()).update(set(found))
    if not counts:
        return {}
    communities = sorted(counts)
    vocabulary = sorted({t for c in communities for t in counts[c]})
    index = {t: i for i, t in enumerate(vocabulary)}
    matrix = np.zeros((len(communities), len(vocabulary)), np.float64)
    for row_i, c in enumerate(communities):
        for term, n in counts[c].items():
            matrix[row_i, index[term]] = n
    scores = distinctiveness(matrix)
    out: dict[int, list[dict[str, Any]]] = {}
    for row_i, c in enumerate(communities):
        order = np.lexsort((np.asarray(vocabulary, dtype=object), -scores[row_i]))
        shown: list[str] = []
        picked: list[dict[str, Any]] = []
        for i in order.tolist():
            term = vocabulary[i]
            if len(picked) >= top or scores[row_i, i] <= 0:
                break
            if spread[c][term] < 2:
                continue
            name = reader.display(term)
            if distinct([*shown, name]) != [*shown, name]:
                continue
            shown.append(name)
            picked.append({"value": name, "count": int(counts[c][term])})
        out[c] = picked
    return out


def distinctiveness(counts: npt.NDArray[np.float64]) -> npt.NDArray[np.float64]:
    """How much each term sets each community apart: ``p_c log(p_c / p_rest)``, smoothed.

    A term as frequent in the other communities as in this one scores 0 and a
    rarer one below 0, so a word everyone uses never labels a community (a
    class-based tf-idf kept "flight" at the top of every airline community).
    With a single community there is nothing to contrast: terms rank by count.
    """
    if counts.shape[0] < 2:
        return counts.astype(np.float64)
    prior = 0.5
    vocabulary = counts.shape[1]
    rest = counts.sum(axis=0, keepdims=True) - counts
    p_in = (counts + prior) / (counts.sum(axis=1, keepdims=True) + prior * vocabulary)
    p_out = (rest + prior) / (rest.sum(axis=1, keepdims=True) + prior * vocabulary)
    return np.asarray(p_in * np.log(p_in / p_out), dtype=np.float64)


def _ranked(
    store: Store,
    table: Any,
    column: str,
    name: str,
    facts: dict[int, dict[str, Any]],
    top: int,
    distinctive: bool,
) -> None:
    grouped = table.group_by(["_community", column]).aggregate(n=table.count())
    grouped = grouped.filter(grouped.n >= (2 if distinctive else 1))
    rows = store.to_arrow(grouped).to_pylist()
    spread: dict[str, int] = {}
    for row in rows:
        spread[row[column]] = spread.get(row[column], 0) + 1
    communities = max(len({r["_community"] for r in rows}), 1)
    per: dict[int, list[tuple[float, str, int]]] = {}
    for row in rows:
        # tf-idf: a term every community uses (the brand's name) scores almost nothing.
        weight = math.log(communities / spread[row[column]]) + 0.05 if distinctive else 1.0
        per.setdefault(int(row["_community"]), []).append(
            (row["n"] * weight, row[column], int(row["n"]))
        )
    for community, items in per.items():
        items.sort(key=lambda item: (-item[0], item[1]))
        facts.setdefault(community, {})[name] = [
            {"value": value, "count": count} for _, value, count in items[:top]
        ]


def _squashed(text: str) -> str:
    """Folded, without spaces or marks: "Marine Le Pen" and "#MarineLePen" are one."""
    return "".join(folded_words(text))


def growth(
    activity: pa.Table, ids: list[str], labels: IntArray, merges: dict[str, str]
) -> tuple[npt.NDArray[np.float64], npt.NDArray[np.float64], npt.NDArray[np.float64]]:
    """Per community: activity in the first and second half of the window, and growth.

    ``activity`` has one row per actor: ``src``, ``early``, ``late`` counts.
    Growth is ``(late - early) / max(early, 1)``.
    """
    k = int(labels.max()) + 1 if labels.size else 0
    early = np.zeros(k, np.float64)
    late = np.zeros(k, np.float64)
    index = {a: i for i, a in enumerate(ids)}
    for row in activity.to_pylist():
        node = index.get(merges.get(row["src"], row["src"]))
        if node is None:
            continue
        early[labels[node]] += row["early"] or 0
        late[labels[node]] += row["late"] or 0
    rate = (late - early) / np.maximum(early, 1.0)
    return early, late, rate


def label_for(facts: dict[str, Any], top_actors: list[str], names: list[str] | None = None) -> str:
    """A readable label: 2–4 distinctive words, then the community's leading actors.

    Distinctive terms come first (else hashtags, else domains), and the two
    actors with the highest PageRank follow in parentheses, so "lost luggage
    · refund (united, jetblue)" says both what a community talks about and
    around whom. A hashtag that is a brand's name (``names``: ``#macron``,
    ``#MarineLePen``) labels no community: every one of them uses it.

    >>> label_for({"terms": [{"value": "retard"}, {"value": "bagage perdu"}]}, ["SNCF", "Ouigo", "X"])
    'retard · bagage perdu (SNCF, Ouigo)'
    >>> label_for({"hashtags": [{"value": "Macron"}, {"value": "legislatives"}]}, ["a"], ["Macron"])
    '#legislatives (a)'
    """
    brands = {_squashed(name) for name in names or []}
    words = ""
    for key, prefix in (("terms", ""), ("hashtags", "#"), ("domains", "")):
        items = facts.get(key, [])
        if key == "hashtags":
            items = [item for item in items if _squashed(item["value"]) not in brands]
        values = [prefix + item["value"] for item in items]
        if values:
            words = label(values)
            break
    people = ", ".join(top_actors[:2])
    if words and people:
        return f"{words} ({people})"
    return words or people or "—"
