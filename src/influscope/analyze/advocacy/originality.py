"""Own words or a copy: how close an employee's post is to the company's own posts.

The article warns that employees who only paste the marketing post are not
advocates but relays the public sees through. A post is compared with every
corporate post published before it by the Jaccard similarity of their
character 5-gram sets (after lower-casing and removing links and
@-mentions, which a copy may or may not keep): the near-duplicate distance of
MinHash, computed exactly with sparse matrices since the corporate side is
small. A post whose best similarity reaches :data:`COPY_THRESHOLD` is a copy
of that post; below, the employee wrote in their own words.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

import numpy as np
import numpy.typing as npt
import scipy.sparse as sp

COPY_THRESHOLD = 0.75
SHINGLE = 5
_NOISE = re.compile(r"https?://\S+|www\.\S+|(?<!\w)@\w+|^rt\s+", re.IGNORECASE)


@dataclass(frozen=True)
class Post:
    """A post to compare: its id, time and text."""

    doc_id: str
    at: datetime | None
    text: str


@dataclass(frozen=True)
class Closest:
    """The corporate post nearest to an employee post, and how near (Jaccard, 0..1)."""

    doc_id: str
    source: str | None
    similarity: float

    @property
    def copy(self) -> bool:
        """Whether the post is a near-duplicate of a corporate post."""
        return self.similarity >= COPY_THRESHOLD


def normalise(text: str) -> str:
    """Lower case, links and mentions out, white space collapsed."""
    return " ".join(_NOISE.sub(" ", text or "").lower().split())


def _shingles(texts: Sequence[str]) -> sp.csr_matrix:
    from sklearn.feature_extraction.text import HashingVectorizer  # noqa: PLC0415 - heavy

    vectorizer = HashingVectorizer(
        analyzer="char",
        ngram_range=(SHINGLE, SHINGLE),
        n_features=1 << 22,
        binary=True,
        norm=None,
        alternate_sign=False,
        lowercase=False,
    )
    matrix: sp.csr_matrix = vectorizer.transform([normalise(t) for t in texts]).tocsr()
    matrix.data[:] = 1.0
    return matrix


def closest_corporate(
    posts: Sequence[Post], corporate: Sequence[Post], chunk: int = 5_000
) -> list[Closest]:
    """For each post, the most similar corporate post published before it (or at any time if undated)."""
    if not posts:
        return []
    if not corporate:
        return [Closest(p.doc_id, None, 0.0) for p in posts]
    corp = _shingles([c.text for c in corporate])
    corp_sizes = np.asarray(corp.sum(axis=1)).ravel()
    corp_times = np.array([c.at.timestamp() if c.at else -np.inf for c in corporate], np.float64)
    out: list[Closest] = []
    for start in range(0, len(posts), chunk):
        block = posts[start : start + chunk]
        mine = _shingles([p.text for p in block])
        sizes = np.asarray(mine.sum(axis=1)).ravel()
        inter = (mine @ corp.T).toarray()
        union = sizes[:, None] + corp_sizes[None, :] - inter
        jaccard: npt.NDArray[np.float64] = np.where(union > 0, inter / np.maximum(union, 1), 0.0)
        times = np.array([p.at.timestamp() if p.at else np.inf for p in block], np.float64)
        jaccard[corp_times[None, :] > times[:, None]] = 0.0  # a copy comes after its source
        best = jaccard.argmax(axis=1)
        for row, post in enumerate(block):
            value = float(jaccard[row, best[row]])
            source = corporate[int(best[row])].doc_id if value > 0 else None
            out.append(Closest(post.doc_id, source, round(value, 4)))
    return out
