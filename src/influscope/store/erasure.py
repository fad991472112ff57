"""Erasing an actor from every table: rows that name them go, text that names them is scrubbed.

Two sweeps, both driven by the schema rather than by a list of tables, so a
table another analysis adds later is covered without touching this module:

1. rows are deleted wherever a column named as an actor id or a document id
   (:data:`influscope.model.ACTOR_ID_COLUMNS`, ``DOCUMENT_ID_COLUMNS``) holds
   the actor or one of the documents they wrote;
2. every remaining text column of every table (explanations, evidence JSON,
   journey paths, community profiles, notes, other people's posts, logged raw
   rows…) is scrubbed of the actor's id, handle (``@jdoe``, ``…/jdoe/…`` in
   URLs), name and bio: a cell that *is* one of them becomes ``[erased]``, a
   JSON object that names the actor or one of their documents leaves its list,
   and free text has the mentions replaced.

The bare handle is scrubbed as a whole value, a list item, a mention or a URL
segment, not as a word of free text: a handle such as ``paris`` would
otherwise erase a city from everyone's posts. Names of four characters or more
are scrubbed as words, shorter ones only as whole values; bios of twenty
characters or more wherever they appear. A short bio ("Journalist.",
"Réveillez-vous.") identifies no one and is shared by many accounts: it is
deleted with the actor's row, not scrubbed from other people's.

Deleted values stay in the database file's free blocks until it is rewritten:
:meth:`influscope.store.engine.Store.compact` does that after an erasure.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

import orjson
import pyarrow as pa

from influscope import model
from influscope.model import ACTOR_ID_COLUMNS, DOCUMENT_ID_COLUMNS, DOCUMENT_REF_COLUMNS
from influscope.store.writer import Writer, _quote

MARK = "[erased]"
# Tables that never hold actor data, or hold what erasure itself needs: the
# hashed erasure list, the salt, staff accounts.
UNTOUCHED = frozenset(
    {"erasures", "secrets", "schema_migrations", "users", "api_tokens", "sessions"}
)
_TEXT_TYPES = ("VARCHAR", "JSON", "VARCHAR[]")
# The base tables of the workspace's database (not views, not temp tables).
_IN_STORE = (
    "table_schema = 'main' AND table_catalog = current_database() AND table_name IN "
    "(SELECT table_name FROM information_schema.tables WHERE table_schema = 'main' "
    "AND table_catalog = current_database() AND table_type = 'BASE TABLE')"
)
_MIN_NAME = 4
_MIN_BIO = 20
_MIN_NATIVE = 6
# Names remembered (hashed) to be found again in re-imported posts: 2 to 5 words.
_NAME_WORDS = (2, 5)


@dataclass
class Traces:
    """What names one erased actor: the strings scrubbed from every text column."""

    actor_id: str
    handles: set[str] = field(default_factory=set)
    names: set[str] = field(default_factory=set)
    bios: set[str] = field(default_factory=set)
    documents: set[str] = field(default_factory=set)

    def needles(self) -> list[str]:
        """Lower-cased strings whose presence makes a cell worth a closer look."""
        found = {self.actor_id, *self.handles, *self.names}
        found |= {b for b in self.bios if len(b) >= _MIN_BIO}
        return sorted({n.lower() for n in found if n})

    def whole(self) -> set[str]:
        """Lower-cased values that name the actor when they are a whole cell or list item."""
        bios = {b for b in self.bios if len(b) >= _MIN_BIO}
        values = {self.actor_id, *self.handles, *self.names, *bios, *self.documents}
        values |= {"@" + h for h in self.handles}
        return {v.strip().lower() for v in values if v and v.strip()}

    def patterns(self) -> list[tuple[re.Pattern[str], str]]:
        """Free-text substitutions, most specific first."""
        found: list[tuple[re.Pattern[str], str]] = [
            (re.compile(re.escape(self.actor_id), re.IGNORECASE), MARK)
        ]
        for handle in sorted(self.handles, key=len, reverse=True):
            tail = r"(?![\w-]|\.\w)"
            escaped = re.escape(handle)
            found.append((re.compile(r"(?<![\w@])@" + escaped + tail, re.IGNORECASE), "@" + MARK))
            found.append((re.compile(r"/@?" + escaped + tail, re.IGNORECASE), "/" + MARK))
        for name in sorted(self.names, key=len, reverse=True):
            words = name_words(name)
            if len(name) >= _MIN_NAME and words:
                # Word by word, so "Jane  Doe" and "jane doe," are found too.
                phrase = r"\W+".join(re.escape(w) for w in words)
                found.append((re.compile(r"(?<!\w)" + phrase + r"(?!\w)", re.IGNORECASE), MARK))
        for bio in self.bios:
            if len(bio) >= _MIN_BIO:
                found.append((re.compile(re.escape(bio), re.IGNORECASE), MARK))
        natives = sorted({d.partition(":")[2] for d in self.documents}, key=len, reverse=True)
        natives = [n for n in natives if len(n) >= _MIN_NATIVE]
        if natives:
            # Their posts' ids in links (…/status/<id>) would still point at them.
            alternatives = "|".join(re.escape(n) for n in natives)
            found.append((re.compile(r"/(?:" + alternatives + r")(?![\w-])"), "/" + MARK))
        return found


def name_words(name: str) -> tuple[str, ...]:
    """A name as lower-case words: the form its keyed hash is taken of."""
    return tuple(re.findall(r"\w+", name.lower()))


def name_hash(salt_value: str, words: tuple[str, ...]) -> str:
    """The keyed hash an erased name is remembered by (never equal to an id's)."""
    return hashlib.sha256((salt_value + "name:" + " ".join(words)).encode()).hexdigest()


def names_in(texts: Iterable[str], hashes: set[str], salt_value: str) -> set[str]:
    """Erased names (of two to five words) written in ``texts``, found by their hashes.

    Erasure keeps no name, only its keyed hash; when an import brings back a
    post about an erased person, the runs of words of that post are hashed to
    find their name again and scrub it.
    """
    found = set()
    for text in texts:
        words = name_words(text)
        for size in range(_NAME_WORDS[0], _NAME_WORDS[1] + 1):
            for start in range(len(words) - size + 1):
                gram = words[start : start + size]
                if name_hash(salt_value, gram) in hashes:
                    found.add(" ".join(gram))
    return found


def traces_of(writer: Writer, actor_id: str) -> Traces:
    """Everything the store knows that names ``actor_id``: handles, names, bios, documents."""
    con = writer.con
    traces = Traces(actor_id)
    platform, _, native = actor_id.partition(":")
    if native and platform != "web":
        traces.handles.add(native)
    for handle, name, bio in con.execute(
        "SELECT handle, name, bio FROM actors WHERE lower(actor_id) = lower(?)", [actor_id]
    ).fetchall():
        if handle:
            traces.handles.add(str(handle).lstrip("@"))
        if name:
            traces.names.add(str(name))
        if bio:
            traces.bios.add(str(bio))
    for (name,) in con.execute(
        "SELECT name FROM roster WHERE lower(actor_id) = lower(?) AND name IS NOT NULL", [actor_id]
    ).fetchall():
        traces.names.add(str(name))
    traces.documents = {
        str(r[0])
        for r in con.execute(
            "SELECT doc_id FROM documents WHERE lower(author_id) = lower(?)", [actor_id]
        ).fetchall()
    }
    return traces


def columns_named(con: Any, names: Iterable[str]) -> list[tuple[str, str]]:
    """(table, column) of every store table with a column of one of these names."""
    rows = con.execute(
        f"SELECT table_name, column_name FROM information_schema.columns WHERE {_IN_STORE} "
        "AND column_name IN (SELECT unnest(?)) ORDER BY table_name, column_name",
        [list(names)],
    ).fetchall()
    return [(str(t), str(c)) for t, c in rows if t not in UNTOUCHED]


def delete_rows(writer: Writer, traces: Traces) -> dict[str, int]:
    """Delete the rows naming the actor or their documents in a declared column."""
    con = writer.con
    deleted: dict[str, int] = {}
    if traces.documents:
        con.execute(
            "CREATE OR REPLACE TEMP TABLE _erased_docs AS SELECT unnest(?) AS doc_id",
            [sorted(traces.documents)],
        )
        for table, column in columns_named(con, DOCUMENT_ID_COLUMNS):
            row = con.execute(
                f"DELETE FROM {_quote(table)} WHERE {_quote(column)} IN "
                "(SELECT doc_id FROM _erased_docs)"
            ).fetchone()
            deleted[table] = deleted.get(table, 0) + (int(row[0]) if row else 0)
        for table, column in columns_named(con, DOCUMENT_REF_COLUMNS):
            con.execute(
                f"UPDATE {_quote(table)} SET {_quote(column)} = NULL WHERE {_quote(column)} IN "
                "(SELECT doc_id FROM _erased_docs)"
            )
        con.execute("DROP TABLE _erased_docs")
    for table, column in columns_named(con, ACTOR_ID_COLUMNS):
        row = con.execute(
            f"DELETE FROM {_quote(table)} WHERE lower({_quote(column)}) = lower(?)",
            [traces.actor_id],
        ).fetchone()
        deleted[table] = deleted.get(table, 0) + (int(row[0]) if row else 0)
    return {t: n for t, n in deleted.items() if n}


def scrub_text(writer: Writer, traces: Traces) -> dict[str, int]:
    """Scrub every text column of every table of the actor's traces; returns cells changed."""
    con = writer.con
    rows = con.execute(
        "SELECT table_name, column_name, data_type FROM information_schema.columns "
        f"WHERE {_IN_STORE} AND data_type IN (SELECT unnest(?)) "
        "ORDER BY table_name, ordinal_position",
        [list(_TEXT_TYPES)],
    ).fetchall()
    by_table: dict[str, list[tuple[str, str]]] = {}
    for table, column, kind in rows:
        if table not in UNTOUCHED:
            by_table.setdefault(str(table), []).append((str(column), str(kind)))
    scrubber = _Scrubber(traces)
    changed: dict[str, int] = {}
    for table, columns in by_table.items():
        count = _scrub_table(writer, table, columns, scrubber)
        if count:
            changed[table] = count
    return changed


def _scrub_table(
    writer: Writer, table: str, columns: list[tuple[str, str]], scrubber: _Scrubber
) -> int:
    """Rewrite the cells of one table that name the actor (one UPDATE for the table).

    Returns the cells changed (those of deleted rows included).
    """
    con = writer.con
    needles = scrubber.traces.needles()
    docs = sorted(scrubber.traces.documents)
    tests: list[str] = []
    params: list[Any] = []
    for column, _ in columns:
        text = f"lower(CAST({_quote(column)} AS VARCHAR))"
        for needle in needles:
            tests.append(f"contains({text}, ?)")
            params.append(needle)
        if docs:
            tests.append(f"list_contains(?, CAST({_quote(column)} AS VARCHAR))")
            params.append(docs)
    if not tests:
        return 0
    names = ", ".join(_quote(c) for c, _ in columns)
    found = con.execute(
        f"SELECT rowid, {names} FROM {_quote(table)} WHERE {' OR '.join(tests)}", params
    ).fetchall()
    key = _declared_key(table)
    updates: list[dict[str, Any]] = []
    doomed: list[int] = []
    cells = 0
    for row in found:
        new: dict[str, Any] = {"_rid": row[0]}
        changed = set()
        for (column, _), value in zip(columns, row[1:], strict=True):
            scrubbed = scrubber.value(value)
            new[column] = scrubbed
            if scrubbed != value:
                changed.add(column)
        cells += len(changed)
        if changed & key:
            # A row whose key names the actor is a row about them; scrubbing its
            # key could also collide with another row's: it goes.
            doomed.append(int(row[0]))
        elif changed:
            updates.append(new)
    if doomed:
        con.execute(f"DELETE FROM {_quote(table)} WHERE rowid IN (SELECT unnest(?))", [doomed])
    if updates:
        con.register("_scrubbed", pa.Table.from_pylist(updates))
        try:
            sets = ", ".join(f"{_quote(c)} = s.{_quote(c)}" for c, _ in columns)
            con.execute(
                f"UPDATE {_quote(table)} AS t SET {sets} FROM _scrubbed s WHERE t.rowid = s._rid"
            )
        finally:
            con.unregister("_scrubbed")
    return cells


def _declared_key(table: str) -> set[str]:
    """The key the model declares for a table (none for a keyless or undeclared table)."""
    try:
        return set(model.spec(table).key)
    except KeyError:  # a table the model does not declare (yet): no key to protect
        return set()


class _Scrubber:
    """Applies one actor's traces to cell values: text, lists and JSON text."""

    def __init__(self, traces: Traces) -> None:
        self.traces = traces
        self.whole = traces.whole()
        self.ids = {traces.actor_id.lower(), *(d.lower() for d in traces.documents)}
        self.patterns = traces.patterns()

    def value(self, value: Any) -> Any:
        if isinstance(value, str):
            return self.text(value)
        if isinstance(value, list):
            return [
                self.value(v)
                for v in value
                if not (isinstance(v, str) and v.strip().lower() in self.whole)
            ]
        return value

    def text(self, value: str) -> str:
        if value.strip().lower() in self.whole:
            return MARK
        stripped = value.lstrip()
        if stripped[:1] in ("{", "["):
            try:
                parsed = orjson.loads(value)
            except orjson.JSONDecodeError:
                parsed = None
            if isinstance(parsed, (dict, list)):
                scrubbed = self.json(parsed)
                return value if scrubbed == parsed else orjson.dumps(scrubbed).decode()
        for pattern, replacement in self.patterns:
            value = pattern.sub(replacement, value)
        return value

    def names_actor(self, item: dict[str, Any]) -> bool:
        """Whether a JSON object stands for the actor or one of their documents."""
        return any(isinstance(v, str) and v.strip().lower() in self.ids for v in item.values())

    def json(self, value: Any) -> Any:
        if isinstance(value, dict):
            return {
                self.text(k): self.json(v)
                for k, v in value.items()
                if k.strip().lower() not in self.whole
            }
        if isinstance(value, list):
            return [
                self.json(v)
                for v in value
                if not (isinstance(v, dict) and self.names_actor(v))
                and not (isinstance(v, str) and v.strip().lower() in self.whole)
            ]
        if isinstance(value, str):
            return self.text(value)
        return value


def remembered_names(traces: Traces) -> list[tuple[str, ...]]:
    """The names of an erased actor kept (hashed) to be found in later imports."""
    low, high = _NAME_WORDS
    return sorted({w for w in map(name_words, traces.names) if low <= len(w) <= high})


def erase(
    writer: Writer, actor_id: str, traces: Traces | None = None
) -> tuple[Traces, dict[str, int]]:
    """Delete and scrub everything naming ``actor_id``; returns its traces and rows deleted."""
    traces = traces or traces_of(writer, actor_id)
    deleted = delete_rows(writer, traces)
    scrub_text(writer, traces)
    return traces, deleted
