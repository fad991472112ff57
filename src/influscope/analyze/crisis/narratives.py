"""Narratives: the same story told by many, as copies, paraphrases and the cascades that carry them.

Three links put two posts in one narrative:

- **copies** — MinHash signatures of word 3-shingles of the normalised text,
  candidate pairs from locality-sensitive hashing (datasketch), kept above
  ``copy_threshold`` estimated Jaccard. DESIGN.md §6 measured MinHash-LSH at
  about a minute for 100k texts: it runs on a crisis window, not a year;
- **paraphrases** — cosine of word and character TF-IDF vectors above
  ``paraphrase_threshold`` (a lexical method: cheap, offline, and enough for
  rewordings that keep the story's key words; translations are not caught);
- **spread** — a repost or a quote of a post belongs to its narrative.

Connected posts (union–find) with at least ``min_documents`` posts and
``min_accounts`` authors form a narrative, described by its origin (the
earliest post with no parent inside it), first seen, growth, languages,
communities reached, top spreaders and the terms it is about.

Example:
    >>> rows = [
    ...     {"doc_id": f"d{i}", "author_id": f"a{i}", "t": 60.0 * i, "lang": "fr",
    ...      "text": "Ardent ferme l'usine de Vernay : 800 licenciements", "parent": None}
    ...     for i in range(6)
    ... ]
    >>> [n.origin for n in find_narratives(rows)]
    ['d0']
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from influscope.analyze.alerts.evidence import frequent_terms
from influscope.analyze.crisis.coordination import normalise


class _Union:
    def __init__(self, n: int) -> None:
        self.parent = list(range(n))

    def find(self, i: int) -> int:
        while self.parent[i] != i:
            self.parent[i] = self.parent[self.parent[i]]
            i = self.parent[i]
        return i

    def join(self, a: int, b: int) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            self.parent[max(ra, rb)] = min(ra, rb)


@dataclass
class Narrative:
    """One story and how it spread."""

    narrative_id: str
    doc_ids: list[str]
    origin: str
    origin_author: str
    first_seen: float
    last_seen: float
    accounts: int
    languages: dict[str, int]
    spreaders: list[dict[str, Any]]
    terms: list[str]
    methods: dict[str, str] = field(default_factory=dict)
    growth: list[int] = field(default_factory=list)
    communities: list[str] = field(default_factory=list)

    @property
    def label(self) -> str:
        """The narrative's most frequent terms, joined."""
        return ", ".join(self.terms[:4])


def _shingles(text: str, k: int = 3) -> set[bytes]:
    words = text.split()
    if len(words) < k:
        return {text.encode()} if text else set()
    return {" ".join(words[i : i + k]).encode() for i in range(len(words) - k + 1)}


def copy_pairs(
    texts: list[str], threshold: float = 0.6, num_perm: int = 64
) -> list[tuple[int, int]]:
    """Pairs of near-duplicate texts (MinHash-LSH; indices into ``texts``)."""
    from datasketch import MinHash, MinHashLSH

    lsh = MinHashLSH(threshold=threshold, num_perm=num_perm)
    pairs: list[tuple[int, int]] = []
    first_of: dict[str, int] = {}
    for i, text in enumerate(texts):
        if not text:
            continue
        if text in first_of:  # exact copies need no hashing
            pairs.append((first_of[text], i))
            continue
        first_of[text] = i
        signature = MinHash(num_perm=num_perm, seed=1)
        signature.update_batch(list(_shingles(text)))
        for other in lsh.query(signature):
            pairs.append((int(other), i))
        lsh.insert(str(i), signature)
    return pairs


def paraphrase_pairs(texts: list[str], threshold: float = 0.55) -> list[tuple[int, int]]:
    """Pairs whose word+character TF-IDF cosine passes ``threshold`` (indices into ``texts``)."""
    from scipy import sparse
    from sklearn.feature_extraction.text import TfidfVectorizer

    present = [i for i, t in enumerate(texts) if t]
    if len(present) < 2:
        return []
    chosen = [texts[i] for i in present]
    words = TfidfVectorizer(ngram_range=(1, 2), sublinear_tf=True, min_df=1).fit_transform(chosen)
    chars = TfidfVectorizer(
        analyzer="char_wb", ngram_range=(3, 5), sublinear_tf=True, min_df=1
    ).fit_transform(chosen)
    matrix = sparse.hstack([words, chars]).tocsr() / np.sqrt(2.0)
    pairs: list[tuple[int, int]] = []
    block = 2000
    for lo in range(0, matrix.shape[0], block):
        sims = (matrix[lo : lo + block] @ matrix.T).tocoo()
        keep = (sims.data >= threshold) & (sims.row + lo < sims.col)
        pairs += [
            (present[r + lo], present[c])
            for r, c in zip(sims.row[keep], sims.col[keep], strict=True)
        ]
    return pairs


