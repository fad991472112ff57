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

from influscope import ids
from influscope.ingest.files.generic import EXPORT_FIELDS, FIELDS
from influscope.store.engine import Store
from influscope.store.ingestion import _derive_sql, _sql_string, apply_staged
from influscope.store.privacy import purge_erased
from influscope.store.writer import WriteCount, Writer, _quote

# Expanded links are explicit link rows, which only the record path writes.
ELIGIBLE = (set(FIELDS) - {"links"}) | set(EXPORT_FIELDS) | {"source_run"}
COUNTS = ("likes", "shares", "replies", "views", "followers")
REFERENCES = ("reply_to", "repost_of", "quote_of")
# An id the record path reads as a number (``123.0`` -> ``123``, ``1.5e+17`` ->
# digits): the engine, which reads every column as text, leaves it to that path.
NUMERIC_ID_RE = r"^\d+\.0$|^[0-9.]+[eE][+-]?\d+$"


# What DuckDB raises on a line it cannot parse or a value it cannot convert;
# any other engine error is a bug and propagates.
FILE_ERRORS = (duckdb.InvalidInputException, duckdb.ConversionException)


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


class _Mapping:
    """SQL for the canonical fields of a probed file (its columns and the ``--map``)."""

    def __init__(
        self,
        path: Path,
        types: dict[str, str],
        mapping: dict[str, str],
        platform: str | None,
        default_platform: str,
        run_id: str,
        collected_at: Any,
    ) -> None:
        self.path = path
        self.types = types
        self.mapping = mapping
        self.run_id = run_id
        self.collected_at = collected_at
        q = _sql_string
        doc_id = self.col("doc_id")
        self.platform = (
            q(platform.lower())
            if platform
            else f"lower(coalesce({self.col('platform')}, nullif({ids.platform_of_sql(doc_id)}, ''), {q(default_platform)}))"
        )
        self.native = (
            f"coalesce(nullif({ids.trim_sql(self.col('id'))}, ''), "
            f"nullif({ids.trim_sql(self.col('native_id'))}, ''), nullif({ids.native_of_sql(doc_id)}, ''))"
        )

    def has(self, name: str) -> bool:
        return self.mapping.get(name, name) in self.types

    def col(self, name: str) -> str:
        """The file column holding a canonical field, or a typed NULL."""
        column = self.mapping.get(name, name)
        return _quote(column) if column in self.types else "NULL::VARCHAR"

    def ts(self, name: str) -> str:
        """A timestamp field in UTC, parsed once per row by :meth:`source`."""
        return {"published_at": "_published", "collected_at": "_collected"}[name]

    def _parse_ts(self, name: str) -> str:
        return f"(try_cast({self.col(name)} AS TIMESTAMPTZ) AT TIME ZONE 'UTC')"

    def count(self, name: str) -> str:
        return f"try_cast({self.col(name)} AS BIGINT)"

    def ref(self, name: str) -> str:
        return ids.doc_ref_sql("_platform", self.col(name))

    def handle(self) -> str:
        return f"nullif({ids.bare_handle_sql(self.col('author'))}, '')"

    def author_id(self) -> str:
        return f"coalesce({self.col('author_id')}, {ids.actor_id_sql('_platform', self.col('author'))})"

    def bad(self) -> str:
        """True for a record the engine cannot convert exactly (the record path explains it)."""
        bad = ["_native IS NULL", f"regexp_matches(_native, {_sql_string(NUMERIC_ID_RE)})"]
        for name in REFERENCES:
            if self.has(name):
                bad.append(
                    f"coalesce(regexp_matches({ids.trim_sql(self.col(name))}, "
                    f"{_sql_string(NUMERIC_ID_RE)}), false)"
                )
        for name in ("published_at", "collected_at"):
            if self.has(name):
                bad.append(f"({self.col(name)} IS NOT NULL AND {self.ts(name)} IS NULL)")
        for name in COUNTS:
            if self.has(name):
                bad.append(
                    f"({self.col(name)} IS NOT NULL AND coalesce({self.count(name)} < 0, true))"
                )
        if self.has("author_verified"):
            bad.append(
                f"({self.col('author_verified')} IS NOT NULL AND try_cast({self.col('author_verified')} AS BOOLEAN) IS NULL)"
            )
        return "(" + " OR ".join(bad) + ")"

    def collected(self) -> str:
        stamp = self.ts("collected_at") if self.has("collected_at") else "NULL"
        return f"coalesce({stamp}, {_sql_string(str(self.collected_at))}::TIMESTAMP)"

    def source(self, columns: set[str] | None = None) -> str:
        """The file read by DuckDB, with ``_platform`` and ``_native``.

        ``columns`` limits the parsed columns: DuckDB's JSON reader then skips
        the others, which is what makes the narrow first pass cheap.
        """
        q = _sql_string
        kept = {c: t for c, t in self.types.items() if columns is None or c in columns}
        spec = (
            "{"
            + ", ".join(
                f"{q(c)}: {q('VARCHAR[]' if t.endswith('[]') else 'VARCHAR')}"
                for c, t in kept.items()
            )
            + "}"
        )
        return f"""(SELECT {self.platform} AS _platform, {self.native} AS _native,
                   {self._parse_ts("published_at")} AS _published,
                   {self._parse_ts("collected_at")} AS _collected, *
            FROM read_json({q(str(self.path))}, format = 'newline_delimited', columns = {spec}))"""

    def narrow(self) -> set[str]:
        """The file's columns other than text and lists: cheap to parse."""
        wide = {self.mapping.get(f, f) for f in ("text", "title", "url", "hashtags", "mentions")}
        return {c for c in self.types if c not in wide}

    def profile(self) -> dict[str, str]:
        """The author profile fields the file has: actors column -> SQL."""
        fields = {
            "author": ("handle", self.handle()),
            "author_name": ("name", self.col("author_name")),
            "author_bio": ("bio", self.col("author_bio")),
            "followers": ("followers", self.count("followers")),
            "author_homepage": ("homepage", self.col("author_homepage")),
            "author_verified": ("verified", f"try_cast({self.col('author_verified')} AS BOOLEAN)"),
            "collected_at": ("collected_at", self.collected()),
        }
        return {column: sql for name, (column, sql) in fields.items() if self.has(name)}

    def meta(self) -> str:
        """One narrow row per record: bad flag, key, author and profile (no text).

        No ordinal here: numbering rows makes DuckDB run the query on one
        thread; :meth:`ordinals` numbers them only when some record is bad.
        """
        profile = "".join(f", {sql} AS {column}" for column, sql in self.profile().items())
        return f"""
            SELECT {self.bad()} AS _bad, {ids.doc_id_sql("_platform", "_native")} AS doc_id,
                   _platform AS platform, {self.author_id()} AS author_id,
                   {self.ts("published_at")} AS published_at{profile}
            FROM {self.source(self.narrow())}
        """

    def ordinals(self) -> str:
        """The ordinals (1-based, in file order) of the bad records."""
        return f"""
            SELECT _ordinal FROM (
                SELECT row_number() OVER () AS _ordinal, {self.bad()} AS _bad
                FROM {self.source(self.narrow())}
            ) WHERE _bad ORDER BY 1
        """

    def documents(self) -> str:
        """The good records as documents rows (mentions/hashtags still as given)."""
        q = _sql_string
        return f"""
            SELECT {ids.doc_id_sql("_platform", "_native")} AS doc_id, _platform AS platform, _native AS native_id,
                   {self.author_id()} AS author_id, {self.ts("published_at")} AS published_at,
                   {self.col("text")} AS text, {self.col("title")} AS title, {self.col("url")} AS url,
                   nullif({self.col("lang")}, '') AS lang,
                   {self.count("likes")} AS likes, {self.count("shares")} AS shares,
                   {self.count("replies")} AS replies, {self.count("views")} AS views,
                   {self.ref("reply_to")} AS reply_to, {self.ref("repost_of")} AS repost_of,
                   {self.ref("quote_of")} AS quote_of,
                   {self.col("hashtags")}::VARCHAR[] AS hashtags, {self.col("mentions")}::VARCHAR[] AS mentions,
                   NULL::VARCHAR AS raw, {q(self.run_id)} AS source_run, {self.collected()} AS collected_at
            FROM {self.source()}
            WHERE NOT {self.bad()}
        """


