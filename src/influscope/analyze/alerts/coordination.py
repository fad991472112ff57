"""Coordinated bursts: the same link or near-identical text from many accounts within seconds.

Texts are normalised (lower case; links, handles, digits and punctuation
removed; spaces collapsed) so retyped copies of one message fall together;
links are compared in canonical form (the ``links`` table). A group fires when
at least ``min_accounts`` distinct authors posted it within ``seconds``.

The watch loop evaluates this rule every second or so, so the rule keeps a
rolling window of recent documents in memory and only reads the documents
collected since its last evaluation; after a restart it reads the window once.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any, ClassVar

from influscope.analyze.alerts.base import Finding, RuleContext
from influscope.analyze.alerts.series import scoped_documents

_DROP = re.compile(r"https?://\S+|@[\w.]+")
_NON_LETTERS = re.compile(r"[\W\d_]+", re.UNICODE)


def normalise(text: str | None) -> str:
    """Lower-case letters of a text, words separated by one space.

    >>> normalise("RT @bob: Boycott ACME!!! https://t.co/x 2024")
    'rt boycott acme'
    """
    return _NON_LETTERS.sub(" ", _DROP.sub(" ", (text or "").lower())).strip()


@dataclass
class _Post:
    author: str
    at: datetime
    content: str
    urls: tuple[str, ...]


@dataclass
class _Window:
    posts: dict[str, _Post] = field(default_factory=dict)
    watermark: datetime | None = None


class CoordinationRule:
    """Registered as ``coordination``; options: seconds (60), min_accounts (5), min_chars (20)."""

    name = "coordination"
    _windows: ClassVar[dict[tuple[int, str, str], _Window]] = {}

    def evaluate(self, ctx: RuleContext) -> list[Finding]:
        """One finding per content posted by many accounts within the window."""
        options = ctx.rule.options
        seconds = float(options.get("seconds", 60))
        min_accounts = int(options.get("min_accounts", 5))
        min_chars = int(options.get("min_chars", 20))
        horizon = max(ctx.recent, timedelta(seconds=seconds))
        lo = ctx.now - horizon - timedelta(seconds=seconds)
        state = self._windows.setdefault((id(ctx.store), ctx.rule.name, ctx.scope_key), _Window())
        self._read_new(ctx, state, lo)
        for doc_id in [d for d, p in state.posts.items() if p.at <= lo]:
            del state.posts[doc_id]
        groups: dict[tuple[str, str], list[_Post]] = {}
        for post in state.posts.values():
            if post.at > ctx.now:
                continue
            if len(post.content) >= min_chars:
                groups.setdefault(("text", post.content), []).append(post)
            for url in post.urls:
                groups.setdefault(("link", url), []).append(post)
        findings = []
        for (kind, content), posts in groups.items():
            found = _burst(posts, seconds, min_accounts)
            if found is None:
                continue
            first, last, accounts, n = found
            digest = hashlib.sha256(content.encode()).hexdigest()[:10]
            findings.append(
                Finding(
                    rule=ctx.rule.name,
                    detector=self.name,
                    key=f"{ctx.scope_key} {kind}:{digest}",
                    window_start=first,
                    window_end=last,
                    observed=float(accounts),
                    expected=1.0,
                    probability=0.0,
                    score=float(accounts),
                    facts={"kind": kind, "content": content[:200], "posts": n},
                    dedupe_start=first.replace(minute=0, second=0, microsecond=0),
                )
            )
        return findings

    def _read_new(self, ctx: RuleContext, state: _Window, lo: datetime) -> None:
        docs = scoped_documents(ctx)
        recent = docs.filter(docs.published_at > lo)
        if state.watermark is not None:
            recent = recent.filter(recent.collected_at >= state.watermark)
        rows = ctx.store.to_arrow(
            recent.select("doc_id", "author_id", "published_at", "text", "collected_at")
        ).to_pylist()
        if not rows:
            return
        links = ctx.store.table("links")
        url_rows = ctx.store.to_arrow(
            links.filter(links.doc_id.isin(recent.doc_id)).select("doc_id", "url")
        ).to_pylist()
        urls: dict[str, list[str]] = {}
        for row in url_rows:
            urls.setdefault(row["doc_id"], []).append(row["url"])
        for row in rows:
            state.posts[row["doc_id"]] = _Post(
                row["author_id"] or "",
                row["published_at"],
                normalise(row["text"]),
                tuple(urls.get(row["doc_id"], ())),
            )
        newest: Any = max(r["collected_at"] for r in rows if r["collected_at"] is not None)
        state.watermark = newest if isinstance(newest, datetime) else state.watermark


def _burst(
    posts: list[_Post], seconds: float, min_accounts: int
) -> tuple[datetime, datetime, int, int] | None:
    """The first span of ``seconds`` holding posts from ``min_accounts`` distinct authors."""
    if len({p.author for p in posts}) < min_accounts:
        return None
    ordered = sorted(posts, key=lambda p: p.at)
    span = timedelta(seconds=seconds)
    start = 0
    for end in range(len(ordered)):
        while ordered[end].at - ordered[start].at > span:
            start += 1
        inside = ordered[start : end + 1]
        authors = {p.author for p in inside}
        if len(authors) >= min_accounts:
            tail = [p for p in ordered[start:] if p.at - ordered[start].at <= span]
            return ordered[start].at, tail[-1].at, len({p.author for p in tail}), len(tail)
    return None
