"""How a row class declares a store table: columns, types, nullability, default and key.

A table is one frozen dataclass decorated with :func:`table`. Field names are
column names, in column order. The Python type says the column type, the
``| None`` says the column may be NULL, and the field default *is* the
column's SQL default (a nullable column without one defaults to None, a NOT
NULL column without one has no default), so ``Document(doc_id=..., ...)``
builds exactly the row the store would hold. From that one declaration come:

* the Arrow schema every writer builds its tables with (:meth:`Table.arrow_schema`);
* the DuckDB DDL the model implies (:meth:`Table.create_sql`), which the
  numbered migrations must reproduce — ``tests/store/test_model_schema.py``
  migrates a new database and fails on any difference (see
  :mod:`influscope.store.migrations` for why migrations stay hand-written);
* the keys the store's one writer upserts on (:attr:`Table.key`);
* API response models (:func:`api_model`).

Python types map to DuckDB and Arrow types as follows: ``str`` VARCHAR/string,
``int`` BIGINT/int64, :data:`Int32` INTEGER/int32, ``float`` DOUBLE/float64,
``bool`` BOOLEAN/bool, ``datetime`` TIMESTAMP/timestamp[us] (naive UTC),
``date`` DATE/date32, ``list[str]`` VARCHAR[]/list<string>.

Arrow fields are all nullable: Arrow does not check nullability when it builds
a table, so a not-null flag there would only be a claim; the store's NOT NULL
constraints check it on every write.
"""

from __future__ import annotations

import dataclasses
import types
import typing
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from typing import Annotated, Any, Final, Literal, TypeVar

import pyarrow as pa
import pydantic


@dataclass(frozen=True)
class SqlType:
    """A column type: its DuckDB name and its Arrow type."""

    sql: str
    arrow: pa.DataType


VARCHAR: Final = SqlType("VARCHAR", pa.string())
BIGINT: Final = SqlType("BIGINT", pa.int64())
INTEGER: Final = SqlType("INTEGER", pa.int32())
DOUBLE: Final = SqlType("DOUBLE", pa.float64())
BOOLEAN: Final = SqlType("BOOLEAN", pa.bool_())
TIMESTAMP: Final = SqlType("TIMESTAMP", pa.timestamp("us"))
DATE: Final = SqlType("DATE", pa.date32())
VARCHAR_LIST: Final = SqlType("VARCHAR[]", pa.list_(pa.string()))
# A sentence embedding (multilingual-e5-small: 384 floats).
VECTOR384: Final = SqlType("FLOAT[384]", pa.list_(pa.float32(), 384))

# A 32-bit integer column (ranks, sequence numbers, small counts).
Int32 = Annotated[int, INTEGER]
Vector384 = Annotated[list[float], VECTOR384]

_BY_PYTHON: Final[dict[Any, SqlType]] = {
    str: VARCHAR,
    int: BIGINT,
    float: DOUBLE,
    bool: BOOLEAN,
    datetime: TIMESTAMP,
    date: DATE,
}

KeyKind = Literal["primary", "writer", "none"]
R = TypeVar("R")


class _NoDefault:
    """The default of a column that has none (NOT NULL and no SQL DEFAULT)."""

    def __repr__(self) -> str:
        return "NO_DEFAULT"


NO_DEFAULT: Final = _NoDefault()


@dataclass(frozen=True)
class Column:
    """One column of a store table, as the model declares it."""

    name: str
    type: SqlType
    nullable: bool
    default: object  # NO_DEFAULT, None or the SQL default's value
    python: Any  # the Python type (``| None`` and SQL marks removed)

    def ddl(self) -> str:
        """The column in a CREATE TABLE statement."""
        parts = [_quote(self.name), self.type.sql]
        if not self.nullable:
            parts.append("NOT NULL")
        if self.default is not NO_DEFAULT and self.default is not None:
            parts.append(f"DEFAULT {sql_literal(self.default)}")
        return " ".join(parts)


@dataclass(frozen=True)
class Table:
    """A store table: its row class, columns and key.

    Attributes:
        key: the columns that identify a row.
        keyed: how the key holds: ``primary`` — a PRIMARY KEY constraint;
            ``writer`` — no constraint (DuckDB's index made bulk writes 3x
            slower, migration 0001), the store's one writer upserts on the key
            and never inserts one twice; ``none`` — no key: the rows are
            rebuilt as a whole (per map scope, per day of aggregates) by the
            code that maintains them.
    """

    name: str
    row: type
    key: tuple[str, ...]
    keyed: KeyKind
    columns: tuple[Column, ...]

    @property
    def names(self) -> list[str]:
        """Column names in order."""
        return [c.name for c in self.columns]

    def column(self, name: str) -> Column:
        """One column by name (KeyError when the table has none of that name)."""
        for column in self.columns:
            if column.name == name:
                return column
        raise KeyError(f"{self.name} has no column {name!r}")

    def arrow_schema(self, names: Sequence[str] | None = None) -> pa.Schema:
        """The Arrow schema of the table, or of the named columns in that order."""
        chosen = self.columns if names is None else [self.column(n) for n in names]
        return pa.schema([pa.field(c.name, c.type.arrow) for c in chosen])

    def create_sql(self) -> str:
        """The CREATE TABLE statement the model implies (what a migration must produce)."""
        lines = [c.ddl() for c in self.columns]
        if self.keyed == "primary":
            lines.append(f"PRIMARY KEY ({', '.join(_quote(k) for k in self.key)})")
        body = ",\n    ".join(lines)
        return f"CREATE TABLE {_quote(self.name)} (\n    {body}\n);"


