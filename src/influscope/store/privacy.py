"""Personal data: erasing an actor everywhere, retention limits, pseudonymised exports.

Erasure cascades by column name over every table of the store — documents the
actor wrote, edges from or to them, enrichments, notes, and whatever tables
later analyses add — because a list maintained by hand would miss the next one.
The erased id is kept only as a salted hash in ``erasures`` so imports drop it
again; the salt lives in the store's ``secrets`` table and is never exported.
"""

from __future__ import annotations

import hashlib
import re
from datetime import datetime, timedelta
from typing import Any

from influscope import ids
from influscope.store.writer import Writer, _quote

ACTOR_COLUMNS = ("actor_id", "author_id", "src", "dst", "subject_id", "member_id")
DOCUMENT_COLUMNS = ("doc_id", "subject_id")
SECRET_FILE = ".influscope-secret"


def salt(writer_or_con: Any) -> str:
    """The workspace's private salt."""
    con = getattr(writer_or_con, "con", writer_or_con)
    row = con.execute("SELECT value FROM secrets WHERE name = 'salt'").fetchone()
    return str(row[0])


def actor_hash(salt_value: str, actor_id: str) -> str:
    """A salted hash of an actor id: stable within a workspace, meaningless outside it.

    Computed the same way in SQL (``sha256(salt || lower(id))``) to filter imports.
    """
    return hashlib.sha256((salt_value + actor_id.lower()).encode()).hexdigest()


def _tables_with(writer: Writer, columns: tuple[str, ...]) -> list[tuple[str, str]]:
    rows = writer.con.execute(
        "SELECT table_name, column_name FROM information_schema.columns "
        "WHERE table_schema = 'main' AND column_name IN (SELECT unnest(?))",
        [list(columns)],
    ).fetchall()
    return [
        (t, c) for t, c in rows if t not in {"erasures", "runs", "run_errors", "schema_migrations"}
    ]


def erase_actor(writer: Writer, actor_id: str, run_id: str, now: datetime) -> dict[str, int]:
    """Delete an actor and everything about them; returns rows deleted per table."""
    con = writer.con
    docs = [
        r[0]
        for r in con.execute(
            "SELECT doc_id FROM documents WHERE author_id = ?", [actor_id]
        ).fetchall()
    ]
    deleted: dict[str, int] = {}
    if docs:
        con.execute(
            "CREATE OR REPLACE TEMP TABLE _erased_docs AS SELECT unnest(?) AS doc_id", [docs]
        )
        for table, column in _tables_with(writer, DOCUMENT_COLUMNS):
            row = con.execute(
                f"DELETE FROM {_quote(table)} WHERE {_quote(column)} IN (SELECT doc_id FROM _erased_docs)"
            ).fetchone()
            deleted[table] = deleted.get(table, 0) + (int(row[0]) if row else 0)
        con.execute("DROP TABLE _erased_docs")
    for table, column in _tables_with(writer, ACTOR_COLUMNS):
        row = con.execute(
            f"DELETE FROM {_quote(table)} WHERE {_quote(column)} = ?", [actor_id]
        ).fetchone()
        deleted[table] = deleted.get(table, 0) + (int(row[0]) if row else 0)
    deleted = {t: n for t, n in deleted.items() if n}
    con.execute(
        "INSERT INTO erasures VALUES (?, ?, ?, ?, ?) ON CONFLICT DO NOTHING",
        [actor_hash(salt(writer), actor_id), now, run_id, len(docs), sum(deleted.values())],
    )
    return deleted


