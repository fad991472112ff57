"""Surge in the negative share of a scope, from each document's one sentiment label.

A document is negative when its one label (:mod:`influscope.store.chosen`:
the learned model's when one is trained, else the default's) is negative —
the same label share of voice and the map read, never "either producer".

Documents and negative documents are counted per ``step`` (default 1h). At each
recent bin the share of negatives over the last ``window`` (default 3h) is
compared with the share over the ``baseline`` before it (default 7d); the
probability is the binomial tail of that many negatives out of that many
documents at the baseline rate. An alert marks the start of an episode: a bin
fires only if the bin before it did not qualify.
"""

from __future__ import annotations

import numpy as np
from scipy import stats

from influscope.analyze.alerts.base import Finding, RuleContext, parse_duration
from influscope.analyze.alerts.series import count_series, scoped_documents
from influscope.analyze.alerts.spike import closed_bins


class NegativeShareRule:
    """Registered as ``negative_share``; options: step, window, baseline, min_documents, min_delta, threshold."""

    name = "negative_share"

    def evaluate(self, ctx: RuleContext) -> list[Finding]:
        """Findings at the bins where the negative share starts to be improbably high."""
        options = ctx.rule.options
        step = parse_duration(str(options.get("step", "1h")))
        k = max(1, round(parse_duration(str(options.get("window", "3h"))) / step))
        base = max(1, round(parse_duration(str(options.get("baseline", "7d"))) / step))
        min_docs = int(options.get("min_documents", 20))
        min_delta = float(options.get("min_delta", 0.1))
        threshold = float(options.get("threshold", 1e-4))
        lo = ctx.now - ctx.recent - step * (k + base + 1)
        start, everything = count_series(ctx, scoped_documents(ctx), step, lo, ctx.now)
        _, negative = count_series(
            ctx, scoped_documents(ctx, negative_only=True), step, lo, ctx.now
        )
        closed = closed_bins(start, step, ctx.now)  # same input, same alerts (spike.py)
        everything, negative = everything[:closed], negative[:closed]
        total_all = np.concatenate([[0.0], np.cumsum(everything)])
        total_neg = np.concatenate([[0.0], np.cumsum(negative)])
        first_recent = max(k + 1, len(everything) - max(1, int(ctx.recent / step) + 1))
        findings: list[Finding] = []
        qualified_before = False
        for i in range(max(1, first_recent - 1), len(everything)):
            a, b = max(0, i - k + 1), i + 1
            c = max(0, a - base)
            n, neg = total_all[b] - total_all[a], total_neg[b] - total_neg[a]
            n0, neg0 = total_all[a] - total_all[c], total_neg[a] - total_neg[c]
            qualifies = False
            p = 1.0
            rate = (neg0 + 1) / (n0 + 2)
            if n >= min_docs and n0 >= min_docs and neg / n - rate >= min_delta:
                p = float(stats.binom.sf(neg - 1, n, rate))
                qualifies = p <= threshold
            if qualifies and not qualified_before and i >= first_recent:
                bin_start = start + step * i
                findings.append(
                    Finding(
                        rule=ctx.rule.name,
                        detector=self.name,
                        key=ctx.scope_key,
                        window_start=start + step * a,
                        window_end=min(bin_start + step, ctx.now),
                        observed=round(neg / n, 4),
                        expected=round(rate, 4),
                        probability=p,
                        score=-float(np.log10(max(p, 1e-300))),
                        facts={
                            "documents": int(n),
                            "negative": int(neg),
                            "series": "negative share",
                        },
                        dedupe_start=bin_start,
                    )
                )
            qualified_before = qualifies
        return findings
