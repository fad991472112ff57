"""Coordinated behaviour: accounts repeatedly sharing the same link or text within a short interval.

A *share* is one post of a content: a canonical link it carries, or its
normalised text (lower case, no links, handles, digits or punctuation) when
long enough. Reposts are left out: a platform's own repost button is how
organic spread looks, not a sign of coordination.

**The coordination interval is read from the data**, not set per dataset.
For every content shared by two accounts or more, each share is timed
against the previous share of that content by another account. Under a null
of independent sharing, a content shared ``n`` times over the data's span
``T`` has gaps at rate ``n/T``, so the number of gaps at most ``Δ`` expected
by chance is ``Σ (1 - exp(-rate·Δ))``. The interval is the longest ``Δ`` at
which at least ``purity`` (90 %) of the observed gaps that fast are *not*
explained by that null — the delay below which fast co-sharing is mostly
something else than chance. When no delay is that pure, there is no
interval and nothing is coordinated.

Shares of one content closer than the interval chain into an **episode**;
an episode with ``min_accounts`` distinct accounts is tested against the
content's own sharing rate around it (the day before and after, at least its
rate over the whole span): ``p = m · P(Poisson(rate · duration) ≥ accounts - 1)``
where ``m``, the content's shares in that context, counts the runs that could
have started (a scan, not one fixed window); it is kept when ``p`` is below ``alpha`` divided by the number of episodes tested
(Bonferroni). A surge of one slogan during a bad buzz is fast but expected
from its own rate; twenty fresh accounts pasting one link within a minute
is not.

The **network** links two accounts per significant episode they shared
(edge weight = distinct contents co-shared); its connected components are the
coordinated groups, each with its accounts, evidence (the episodes) and a
score (the sum of ``-log10 p`` of its episodes), so repeated coordination
weighs more than a single burst.

Example:
    >>> shares = Shares.build(["a", "b", "c"], [0, 1, 2], ["x", "x", "x"])
    >>> find_coordination(shares, interval=5.0, min_accounts=3).accounts()
    ['a', 'b', 'c']
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, field
from typing import Any

import ibis
import numpy as np
import pyarrow as pa
import pyarrow.compute as pc
from numpy.typing import NDArray
from scipy import sparse, stats
from scipy.sparse.csgraph import connected_components

IntArray = NDArray[np.int64]
FloatArray = NDArray[np.float64]

_DROP = re.compile(r"https?://\S+|@[\w.]+")
_NON_LETTERS = re.compile(r"[\W\d_]+", re.UNICODE)
GRID = np.unique(np.round(np.logspace(0, math.log10(86_400), 97)))
MAX_PAIRS_EPISODE = 300  # larger episodes link every account to the first (a star)


def normalise(text: str | None) -> str:
    """Lower-case letters of a text, words separated by one space (links, handles, digits gone).

    >>> normalise("RT @bob: Boycott ACME!!! https://t.co/x 2024")
    'rt boycott acme'
    """
    return _NON_LETTERS.sub(" ", _DROP.sub(" ", (text or "").lower())).strip()


@dataclass
class Shares:
    """Shares as parallel arrays: account index, time (epoch seconds), content index."""

    accounts: list[str]
    contents: list[str]
    account: IntArray
    t: FloatArray
    content: IntArray
    doc_ids: list[str] = field(default_factory=list)

    @classmethod
    def build(
        cls,
        accounts: list[str],
        times: list[float] | FloatArray,
        contents: list[str],
        doc_ids: list[str] | None = None,
    ) -> Shares:
        """Index string accounts and contents (sorted, so the same input gives the same indices)."""
        account_names, account = np.unique(np.asarray(accounts, dtype=object), return_inverse=True)
        content_names, content = np.unique(np.asarray(contents, dtype=object), return_inverse=True)
        return cls(
            [str(a) for a in account_names],
            [str(c) for c in content_names],
            account.astype(np.int64),
            np.asarray(times, dtype=np.float64),
            content.astype(np.int64),
            list(doc_ids or []),
        )

    def __len__(self) -> int:
        return len(self.account)


@dataclass(frozen=True)
class Episode:
    """Shares of one content chained by gaps within the interval, by several accounts."""

    content: str
    start: float
    end: float
    accounts: tuple[str, ...]
    shares: int
    p_value: float
    doc_ids: tuple[str, ...] = ()

    @property
    def score(self) -> float:
        """``-log10 p`` (capped at 300): how unlikely the episode is by chance."""
        return min(300.0, -math.log10(max(self.p_value, 1e-300)))


@dataclass(frozen=True)
class Group:
    """A connected component of the coordination network."""

    group: int
    accounts: tuple[str, ...]
    episodes: tuple[Episode, ...]
    edges: tuple[tuple[str, str, int], ...]
    score: float

    @property
    def contents(self) -> int:
        """Distinct contents the group co-shared."""
        return len({e.content for e in self.episodes})


@dataclass
class Coordination:
    """The interval, the significant episodes and the network's groups."""

    interval: float | None
    episodes: list[Episode]
    groups: list[Group]
    tested: int = 0
    curve: list[dict[str, float]] = field(default_factory=list)

    def accounts(self) -> list[str]:
        """Every account in a coordinated group, sorted."""
        return sorted({a for g in self.groups for a in g.accounts})

    def group_of(self) -> dict[str, int]:
        """Account -> its group number."""
        return {a: g.group for g in self.groups for a in g.accounts}