def purge_erased(writer: Writer) -> int:
    """Drop again what an import brought back of erased actors; returns rows deleted.

    Cheap when nothing was ever erased (one count), so imports always call it.
    """
    con = writer.con
    row = con.execute("SELECT count(*) FROM erasures").fetchone()
    if not row or not row[0]:
        return 0
    found = con.execute(
        """
        SELECT DISTINCT actor_id FROM actors
        WHERE sha256((SELECT value FROM secrets WHERE name = 'salt') || lower(actor_id))
              IN (SELECT actor_hash FROM erasures)
        UNION
        SELECT DISTINCT author_id FROM documents
        WHERE sha256((SELECT value FROM secrets WHERE name = 'salt') || lower(author_id))
              IN (SELECT actor_hash FROM erasures)
        """
    ).fetchall()
    total = 0
    for (actor_id,) in found:
        docs = [
            r[0]
            for r in con.execute(
                "SELECT doc_id FROM documents WHERE author_id = ?", [actor_id]
            ).fetchall()
        ]
        for table, column in _tables_with(writer, DOCUMENT_COLUMNS):
            if docs:
                r = con.execute(
                    f"DELETE FROM {_quote(table)} WHERE {_quote(column)} IN (SELECT unnest(?))",
                    [docs],
                ).fetchone()
                total += int(r[0]) if r else 0
        for table, column in _tables_with(writer, ACTOR_COLUMNS):
            r = con.execute(
                f"DELETE FROM {_quote(table)} WHERE {_quote(column)} = ?", [actor_id]
            ).fetchone()
            total += int(r[0]) if r else 0
    return total


def apply_retention(writer: Writer, days: int, now: datetime) -> dict[str, int]:
    """Delete documents published more than ``days`` ago, and what hangs off them."""
    cutoff = now - timedelta(days=days)
    con = writer.con
    con.execute(
        "CREATE OR REPLACE TEMP TABLE _expired AS SELECT doc_id FROM documents WHERE published_at < ?",
        [cutoff],
    )
    deleted: dict[str, int] = {}
    for table, column in _tables_with(writer, DOCUMENT_COLUMNS):
        row = con.execute(
            f"DELETE FROM {_quote(table)} WHERE {_quote(column)} IN (SELECT doc_id FROM _expired)"
        ).fetchone()
        if row and row[0]:
            deleted[table] = int(row[0])
    con.execute("DROP TABLE _expired")
    return deleted


def pseudonymise_rows(rows: list[dict[str, Any]], secret: str) -> list[dict[str, Any]]:
    """Replace actor ids, handles and names by keyed hashes; drop bios and raw records.

    Handles written in text (``@name``) are replaced too, so a pseudonymised
    export can be shared with a third party without naming people.
    """

    def pseudo(value: str) -> str:
        return f"{ids.platform_of(value)}:anon-{actor_hash(secret, value)[:16]}"

    def pseudo_handle(platform: str, handle: str) -> str:
        """The pseudonym of a handle: that of its actor id, so text and ids agree."""
        actor = ids.actor_id(platform, handle)
        return ids.split_id(pseudo(actor))[1] if actor else handle

    mention = re.compile(r"(?<![\w@])@([\w][\w.-]*\w|\w)")
    out = []
    for row in rows:
        new = dict(row)
        for column in ("actor_id", "author_id", "src", "dst"):
            value = new.get(column)
            if isinstance(value, str) and not ids.is_web(value):
                new[column] = pseudo(value)
        for column in ("handle", "name", "bio", "raw", "homepage"):
            if (
                column in new
                and new[column] is not None
                and not ids.is_web(str(new.get("actor_id", "")))
            ):
                new[column] = (
                    None
                    if column in ("bio", "raw", "homepage")
                    else actor_hash(secret, str(new[column]))[:16]
                )
        if isinstance(new.get("text"), str):
            platform = str(new.get("platform") or "x")

            def hashed(match: re.Match[str], platform: str = platform) -> str:
                return "@" + pseudo_handle(platform, match.group(1))

            new["text"] = mention.sub(hashed, new["text"])
        if isinstance(new.get("mentions"), list):
            platform = str(new.get("platform") or "x")
            new["mentions"] = [pseudo_handle(platform, m) for m in new["mentions"]]
        out.append(new)
    return out
