"""Surge in the negative share of a scope, from ``sentiment`` enrichments.

The share of negative documents over the last ``window`` (default 3h) is
compared with the share over the previous ``baseline`` (default 7d); the
probability is the binomial tail of seeing that many negatives out of that
many documents at the baseline rate.
"""

from __future__ import annotations

from datetime import timedelta

from scipy import stats

from influscope.analyze.alerts.base import Finding, RuleContext, parse_duration
from influscope.analyze.alerts.series import negative_ids, scoped_documents


class NegativeShareRule:
    """Registered as ``negative_share``; options: window, baseline, min_documents, min_delta, threshold."""

    name = "negative_share"

    def evaluate(self, ctx: RuleContext) -> list[Finding]:
        """A finding when the recent negative share is improbably high."""
        options = ctx.rule.options
        window = parse_duration(str(options.get("window", "3h")))
        baseline = parse_duration(str(options.get("baseline", "7d")))
        docs = scoped_documents(ctx)
        negative = docs.doc_id.isin(negative_ids(ctx.store))
        start = ctx.now - window
        recent = docs.filter((docs.published_at > start) & (docs.published_at <= ctx.now))
        before = docs.filter((docs.published_at > start - baseline) & (docs.published_at <= start))
        store = ctx.store
        row = store.to_arrow(
            recent.aggregate(n=recent.count(), neg=negative.ifelse(1, 0).sum())
        ).to_pylist()[0]
        base = store.to_arrow(
            before.aggregate(n=before.count(), neg=negative.ifelse(1, 0).sum())
        ).to_pylist()[0]
        n, k = int(row["n"] or 0), int(row["neg"] or 0)
        n0, k0 = int(base["n"] or 0), int(base["neg"] or 0)
        if n < int(options.get("min_documents", 20)) or n0 < 20:
            return []
        rate = (k0 + 1) / (n0 + 2)
        share = k / n
        if share - rate < float(options.get("min_delta", 0.1)):
            return []
        p = float(stats.binom.sf(k - 1, n, rate))
        score = -float(stats.norm.ppf(max(p, 1e-300))) if p < 0.5 else 0.0
        if p > float(options.get("threshold", 1e-4)):
            return []
        step = max(window, timedelta(minutes=1))
        anchor = ctx.now - (ctx.now - ctx.now.replace(hour=0, minute=0, second=0)) % step
        return [
            Finding(
                rule=ctx.rule.name,
                detector=self.name,
                key=ctx.scope_key,
                window_start=start,
                window_end=ctx.now,
                observed=round(share, 4),
                expected=round(rate, 4),
                probability=p,
                score=score,
                facts={"documents": n, "negative": k, "series": "negative"},
                dedupe_start=anchor,
            )
        ]