def _ordered(shares: Shares) -> tuple[IntArray, FloatArray, IntArray]:
    order = np.lexsort((shares.account, shares.t, shares.content))
    return shares.content[order], shares.t[order], order.astype(np.int64)


def coordination_interval(
    shares: Shares, purity: float = 0.9, min_gaps: int = 5
) -> tuple[float | None, list[dict[str, float]]]:
    """The data-driven interval (seconds) and the observed/expected curve behind it (module doc)."""
    if len(shares) < 2:
        return None, []
    content, t, order = _ordered(shares)
    account = shares.account[order]
    same = content[1:] == content[:-1]
    other = account[1:] != account[:-1]
    keep = same & other
    gaps = (t[1:] - t[:-1])[keep]
    if len(gaps) < min_gaps:
        return None, []
    per_content = np.bincount(content, minlength=len(shares.contents)).astype(np.float64)
    span = max(float(t.max() - t.min()), 1.0)
    rates = per_content[content[1:][keep]] / span
    gaps_sorted = np.sort(gaps)
    curve = []
    best: float | None = None
    for delta in GRID:
        observed = float(np.searchsorted(gaps_sorted, delta, side="right"))
        expected = float(np.sum(-np.expm1(-rates * delta)))
        curve.append({"seconds": float(delta), "observed": observed, "expected": expected})
        if observed >= min_gaps and (observed - expected) >= purity * observed:
            best = float(delta)
    return best, curve


def chain_episodes(shares: Shares, interval: float) -> list[Episode]:
    """Every run of shares of one content with gaps of at most ``interval`` (no test applied).

    The live rule uses this on a fixed interval; :func:`find_coordination`
    adds the data-driven interval and the chance test.
    """
    if len(shares) == 0:
        return []
    content, t, order = _ordered(shares)
    account = shares.account[order]
    n = len(t)
    new = np.ones(n, dtype=bool)
    new[1:] = (content[1:] != content[:-1]) | ((t[1:] - t[:-1]) > interval)
    starts = np.flatnonzero(new)
    ends = np.append(starts[1:], n)
    return [
        _episode(shares, order, content, t, account, int(lo), int(hi), 1.0)
        for lo, hi in zip(starts.tolist(), ends.tolist(), strict=True)
        if hi - lo > 1
    ]


