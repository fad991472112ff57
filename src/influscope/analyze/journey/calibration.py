"""Checking the journey's priors against real logs: clicks by rank, and entry mixes.

A click log without impressions (SogouQ) gives the share of clicks landing on
each rank *given a click*; the CTR prior is compared on that footing by
normalising it over ranks 1–10. A clickstream (Wikipedia) gives how readers
arrive at a page: from a search engine, from a link on another page, from
another site, or with no referrer — the search/social/continuation split the
model assumes.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass


@dataclass(frozen=True)
class RankCurve:
    """Share of clicks by rank (1..n) given a click, and the share beyond rank n."""

    shares: list[float]
    beyond: float
    clicks: int


def rank_click_shares(ranks: Iterable[int], max_rank: int = 10) -> RankCurve:
    """Click shares by rank from the ranks of clicked results.

    >>> rank_click_shares([1, 1, 2, 12], max_rank=2)
    RankCurve(shares=[0.5, 0.25], beyond=0.25, clicks=4)
    """
    counts: Counter[int] = Counter(r for r in ranks if r >= 1)
    total = sum(counts.values())
    if total == 0:
        return RankCurve([0.0] * max_rank, 0.0, 0)
    shares = [counts.get(r, 0) / total for r in range(1, max_rank + 1)]
    beyond = sum(n for r, n in counts.items() if r > max_rank) / total
    return RankCurve(shares, beyond, total)


def conditional(shares: list[float]) -> list[float]:
    """Shares renormalised to sum to 1 (a CTR curve read as 'given a click in these ranks')."""
    total = sum(shares)
    return [s / total for s in shares] if total else list(shares)


def total_variation(p: list[float], q: list[float]) -> float:
    """Half the L1 distance between two distributions over the same ranks (0 = identical)."""
    return 0.5 * sum(abs(a - b) for a, b in zip(p, q, strict=True))


ENTRY_KINDS = {
    "other-search": "search",
    "other-empty": "direct",
    "other-external": "external",
    "other-internal": "internal",
    "other-other": "other",
}


def entry_mix(
    rows: Iterable[tuple[str, str, int]], skip: frozenset[str] = frozenset()
) -> dict[str, float]:
    """Click-weighted shares of how readers arrive: ``(prev, curr, n)`` rows of a clickstream.

    ``prev`` is an article (a **link** from another page) or one of the
    ``other-*`` referrer classes; pages in ``skip`` (e.g. ``Main_Page``) are left out.
    """
    totals: Counter[str] = Counter()
    for prev, curr, n in rows:
        if curr in skip or prev in skip:
            continue
        totals[ENTRY_KINDS.get(prev, "link")] += n
    grand = sum(totals.values())
    return {kind: count / grand for kind, count in sorted(totals.items())} if grand else {}
