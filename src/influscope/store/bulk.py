"""The bulk path: canonical JSON Lines read, mapped and written by the engine itself.

Exports, the push endpoint and other tools speak the canonical field names
(see :mod:`influscope.ingest.files.generic`). For such files DuckDB parses,
converts and writes in parallel without a Python loop, which is what lets an
import keep up with DuckDB's own ``read_json``. The semantics are those of the
record path, row for row: any record the engine cannot convert exactly (an
unusual date, ``1.2k`` likes, a missing id) is handed back, by ordinal, to the
record path, which converts it or rejects it with the precise reason.

``raw`` is the verbatim record in the record path. Here every key of the file
is a canonical column, so the columns *are* the record and ``raw`` stays empty;
a file with any other key (in DuckDB's sample of the file) is not eligible and
goes through the record path, which keeps ``raw``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import duckdb

from influscope.ingest.files.generic import EXPORT_FIELDS, FIELDS
from influscope.store.ingestion import _derive_sql, _sql_string, apply_staged
from influscope.store.privacy import purge_erased
from influscope.store.writer import WriteCount, Writer, _quote

ELIGIBLE = set(FIELDS) | set(EXPORT_FIELDS) | {"source_run"}
COUNTS = ("likes", "shares", "replies", "views", "followers")


class UnreadableFile(Exception):
    """The engine cannot parse the file; the caller falls back to the record path."""


@dataclass
class BulkResult:
    """What the engine imported, and the record ordinals it left to the record path."""

    records: int = 0
    counts: dict[str, WriteCount] = field(default_factory=dict)
    fallback: list[int] = field(default_factory=list)


def probe(
    con: duckdb.DuckDBPyConnection, path: Path, mapping: dict[str, str]
) -> dict[str, str] | None:
    """Column types of a JSONL file if it can take the bulk path, else None."""
    try:
        rows = con.execute(
            "DESCRIBE SELECT * FROM read_json(?, format = 'newline_delimited')", [str(path)]
        ).fetchall()
    except duckdb.Error:
        return None
    types = {r[0]: r[1] for r in rows}
    wanted = {mapping.get(f, f): f for f in ELIGIBLE}
    if not types or any(column not in wanted for column in types):
        return None
    for list_field in ("hashtags", "mentions"):
        column = mapping.get(list_field, list_field)
        if column in types and not types[column].endswith("[]"):
            return None
    return types


def import_jsonl(
    writer: Writer,
    path: Path,
    types: dict[str, str],
    mapping: dict[str, str],
    platform: str | None,
    run_id: str,
    collected_at: Any,
    default_platform: str,
) -> BulkResult:
    """Import a probed JSONL file inside the writer's transaction."""
    con = writer.con
    q = _sql_string

    def col(name: str) -> str:
        column = mapping.get(name, name)
        if column not in types:
            return "NULL::VARCHAR"
        return _quote(column) if types[column].endswith("[]") else f"{_quote(column)}"

    columns = {c: ("VARCHAR[]" if t.endswith("[]") else "VARCHAR") for c, t in types.items()}
    spec = "{" + ", ".join(f"{q(c)}: {q(t)}" for c, t in columns.items()) + "}"
    doc_id = col("doc_id")
    plat = (
        q(platform.lower())
        if platform
        else f"lower(coalesce({col('platform')}, nullif(split_part({doc_id}, ':', 1), ''), {q(default_platform)}))"
    )
    ident = f"coalesce(nullif(trim({col('id')}), ''), nullif(trim({col('native_id')}), ''), nullif(split_part({doc_id}, ':', 2), ''))"
    handle = f"nullif(ltrim(trim({col('author')}), '@'), '')"
    author_id = f"coalesce({col('author_id')}, CASE WHEN {handle} IS NOT NULL THEN _platform || ':' || lower({handle}) END)"

    def ts(name: str) -> str:
        return f"(try_cast({col(name)} AS TIMESTAMPTZ) AT TIME ZONE 'UTC')"

    def ref(name: str) -> str:
        value = col(name)
        return (
            f"CASE WHEN {value} IS NULL OR {value} = '' THEN NULL "
            f"WHEN regexp_matches({value}, '^[a-z]+:') THEN {value} ELSE _platform || ':' || {value} END"
        )

    bad = ["_native IS NULL"]
    for name in ("published_at", "collected_at"):
        if mapping.get(name, name) in types:
            bad.append(f"({col(name)} IS NOT NULL AND {ts(name)} IS NULL)")
    for name in COUNTS:
        if mapping.get(name, name) in types:
            bad.append(
                f"({col(name)} IS NOT NULL AND coalesce(try_cast({col(name)} AS BIGINT) < 0, true))"
            )
    if mapping.get("author_verified", "author_verified") in types:
        bad.append(
            f"({col('author_verified')} IS NOT NULL AND try_cast({col('author_verified')} AS BOOLEAN) IS NULL)"
        )

    def count(name: str) -> str:
        return f"try_cast({col(name)} AS BIGINT)"

    con.execute("SET TimeZone = 'UTC'")
    collected = (
        ts("collected_at") if mapping.get("collected_at", "collected_at") in types else "NULL"
    )
    mapped = f"""
        SELECT _ordinal, ({" OR ".join(bad)}) AS _bad,
               _platform || ':' || _native AS doc_id, _platform AS platform, _native AS native_id,
               {author_id} AS author_id, {ts("published_at")} AS published_at,
               {col("text")} AS text, {col("title")} AS title, {col("url")} AS url,
               nullif({col("lang")}, '') AS lang,
               {count("likes")} AS likes, {count("shares")} AS shares,
               {count("replies")} AS replies, {count("views")} AS views,
               {ref("reply_to")} AS reply_to, {ref("repost_of")} AS repost_of, {ref("quote_of")} AS quote_of,
               {col("hashtags")}::VARCHAR[] AS hashtags, {col("mentions")}::VARCHAR[] AS mentions,
               NULL::VARCHAR AS raw, {q(run_id)} AS source_run,
               coalesce({collected}, {q(str(collected_at))}::TIMESTAMP) AS collected_at,
               {handle} AS _handle, {col("author_name")} AS _name, {col("author_bio")} AS _bio,
               {col("author_homepage")} AS _homepage,
               try_cast({col("author_verified")} AS BOOLEAN) AS _verified,
               {count("followers")} AS _followers
        FROM (
            SELECT row_number() OVER () AS _ordinal, {plat} AS _platform, {ident} AS _native, *
            FROM read_json({q(str(path))}, format = 'newline_delimited', columns = {spec})
        )
    """
    try:
        # One pass: parse, convert, flag, extract entities, materialise.
        con.execute("CREATE OR REPLACE TEMP TABLE _bulk_all AS " + _derive_sql(f"({mapped})"))
    except duckdb.Error as exc:
        raise UnreadableFile(str(exc)) from exc
    result = BulkResult()
    row = con.execute("SELECT count(*) FROM _bulk_all").fetchone()
    result.records = int(row[0]) if row else 0
    result.fallback = [
        r[0] for r in con.execute("SELECT _ordinal FROM _bulk_all WHERE _bad ORDER BY 1").fetchall()
    ]
    con.execute(
        "CREATE OR REPLACE TEMP VIEW _staged_docs AS SELECT * FROM _bulk_all WHERE NOT _bad"
    )
    result.counts["actors"] = writer.upsert_from(
        "actors",
        """(SELECT author_id AS actor_id, platform, _handle AS handle, _name AS name, _bio AS bio,
                   _followers AS followers, _homepage AS homepage, _verified AS verified,
                   source_run, collected_at
            FROM _staged_docs WHERE author_id IS NOT NULL
            QUALIFY row_number() OVER (PARTITION BY author_id ORDER BY published_at DESC NULLS LAST) = 1)""",
        [
            "actor_id",
            "platform",
            "handle",
            "name",
            "bio",
            "followers",
            "homepage",
            "verified",
            "source_run",
            "collected_at",
        ],
        newer="collected_at",
    )
    for table, value in apply_staged(writer, run_id).items():
        result.counts[table] = result.counts.get(table, WriteCount()) + value
    con.execute("DROP VIEW IF EXISTS _staged_docs")
    con.execute("DROP TABLE IF EXISTS _bulk_all")
    purge_erased(writer)
    return result
