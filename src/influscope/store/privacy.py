"""Personal data: erasing an actor everywhere, retention limits, pseudonymised exports.

Erasure cascades by column name over every table of the store — documents the
actor wrote, edges from or to them, enrichments, notes, and whatever tables
later analyses add — because a list maintained by hand would miss the next one.
The erased id is kept only as a salted hash in ``erasures`` so imports drop it
again; the salt lives in the store's ``secrets`` table and is never exported.
"""

from __future__ import annotations

import hashlib
from datetime import datetime, timedelta
from typing import Any

from influscope.model import DOCUMENT_ID_COLUMNS
from influscope.store import erasure
from influscope.store.erasure import columns_named
from influscope.store.writer import Writer, _quote

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


def erase_actor(writer: Writer, actor_id: str, run_id: str, now: datetime) -> dict[str, int]:
    """Delete an actor and everything about them; returns rows deleted per table.

    Text elsewhere that names them is scrubbed too (:mod:`influscope.store.erasure`);
    the salted hash of the id joins ``erasures`` so later writes drop them.
    """
    traces, deleted = erasure.erase(writer, actor_id)
    secret = salt(writer)
    writer.con.execute(
        "INSERT INTO erasures VALUES (?, ?, ?, ?, ?) ON CONFLICT DO NOTHING",
        [actor_hash(secret, actor_id), now, run_id, len(traces.documents), sum(deleted.values())],
    )
    # Their names too, hashed (a row with no counts): re-imported posts that
    # write the name beside a mention of them are scrubbed of it again.
    for words in erasure.remembered_names(traces):
        writer.con.execute(
            "INSERT INTO erasures VALUES (?, ?, ?, NULL, NULL) ON CONFLICT DO NOTHING",
            [erasure.name_hash(secret, words), now, run_id],
        )
    return deleted


def purge_erased(writer: Writer, run_id: str | None = None) -> int:
    """Erase again whoever an import brought back; returns rows deleted.

    Rows written through the writer already drop erased actors; this catches
    the documents the bulk path writes straight from a file and the erased
    handles other people's posts mention (their text is scrubbed). With
    ``run_id`` only that run's documents are looked at. Cheap when nothing was
    ever erased (one count), so imports always call it.
    """
    con = writer.con
    row = con.execute("SELECT count(*) FROM erasures").fetchone()
    if not row or not row[0]:
        return 0
    total = 0
    secret = salt(writer)
    hashes = {str(r[0]) for r in con.execute("SELECT actor_hash FROM erasures").fetchall()}
    if writer.erased_documents:
        # The writer dropped these documents; links or labels derived from them may not be.
        for table, column in columns_named(con, DOCUMENT_ID_COLUMNS):
            total += writer.delete(table, column, sorted(writer.erased_documents))
    scope = "WHERE source_run = ?" if run_id else ""
    params = [run_id] * 2 if run_id else []
    found = con.execute(
        f"""
        WITH ids AS (
            SELECT actor_id AS id FROM actors
            UNION SELECT author_id FROM (SELECT author_id FROM documents {scope})
            UNION SELECT platform || ':' || lower(m) FROM
                (SELECT platform, unnest(mentions) AS m FROM documents {scope})
        )
        SELECT DISTINCT id FROM ids
        WHERE sha256((SELECT value FROM secrets WHERE name = 'salt') || lower(id))
              IN (SELECT actor_hash FROM erasures)
        ORDER BY id
        """,
        params,
    ).fetchall()
    for (actor_id,) in found:
        traces = erasure.traces_of(writer, str(actor_id))
        if traces.handles:
            # Posts that mention them may write their name beside the mention.
            handle = sorted(traces.handles)[0]
            texts = con.execute(
                f"SELECT text FROM (SELECT text FROM documents {scope}) "
                "WHERE contains(lower(text), ?)",
                [*params[:1], handle.lower()],
            ).fetchall()
            traces.names |= erasure.names_in((str(r[0]) for r in texts), hashes, secret)
        _, deleted = erasure.erase(writer, str(actor_id), traces)
        total += sum(deleted.values())
    return total


def retention_plan(con: Any, days: int, now: datetime) -> tuple[datetime, dict[str, int]]:
    """What :func:`apply_retention` would delete: the cutoff and rows per table (no write)."""
    cutoff = now - timedelta(days=days)
    expired = "SELECT doc_id FROM documents WHERE published_at < ?"
    planned: dict[str, int] = {}
    for table, column in columns_named(con, DOCUMENT_ID_COLUMNS):
        row = con.execute(
            f"SELECT count(*) FROM {_quote(table)} WHERE {_quote(column)} IN ({expired})",
            [cutoff],
        ).fetchone()
        if row and row[0]:
            planned[table] = planned.get(table, 0) + int(row[0])
    return cutoff, planned


def apply_retention(writer: Writer, days: int, now: datetime) -> dict[str, int]:
    """Delete documents published more than ``days`` ago, and what hangs off them."""
    cutoff = now - timedelta(days=days)
    con = writer.con
    con.execute(
        "CREATE OR REPLACE TEMP TABLE _expired AS SELECT doc_id FROM documents WHERE published_at < ?",
        [cutoff],
    )
    deleted: dict[str, int] = {}
    for table, column in columns_named(con, DOCUMENT_ID_COLUMNS):
        row = con.execute(
            f"DELETE FROM {_quote(table)} WHERE {_quote(column)} IN (SELECT doc_id FROM _expired)"
        ).fetchone()
        if row and row[0]:
            deleted[table] = deleted.get(table, 0) + int(row[0])
    con.execute("DROP TABLE _expired")
    return deleted
