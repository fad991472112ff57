"""Claims in the store: what defines each, its verdict, fact-checks and when it was debunked.

The spread of a claim is computed on demand from the documents
(``analyze/crisis/claims.py``); only what people decide is stored: the
claim's name and definition (a query, or the origin post of a detected
narrative), the verdict and the fact-check links behind it.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

import orjson

from influscope.errors import N_, NotFound, UsageError
from influscope.store.writer import Writer

VERDICTS = ("false", "misleading", "true")
_HINT = N_("List them with 'influscope claims list'.")


@dataclass(frozen=True)
class Claim:
    """A named narrative and its verdict (module doc)."""

    claim_id: str
    label: str
    query: str | None
    origin: str | None
    verdict: str | None
    fact_checks: tuple[str, ...]
    debunked_at: datetime | None
    created_by: str | None
    created_at: datetime
    updated_at: datetime | None


def _claim(row: tuple[Any, ...]) -> Claim:
    (claim_id, label, query, origin, verdict, checks, debunked, by, created, updated) = row
    return Claim(
        claim_id=claim_id,
        label=label,
        query=query,
        origin=origin,
        verdict=verdict,
        fact_checks=tuple(orjson.loads(checks)) if checks else (),
        debunked_at=debunked,
        created_by=by,
        created_at=created,
        updated_at=updated,
    )


_COLUMNS = (
    "claim_id, label, query, origin_doc, verdict, fact_checks, debunked_at, created_by, "
    "created_at, updated_at"
)


def save_claim(writer: Writer, claim: Claim) -> bool:
    """Record a new claim; False when a claim with the same definition exists (kept as is)."""
    exists = writer.con.execute(
        "SELECT 1 FROM claims WHERE claim_id = ?", [claim.claim_id]
    ).fetchone()
    if exists:
        return False
    writer.insert(
        "claims",
        [
            {
                "claim_id": claim.claim_id,
                "label": claim.label,
                "query": claim.query,
                "origin_doc": claim.origin,
                "verdict": claim.verdict,
                "fact_checks": orjson.dumps(list(claim.fact_checks)).decode(),
                "debunked_at": claim.debunked_at,
                "created_by": claim.created_by,
                "created_at": claim.created_at,
                "updated_at": claim.updated_at,
            }
        ],
    )
    return True


def set_verdict(
    writer: Writer,
    claim_id: str,
    verdict: str,
    fact_checks: list[str],
    debunked_at: datetime | None,
    at: datetime,
) -> None:
    """Give a claim its verdict and fact-checks (links are added to those already there)."""
    if verdict not in VERDICTS:
        raise UsageError(
            N_("Unknown verdict {verdict}."),
            N_("Use one of: {verdicts}."),
            verdict=repr(verdict),
            verdicts=", ".join(VERDICTS),
        )
    row = writer.con.execute(
        "SELECT fact_checks FROM claims WHERE claim_id = ?", [claim_id]
    ).fetchone()
    if row is None:
        raise NotFound(N_("No claim {claim}."), _HINT, claim=repr(claim_id))
    known = list(orjson.loads(row[0])) if row[0] else []
    merged = known + [u for u in fact_checks if u not in known]
    writer.update(
        "claims",
        {"claim_id": claim_id},
        {
            "verdict": verdict,
            "fact_checks": orjson.dumps(merged).decode(),
            "debunked_at": debunked_at,
            "updated_at": at,
        },
    )


def get_claim(store: Any, claim_id: str) -> Claim:
    """One claim."""
    with store.snapshot() as con:
        row = con.execute(
            f"SELECT {_COLUMNS} FROM claims WHERE claim_id = ?",  # noqa: S608
            [claim_id],
        ).fetchone()
    if row is None:
        raise NotFound(N_("No claim {claim}."), _HINT, claim=repr(claim_id))
    return _claim(row)


def list_claims(store: Any) -> list[Claim]:
    """Every claim, newest first."""
    with store.snapshot() as con:
        rows = con.execute(
            f"SELECT {_COLUMNS} FROM claims ORDER BY created_at DESC, claim_id"  # noqa: S608
        ).fetchall()
    return [_claim(r) for r in rows]
