"""Spread: the scope's narrative reaching communities where it was absent.

Communities come from the rule's stored map (``community_members`` of the
map :func:`~influscope.analyze.alerts.maps.require_map` picks; without one the
rule fails with the command to run). The rule compares the communities of the
authors posting in the scope during ``window`` (6h) with those of the
previous ``baseline`` (7d); a community new to the narrative with at least
``min_actors`` (3) authors fires.
"""

from __future__ import annotations

from typing import Any

from influscope.analyze.alerts.base import Finding, RuleContext, parse_duration
from influscope.analyze.alerts.maps import require_map
from influscope.analyze.alerts.series import scoped_documents


class SpreadRule:
    """Registered as ``spread``."""

    name = "spread"

    def evaluate(self, ctx: RuleContext) -> list[Finding]:
        """Findings for communities that joined the narrative in the recent window."""
        stored = require_map(ctx)
        members = ctx.store.table("community_members")
        options = ctx.rule.options
        window = parse_duration(str(options.get("window", "6h")))
        baseline = parse_duration(str(options.get("baseline", "7d")))
        level = str(options.get("level", "coarse"))
        members = members.filter((members.scope == stored.scope) & (members.level == level))
        docs = scoped_documents(ctx)
        start = ctx.now - window

        def communities(lo: Any, hi: Any) -> dict[int, int]:
            part = docs.filter((docs.published_at > lo) & (docs.published_at <= hi))
            joined = part.join(members, part.author_id == members.actor_id)
            grouped = joined.group_by("community").aggregate(actors=joined.author_id.nunique())
            return {
                int(r["community"]): int(r["actors"])
                for r in ctx.store.to_arrow(grouped).to_pylist()
            }

        before = communities(start - baseline, start)
        now = communities(start, ctx.now)
        findings = []
        for community, actors in now.items():
            if community in before or actors < int(options.get("min_actors", 3)):
                continue
            findings.append(
                Finding(
                    rule=ctx.rule.name,
                    detector=self.name,
                    key=f"{ctx.scope_key} community:{community}",
                    window_start=start,
                    window_end=ctx.now,
                    observed=float(actors),
                    expected=0.0,
                    probability=0.0,
                    score=float(actors),
                    facts={
                        "community": community,
                        "communities_before": len(before),
                        "map": stored.scope,
                    },
                    dedupe_start=start.replace(minute=0, second=0, microsecond=0),
                )
            )
        return findings
