"""Topics of expertise from an actor's own words: its share on each axis, its distinctive terms.

Two readings, both from what the actor wrote (never from what others say of it):

- :func:`axis_shares` — the share of its documents each axis query matches
  (the workspace's own topics, so "expert on l'usine du futur" means what the
  team means by it);
- :func:`distinctive_terms` — the words that set its posts apart from
  everyone else's (TF-IDF over one document per actor, the actor's original
  posts joined), for the topics the axes do not name.
"""

from __future__ import annotations

from collections import defaultdict

from influscope.config import Config
from influscope.enrich.axis_filter import matching
from influscope.enrich.stopwords import stop_words
from influscope.store.engine import Store

MIN_TEXTS = 3
TERMS = 5


def axis_shares(store: Store, config: Config) -> dict[str, dict[str, float]]:
    """Actor -> axis -> share of its documents on that axis (axes it never touches left out)."""
    docs = store.table("documents")
    authored = docs.filter(docs.author_id.notnull())
    totals = {
        r["author_id"]: int(r["n"])
        for r in store.to_arrow(
            authored.group_by("author_id").aggregate(n=authored.count())
        ).to_pylist()
    }
    out: dict[str, dict[str, float]] = defaultdict(dict)
    for axis in config.axes:
        matched = matching(store, axis.query, authored)
        rows = store.to_arrow(matched.group_by("author_id").aggregate(n=matched.count()))
        for r in rows.to_pylist():
            total = totals.get(r["author_id"], 0)
            if total:
                out[r["author_id"]][axis.name] = round(int(r["n"]) / total, 4)
    return dict(out)


def distinctive_terms(
    texts: dict[str, list[str]], terms: int = TERMS, min_texts: int = MIN_TEXTS
) -> dict[str, list[str]]:
    """Actor -> its ``terms`` highest TF-IDF words (actors with at least ``min_texts`` posts)."""
    from sklearn.feature_extraction.text import TfidfVectorizer  # noqa: PLC0415 - heavy

    actors = sorted(a for a, posts in texts.items() if len(posts) >= min_texts)
    if len(actors) < 2:
        return {}
    corpus = [" ".join(texts[a]) for a in actors]
    vectorizer = TfidfVectorizer(
        stop_words=sorted(stop_words()),
        token_pattern=r"(?u)(?<![@\w/])[^\W\d_][\w'-]{2,}",
        strip_accents=None,
        lowercase=True,
        min_df=2,
        max_df=0.5,
        sublinear_tf=True,
    )
    try:
        matrix = vectorizer.fit_transform(corpus).tocsr()
    except ValueError:  # no word left after the stop words: nothing distinctive
        return {}
    vocabulary = vectorizer.get_feature_names_out()
    out: dict[str, list[str]] = {}
    for row, actor in enumerate(actors):
        start, end = matrix.indptr[row], matrix.indptr[row + 1]
        cols, values = matrix.indices[start:end], matrix.data[start:end]
        order = sorted(range(len(cols)), key=lambda i: (-values[i], vocabulary[cols[i]]))
        out[actor] = [str(vocabulary[cols[i]]) for i in order[:terms]]
    return out
