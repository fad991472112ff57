"""Themes of an axis: the terms and phrases that set it apart, and its sub-conversations.

This is class-based TF-IDF (c-TF-IDF, as popularised by BERTopic): all the
documents of a class are pooled into one bag of terms, and a term scores high
when it is frequent in that class and rare across classes. Two levels:

* the axis against a background sample of the other documents — what the axis
  is about (cluster ``-1``);
* within the axis, each sub-conversation (a k-means cluster over TF-IDF
  vectors) against the other sub-conversations — what each is about.

Terms are lemmas with their accents, plus two-word phrases of consecutive
content words, without stop words, fragments, handles, the axis's own query
words or the brands' names (:mod:`influscope.enrich.terms`). A term already said by a
higher-ranked one is not repeated, and each sub-conversation gets a label of
two to four of its distinctive words (``label``), so the dashboard shows
"retard · bagages perdus" rather than "Sub-conversation 3".
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

import numpy as np
import pyarrow as pa

from influscope.enrich.axis_filter import fallback_terms, matching
from influscope.enrich.terms import Terms, distinct, label
from influscope.enrich.text import combine_text
from influscope.store.runs import now

MAX_AXIS_DOCS = 100_000
BACKGROUND_DOCS = 20_000
SEED = 0


def analyse(
    texts: list[str],
    langs: list[str | None],
    exclude: Iterable[str] = (),
    names: Iterable[str] = (),
) -> tuple[list[list[str]], dict[str, str]]:
    """Terms of each text (lemmas and two-lemma phrases) and how each term is shown."""
    reader = Terms(exclude, names)
    documents = [reader.document(text, lang) for text, lang in zip(texts, langs, strict=True)]
    display = {term: reader.display(term) for doc in documents for term in doc}
    return documents, display


def ctfidf(class_counts: Any) -> np.ndarray:
    """c-TF-IDF of a (classes × terms) count matrix: tf within class × log(1 + A / f_t)."""
    counts = np.asarray(
        class_counts.todense() if hasattr(class_counts, "todense") else class_counts
    )
    sizes = counts.sum(axis=1, keepdims=True)
    tf = counts / np.maximum(sizes, 1)
    frequency = counts.sum(axis=0)
    average = sizes.mean()
    idf = np.log1p(average / np.maximum(frequency, 1))
    return np.asarray(tf * idf, dtype=np.float64)


def cluster_count(n: int, configured: int | None) -> int:
    """Sub-conversations for an axis of n documents (none below 30 documents)."""
    if configured:
        return min(configured, max(n // 5, 1))
    if n < 30:
        return 0
    return int(min(8, max(2, round((n / 40) ** 0.5))))


def compute(
    store: Any,
    axis: Any,
    *,
    top: int = 20,
    run_id: str | None = None,
    clusters: int | None = None,
    names: Iterable[str] = (),
) -> list[dict[str, Any]]:
    """Compute, store (table ``themes``) and return the themes of ``axis``.

    ``names``: the brands' names (:func:`~influscope.enrich.terms.brand_names`),
    never a theme.
    """
    from sklearn.cluster import KMeans
    from sklearn.feature_extraction.text import CountVectorizer, TfidfTransformer

    docs = store.table("documents")
    columns = ("doc_id", "title", "text", "lang")
    matched = matching(store, axis.query)
    inside = store.to_arrow(matched.select(*columns).order_by("doc_id").limit(MAX_AXIS_DOCS))
    ids = matched.select(matched_id=matched.doc_id)
    others = docs.anti_join(ids, docs.doc_id == ids.matched_id).select(*columns)
    outside = store.to_arrow(others.order_by("doc_id").limit(BACKGROUND_DOCS))
    rows: list[dict[str, Any]] = []
    if inside.num_rows:
        texts = combine_text(inside).to_pylist() + combine_text(outside).to_pylist()
        langs = inside.column("lang").to_pylist() + outside.column("lang").to_pylist()
        terms, display = analyse(texts, langs, fallback_terms(axis.query), names)
        vectorizer = CountVectorizer(
            analyzer=lambda terms: terms, min_df=2 if len(texts) > 50 else 1
        )
        try:
            matrix = vectorizer.fit_transform(terms)
        except ValueError:  # no term at all
            matrix = None
        if matrix is not None:
            vocabulary = vectorizer.get_feature_names_out()
            n_in = inside.num_rows
            axis_part, background = matrix[:n_in], matrix[n_in:]
            presence = (axis_part > 0).astype(np.int64)
            classes = np.vstack([_column_sums(axis_part), _column_sums(background)])
            scores = ctfidf(classes)[0]
            kept = np.ones(len(vocabulary), dtype=bool)
            if background.shape[0]:
                # With two classes c-TF-IDF still ranks a term that every document carries
                # (a corpus's own tag, "#SemST" in each SemEval tweet): a term sets the
                # axis apart only if a larger share of its documents have it than outside,
                # and a word in most documents outside is the corpus's boilerplate, not a
                # theme of anything (nor are the phrases holding it).
                inside_rate = _column_sums(presence) / n_in
                outside_rate = _column_sums((background > 0).astype(np.int64)) / background.shape[0]
                kept = ~_holds(vocabulary, _boilerplate(vocabulary, outside_rate, background))
                scores = np.where(kept & (inside_rate > outside_rate), scores, 0.0)
            rows += _top(scores, vocabulary, display, presence, -1, n_in, top)
            k = cluster_count(n_in, clusters)
            if k >= 2:
                weights = TfidfTransformer(sublinear_tf=True).fit_transform(axis_part)
                assignment = KMeans(n_clusters=k, n_init=3, random_state=SEED).fit_predict(weights)
                grouped = np.vstack([_column_sums(axis_part[assignment == c]) for c in range(k)])
                scores = np.where(kept, ctfidf(grouped), 0.0)
                for c in range(k):
                    members = assignment == c
                    rows += _top(
                        scores[c],
                        vocabulary,
                        display,
                        presence[members],
                        c,
                        int(members.sum()),
                        top,
                    )
    stamped = [r | {"axis": axis.name, "run_id": run_id, "computed_at": now()} for r in rows]
    with store.transaction() as writer:
        writer.delete("themes", "axis", [axis.name])
        if stamped:
            writer.upsert("themes", pa.Table.from_pylist(stamped), coalesce=False)
    return [{"axis": axis.name, **r} for r in rows]


BOILERPLATE_SHARE = 0.5  # a word in at least half the documents outside the axis
BOILERPLATE_SAMPLE = 20  # ... judged on at least this many of them


def _boilerplate(vocabulary: Any, outside_rate: np.ndarray, background: Any) -> set[str]:
    """Single words found in most documents outside the axis (a corpus tag, a signature)."""
    if background.shape[0] < BOILERPLATE_SAMPLE:
        return set()
    return {
        str(term)
        for term, rate in zip(vocabulary, outside_rate, strict=True)
        if rate >= BOILERPLATE_SHARE and " " not in str(term)
    }


def _holds(vocabulary: Any, words: set[str]) -> np.ndarray:
    """Which terms are, or are phrases holding, one of ``words``."""
    if not words:
        return np.zeros(len(vocabulary), dtype=bool)
    return np.array([any(w in words for w in str(t).split(" ")) for t in vocabulary], dtype=bool)


def _column_sums(matrix: Any) -> np.ndarray:
    return np.asarray(matrix.sum(axis=0)).ravel()


def _top(
    scores: np.ndarray,
    vocabulary: Any,
    display: dict[str, str],
    presence: Any,
    cluster: int,
    size: int,
    top: int,
) -> list[dict[str, Any]]:
    doc_counts = np.asarray(presence.sum(axis=0)).ravel()
    order = np.lexsort((np.asarray(vocabulary, dtype=object), -scores))
    picked: list[tuple[str, float, int]] = []
    shown: list[str] = []
    for index in order:
        if len(picked) >= top or scores[index] <= 0:
            break
        if doc_counts[index] < (2 if size >= 20 else 1):
            continue
        term = display.get(vocabulary[index], vocabulary[index])
        if distinct([*shown, term]) != [*shown, term]:
            continue  # its words are all shown already
        shown.append(term)
        picked.append((term, float(scores[index]), int(doc_counts[index])))
    name = label(shown)
    return [
        {
            "cluster": cluster,
            "cluster_size": size,
            "rank": rank,
            "term": term,
            "score": score,
            "documents": documents,
            "label": name,
        }
        for rank, (term, score, documents) in enumerate(picked, start=1)
    ]
