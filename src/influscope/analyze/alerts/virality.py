"""Virality: a document reposted far faster than its author's posts usually are.

Velocity is the number of reposts (documents with ``repost_of`` pointing at
it) in the last ``window`` (default 1h); the author's norm is the median
repost count of their earlier documents. The probability is the Poisson tail
of that velocity at the norm (at least one repost).
"""

from __future__ import annotations

from datetime import timedelta

from scipy import stats

from influscope.analyze.alerts.base import Finding, RuleContext, parse_duration
from influscope.analyze.alerts.series import scoped_documents


class ViralityRule:
    """Registered as ``virality``; options: window (1h), min_reposts (20), ratio (10), threshold (1e-6)."""

    name = "virality"

    def evaluate(self, ctx: RuleContext) -> list[Finding]:
        """Findings for documents whose repost velocity is far above their author's norm."""
        options = ctx.rule.options
        window = parse_duration(str(options.get("window", "1h")))
        min_reposts = int(options.get("min_reposts", 20))
        docs = ctx.store.table("documents")
        scoped = scoped_documents(ctx)
        recent = docs.filter(
            (docs.published_at > ctx.now - window)
            & (docs.published_at <= ctx.now)
            & docs.repost_of.notnull()
        )
        velocity = (
            recent.group_by(recent.repost_of)
            .aggregate(reposts=recent.count(), first=recent.published_at.min())
            .filter(lambda t: t.reposts >= min_reposts)
        )
        targets = velocity.join(scoped, velocity.repost_of == scoped.doc_id).select(
            "repost_of", "reposts", "first", "author_id"
        )
        rows = ctx.store.to_arrow(targets).to_pylist()
        findings = []
        for row in rows:
            author = row["author_id"]
            earlier = docs.filter(
                (docs.author_id == author)
                & (docs.doc_id != row["repost_of"])
                & (docs.published_at < ctx.now - timedelta(hours=1))
            ).select("doc_id")
            counts = docs.filter(docs.repost_of.isin(earlier.doc_id))
            per_doc = counts.group_by("repost_of").aggregate(n=counts.count())
            history = [r["n"] for r in ctx.store.to_arrow(per_doc).to_pylist()]
            n_docs = int(ctx.store.scalar(earlier.count()))
            history += [0] * max(0, n_docs - len(history))
            norm = float(sorted(history)[len(history) // 2]) if history else 0.0
            expected = max(norm, 1.0)
            observed = float(row["reposts"])
            if observed < float(options.get("ratio", 10)) * expected:
                continue
            p = float(stats.poisson.sf(observed - 1, expected))
            if p > float(options.get("threshold", 1e-6)):
                continue
            findings.append(
                Finding(
                    rule=ctx.rule.name,
                    detector=self.name,
                    key=f"{ctx.scope_key} doc:{row['repost_of']}",
                    window_start=row["first"],
                    window_end=ctx.now,
                    observed=observed,
                    expected=expected,
                    probability=p,
                    score=observed / expected,
                    facts={"doc_id": row["repost_of"], "author_id": author},
                    dedupe_start=row["first"].replace(hour=0, minute=0, second=0, microsecond=0),
                )
            )
        return findings
