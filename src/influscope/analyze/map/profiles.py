"""Community profiles: what each community talks about, links to, and how it moves.

Text facts (terms, hashtags, domains, sentiment) come from the documents the
community's members wrote in the map's scope, aggregated in the engine with
Ibis (one ``group_by`` per fact, joined to an in-memory membership table), so
only per-community counts reach Python. Terms are ranked by how distinctive
they are (count in the community × log of communities / communities using
it, a tf-idf), with URLs and handles removed first, which keeps "the", "usine" and the brand's own name from labelling every
community. Growth compares the community's activity in the two halves of the
window.
"""

from __future__ import annotations

import math
from typing import Any

import ibis
import numpy as np
import numpy.typing as npt
import pyarrow as pa

from influscope.analyze.map.graph import Scope, axis_documents
from influscope.store.chosen import document_sentiment
from influscope.store.engine import Store

IntArray = npt.NDArray[np.int64]
TOKEN_SPLIT = r"[^\p{L}\p{N}_'’-]+"
# URLs and @handles are not words of the conversation (their paths gave "2026").
URL_OR_HANDLE = r"https?://\S+|www\.\S+|@[\w.@-]+"
ELISION = r"\b(?:l|d|j|m|n|s|t|c|qu|jusqu|lorsqu|puisqu)['’]"  # l'usine = usine
STOPWORDS = frozenset(
    """a an and are as at be been but by can could did do does for from had has have he her his
    how i if in into is it its just more most my no not of on or our out over so some than that the
    their them then there these they this to too up us was we were what when which who why will with
    would you your rt via amp https http www com
    au aux avec ce ces cette dans de des du elle elles en est et été être il ils je la le les leur
    leurs lui ma mais me même mes moi mon ne nos notre nous on ont ou où par pas plus pour qu que qui
    sa se ses son sont sur ta te tes toi ton tous tout très tu un une vos votre vous y à ça c'est
    d'un d'une l'on qu'il n'est aussi comme fait faire bien sans entre après avant encore alors
    """.split()
)


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
    store: Store, scope: Scope, ids: list[str], labels: IntArray, top: int = 8
) -> dict[int, dict[str, Any]]:
    """Top terms, hashtags and domains, document count and sentiment per community."""
    if not ids or store.count("documents") == 0:
        return {}
    members = _members_table(ids, labels)
    docs = _scoped_documents(store, scope)
    docs = docs.join(members, docs.author_id == members._actor)
    facts: dict[int, dict[str, Any]] = {}
    counts = store.to_arrow(docs.group_by("_community").aggregate(documents=docs.count()))
    for row in counts.to_pylist():
        facts.setdefault(int(row["_community"]), {})["documents"] = int(row["documents"])
    plain = docs.text.fill_null("").lower().re_replace(URL_OR_HANDLE, " ").re_replace(ELISION, "")
    words = docs.select("_community", term=plain.re_split(TOKEN_SPLIT).unnest())
    words = words.filter(
        (words.term.length() >= 3)
        & ~words.term.isin(list(STOPWORDS))
        & ~words.term.re_search(r"^[\d_'’-]+$")
    )
    _ranked(store, words, "term", "terms", facts, top, distinctive=True)
    tags = docs.select("_community", term=docs.hashtags.unnest())
    _ranked(store, tags, "term", "hashtags", facts, top, distinctive=False)
    links = store.table("links")
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


def label_for(facts: dict[str, Any], top_actors: list[str]) -> str:
    """An automatic label: the top distinctive terms, else hashtags, domains or actors."""
    for key, prefix in (("terms", ""), ("hashtags", "#"), ("domains", "")):
        values = [prefix + item["value"] for item in facts.get(key, [])[:3]]
        if values:
            return " · ".join(values)
    return " · ".join(top_actors[:3]) or "—"
