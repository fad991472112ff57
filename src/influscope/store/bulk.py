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
from datetime import datetime
from pathlib import Path
from typing import Any

import duckdb

from influscope import ids
from influscope.ingest.escapes import unescape_sql
from influscope.ingest.files.generic import EXPORT_FIELDS, FIELDS, PLATFORM_PATTERN
from influscope.store.binding import bound
from influscope.store.engine import Store
from influscope.store.ingestion import _derive_sql, _sql_string, apply_staged
from influscope.store.privacy import purge_erased
from influscope.store.writer import WriteCount, Writer, _quote

# Expanded links are explicit link rows, which only the record path writes.
ELIGIBLE = (set(FIELDS) - {"links"}) | set(EXPORT_FIELDS) | {"source_run"}
COUNTS = ("likes", "shares", "replies", "views", "followers")
TEXTS = ("text", "title", "url", "lang", "author_name", "author_bio", "author_homepage")
# The instants Python (and so the record path) can hold.
FIRST, LAST = datetime.min, datetime.max
# Times the engine parses as the record path does: plain ISO 8601, µs at most.
ISO_TIME = (
    r"[0-9]{4}-[0-9]{2}-[0-9]{2}"
    r"([T ]([01][0-9]|2[0-3]):[0-5][0-9](:[0-5][0-9](\.[0-9]{1,6})?)?"
    r"(Z|[+-]([01][0-9]|2[0-3])(:?[0-5][0-9])?)?)?"
)
# A doc_id both paths split the same way: platform, one colon, the native id.
DOC_ID_SHAPE = r"[^:\s\pZ]+:[^:\s\pZ][^:]*"
# Identifier text the record path reads differently: a control character, white
# space at an end, a JSON object or list.
ODD_ID = r"[\x{00}-\x{1f}\x{7f}-\x{9f}]|^[\s\pZ]|[\s\pZ]$|^[\[{]"
# A number the record path rewrites (``123.0`` -> ``123``, ``5.7e+17`` -> digits).
FLOAT_LIKE = r"[-+]?[0-9]*\.[0-9]*([eE][-+]?[0-9]+)?|[-+]?[0-9.]+[eE][-+]?[0-9]+"
# A reference whose platform prefix is not ASCII (Python's isalpha is Unicode's).
NON_ASCII_HEAD = r"^[^:]*[^\x{00}-\x{7f}][^:]*:"
# What Python's str.strip() removes: text of only these is no text.
BLANK = r"[\s\pZ\x{0b}\x{1c}-\x{1f}\x{85}]*"


# The profile texts ``_bulk`` keeps under their ``actors`` column name.
STAGED_PROFILE = {"author_name": "name", "author_bio": "bio", "author_homepage": "homepage"}


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
        rows = bound(
            con, "DESCRIBE SELECT * FROM read_json(?, format = 'newline_delimited')", [str(path)]
        ).fetchall()
    except duckdb.Error:
        return None
    types = {r[0]: r[1] for r in rows}
    wanted = {mapping.get(f, f): f for f in ELIGIBLE}
    if not types or any(column not in wanted for column in types):
        return None
    lists = {mapping.get(f, f) for f in ("hashtags", "mentions")}
    for column, kind in types.items():
        # Lists where lists belong, and nowhere else (a "text" that is a list
        # in every sampled row is the record path's to read).
        if (column in lists) != kind.endswith("[]"):
            return None
    return types


def _odd_id(value: str, numbers: bool = True) -> str:
    """SQL: an identifier the record path would read differently or reject (see ``bad``)."""
    # One regex pass per value: the float shapes, anchored, join the odd ones.
    pattern = f"{ODD_ID}|^(?:{FLOAT_LIKE})$" if numbers else ODD_ID
    odd = f"regexp_matches({value}, {_sql_string(pattern)}) OR {value} IN ('true', 'false')"
    return f"coalesce({odd}, false)"


