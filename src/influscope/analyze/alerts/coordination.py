"""Coordinated bursts: the same link or near-identical text from many accounts within seconds.

Texts are normalised (lower case; links, handles, digits and punctuation
removed; spaces collapsed) so retyped copies of one message fall together;
links are compared in canonical form (the ``links`` table); reposts are left
out (the platform's button is organic spread). Shares of one content closer
than ``seconds`` chain into an **episode**; an episode with ``min_accounts``
distinct authors fires.

**Closed episodes only**, so the same input gives the same alerts whatever
the arrival timing (issue 16, item 7). An episode is reported once no later
share can join it: the data clock (the newest publication time, less the
allowed ``lateness``) has passed its last share by ``seconds``, or the stream
has been idle — nothing collected for ``idle`` of wall time — so a live
burst that simply stops is still reported. Its alert carries the whole
episode (first to last share, every account), and its id comes from the
content and the episode's first share: evaluating more or less often, or
receiving the posts in other batches, changes nothing.
"""

from __future__ import annotations

import hashlib
from datetime import datetime, timedelta
from typing import Any

from influscope.analyze.alerts.base import Finding, RuleContext, parse_duration
from influscope.analyze.alerts.series import scoped_documents
from influscope.analyze.crisis.coordination import chain_episodes, normalise, shares_from_rows
from influscope.store.runs import now as wall_now

__all__ = ["CoordinationRule", "normalise"]


class CoordinationRule:
    """Registered as ``coordination``.

    Options: ``seconds`` (60), ``min_accounts`` (5), ``min_chars`` (20),
    ``lateness`` ("0s": how late in data time a post may arrive), ``idle``
    ("5s": wall time without new posts after which open episodes close),
    ``horizon`` ("1h": how far before the evaluation an episode may start).
    """

    name = "coordination"

    def evaluate(self, ctx: RuleContext) -> list[Finding]:
        """One finding per closed episode posted by many accounts."""
        options = ctx.rule.options
        seconds = float(options.get("seconds", 60))
        min_accounts = int(options.get("min_accounts", 5))
        min_chars = int(options.get("min_chars", 20))
        lateness = parse_duration(str(options.get("lateness", "0s")))
        idle = parse_duration(str(options.get("idle", "5s")))
        horizon = parse_duration(str(options.get("horizon", "1h")))
        step = timedelta(seconds=seconds)
        watermark = ctx.now - lateness
        read_from = watermark - ctx.recent - horizon - step
        rows, newest_arrival = self._rows(ctx, read_from)
        if not rows:
            return []
        stream_idle = newest_arrival is not None and newest_arrival <= wall_now() - idle
        closed_before = float("inf") if stream_idle else _epoch(watermark) - seconds
        shares = shares_from_rows(rows, min_chars=min_chars)
        findings = []
        for episode in chain_episodes(shares, seconds):
            if len(episode.accounts) < min_accounts or episode.end > closed_before:
                continue
            if episode.start - seconds <= _epoch(read_from):
                continue  # it may have started before what was read: an earlier pass saw it
            kind, _, content = episode.content.partition(":")
            digest = hashlib.sha256(content.encode()).hexdigest()[:10]
            first = datetime(1970, 1, 1) + timedelta(seconds=episode.start)
            findings.append(
                Finding(
                    rule=ctx.rule.name,
                    detector=self.name,
                    key=f"{ctx.scope_key} {kind}:{digest}",
                    window_start=first,
                    window_end=datetime(1970, 1, 1) + timedelta(seconds=episode.end),
                    observed=float(len(episode.accounts)),
                    expected=1.0,
                    probability=0.0,
                    score=float(len(episode.accounts)),
                    facts={
                        "kind": kind,
                        "content": content[:200],
                        "posts": episode.shares,
                        "doc_ids": sorted(set(episode.doc_ids)),
                    },
                    dedupe_start=first,
                )
            )
        return findings

    def _rows(self, ctx: RuleContext, lo: datetime) -> tuple[list[dict[str, Any]], datetime | None]:
        docs = scoped_documents(ctx)
        # Nothing published after the evaluation time: replayed at the demo's 21 October,
        # the rule reported the burst of 5 November (the other rules read up to now too).
        recent = docs.filter((docs.published_at > lo) & (docs.published_at <= ctx.now))
        rows = ctx.store.to_arrow(
            recent.select(
                "doc_id",
                "author_id",
                "text",
                "repost_of",
                "collected_at",
                "published_at",
            ).order_by(["published_at", "doc_id"])
        ).to_pylist()
        if not rows:
            return [], None
        links = ctx.store.table("links")
        url_rows = ctx.store.to_arrow(
            links.filter(links.doc_id.isin(recent.doc_id)).select("doc_id", "url")
        ).to_pylist()
        urls: dict[str, list[str]] = {}
        for row in url_rows:
            urls.setdefault(row["doc_id"], []).append(row["url"])
        for row in rows:
            row["urls"] = sorted(urls.get(row["doc_id"], []))
            row["t"] = _epoch(row["published_at"])
        everything = ctx.store.table("documents")
        newest = ctx.store.to_arrow(everything.aggregate(n=everything.collected_at.max()))
        value = newest.column("n")[0].as_py()
        return rows, value if isinstance(value, datetime) else None


def _epoch(moment: datetime) -> float:
    return (moment - datetime(1970, 1, 1)).total_seconds()
