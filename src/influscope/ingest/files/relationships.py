"""The relationship log as a CSV file: contacts, meetings and campaigns with an actor.

One row per interaction the team had with an actor::

    actor_id,date,kind,collaboration,horizon,owner,subject,note,next_step,next_date,campaign,end_date
    twitter:maelle_cobot,2026-09-03,meeting,organic,durable,relations-presse,Visite d'usine,,Inviter au salon,2026-10-15,,

``kind`` is contact, meeting, campaign, event or other (French spellings
accepted: rencontre, réunion, campagne, événement…); ``collaboration`` paid
or organic (rémunéré / organique); ``horizon`` durable or one-shot
(durable / ponctuel). Only ``actor_id``, ``date`` and ``kind`` are required.
A bad row is reported with its line and field and the others still land.
Each row gets a stable ``relation_id`` (given in the file, or derived from
actor, date, kind and owner) so importing the same file twice changes nothing.
"""

from __future__ import annotations

import hashlib
from pathlib import Path
from typing import Any

from influscope.errors import N_, Phrase
from influscope.ingest.batch import FieldError
from influscope.ingest.files.actor_tables import REQUIRED_ACTOR, TableRead, table_rows
from influscope.ingest.values import to_utc
from influscope.model import RowError

KINDS = ("contact", "meeting", "campaign", "event", "other")
COLLABORATIONS = ("paid", "organic")
HORIZONS = ("durable", "one-shot")
ALIASES = {
    "kind": {
        "rencontre": "meeting",
        "réunion": "meeting",
        "reunion": "meeting",
        "rendez-vous": "meeting",
        "campagne": "campaign",
        "événement": "event",
        "evenement": "event",
        "prise de contact": "contact",
        "autre": "other",
    },
    "collaboration": {
        "rémunéré": "paid",
        "remunere": "paid",
        "payant": "paid",
        "sponsored": "paid",
        "organique": "organic",
        "gratuit": "organic",
        "unpaid": "organic",
    },
    "horizon": {
        "ponctuel": "one-shot",
        "one shot": "one-shot",
        "oneshot": "one-shot",
        "long terme": "durable",
        "long-term": "durable",
    },
}
ALLOWED = {"kind": KINDS, "collaboration": COLLABORATIONS, "horizon": HORIZONS}
TEXT_FIELDS = ("owner", "subject", "note", "next_step", "campaign")


def relation_id(actor_id: str, date: str, kind: str, owner: str) -> str:
    """A stable id for a logged interaction (so a re-import updates, never duplicates)."""
    key = "\x1f".join((actor_id, date, kind, owner)).encode()
    return "rel-" + hashlib.sha256(key).hexdigest()[:16]


def choice(field: str, value: str) -> str | None:
    """The canonical value of a choice field, or None when it is not one."""
    text = value.strip().lower()
    text = ALIASES.get(field, {}).get(text, text)
    return text if text in ALLOWED[field] else None


def check_row(
    row: dict[str, str], where: str, line: int
) -> tuple[dict[str, Any] | None, RowError | None]:
    """One relationship row checked and normalised, or the error naming its field."""
    actor = (row.get("actor_id") or "").strip().lower()
    if not actor:
        return None, RowError(where, line, "actor_id", REQUIRED_ACTOR)
    out: dict[str, Any] = {"actor_id": actor}
    for name in ("date", "next_date", "end_date"):
        text = (row.get(name) or "").strip()
        if not text:
            if name == "date":
                return None, RowError(where, line, "date", Phrase(N_("date is required")))
            out[name] = None
            continue
        try:
            out[name] = to_utc(text)
        except (TypeError, ValueError) as exc:
            return None, RowError(where, line, name, FieldError.of(name, exc).reason)
    for name in ("kind", "collaboration", "horizon"):
        text = (row.get(name) or "").strip()
        if not text:
            if name == "kind":
                required = Phrase(N_("kind is required ({allowed})"), allowed=", ".join(KINDS))
                return None, RowError(where, line, "kind", required)
            out[name] = None
            continue
        value = choice(name, text)
        if value is None:
            allowed = ", ".join(ALLOWED[name])
            return None, RowError(
                where,
                line,
                name,
                Phrase(
                    N_("not a {field}: {value} (use {allowed})"),
                    field=name,
                    value=repr(text),
                    allowed=allowed,
                ),
            )
        out[name] = value
    for name in TEXT_FIELDS:
        out[name] = (row.get(name) or "").strip() or None
    given = (row.get("relation_id") or "").strip()
    out["relation_id"] = given or relation_id(
        actor, out["date"].isoformat(), out["kind"], out["owner"] or ""
    )
    return out, None


REQUIRED = ("actor_id", "date", "kind")


def read_relationships(path: Path, encoding: str | None = None) -> TableRead:
    """The rows of a relationship-log CSV (see module doc) and the rejected ones.

    Read like the other actor tables (:func:`~influscope.ingest.files.actor_tables.table_rows`):
    decoded in the declared or detected encoding, a damaged or misfit row
    rejected alone at the line it starts on.
    """
    out = TableRead()
    rows, name = table_rows(path, REQUIRED, encoding, out)
    for line, row in rows:
        checked, error = check_row(row, name, line)
        if error is not None:
            out.errors.append(error)
        elif checked is not None:
            out.rows.append(checked)
    return out
