"""Themes of an axis: the terms and phrases that set it apart, and its sub-conversations.

This is class-based TF-IDF (c-TF-IDF, as popularised by BERTopic): all the
documents of a class are pooled into one bag of terms, and a term scores high
when it is frequent in that class and rare across classes. Two levels:

* the axis against a background sample of the other documents — what the axis
  is about (cluster ``-1``);
* within the axis, each sub-conversation (a k-means cluster over TF-IDF
  vectors) against the other sub-conversations — what each is about.

Terms are Snowball stems of folded words (French stems for French documents,
English otherwise) with stop words and elisions removed, plus two-word
phrases of consecutive content words; each is shown in its most frequent
surface form ("usine futur" reads better than "usin futur").
"""

from __future__ import annotations

from collections import Counter, defaultdict
from typing import Any

import numpy as np
import pyarrow as pa

from influscope.enrich.axis_filter import matching
from influscope.enrich.stopwords import stop_words
from influscope.enrich.text import combine_text, python_tokens, stem
from influscope.store.runs import now

MAX_AXIS_DOCS = 100_000
BACKGROUND_DOCS = 20_000
SEED = 0


def analyse(texts: list[str], langs: list[str | None]) -> tuple[list[list[str]], dict[str, str]]:
    """Terms of each text (stems and two-stem phrases) and a surface form for each term."""
    stops = stop_words()
    surfaces: dict[str, Counter[str]] = defaultdict(Counter)
    stem_cache: dict[tuple[str, str], str] = {}
    documents = []
    for text, lang in zip(texts, langs, strict=True):
        language = "fr" if lang == "fr" else "en"
        words = [
            w
            for w in python_tokens(text)
            if w not in stops and len(w) > 1 and not w.isdigit() and not w.startswith("@")
        ]
        roots = []
        for word in words:
            key = (word, language)
            root = stem_cache.get(key)
            if root is None:
                root = stem([word.lstrip("#")], language)[0]
                root = ("#" + root) if word.startswith("#") else root
                stem_cache[key] = root
            roots.append(root)
            surfaces[root][word] += 1
        terms = list(roots)
        for i in range(len(roots) - 1):
            phrase = roots[i] + " " + roots[i + 1]
            terms.append(phrase)
            surfaces[phrase][words[i] + " " + words[i + 1]] += 1
        documents.append(terms)
    display = {term: forms.most_common(1)[0][0] for term, forms in surfaces.items()}
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
    return tf * idf


def cluster_count(n: int, configured: int | None) -> int:
    """Sub-conversations for an axis of n documents (none below 30 documents)."""
    if configured:
        return min(configured, max(n // 5, 1))
    if n < 30:
        return 0
    return int(min(8, max(2, round((n / 40) ** 0.5))))


def compute(
    store: Any, axis: Any, *, top: int = 20, run_id: str | None = None, clusters: int | None = None
) -> list[dict[str, Any]]:
    """Compute, store (table ``themes``) and return the themes of ``axis``."""
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
        terms, display = analyse(texts, langs)
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
            rows += _top(ctfidf(classes)[0], vocabulary, display, presence, -1, n_in, top)
            k = cluster_count(n_in, clusters)
            if k >= 2:
                weights = TfidfTransformer(sublinear_tf=True).fit_transform(axis_part)
                assignment = KMeans(n_clusters=k, n_init=3, random_state=SEED).fit_predict(weights)
                grouped = np.vstack([_column_sums(axis_part[assignment == c]) for c in range(k)])
                scores = ctfidf(grouped)
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
    order = np.argsort(-scores)
    rows = []
    for index in order:
        if len(rows) >= top or scores[index] <= 0:
            break
        if doc_counts[index] < (2 if size >= 20 else 1):
            continue
        rows.append(
            {
                "cluster": cluster,
                "cluster_size": size,
                "rank": len(rows) + 1,
                "term": display.get(vocabulary[index], vocabulary[index]),
                "score": float(scores[index]),
                "documents": int(doc_counts[index]),
            }
        )
    return rows