# A document implies links, actors or edges only with one of these (its author
# is already an actor here); the others need not be staged.
IMPLIES_SOMETHING = """(len(mentions) > 0 OR contains(coalesce(text, ''), '://')
    OR starts_with(text, 'RT @') OR reply_to IS NOT NULL OR repost_of IS NOT NULL
    OR quote_of IS NOT NULL OR (platform = 'web' AND url IS NOT NULL))"""

STAGED_COLUMNS = (
    "doc_id, platform, author_id, published_at, text, url, mentions, reply_to, repost_of, "
    "quote_of, source_run, collected_at"
)


def import_jsonl(
    store: Store,
    path: Path,
    types: dict[str, str],
    mapping: dict[str, str],
    platform: str | None,
    run_id: str,
    collected_at: Any,
    default_platform: str,
) -> BulkResult:
    """Import a probed JSONL file; see the module docstring.

    A narrow first pass (no text) flags the records the engine cannot convert
    and collects author profiles; only when some record is bad is the file
    read again to number them for the record path. When every good record is
    new to the store, the documents go from the file into the table in one pass
    and are committed, then what they imply is derived from the committed rows
    in a second transaction (DuckDB scans a transaction's own uncommitted rows
    on one thread). A kill between the two leaves the run resumable: the same
    command again finds the documents stored, takes the upsert path and
    derives the rest. Otherwise the documents are staged and upserted like any
    batch, everything in one transaction.

    Raises:
        UnreadableFile: the engine cannot read the file (nothing was written).
    """
    spec = _Mapping(path, types, mapping, platform, default_platform, run_id, collected_at)
    result = BulkResult()
    try:
        with store.transaction() as writer:
            _set_order(writer, preserve=False)
            fresh = _load(writer, spec, result)
            if not fresh:
                _derive(writer, run_id, result, documents=True)
        if fresh:
            with store.transaction() as writer:
                _stage_written(writer, run_id)
                _derive(writer, run_id, result, documents=False)
    finally:
        with store.lock:
            _set_order(store, preserve=True)
            store.con.execute("DROP TABLE IF EXISTS _bulk_meta")
            store.con.execute("DROP TABLE IF EXISTS _staged_docs")
    return result


