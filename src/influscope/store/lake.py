"""The lake: the canonical tables as hive-partitioned Parquet, for engines beyond one machine.

A team that outgrows one DuckDB file keeps its posts in a folder (or an
object-store URI) of Parquet files that DuckDB and Spark both read
(DESIGN.md §6: plain Parquet is the portable lake; Delta needs jars or
extensions that are not reachable offline). The layout::

    <lake>/documents/platform=<p>/day=<YYYY-MM-DD>/part-<token>-<i>.parquet
    <lake>/actors/platform=<p>/part-<token>-<i>.parquet
    <lake>/interactions/day=<YYYY-MM-DD>/part-<token>-<i>.parquet
    <lake>/links/platform=<p>/part-<token>-<i>.parquet
    <lake>/_influscope/cursors.json

The rules both engines need are kept here: timestamps in microseconds, naive
UTC; no unsigned integers; a row without a day goes to
``__HIVE_DEFAULT_PARTITION__``, which both read back as null.

Writes are idempotent without a transaction log: a batch's files are named
after the import's resume cursor and the batch's last line (the *token*), so
re-running an import, or resuming a killed one, rewrites the same files
instead of adding copies; the cursor is saved only after the batch's files are
complete. A key written twice by different imports (the same post in two
exports) is resolved when the lake is read
(:mod:`influscope.store.lake_read`): the newest collection wins, as the
store's upsert does.
"""

from __future__ import annotations

import os
import re
import uuid
from dataclasses import dataclass
from typing import Any

import orjson
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.dataset as ds
import pyarrow.fs as pafs

from influscope.errors import N_, StoreError

#: The tables an import writes to the lake, and the hive partition columns of each.
PARTITIONS: dict[str, tuple[str, ...]] = {
    "documents": ("platform", "day"),
    "actors": ("platform",),
    "interactions": ("day",),
    "links": ("platform",),
}
#: Where each table's ``day`` partition comes from.
DAY_COLUMN = {"documents": "published_at", "interactions": "at"}
META = "_influscope"
CURSORS = f"{META}/cursors.json"


@dataclass(frozen=True)
class Lake:
    """A lake folder or object-store URI, and the file system that reaches it.

    Example:
        >>> lake = Lake.at("ws/lake")  # doctest: +SKIP
        >>> lake.table_path("documents")  # doctest: +SKIP
        '/abs/ws/lake/documents'
    """

    fs: pafs.FileSystem
    root: str
    uri: str

    @classmethod
    def at(cls, location: str) -> Lake:
        """The lake at a local path or a URI pyarrow knows (``s3://bucket/lake``, ``gs://…``)."""
        try:
            fs, root = pafs.FileSystem.from_uri(location)
        except (pa.ArrowInvalid, ValueError):
            fs, root = pafs.LocalFileSystem(), str(location)
            if not root.startswith("/"):
                root = os.path.abspath(root)
        except OSError as exc:
            raise StoreError(
                N_("Cannot reach the lake {location}: {reason}"),
                N_("Check the URI and the credentials of its object store."),
                location=location,
                reason=str(exc),
            ) from exc
        uri = root if isinstance(fs, pafs.LocalFileSystem) else location
        return cls(fs, root.rstrip("/"), uri.rstrip("/"))

    def table_path(self, table: str) -> str:
        """The folder of a table (engines get folders, not globs: a glob drops partitions)."""
        return f"{self.root}/{table}"

    def table_uri(self, table: str) -> str:
        """The folder of a table as an engine reads it (a path, or the URI of an object store)."""
        return f"{self.uri}/{table}"

    def has(self, table: str) -> bool:
        """Whether a table has been written (its folder holds at least one file)."""
        info = self.fs.get_file_info(self.table_path(table))
        if info.type != pafs.FileType.Directory:
            return False
        selector = pafs.FileSelector(self.table_path(table), recursive=True)
        return any(f.type == pafs.FileType.File for f in self.fs.get_file_info(selector))

    # -- cursors ---------------------------------------------------------------
    def cursors(self) -> dict[str, str]:
        """The committed resume cursors of the imports into this lake."""
        path = f"{self.root}/{CURSORS}"
        if self.fs.get_file_info(path).type != pafs.FileType.File:
            return {}
        with self.fs.open_input_stream(path) as stream:
            found: dict[str, str] = orjson.loads(stream.read())
        return found

    def save_cursors(self, cursors: dict[str, str]) -> None:
        """Replace the cursors file (written aside then moved: never half-written)."""
        self.fs.create_dir(f"{self.root}/{META}", recursive=True)
        final = f"{self.root}/{CURSORS}"
        temporary = f"{final}.{uuid.uuid4().hex}.tmp"
        with self.fs.open_output_stream(temporary) as stream:
            stream.write(orjson.dumps(cursors, option=orjson.OPT_SORT_KEYS))
        self.fs.move(temporary, final)

    # -- writes ----------------------------------------------------------------
    def write(self, table: str, data: pa.Table, token: str) -> int:
        """Write rows of a canonical table as its partitioned files named after ``token``.

        Files of the same token are overwritten (idempotent re-runs). Returns
        the rows written.
        """
        if not data.num_rows:
            return 0
        partitions = PARTITIONS[table]
        data = with_partitions(table, data)
        schema = pa.schema([data.schema.field(name) for name in partitions])
        ds.write_dataset(
            data,
            self.table_path(table),
            filesystem=self.fs,
            format="parquet",
            partitioning=ds.partitioning(schema, flavor="hive"),
            basename_template=f"part-{safe_token(token)}-{{i}}.parquet",
            existing_data_behavior="overwrite_or_ignore",
        )
        return int(data.num_rows)


def with_partitions(table: str, data: pa.Table) -> pa.Table:
    """Add the derived partition columns (``day``; ``platform`` of a link from its document)."""
    data = portable(data)
    column = DAY_COLUMN.get(table)
    if column is not None:
        data = data.append_column("day", pc.cast(data[column], pa.date32()))
    if "platform" in PARTITIONS[table] and "platform" not in data.column_names:
        prefix = pc.extract_regex(data["doc_id"], r"^(?P<platform>[^:]*):")
        data = data.append_column("platform", pc.struct_field(prefix, "platform"))
    return data


def portable(data: pa.Table) -> pa.Table:
    """Timestamps as naive microseconds and no unsigned integers (what Spark reads)."""
    fields = []
    for field in data.schema:
        kind: Any = field.type
        if pa.types.is_timestamp(kind):
            kind = pa.timestamp("us")
        elif pa.types.is_unsigned_integer(kind):
            kind = pa.int64()
        fields.append(pa.field(field.name, kind, field.nullable))
    target = pa.schema(fields)
    return data if target == data.schema else data.cast(target)


def safe_token(token: str) -> str:
    """A token usable in a file name on every file system and object store."""
    return re.sub(r"[^A-Za-z0-9_.-]+", "-", token).strip("-") or "batch"