def find_coordination(
    shares: Shares,
    interval: float | None = None,
    min_accounts: int = 3,
    alpha: float = 0.01,
    context: float = 86_400.0,
    purity: float = 0.9,
) -> Coordination:
    """Episodes, network and groups of coordinated sharing (module doc).

    ``interval`` (seconds) is estimated from the shares when not given.
    """
    curve: list[dict[str, float]] = []
    if interval is None:
        interval, curve = coordination_interval(shares, purity=purity)
    if interval is None or len(shares) == 0:
        return Coordination(interval, [], [], 0, curve)
    content, t, order = _ordered(shares)
    account = shares.account[order]
    n = len(t)
    new = np.ones(n, dtype=bool)
    new[1:] = (content[1:] != content[:-1]) | ((t[1:] - t[:-1]) > interval)
    starts = np.flatnonzero(new)
    ends = np.append(starts[1:], n)
    sizes = ends - starts
    candidates = np.flatnonzero(sizes >= min_accounts).tolist()
    span = max(float(t.max() - t.min()), 1.0)
    per_content = np.bincount(content, minlength=len(shares.contents)).astype(np.float64)
    found: list[tuple[int, int, int, float]] = []
    for e in candidates:
        lo, hi = int(starts[e]), int(ends[e])
        distinct = len(np.unique(account[lo:hi]))
        if distinct < min_accounts:
            continue
        c = int(content[lo])
        first, last = float(t[lo]), float(t[hi - 1])
        c_lo = int(np.searchsorted(content, c, side="left"))
        c_hi = int(np.searchsorted(content, c, side="right"))
        times = t[c_lo:c_hi]
        around = int(np.searchsorted(times, last + context, side="right")) - int(
            np.searchsorted(times, first - context, side="left")
        )
        local = max(around - (hi - lo), 0) / (2.0 * context)
        rate = max(local, per_content[c] / span)
        expected = rate * (last - first + interval)
        # Any of the content's shares nearby could have started such a run: a
        # scan over them (each share a possible start), not one fixed window.
        starts_nearby = max(around, 1)
        p = min(1.0, starts_nearby * float(stats.poisson.sf(distinct - 2, expected)))
        found.append((lo, hi, distinct, p))
    tested = len(found)
    threshold = alpha / max(tested, 1)
    episodes = [
        _episode(shares, order, content, t, account, lo, hi, p)
        for lo, hi, _, p in found
        if p <= threshold
    ]
    return Coordination(interval, episodes, _groups(shares, episodes), tested, curve)


def _episode(
    shares: Shares,
    order: IntArray,
    content: IntArray,
    t: FloatArray,
    account: IntArray,
    lo: int,
    hi: int,
    p: float,
) -> Episode:
    names = sorted({shares.accounts[int(a)] for a in account[lo:hi]})
    docs = tuple(shares.doc_ids[int(i)] for i in order[lo:hi]) if shares.doc_ids else ()
    return Episode(
        content=shares.contents[int(content[lo])],
        start=float(t[lo]),
        end=float(t[hi - 1]),
        accounts=tuple(names),
        shares=hi - lo,
        p_value=p,
        doc_ids=docs,
    )


def _groups(shares: Shares, episodes: list[Episode]) -> list[Group]:
    if not episodes:
        return []
    index = {name: i for i, name in enumerate(shares.accounts)}
    pairs: dict[tuple[int, int], set[str]] = {}
    rows: list[int] = []
    cols: list[int] = []
    for ep in episodes:
        members = [index[a] for a in ep.accounts]
        if len(members) <= MAX_PAIRS_EPISODE:
            links = [(a, b) for i, a in enumerate(members) for b in members[i + 1 :]]
        else:
            links = [(members[0], b) for b in members[1:]]
        for a, b in links:
            pairs.setdefault((a, b), set()).add(ep.content)
            rows.append(a)
            cols.append(b)
    n = len(shares.accounts)
    graph = sparse.coo_matrix((np.ones(len(rows)), (rows, cols)), shape=(n, n))
    _, label = connected_components(graph, directed=False)
    by_label: dict[int, list[Episode]] = {}
    for ep in episodes:
        by_label.setdefault(int(label[index[ep.accounts[0]]]), []).append(ep)
    groups: list[tuple[float, list[str], list[Episode], list[tuple[str, str, int]]]] = []
    for lab, eps in by_label.items():
        names = sorted({a for e in eps for a in e.accounts})
        edges = sorted(
            (shares.accounts[a], shares.accounts[b], len(c))
            for (a, b), c in pairs.items()
            if int(label[a]) == lab
        )
        score = sum(e.score for e in eps)
        groups.append((score, names, eps, edges))
    groups.sort(key=lambda g: (-g[0], g[1][0]))
    return [
        Group(i + 1, tuple(m), tuple(sorted(e, key=lambda x: (x.start, x.content))), tuple(d), s)
        for i, (s, m, e, d) in enumerate(groups)
    ]