def find_narratives(
    rows: list[dict[str, Any]],
    min_documents: int = 5,
    min_accounts: int = 3,
    copy_threshold: float = 0.6,
    paraphrase_threshold: float = 0.55,
    community: dict[str, str] | None = None,
) -> list[Narrative]:
    """Narratives among window rows (``doc_id, author_id, t, text, lang, parent``), largest first."""
    n = len(rows)
    if n == 0:
        return []
    texts = []
    for row in rows:
        text = normalise(row.get("text"))
        if row.get("relation") == "repost":
            text = ""  # a repost is carried by its parent, not compared as text
        texts.append(text if len(text) >= 15 else "")
    union = _Union(n)
    methods = ["original"] * n
    for a, b in copy_pairs(texts, copy_threshold):
        union.join(a, b)
        methods[b] = "copy"
    for a, b in paraphrase_pairs(texts, paraphrase_threshold):
        if union.find(a) != union.find(b):
            methods[b] = "paraphrase" if methods[b] == "original" else methods[b]
        union.join(a, b)
    index = {r["doc_id"]: i for i, r in enumerate(rows)}
    for i, row in enumerate(rows):
        parent = row.get("parent")
        if parent in index and row.get("relation") in ("repost", "quote"):
            union.join(index[parent], i)
            methods[i] = "cascade"
    clusters: dict[int, list[int]] = {}
    for i in range(n):
        clusters.setdefault(union.find(i), []).append(i)
    found = []
    for members in clusters.values():
        authors = {rows[i].get("author_id") for i in members if rows[i].get("author_id")}
        if len(members) < min_documents or len(authors) < min_accounts:
            continue
        found.append(_describe(rows, members, methods, index, community))
    found.sort(key=lambda x: (-len(x.doc_ids), x.first_seen, x.origin))
    for k, narrative in enumerate(found, start=1):
        narrative.narrative_id = f"n{k}"
    return found


def _describe(
    rows: list[dict[str, Any]],
    members: list[int],
    methods: list[str],
    index: dict[str, int],
    community: dict[str, str] | None,
) -> Narrative:
    members = sorted(members, key=lambda i: (float(rows[i]["t"]), rows[i]["doc_id"]))
    inside = set(members)
    origin = next(
        (i for i in members if index.get(rows[i].get("parent") or "") not in inside), members[0]
    )
    first = float(rows[members[0]]["t"])
    authors = Counter(rows[i].get("author_id") or "" for i in members)
    carried: Counter[str] = Counter()
    for i in members:
        parent = index.get(rows[i].get("parent") or "")
        if parent is not None and parent in inside:
            carried[rows[parent].get("author_id") or ""] += 1
    spreaders = [
        {"actor_id": a, "documents": authors[a], "carried": carried.get(a, 0)}
        for a in sorted(authors, key=lambda a: (-(authors[a] + carried.get(a, 0)), a))[:10]
        if a
    ]
    hours = [int((float(rows[i]["t"]) - first) // 3600) for i in members]
    growth = np.bincount(np.asarray(hours, dtype=np.int64)).tolist()[:72]
    crossed: list[str] = []
    if community:
        for i in members:
            group = community.get(rows[i].get("author_id") or "")
            if group is not None and group not in crossed:
                crossed.append(group)
    originals = [rows[i].get("text") for i in members if rows[i].get("relation") != "repost"]
    return Narrative(
        narrative_id="",
        doc_ids=[rows[i]["doc_id"] for i in members],
        origin=rows[origin]["doc_id"],
        origin_author=rows[origin].get("author_id") or "",
        first_seen=first,
        last_seen=float(rows[members[-1]]["t"]),
        accounts=len(authors),
        languages=dict(Counter(rows[i].get("lang") or "und" for i in members)),
        spreaders=spreaders,
        terms=[t["term"] for t in frequent_terms(originals, top=8)],
        methods={rows[i]["doc_id"]: methods[i] for i in members},
        growth=growth,
        communities=crossed,
    )
