"""The documents an alert's own condition is about: the evidence must satisfy what fired.

A negative spike's evidence is negative posts, a new actor's evidence is
that actor's own posts, a viral post's evidence is the post and its
reposts, a coordinated burst's evidence is the burst. Evidence drawn from
the whole scope instead cited "I love your company" under a negative spike.
"""

from __future__ import annotations

from ibis.expr.types import Table

from influscope.analyze.alerts.base import Finding, RuleContext
from influscope.analyze.alerts.series import scoped_documents

NEGATIVE_SERIES = ("negative", "negative share")


def condition_documents(ctx: RuleContext, finding: Finding) -> Table:
    """The scope's documents that satisfy the finding's condition (module doc)."""
    facts = finding.facts
    if facts.get("series") in NEGATIVE_SERIES:
        return scoped_documents(ctx, negative_only=True)
    docs = scoped_documents(ctx)
    if finding.detector in ("new_actor", "detractor") and facts.get("actor_id"):
        return docs.filter(docs.author_id == str(facts["actor_id"]))
    if finding.detector == "virality" and facts.get("doc_id"):
        everything = ctx.store.table("documents")
        doc_id = str(facts["doc_id"])
        return everything.filter((everything.doc_id == doc_id) | (everything.repost_of == doc_id))
    if finding.detector == "coordination" and facts.get("doc_ids"):
        return docs.filter(docs.doc_id.isin([str(d) for d in facts["doc_ids"]]))
    return docs
