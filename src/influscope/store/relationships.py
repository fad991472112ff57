"""The relationship log's writes, each one audited.

Every change (a CSV import, an edit in the dashboard or the API) goes
through :func:`save` or :func:`delete` inside one transaction that also
appends to ``relationship_audit`` the row before and after, who did it and
through what (``via``): a team can always tell who wrote that a journalist was
"hostile" and when. Saving a row identical to the stored one writes nothing
and audits nothing, so importing a file twice leaves no trace the second time.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime
from typing import Any

import orjson

from influscope.errors import N_, NotFound, UsageError
from influscope.store.engine import Store
from influscope.store.writer import Writer

COLUMNS = (
    "relation_id",
    "actor_id",
    "date",
    "end_date",
    "kind",
    "collaboration",
    "horizon",
    "owner",
    "subject",
    "note",
    "next_step",
    "next_date",
    "campaign",
)
VIA = ("csv", "api", "dashboard", "cli")


@dataclass(frozen=True)
class RelationshipEntry:
    """One logged interaction with an actor (a ``relationships`` row)."""

    relation_id: str
    actor_id: str
    date: datetime
    end_date: datetime | None
    kind: str
    collaboration: str | None
    horizon: str | None
    owner: str | None
    subject: str | None
    note: str | None
    next_step: str | None
    next_date: datetime | None
    campaign: str | None
    source_run: str | None
    updated_at: datetime | None
    updated_by: str | None


@dataclass(frozen=True)
class AuditEntry:
    """One audited change of the log: who, when, through what, and the row before and after."""

    seq: int
    relation_id: str
    actor_id: str | None
    action: str
    by_user: str | None
    via: str | None
    changed_at: datetime
    before: str | None
    after: str | None


@dataclass(frozen=True)
class SaveCounts:
    """What a save did: entries created, updated, and left as they were."""

    created: int
    updated: int
    unchanged: int
    erased: int = 0  # entries about an erased actor, dropped (personal data)


def _check_via(via: str) -> None:
    if via not in VIA:
        raise UsageError(
            N_("Unknown way of editing the log: {via}."),
            N_("Use one of {choices}."),
            via=repr(via),
            choices=", ".join(VIA),
        )


def _now() -> datetime:
    return datetime.now(UTC).replace(tzinfo=None)


def _json(row: dict[str, Any] | None) -> str | None:
    if row is None:
        return None

    def default(value: Any) -> str:
        if isinstance(value, datetime | date):
            return value.isoformat()
        raise TypeError(type(value).__name__)

    return orjson.dumps({k: row.get(k) for k in COLUMNS}, default=default).decode()


def _naive(value: Any) -> Any:
    if isinstance(value, datetime) and value.tzinfo is not None:
        return value.astimezone(UTC).replace(tzinfo=None)
    return value


def _current(writer: Writer, relation_id: str) -> dict[str, Any] | None:
    cols = ", ".join(COLUMNS)
    found = writer.con.execute(
        f"SELECT {cols} FROM relationships WHERE relation_id = ?", [relation_id]
    ).fetchone()
    return dict(zip(COLUMNS, found, strict=True)) if found else None


def _audit(
    writer: Writer,
    relation_id: str,
    actor_id: str | None,
    action: str,
    by: str | None,
    via: str,
    before: dict[str, Any] | None,
    after: dict[str, Any] | None,
) -> None:
    row = writer.con.execute("SELECT coalesce(max(seq), 0) + 1 FROM relationship_audit").fetchone()
    seq = int(row[0]) if row else 1
    writer.con.execute(
        "INSERT INTO relationship_audit VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
        [seq, relation_id, actor_id, action, by, via, _now(), _json(before), _json(after)],
    )


def save(
    store: Store, rows: list[dict[str, Any]], by: str | None, via: str, run_id: str | None = None
) -> SaveCounts:
    """Create or update rows (keyed on ``relation_id``); returns created/updated/unchanged."""
    _check_via(via)
    counts = {"created": 0, "updated": 0, "unchanged": 0, "erased": 0}
    with store.transaction() as writer:
        for incoming in rows:
            row = {k: _naive(incoming.get(k)) for k in COLUMNS}
            if writer.is_erased(row["actor_id"]):
                counts["erased"] += 1
                continue
            before = _current(writer, row["relation_id"])
            if before is not None and all(before[k] == row[k] for k in COLUMNS):
                counts["unchanged"] += 1
                continue
            values = [row[k] for k in COLUMNS] + [run_id, _now(), by]
            cols = ", ".join([*COLUMNS, "source_run", "updated_at", "updated_by"])
            marks = ", ".join("?" for _ in values)
            if before is None:
                writer.con.execute(f"INSERT INTO relationships ({cols}) VALUES ({marks})", values)
                counts["created"] += 1
            else:
                sets = ", ".join(
                    f"{c} = ?" for c in [*COLUMNS[1:], "source_run", "updated_at", "updated_by"]
                )
                writer.con.execute(
                    f"UPDATE relationships SET {sets} WHERE relation_id = ?",
                    values[1:] + [row["relation_id"]],
                )
                counts["updated"] += 1
            action = "create" if before is None else "update"
            _audit(writer, row["relation_id"], row["actor_id"], action, by, via, before, row)
    return SaveCounts(**counts)


def delete(store: Store, relation_id: str, by: str | None, via: str) -> None:
    """Delete one logged interaction (raises NotFound when there is none)."""
    _check_via(via)
    with store.transaction() as writer:
        before = _current(writer, relation_id)
        if before is None:
            raise NotFound(
                N_("No relationship entry {entry}."),
                N_("List an actor's entries to find their ids."),
                entry=repr(relation_id),
            )
        writer.con.execute("DELETE FROM relationships WHERE relation_id = ?", [relation_id])
        _audit(writer, relation_id, before["actor_id"], "delete", by, via, before, None)


def entries(store: Store, actor_id: str | None = None) -> list[RelationshipEntry]:
    """Logged interactions (one actor's, or all), newest first."""
    table = store.table("relationships")
    if actor_id is not None:
        table = table.filter(table.actor_id == actor_id)
    rows = store.to_arrow(table.order_by([table.date.desc(), table.relation_id])).to_pylist()
    return [RelationshipEntry(**row) for row in rows]


def entry(store: Store, relation_id: str) -> RelationshipEntry:
    """One logged interaction (raises NotFound when there is none)."""
    table = store.table("relationships")
    rows = store.to_arrow(table.filter(table.relation_id == relation_id)).to_pylist()
    if not rows:
        raise NotFound(
            N_("No relationship entry {entry}."),
            N_("List an actor's entries to find their ids."),
            entry=repr(relation_id),
        )
    return RelationshipEntry(**rows[0])


def audit_trail(store: Store, relation_id: str | None = None) -> list[AuditEntry]:
    """The audit rows (of one entry, or all), oldest first."""
    table = store.table("relationship_audit")
    if relation_id is not None:
        table = table.filter(table.relation_id == relation_id)
    return [AuditEntry(**row) for row in store.to_arrow(table.order_by("seq")).to_pylist()]
