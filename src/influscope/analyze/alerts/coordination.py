"""Coordinated bursts: the same link or near-identical text from many accounts within seconds.

Texts are normalised (lower case, links, handles, digits and punctuation
removed, spaces collapsed) so retyped copies of one message fall together;
links are compared in canonical form. A group fires when at least
``min_accounts`` distinct authors posted it within ``seconds``.
"""

from __future__ import annotations

import hashlib
from datetime import timedelta

import ibis

from influscope.analyze.alerts.base import Finding, RuleContext
from influscope.analyze.alerts.series import scoped_documents


class CoordinationRule:
    """Registered as ``coordination``; options: seconds (60), min_accounts (5), min_chars (20)."""

    name = "coordination"

    def evaluate(self, ctx: RuleContext) -> list[Finding]:
        """One finding per content posted by many accounts in the recent window."""
        options = ctx.rule.options
        seconds = float(options.get("seconds", 60))
        min_accounts = int(options.get("min_accounts", 5))
        min_chars = int(options.get("min_chars", 20))
        horizon = max(ctx.recent, timedelta(seconds=seconds))
        docs = scoped_documents(ctx)
        recent = docs.filter(
            (docs.published_at > ctx.now - horizon - timedelta(seconds=seconds))
            & (docs.published_at <= ctx.now)
        )
        text = recent.text.fill_null("").lower()
        for pattern in (r"https?://\S+", r"@[\w.]+", r"[^\w\s]|\d|_", r"\s+"):
            text = text.re_replace(pattern, " ")
        normal = text.strip()
        by_text = (
            recent.mutate(content=normal)
            .filter(normal.length() >= min_chars)
            .group_by("content")
            .aggregate(
                accounts=ibis._.author_id.nunique(),
                first=ibis._.published_at.min(),
                last=ibis._.published_at.max(),
                n=ibis._.count(),
            )
            .filter(ibis._.accounts >= min_accounts)
        )
        links = ctx.store.table("links")
        joined = recent.select("doc_id", "author_id", "published_at").join(
            links.select("doc_id", "url"), "doc_id"
        )
        by_link = (
            joined.group_by("url")
            .aggregate(
                accounts=ibis._.author_id.nunique(),
                first=ibis._.published_at.min(),
                last=ibis._.published_at.max(),
                n=ibis._.count(),
            )
            .filter(ibis._.accounts >= min_accounts)
            .rename(content="url")
        )
        findings = []
        for kind, expr in (("text", by_text), ("link", by_link)):
            for row in ctx.store.to_arrow(expr).to_pylist():
                if (row["last"] - row["first"]).total_seconds() > seconds * 4:
                    # Spread over minutes: popular, not coordinated; check the tightest burst.
                    continue
                digest = hashlib.sha256(row["content"].encode()).hexdigest()[:10]
                findings.append(
                    Finding(
                        rule=ctx.rule.name,
                        detector=self.name,
                        key=f"{ctx.scope_key} {kind}:{digest}",
                        window_start=row["first"],
                        window_end=row["last"],
                        observed=float(row["accounts"]),
                        expected=1.0,
                        probability=0.0,
                        score=float(row["accounts"]),
                        facts={"kind": kind, "content": row["content"][:200], "posts": row["n"]},
                        dedupe_start=row["first"].replace(minute=0, second=0, microsecond=0),
                    )
                )
        return findings
