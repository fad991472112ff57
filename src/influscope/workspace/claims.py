"""The claims service: name a narrative, mark it false with its fact-checks, follow it after.

A claim is defined by a query (which posts carry it) or by the origin post
of a detected narrative (``ws.crisis.analyse`` lists them with their
origins). Marking it false records the fact-check links and the moment of
the debunk: by default the first post of the workspace that links to one of
the fact-checks (when the fact-check entered the conversation), else the
moment it is marked. :meth:`ClaimService.spread` then measures the claim
before and after that moment (see :mod:`influscope.analyze.claims`).
"""

from __future__ import annotations

import builtins
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from influscope.analyze.claims import Spread, claim_id_of, claim_spread
from influscope.errors import N_, NotFound, UsageError
from influscope.ingest.urls import canonical_url
from influscope.store import claims as claim_store
from influscope.store.claims import Claim
from influscope.store.runs import now as wall_now
from influscope.workspace.context import Context

BEFORE = timedelta(hours=12)  # a narrative's first copies can precede the post it is named by
FOLLOW = timedelta(days=14)  # how long a detected narrative is followed after its origin


@dataclass(frozen=True)
class ClaimSpread:
    """A claim and its spread before and after the debunk."""

    claim: Claim
    spread: Spread


class ClaimService:
    """Claims of a workspace (module doc).

    Example:
        >>> c = ws.claims.add("Vernay closing", query="usine AND ferme")  # doctest: +SKIP
        >>> ws.claims.debunk(c.claim_id, ["https://factuel.afp.com/x"]).verdict  # doctest: +SKIP
        'false'
    """

    def __init__(self, ctx: Context) -> None:
        self.ctx = ctx

    def list(self) -> builtins.list[Claim]:
        """Every claim, newest first."""
        return claim_store.list_claims(self.ctx.store)

    def get(self, claim_id: str) -> Claim:
        """One claim."""
        return claim_store.get_claim(self.ctx.store, claim_id)

    def add(
        self,
        label: str,
        query: str | None = None,
        origin: str | None = None,
        by: str | None = None,
    ) -> Claim:
        """Name a claim by a query or by the origin post of a narrative (exactly one of them)."""
        if not label.strip():
            raise UsageError(N_("A claim needs a label."), N_("Say in a few words what it claims."))
        if (query is None) == (origin is None):
            raise UsageError(
                N_("A claim is defined by a query or by an origin post, not both and not neither."),
                N_("Pass --query 'usine AND ferme' or --origin twitter:123."),
            )
        if query is not None:
            from influscope.query.parser import parse  # noqa: PLC0415 - banned at module level

            parse(query)  # a malformed query is a QueryError naming the column, now
        elif not self._exists(str(origin)):
            raise NotFound(
                N_("No document {document} in the workspace."),
                N_("Use a narrative's origin as 'influscope incidents analyse' shows it."),
                document=repr(origin),
            )
        claim = Claim(
            claim_id=claim_id_of(label, query, origin),
            label=label.strip(),
            query=query,
            origin=origin,
            verdict=None,
            fact_checks=(),
            debunked_at=None,
            created_by=by,
            created_at=wall_now(),
            updated_at=None,
        )
        with self.ctx.store.transaction() as writer:
            claim_store.save_claim(writer, claim)
        return self.get(claim.claim_id)

    def debunk(
        self,
        claim_id: str,
        fact_checks: builtins.list[str],
        verdict: str = "false",
        at: datetime | None = None,
    ) -> Claim:
        """Give the claim its verdict and fact-check links; ``at`` is when it was debunked."""
        self.get(claim_id)
        links = [canonical_url(u) for u in fact_checks if u.strip()]
        moment = at or self.first_link_at(links) or wall_now()
        with self.ctx.store.transaction() as writer:
            claim_store.set_verdict(writer, claim_id, verdict, links, moment, wall_now())
        return self.get(claim_id)

    def spread(self, claim_id: str) -> ClaimSpread:
        """The claim's posts and denials per hour, before and after its debunk."""
        from influscope.analyze.crisis.window import stance_labels
        from influscope.enrich.reply_stance import row_stance

        claim = self.get(claim_id)
        rows = self._rows(claim)
        debunked = None if claim.debunked_at is None else _epoch(claim.debunked_at)
        stance = row_stance(stance_labels(self.ctx.store, rows))
        spread = claim_spread(rows, set(claim.fact_checks), debunked, stance)
        return ClaimSpread(claim=claim, spread=spread)

    # -- the claim's posts -------------------------------------------------------
    def _rows(self, claim: Claim) -> builtins.list[dict[str, Any]]:
        """The posts carrying the claim and the reactions to them."""
        from influscope.analyze.crisis.narratives import find_narratives
        from influscope.analyze.crisis.window import read_window
        from influscope.enrich.axis_filter import matching

        store = self.ctx.store
        docs = store.table("documents")
        if claim.query is not None:
            ids = matching(store, claim.query, docs).doc_id
            related = docs.filter(
                docs.doc_id.isin(ids)
                | docs.reply_to.isin(ids)
                | docs.quote_of.isin(ids)
                | docs.repost_of.isin(ids)
            )
            return read_window(store, docs=related).rows
        if claim.origin is None:  # its origin post was erased (personal data): nothing to follow
            raise NotFound(
                N_("The origin post of claim {claim} was erased."),
                N_("Name the claim again by a query: influscope claims add LABEL --query '...'."),
                claim=str(claim.claim_id),
            )
        origin = self._published(claim.origin)
        window = read_window(store, origin - BEFORE, origin + FOLLOW)
        narrative = next(
            (n for n in find_narratives(window.rows) if claim.origin in n.doc_ids), None
        )
        carried = set(narrative.doc_ids) if narrative is not None else {str(claim.origin)}
        return [r for r in window.rows if r["doc_id"] in carried or r["parent"] in carried]

    def _exists(self, doc_id: str) -> bool:
        with self.ctx.store.snapshot() as con:
            row = con.execute("SELECT 1 FROM documents WHERE doc_id = ?", [doc_id]).fetchone()
        return row is not None

    def _published(self, doc_id: str) -> datetime:
        with self.ctx.store.snapshot() as con:
            row = con.execute(
                "SELECT published_at FROM documents WHERE doc_id = ?", [doc_id]
            ).fetchone()
        if row is None or row[0] is None:
            raise NotFound(
                N_("The origin post {document} of this claim is no longer in the store."),
                document=repr(doc_id),
            )
        published: datetime = row[0]
        return published

    def first_link_at(self, links: builtins.list[str]) -> datetime | None:
        """When the first post linking to one of ``links`` was published (None: none does).

        What dates a debunk given without ``at``; None means it is dated now.
        """
        links = [canonical_url(u) for u in links if u.strip()]
        if not links:
            return None
        with self.ctx.store.snapshot() as con:
            row = con.execute(
                "SELECT min(d.published_at) FROM links l JOIN documents d USING (doc_id) "
                "WHERE l.url IN (SELECT unnest(?))",
                [links],
            ).fetchone()
        found: datetime | None = row[0] if row else None
        return found


def _epoch(moment: datetime) -> float:
    return (moment - datetime(1970, 1, 1)).total_seconds()