def _set_order(holder: Any, preserve: bool) -> None:
    """Whether results keep insertion order (an import needs no order: more parallel scans)."""
    holder.con.execute(f"SET preserve_insertion_order = {'true' if preserve else 'false'}")


def _load(writer: Writer, spec: _Mapping, result: BulkResult) -> bool:
    """The narrow pass, the documents and the author profiles; True if the fast path ran."""
    con = writer.con
    con.execute("SET TimeZone = 'UTC'")
    try:
        con.execute("CREATE OR REPLACE TEMP TABLE _bulk_meta AS " + spec.meta())
        row = con.execute("SELECT count(*), count(*) FILTER (_bad) FROM _bulk_meta").fetchone()
        result.records = int(row[0]) if row else 0
        if row and row[1]:
            result.fallback = [r[0] for r in con.execute(spec.ordinals()).fetchall()]
        fresh = _all_new(writer, spec.run_id)
        if fresh:
            result.counts["documents"] = _insert_documents(writer, spec)
        else:
            con.execute(
                "CREATE OR REPLACE TEMP TABLE _staged_docs AS "
                + _derive_sql(f"({spec.documents()})")
            )
    except FILE_ERRORS as exc:
        raise UnreadableFile(str(exc)) from exc
    _add(result, {"actors": _upsert_profiles(writer, spec)})
    purge_erased(writer)
    return fresh


def _upsert_profiles(writer: Writer, spec: _Mapping) -> WriteCount:
    """Upsert the latest profile of each author.

    Only the fields the file has are written (the others stay as stored); the
    latest is picked by arg_max, an aggregate, cheaper than a window.
    """
    latest = "coalesce(published_at, '-infinity'::TIMESTAMP)"
    profile = list(spec.profile())
    picked = "".join(f", arg_max({c}, {latest}) AS {c}" for c in profile)
    if "collected_at" not in profile:
        picked += f", {spec.collected()} AS collected_at"
    return writer.upsert_from(
        "actors",
        f"""(SELECT author_id AS actor_id, any_value(platform) AS platform{picked},
                   {_sql_string(spec.run_id)} AS source_run
            FROM _bulk_meta WHERE author_id IS NOT NULL AND NOT _bad GROUP BY author_id)""",
        [
            "actor_id",
            "platform",
            *[c for c in profile if c != "collected_at"],
            "collected_at",
            "source_run",
        ],
        newer="collected_at",
        unique=True,
    )


def _stage_written(writer: Writer, run_id: str) -> None:
    """Stage the documents this run wrote that imply links, actors or edges."""
    writer.con.execute(
        "CREATE OR REPLACE TEMP TABLE _staged_docs AS SELECT * EXCLUDE (text) FROM ("
        + _derive_sql(
            f"(SELECT {STAGED_COLUMNS} FROM documents "
            f"WHERE source_run = {_sql_string(run_id)} AND {IMPLIES_SOMETHING})",
            fill=False,
        )
        + ")"
    )


def _derive(writer: Writer, run_id: str, result: BulkResult, documents: bool) -> None:
    """Upsert the staged documents (if ``documents``) and what they imply."""
    _add(result, apply_staged(writer, run_id, documents=documents, authors=False))
    purge_erased(writer)


def _add(result: BulkResult, counts: dict[str, WriteCount]) -> None:
    for table, value in counts.items():
        result.counts[table] = result.counts.get(table, WriteCount()) + value


def _all_new(writer: Writer, run_id: str) -> bool:
    """Whether the good records can go straight into ``documents``.

    True when their ids are distinct, none is stored yet, and this run has
    written no document before (so the run's rows are exactly this file's).
    """
    con = writer.con
    row = con.execute(
        "SELECT count(*) = count(DISTINCT doc_id) FROM _bulk_meta WHERE NOT _bad"
    ).fetchone()
    if not (row and row[0]):
        return False
    row = con.execute(
        "SELECT EXISTS (SELECT 1 FROM documents WHERE source_run = ?)", [run_id]
    ).fetchone()
    if row and row[0]:
        return False
    row = con.execute(
        "SELECT NOT EXISTS (SELECT 1 FROM documents) OR NOT EXISTS ("
        "SELECT 1 FROM _bulk_meta m JOIN documents d USING (doc_id) WHERE NOT m._bad)"
    ).fetchone()
    return bool(row and row[0])


def _insert_documents(writer: Writer, spec: _Mapping) -> WriteCount:
    """Insert the file's good records as documents, mentions and hashtags filled from text."""
    cols = ", ".join(_quote(c) for c in writer.columns("documents"))
    row = writer.con.execute(
        f"INSERT INTO documents ({cols}) SELECT {cols} FROM ({_derive_sql(f'({spec.documents()})', derived=False)})"
    ).fetchone()
    return WriteCount(int(row[0]) if row else 0)