TABLES: dict[str, Table] = {}


def table(
    name: str, *, key: Iterable[str] = (), keyed: KeyKind = "primary"
) -> Callable[[type[R]], type[R]]:
    """Declare a dataclass as the row of store table ``name`` (see module doc).

    Example:
        >>> @table("notes_example", key=("id",))
        ... @dataclasses.dataclass(frozen=True, kw_only=True)
        ... class Note:
        ...     id: str
        ...     text: str | None = None
        >>> print(TABLES.pop("notes_example").create_sql())
        CREATE TABLE "notes_example" (
            "id" VARCHAR NOT NULL,
            "text" VARCHAR,
            PRIMARY KEY ("id")
        );
    """
    key = tuple(key)
    if (keyed == "none") != (not key):
        raise TypeError(f"table {name}: keyed={keyed!r} needs {'no' if key else 'a'} key")

    def register(row: type[R]) -> type[R]:
        columns = _columns(row)
        missing = set(key) - {c.name for c in columns}
        if missing:
            raise TypeError(f"table {name}: key columns {sorted(missing)} are not fields")
        if name in TABLES:
            raise TypeError(f"table {name} is declared twice")
        TABLES[name] = Table(name, row, key, keyed, columns)
        return row

    return register


def spec(name: str) -> Table:
    """The declaration of a store table by name."""
    try:
        return TABLES[name]
    except KeyError:
        raise KeyError(f"no store table {name!r} in the model") from None


def _columns(row: type) -> tuple[Column, ...]:
    if not dataclasses.is_dataclass(row):
        raise TypeError(f"{row.__name__} is not a dataclass")
    hints = typing.get_type_hints(row, include_extras=True)
    columns = []
    for f in dataclasses.fields(row):
        hint = hints[f.name]
        nullable = False
        if typing.get_origin(hint) in (typing.Union, types.UnionType):
            args = [a for a in typing.get_args(hint) if a is not type(None)]
            if len(args) != 1 or len(typing.get_args(hint)) != 2:
                raise TypeError(f"{row.__name__}.{f.name}: only `T | None` unions are columns")
            hint, nullable = args[0], True
        sql_type = _sql_type(row.__name__, f.name, hint)
        if typing.get_origin(hint) is Annotated:
            hint = typing.get_args(hint)[0]
        if f.default is not dataclasses.MISSING:
            default: object = f.default
        elif f.default_factory is not dataclasses.MISSING:
            raise TypeError(f"{row.__name__}.{f.name}: a column default is a value, not a factory")
        else:
            default = NO_DEFAULT
        if nullable and default is NO_DEFAULT:
            raise TypeError(f"{row.__name__}.{f.name}: a nullable column defaults to None or more")
        columns.append(Column(f.name, sql_type, nullable, default, hint))
    return tuple(columns)


def _sql_type(owner: str, name: str, hint: Any) -> SqlType:
    if typing.get_origin(hint) is Annotated:
        marks = [m for m in typing.get_args(hint)[1:] if isinstance(m, SqlType)]
        if marks:
            return marks[0]
        hint = typing.get_args(hint)[0]
    if typing.get_origin(hint) is list and typing.get_args(hint) == (str,):
        return VARCHAR_LIST
    if hint in _BY_PYTHON:
        return _BY_PYTHON[hint]
    raise TypeError(f"{owner}.{name}: no column type for {hint!r}")


def sql_literal(value: object) -> str:
    """A Python default as a DuckDB literal."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | float):
        return repr(value)
    if isinstance(value, str):
        return "'" + value.replace("'", "''") + "'"
    raise TypeError(f"no SQL literal for {value!r}")


def api_model(
    row: type, *, include: Sequence[str] | None = None, exclude: Iterable[str] = ()
) -> type[pydantic.BaseModel]:
    """A pydantic model of a table's rows, for API responses (same names, types, nullability).

    ``include`` picks and orders the columns, ``exclude`` drops some (``raw``
    records are rarely for the API). Values validate as the store holds them.

    Example:
        >>> from influscope.model import Link
        >>> api_model(Link)(doc_id="twitter:1", url="https://a.fr/", domain="a.fr").domain
        'a.fr'
    """
    spec_ = next((t for t in TABLES.values() if t.row is row), None)
    if spec_ is None:
        raise KeyError(f"{row.__name__} is not a table of the model")
    dropped = set(exclude)
    names = [n for n in (include or spec_.names) if n not in dropped]
    fields: dict[str, Any] = {}
    for name in names:
        column = spec_.column(name)
        python = column.python
        if column.nullable:
            fields[name] = (python | None, None)
        elif column.default is NO_DEFAULT:
            fields[name] = (python, ...)
        else:
            fields[name] = (python, column.default)
    created: type[pydantic.BaseModel] = pydantic.create_model(
        f"{row.__name__}Out", __doc__=row.__doc__, **fields
    )
    return created


def _quote(identifier: str) -> str:
    return '"' + identifier.replace('"', '""') + '"'