def _sorted_codes(column: Any) -> tuple[list[str], IntArray]:
    """Dictionary-encode a string column with the dictionary in sorted order (stable indices)."""
    encoded = pc.dictionary_encode(column).combine_chunks()
    dictionary = encoded.dictionary
    order = pc.sort_indices(dictionary).to_numpy()
    rank = np.empty(len(order), dtype=np.int64)
    rank[order] = np.arange(len(order), dtype=np.int64)
    codes = rank[encoded.indices.to_numpy(zero_copy_only=False)]
    names = pa.array(dictionary).take(pa.array(order)).to_pylist()
    return [str(n) for n in names], codes


def shares_from_store(
    store: Any, start: Any = None, end: Any = None, min_chars: int = 20
) -> Shares:
    """Shares of every document published in ``[start, end]``, built by the engine (module doc).

    The same shares as :func:`shares_from_rows`, with the text normalised by
    the query engine (RE2, Unicode letter classes) instead of Python: a
    million posts in seconds rather than minutes.
    """
    docs = store.table("documents")
    if start is not None:
        docs = docs.filter(docs.published_at >= start)
    if end is not None:
        docs = docs.filter(docs.published_at <= end)
    docs = docs.filter(docs.repost_of.isnull() & docs.author_id.notnull())
    norm = (
        docs.text.lower()
        .re_replace(r"https?://\S+|@[\w.]+", " ")
        .re_replace(r"[^\pL]+", " ")
        .strip()
    )
    epoch = docs.published_at.epoch_seconds().cast("float64")
    texts = docs.select(
        account=docs.author_id,
        t=epoch,
        content=ibis.literal("text:") + norm,
        doc_id=docs.doc_id.cast("string"),
    )
    texts = texts.filter(texts.content.length() >= min_chars + 5)
    texts = texts.mutate(account=texts.account.cast("string"), content=texts.content.cast("string"))
    links = store.table("links")
    linked = docs.join(links, docs.doc_id == links.doc_id).select(
        account=docs.author_id,
        t=epoch,
        content=ibis.literal("link:") + links.url,
        doc_id=docs.doc_id.cast("string"),
    )
    linked = linked.mutate(
        account=linked.account.cast("string"), content=linked.content.cast("string")
    )
    table = store.to_arrow(
        texts.union(linked, distinct=False).order_by(["content", "t", "account", "doc_id"])
    )
    if table.num_rows == 0:
        return Shares([], [], np.zeros(0, np.int64), np.zeros(0), np.zeros(0, np.int64), [])
    accounts, account = _sorted_codes(table.column("account"))
    contents, content = _sorted_codes(table.column("content"))
    times = table.column("t").to_numpy().astype(np.float64)
    doc_ids = pa.chunked_array(table.column("doc_id")).to_pylist()
    return Shares(accounts, contents, account, times, content, [str(d) for d in doc_ids])


def shares_from_rows(rows: list[dict[str, Any]], min_chars: int = 20) -> Shares:
    """Shares from document rows (``doc_id, author_id, t, text, repost_of, urls``).

    A document shares each of its links and, when long enough, its normalised
    text; reposts share nothing (module doc).
    """
    accounts: list[str] = []
    times: list[float] = []
    contents: list[str] = []
    docs: list[str] = []
    for row in rows:
        if row.get("repost_of") or not row.get("author_id"):
            continue
        text = normalise(row.get("text"))
        keys = [f"link:{u}" for u in row.get("urls") or ()]
        if len(text) >= min_chars:
            keys.append(f"text:{text}")
        for key in keys:
            accounts.append(row["author_id"])
            times.append(float(row["t"]))
            contents.append(key)
            docs.append(row["doc_id"])
    return Shares.build(accounts, times, contents, docs)
