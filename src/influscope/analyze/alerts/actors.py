"""Actor rules: a new actor rising fast on the scope, and a weighty detractor speaking.

``new_actor``: authors whose first document in the scope is younger than
``new_days`` (7) and who drew at least ``min_interactions`` (20) reposts,
replies, quotes and mentions in the last ``window`` (24h), at least ``ratio``
(3) times the median of established actors drawing any.

``detractor``: an actor the rule's stored map marks as detractor
(``actor_map.stance``) with a journey weight (``journey_weights`` of the
rule's axis) in the top ``top`` (20) posts in the scope within ``window``
(6h). Both come from other commands (``influscope map``, ``influscope
journey``): without them the rule fails with :class:`~influscope.errors.NotComputed`
naming the command to run, rather than finding nothing.
"""

from __future__ import annotations

from datetime import timedelta

from influscope.analyze.alerts.base import Finding, RuleContext, parse_duration
from influscope.analyze.alerts.maps import require_map
from influscope.analyze.alerts.series import scoped_documents
from influscope.errors import N_, NotComputed
from influscope.organisations import Organisations


class NewActorRule:
    """Registered as ``new_actor``."""

    name = "new_actor"

    def evaluate(self, ctx: RuleContext) -> list[Finding]:
        """Findings for young actors drawing far more interactions than the usual."""
        options = ctx.rule.options
        window = parse_duration(str(options.get("window", "24h")))
        new_days = float(options.get("new_days", 7))
        docs = scoped_documents(ctx)
        first_seen = docs.group_by("author_id").aggregate(first=docs.published_at.min())
        inter = ctx.store.table("interactions")
        recent = inter.filter((inter["at"] > ctx.now - window) & (inter["at"] <= ctx.now))
        drawn = recent.group_by(recent.dst).aggregate(n=recent.count())
        joined = drawn.join(first_seen, drawn.dst == first_seen.author_id)
        rows = ctx.store.to_arrow(joined.select("dst", "n", "first")).to_pylist()
        if not rows:
            return []
        # The company's own accounts and its competitors' are known, never "new actors".
        organisations = Organisations(ctx.config.brands)
        rows = [r for r in rows if organisations.brand_of(r["dst"]) is None]
        if not rows:
            return []
        cutoff = ctx.now - timedelta(days=new_days)
        established = sorted(r["n"] for r in rows if r["first"] < cutoff)
        median = float(established[len(established) // 2]) if established else 1.0
        findings = []
        for row in rows:
            if row["first"] < cutoff or row["n"] < int(options.get("min_interactions", 20)):
                continue
            if row["n"] < float(options.get("ratio", 3)) * max(median, 1.0):
                continue
            findings.append(
                Finding(
                    rule=ctx.rule.name,
                    detector=self.name,
                    key=f"{ctx.scope_key} actor:{row['dst']}",
                    window_start=ctx.now - window,
                    window_end=ctx.now,
                    observed=float(row["n"]),
                    expected=max(median, 1.0),
                    probability=0.0,
                    score=float(row["n"]) / max(median, 1.0),
                    facts={"actor_id": row["dst"], "first_seen": row["first"].isoformat()},
                    dedupe_start=row["first"].replace(hour=0, minute=0, second=0, microsecond=0),
                )
            )
        return findings


class DetractorRule:
    """Registered as ``detractor``."""

    name = "detractor"

    def evaluate(self, ctx: RuleContext) -> list[Finding]:
        """Findings for high journey-weight detractors posting in the scope."""
        stored = require_map(ctx)
        options = ctx.rule.options
        window = parse_duration(str(options.get("window", "6h")))
        top = int(options.get("top", 20))
        axis = ctx.rule.axis or ""
        weights = ctx.store.table("journey_weights")
        on_axis = weights.filter(weights.axis == axis)
        if not ctx.store.to_arrow(on_axis.limit(1)).num_rows:
            hint = (
                N_("Run 'influscope journey --axis {axis}', then the rule can run.")
                if axis
                else N_("Run 'influscope journey', then the rule can run.")
            )
            raise NotComputed(
                N_("Rule {rule} needs the journey weights, and none is computed yet."),
                hint,
                rule=repr(ctx.rule.name),
                axis=axis,
            )
        stances = ctx.store.table("actor_map")
        stances = stances.filter(stances.scope == stored.scope)
        ranked = on_axis.filter(on_axis.actor_id.notnull())
        ranked = ranked.group_by("actor_id").aggregate(weight=ranked.weight.sum())
        ranked = ranked.order_by(ranked.weight.desc()).limit(top)
        detractors = stances.filter(stances.stance == "detractor").select("actor_id").distinct()
        heavy = ranked.join(detractors, "actor_id")
        docs = scoped_documents(ctx)
        recent = docs.filter(
            (docs.published_at > ctx.now - window) & (docs.published_at <= ctx.now)
        )
        speaking = recent.join(heavy, recent.author_id == heavy.actor_id)
        rows = ctx.store.to_arrow(
            speaking.group_by(["author_id", "weight"]).aggregate(
                n=speaking.count(), first=speaking.published_at.min()
            )
        ).to_pylist()
        return [
            Finding(
                rule=ctx.rule.name,
                detector=self.name,
                key=f"{ctx.scope_key} actor:{row['author_id']}",
                window_start=row["first"],
                window_end=ctx.now,
                observed=float(row["n"]),
                expected=0.0,
                probability=0.0,
                score=float(row["weight"]),
                facts={"actor_id": row["author_id"], "journey_weight": row["weight"]},
                dedupe_start=row["first"].replace(hour=0, minute=0, second=0, microsecond=0),
            )
            for row in rows
        ]
