"""Claims: a story someone checks, marks false with its fact-checks, and follows after the debunk.

A **claim** is a narrative a person names: either user-defined (a boolean
query of ``influscope.query`` saying which posts carry it) or detected (the
narrative that grew from one origin post, see :mod:`narratives`). Once
checked it gets a verdict — ``false``, ``misleading``, ``true`` — with the
fact-check links that back it, and the moment it was debunked. What a duty
officer then needs is whether the debunk worked: does the story keep
spreading after it, who keeps carrying it (and how many only started
after), how many people answer it with a denial, how many posts pass the
fact-check on. This module computes that from the rows of a window; the
claim itself is stored by ``store/claims.py``.

Example:
    >>> rows = [
    ...     {"doc_id": f"d{i}", "author_id": f"a{i}", "t": 3600.0 * i, "text": "x",
    ...      "relation": None, "parent": None, "urls": []}
    ...     for i in range(5)
    ... ]
    >>> spread = claim_spread(rows, set(), debunked_at=2 * 3600.0, stance=lambda _: "comment")
    >>> spread.before, spread.after, spread.new_accounts_after
    (2, 3, 3)
"""

from __future__ import annotations

import hashlib
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import UTC, datetime

HOUR = 3600.0


@dataclass(frozen=True)
class HourCount:
    """Posts carrying the claim and denials of it in one hour."""

    hour: datetime
    posts: int
    denials: int


@dataclass(frozen=True)
class Spread:
    """How a claim spread before and after its debunk (all counts are posts unless named)."""

    documents: int
    before: int
    after: int
    accounts_before: int
    accounts_after: int
    new_accounts_after: int
    peak_hourly_before: int
    peak_hourly_after: int
    denials_after: int
    fact_check_shares: int
    hours: tuple[HourCount, ...]
    slowed: (
        bool | None
    )  # the hourly peak after the debunk is below the one before (None: no debunk)


def _hour(t: float) -> datetime:
    return datetime.fromtimestamp(t - t % HOUR, UTC).replace(tzinfo=None)


def claim_spread(
    rows: Iterable[dict[str, object]],
    fact_checks: set[str],
    debunked_at: float | None,
    stance: Callable[[dict[str, object]], str],
) -> Spread:
    """Posts carrying a claim (``rows``) before and after ``debunked_at`` (epoch seconds).

    ``rows`` are the claim's posts and the reactions to them, as
    :func:`~influscope.analyze.crisis.window.read_window` gives them. A
    reply or quote whose ``stance`` is *deny* is a denial, not a spread;
    a post linking to one of ``fact_checks`` (canonical URLs) passes the
    fact-check on. Without a debunk every post counts as *before*.
    """
    ordered = sorted(rows, key=lambda r: (float(r["t"]), str(r["doc_id"])))  # type: ignore[arg-type]
    cut = float("inf") if debunked_at is None else debunked_at
    posts: Counter[datetime] = Counter()
    peaks: tuple[Counter[datetime], Counter[datetime]] = (Counter(), Counter())
    denials: Counter[datetime] = Counter()
    before: list[str] = []
    after: list[str] = []
    denials_after = 0
    shares = 0
    for row in ordered:
        t = float(row["t"])  # type: ignore[arg-type]
        hour = _hour(t)
        urls = row.get("urls") or []
        if fact_checks and any(u in fact_checks for u in urls):  # type: ignore[attr-defined]
            shares += 1
        reacting = row.get("relation") in ("reply", "quote")
        if reacting and stance(row) == "deny":
            denials[hour] += 1
            denials_after += int(t >= cut)
            continue
        if reacting and row.get("relation") == "reply":
            continue  # a reply that does not deny talks about the claim; it does not carry it
        posts[hour] += 1
        peaks[int(t >= cut)][hour] += 1
        (after if t >= cut else before).append(str(row.get("author_id") or ""))
    early = set(before)
    hours = sorted(set(posts) | set(denials))
    return Spread(
        documents=len(before) + len(after),
        before=len(before),
        after=len(after),
        accounts_before=len(early),
        accounts_after=len(set(after)),
        new_accounts_after=len(set(after) - early),
        peak_hourly_before=max(peaks[0].values(), default=0),
        peak_hourly_after=max(peaks[1].values(), default=0),
        denials_after=denials_after,
        fact_check_shares=shares,
        hours=tuple(HourCount(h, posts[h], denials[h]) for h in hours),
        slowed=None
        if debunked_at is None or not before
        else max(peaks[1].values(), default=0) < max(peaks[0].values(), default=0),
    )


def claim_id_of(label: str, query: str | None, origin: str | None) -> str:
    """A stable id from what defines the claim (the same claim entered twice is one claim).

    >>> claim_id_of("Plant closing", "usine AND ferme", None) == claim_id_of("x", "usine AND ferme", None)
    True
    """
    key = f"q:{query}" if query else f"o:{origin}" if origin else f"l:{label.strip().lower()}"
    return "c" + hashlib.sha256(key.encode()).hexdigest()[:10]