def _text(value: str) -> str:
    """SQL: a text value, NULL when it is white space alone (as the record path reads it).

    A value starting with a visible ASCII character is no blank: the regex only
    runs on the others (it cost a tenth of a second per million texts). That
    first byte is tested by comparing the strings (bytes, no collation): a
    value is ``>= '!'`` and ``< chr(127)`` exactly when its first byte is
    33-126; ``ord(left(…))`` decoded the first character (twice the CPU of
    this test, measured on 1M texts: 0.145 -> 0.072 s).
    """
    return (
        f"CASE WHEN {value} >= '!' AND {value} < chr(127) THEN {value} "
        f"WHEN regexp_full_match({value}, {_sql_string(BLANK)}) THEN NULL ELSE {value} END"
    )


def _items(value: str) -> str:
    """SQL: a list column without its null items (as the record path reads it)."""
    return f"list_filter({value}::VARCHAR[], x -> x IS NOT NULL)"


def _good_doc_id(platform: str, native: str) -> str:
    """SQL: :func:`influscope.ids.doc_id_sql` for the values of a good record.

    The ids module trims white space off every id, which costs (a third of a
    second of CPU per million records here, the checks inlined at each use).
    On the bulk path the trims are the identity for every record that is kept:
    :meth:`_Mapping.bad` flags each identifier with white space or a control
    character at an end (:data:`ODD_ID`) and each platform that is no platform
    name (lower case already), and a flagged record's values are never read.
    So the ids of good records are built from the values as they are, and the
    bulk/record equivalence tests pin them equal to the record path's.
    """
    return f"({platform} || ':' || {native})"


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
        # Whether some bad record holds a NUL in a text or list (known after staging).
        self.nul = False
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
        self.fixed_platform = bool(platform)
        self.native = f"coalesce({self.given_id()}, nullif({ids.native_of_sql(doc_id)}, ''))"

    def given_id(self) -> str:
        """The native id the file's ``id`` or ``native_id`` column gives, or NULL.

        Untrimmed, as every id below: see :func:`_good_doc_id`.
        """
        return f"coalesce(nullif({self.col('id')}, ''), nullif({self.col('native_id')}, ''))"

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
        # The instant as a UTC wall time. From its microseconds since the epoch,
        # not ``AT TIME ZONE 'UTC'``: same value, without ICU's time-zone
        # conversion (a quarter of the cost, measured on 1M values).
        return f"make_timestamp(epoch_us(try_cast({self.col(name)} AS TIMESTAMPTZ)))"

    def count(self, name: str) -> str:
        return f"try_cast({self.col(name)} AS BIGINT)"

    def ref(self, name: str) -> str:
        value = self.col(name)
        return (
            f"(CASE WHEN {value} = '' THEN NULL WHEN regexp_matches({value}, '^[a-z]+:') "
            f"THEN {value} ELSE {_good_doc_id('_platform', value)} END)"
        )

    def handle(self) -> str:
        return f"nullif(ltrim({self.col('author')}, '@'), '')"

    def author_id(self) -> str:
        handle = f"nullif(lower(ltrim({self.col('author')}, '@')), '')"
        return f"coalesce({self.col('author_id')}, _platform || ':' || {handle})"

    def nul_tests(self, staged: bool = False) -> list[str]:
        r"""SQL tests: a text or list item holds NUL (``\u0000``).

        Of the file's columns, or with ``staged`` of ``_bulk``'s, which keeps
        each text and list of the file under its canonical name (the profile's
        texts under their ``actors`` column name, see :meth:`profile`).
        """

        def column(name: str) -> str:
            return _quote(STAGED_PROFILE.get(name, name)) if staged else self.col(name)

        tests = [
            f"coalesce(contains({column(name)}, chr(0)), false)" for name in TEXTS if self.has(name)
        ]
        for name in ("hashtags", "mentions"):
            if self.has(name):
                tests.append(
                    f"coalesce(list_bool_or(list_transform({column(name)},"
                    " x -> contains(x, chr(0)))), false)"
                )
        return tests

    def bad(self, text: bool = True) -> str:
        r"""True for a record the engine cannot map exactly as the record path does.

        Such a record is handed to the record path, which maps it or rejects it
        with the precise reason: the rules here only need to be conservative.
        Flagged: a missing id; a platform that is no platform name; ids with a
        control character, white space at an end, or a JSON value that is no
        plain text (an object, a list, a boolean, a number written as a float);
        a ``doc_id`` the record path would split otherwise; a time that is not
        plain ISO 8601 or falls outside years 1–9999 in UTC; a count that is not
        plain digits within 64 bits; a boolean other than true/false/1/0; text
        or a list item with NUL (with ``text``: the staging pass reads the text
        anyway and a NUL test is a memchr; the narrow pass of :meth:`ordinals`
        reads the text only when a staged bad record has a NUL, see
        :func:`_bad_nul`, which replaced a scan of the whole file in Python).
        Text needs no other flag: DuckDB writes a JSON number, boolean, object
        or list read as text as the record path does (:func:`_as_text` in
        :mod:`influscope.ingest.files.generic`), and :func:`_text` reads white
        space alone as no text, as ``to_text`` does.
        """
        bad = [
            "_native IS NULL",
            f"NOT regexp_full_match(_platform, {_sql_string(PLATFORM_PATTERN)})",
        ]
        for name in ("id", "native_id", "author", "author_id"):
            if self.has(name):
                bad.append(_odd_id(self.col(name)))
        if self.has("doc_id"):
            # Split only when it names the platform or the native id.
            doc_id, used = self.col("doc_id"), [f"{self.given_id()} IS NULL"]
            if not self.fixed_platform:
                used.append(f"{self.col('platform')} IS NULL")
            bad.append(
                f"({_odd_id(doc_id, numbers=False)} OR ({doc_id} IS NOT NULL"
                f" AND ({' OR '.join(used)})"
                f" AND NOT regexp_full_match({doc_id}, {_sql_string(DOC_ID_SHAPE)})))"
            )
        for name in ("reply_to", "repost_of", "quote_of"):
            if self.has(name):
                value = self.col(name)
                head = f"coalesce(regexp_matches({value}, {_sql_string(NON_ASCII_HEAD)}), false)"
                bad.append(f"({_odd_id(value)} OR {head})")
        for name in ("published_at", "collected_at"):
            if self.has(name):
                value, stamp = self.col(name), self.ts(name)
                bad.append(
                    f"({value} IS NOT NULL AND ({stamp} IS NULL"
                    f" OR NOT regexp_full_match({value}, {_sql_string(ISO_TIME)})"
                    f" OR {stamp} NOT BETWEEN {_sql_string(str(FIRST))}::TIMESTAMP"
                    f" AND {_sql_string(str(LAST))}::TIMESTAMP))"
                )
        for name in COUNTS:
            if self.has(name):
                value = self.col(name)
                bad.append(
                    f"({value} IS NOT NULL AND NOT regexp_full_match({value}, '[0-9]{{1,18}}'))"
                )
        if self.has("author_verified"):
            value = self.col("author_verified")
            bad.append(f"({value} IS NOT NULL AND {value} NOT IN ('true', 'false', '1', '0'))")
        if text:
            bad += self.nul_tests()
        # Each test is NULL-safe; were one not, NULL would count as bad (the safe side).
        return "coalesce(" + " OR ".join(bad) + ", true)"

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
        if self.nul:
            return set(self.types)
        wide = {self.mapping.get(f, f) for f in ("text", "title", "url", "hashtags", "mentions")}
        return {c for c in self.types if c not in wide}

    def profile(self) -> dict[str, str]:
        """The author profile fields the file has: actors column -> SQL."""
        fields = {
            "author": ("handle", self.handle()),
            "author_name": ("name", _text(self.col("author_name"))),
            "author_bio": ("bio", _text(self.col("author_bio"))),
            "followers": ("followers", self.count("followers")),
            "author_homepage": ("homepage", _text(self.col("author_homepage"))),
            "author_verified": ("verified", f"try_cast({self.col('author_verified')} AS BOOLEAN)"),
            "collected_at": ("collected_at", self.collected()),
        }
        return {column: sql for name, (column, sql) in fields.items() if self.has(name)}

    def ordinals(self) -> str:
        """The ordinals (1-based, in file order) of the bad records."""
        return f"""
            SELECT _ordinal FROM (
                SELECT row_number() OVER () AS _ordinal, {self.bad(text=self.nul)} AS _bad
                FROM {self.source(self.narrow())}
            ) WHERE _bad ORDER BY 1
        """

    def staged(self) -> str:
        """Every record once: its bad flag, its documents row and its author's profile.

        One parse of the file feeds everything (the flags, the documents, the
        profiles and what the documents imply), so this is the only pass over
        the text. Mentions and hashtags missing from the file are filled from
        the text and ``_urls``, ``_rt``, ``_lead`` added (:func:`_derive_sql`).
        Bad records are computed too, but only their flag is ever read: every
        conversion here is a ``try_cast`` or a string function, so a value the
        record path rejects never raises. No ordinal here: numbering rows makes
        DuckDB run the query on one thread; :meth:`ordinals` numbers them only
        when some record is bad.
        """
        profile = [column for column in self.profile() if column != "collected_at"]
        profile_sql = "".join(f", {self.profile()[c]} AS {c}" for c in profile)
        derived = _derive_sql(f"""(
            SELECT {self.bad()} AS _bad,
                   {_good_doc_id("_platform", "_native")} AS doc_id, _platform AS platform, _native AS native_id,
                   {self.author_id()} AS author_id, {self.ts("published_at")} AS published_at,
                   {_text(unescape_sql(self.col("text"), "_platform"))} AS text,
                   {_text(self.col("title"))} AS title,
                   {_text(self.col("url"))} AS url, {_text(self.col("lang"))} AS lang,
                   {self.count("likes")} AS likes, {self.count("shares")} AS shares,
                   {self.count("replies")} AS replies, {self.count("views")} AS views,
                   {self.ref("reply_to")} AS reply_to, {self.ref("repost_of")} AS repost_of,
                   {self.ref("quote_of")} AS quote_of,
                   {_items(self.col("hashtags"))} AS hashtags, {_items(self.col("mentions"))} AS mentions,
                   {self.collected()} AS collected_at
                   {profile_sql}
            FROM {self.source()})""")
        kept = ", ".join(["_bad", *self.kept(), *profile, "_urls", "_rt", "_lead"])
        return f"SELECT {kept} FROM ({derived})"

    def kept(self) -> list[str]:
        """The documents columns ``_bulk`` holds: those the file fills.

        A field the file does not have is the same for every record (NULL, or
        the run and the collection time): a column of it would only take
        memory, which at 10M records is gigabytes. :meth:`column` supplies it.
        """
        optional = [c for c in OPTIONAL if self.has(c)]
        return [*ALWAYS, *optional]

    def column(self, name: str) -> str:
        """SQL for a documents column over ``_bulk``: its column, or the value all records share."""
        if name in self.kept():
            return _quote(name)
        if name == "source_run":
            return _sql_string(self.run_id)
        if name == "collected_at":
            return self.collected()
        return "NULL::BIGINT" if name in COUNTS else "NULL::VARCHAR"

    def documents(self, columns: list[str]) -> str:
        """SELECT of ``columns`` (documents columns or ``_bulk``'s own) for the good records."""
        picked = ", ".join(
            f"{self.column(c)} AS {_quote(c)}" if c in DOCUMENT_COLUMNS else _quote(c)
            for c in columns
        )
        return f"SELECT {picked} FROM _bulk WHERE NOT _bad"


# Documents columns a staged record always has; the others only when the file has the field.
ALWAYS = ["doc_id", "platform", "native_id", "author_id", "published_at", "hashtags", "mentions"]
OPTIONAL = [
    "text", "title", "url", "lang", "likes", "shares", "replies", "views",
    "reply_to", "repost_of", "quote_of", "collected_at",
]  # fmt: skip
DOCUMENT_COLUMNS = [*ALWAYS, *OPTIONAL, "raw", "source_run"]

# What deriving reads of a staged document (its text was read once, into _urls, _rt, _lead).
STAGED_COLUMNS = [
    "doc_id", "platform", "author_id", "published_at", "url", "mentions", "reply_to",
    "repost_of", "quote_of", "source_run", "collected_at", "_urls", "_rt", "_lead",
]  # fmt: skip


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

    The file is parsed once, into a temporary table (:meth:`_Mapping.staged`)
    made outside any transaction: DuckDB scans a transaction's own
    uncommitted rows on one thread, committed ones in parallel, and a
    temporary table is no part of the store, so nothing is half-written if
    the import stops. Only when some record is bad is the file read again, to
    number them for the record path. When every good record is new to the
    store, the documents go from the staged table into ``documents`` and are
    committed, then what they imply is derived in a second transaction. A kill
    between the two leaves the run resumable: the same command again finds the
    documents stored, takes the upsert path and derives the rest. Otherwise
    the documents are upserted like any batch, everything in one transaction.

    Raises:
        UnreadableFile: the engine cannot read the file (nothing was written).
    """
    spec = _Mapping(path, types, mapping, platform, default_platform, run_id, collected_at)
    result = BulkResult()
    fresh = False
    with store.lock:
        try:
            _set_order(store, preserve=False)
            fresh = _stage(store, spec, result)
            with store.transaction() as writer:
                if fresh:
                    result.counts["documents"] = _insert_documents(writer, spec)
                _add(result, {"actors": _upsert_profiles(writer, spec)})
                purge_erased(writer, run_id)
                if not fresh:
                    _derive(writer, run_id, result, documents=True)
            if fresh:
                _stage_written(store, spec)
                with store.transaction() as writer:
                    _derive(writer, run_id, result, documents=False)
        finally:
            _set_order(store, preserve=True)
            # A view of _bulk on the fast path, a table on the upsert path.
            store.con.execute(f"DROP {'VIEW' if fresh else 'TABLE'} IF EXISTS _staged_docs")
            store.con.execute("DROP TABLE IF EXISTS _bulk")
    return result


def _set_order(holder: Any, preserve: bool) -> None:
    """Whether results keep insertion order (an import needs no order: more parallel scans)."""
    holder.con.execute(f"SET preserve_insertion_order = {'true' if preserve else 'false'}")


def _stage(store: Store, spec: _Mapping, result: BulkResult) -> bool:
    """Parse the file into ``_bulk`` and count it; True if every good record is new.

    On the upsert path (False), ``_staged_docs`` holds every good record.
    """
    con = store.con
    con.execute("SET TimeZone = 'UTC'")
    try:
        con.execute("CREATE OR REPLACE TEMP TABLE _bulk AS " + spec.staged())
        row = con.execute("SELECT count(*), count(*) FILTER (_bad) FROM _bulk").fetchone()
        result.records = int(row[0]) if row else 0
        if row and row[1]:
            spec.nul = _bad_nul(con, spec)
            result.fallback = [r[0] for r in con.execute(spec.ordinals()).fetchall()]
    except FILE_ERRORS as exc:
        raise UnreadableFile(str(exc)) from exc
    fresh = _all_new(con, spec.run_id)
    if not fresh:
        every = [*DOCUMENT_COLUMNS, "_urls", "_rt", "_lead"]
        con.execute("CREATE OR REPLACE TEMP TABLE _staged_docs AS " + spec.documents(every))
    return fresh


def _bad_nul(con: duckdb.DuckDBPyConnection, spec: _Mapping) -> bool:
    """Whether a bad record of ``_bulk`` holds a NUL in a text or list (the narrow pass then reads them).

    Blank text is white space alone, never NUL, so ``_bulk`` holds every NUL of the file.
    """
    tests = spec.nul_tests(staged=True)
    if not tests:
        return False
    row = con.execute(f"SELECT bool_or({' OR '.join(tests)}) FROM _bulk WHERE _bad").fetchone()
    return bool(row and row[0])


def _upsert_profiles(writer: Writer, spec: _Mapping) -> WriteCount:
    """Upsert the latest profile of each author.

    Only the fields the file has are written (the others stay as stored); the
    latest is picked by arg_max, an aggregate, cheaper than a window.
    """
    latest = "coalesce(published_at, '-infinity'::TIMESTAMP)"
    profile = [c for c in spec.profile() if c != "collected_at"]
    picked = "".join(f", arg_max({c}, {latest}) AS {c}" for c in profile)
    picked += (
        f", arg_max(collected_at, {latest}) AS collected_at"
        if spec.has("collected_at")
        else f", {spec.collected()} AS collected_at"
    )
    return writer.upsert_from(
        "actors",
        f"""(SELECT author_id AS actor_id, any_value(platform) AS platform{picked},
                   {_sql_string(spec.run_id)} AS source_run
            FROM _bulk WHERE author_id IS NOT NULL AND NOT _bad GROUP BY author_id)""",
        ["actor_id", "platform", *profile, "collected_at", "source_run"],
        newer="collected_at",
        unique=True,
    )


def _stage_written(store: Store, spec: _Mapping) -> None:
    """Stage the committed documents of this file, for deriving what they imply.

    They are the good records of ``_bulk`` (the fast path checked none was
    stored before), so nothing is read back from the store; and nothing is
    copied either: ``_staged_docs`` is a view of ``_bulk``. Each derivation
    selects the documents it concerns itself (a mention, a URL, a reference),
    so the records that imply nothing add no row; copying the others out
    (half a million rows at 1M posts) cost more than skipping them at each read.
    """
    store.con.execute(
        f"CREATE OR REPLACE TEMP VIEW _staged_docs AS {spec.documents(STAGED_COLUMNS)}"
    )


def _derive(writer: Writer, run_id: str, result: BulkResult, documents: bool) -> None:
    """Upsert the staged documents (if ``documents``) and what they imply."""
    _add(result, apply_staged(writer, run_id, documents=documents, authors=False))
    purge_erased(writer, run_id)


def _add(result: BulkResult, counts: dict[str, WriteCount]) -> None:
    for table, value in counts.items():
        result.counts[table] = result.counts.get(table, WriteCount()) + value


def _all_new(con: duckdb.DuckDBPyConnection, run_id: str) -> bool:
    """Whether the good records can go straight into ``documents``.

    True when their ids are distinct, none is stored yet, and this run has
    written no document before (so the run's rows are exactly this file's).
    """
    row = con.execute(
        "SELECT count(*) = count(DISTINCT doc_id) FROM _bulk WHERE NOT _bad"
    ).fetchone()
    if not (row and row[0]):
        return False
    row = bound(
        con, "SELECT EXISTS (SELECT 1 FROM documents WHERE source_run = ?)", [run_id]
    ).fetchone()
    if row and row[0]:
        return False
    row = con.execute(
        "SELECT NOT EXISTS (SELECT 1 FROM documents) OR NOT EXISTS ("
        "SELECT 1 FROM _bulk m JOIN documents d USING (doc_id) WHERE NOT m._bad)"
    ).fetchone()
    return bool(row and row[0])


def _insert_documents(writer: Writer, spec: _Mapping) -> WriteCount:
    """Insert the file's good records as documents (mentions and hashtags already filled)."""
    columns = writer.columns("documents")
    cols = ", ".join(_quote(c) for c in columns)
    row = writer.con.execute(f"INSERT INTO documents ({cols}) {spec.documents(columns)}").fetchone()
    return WriteCount(int(row[0]) if row else 0)
