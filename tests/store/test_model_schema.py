"""The migrated store has exactly the schema the model declares (influscope.model).

The numbered migrations are hand-written history (see influscope.store.migrations);
this is the test that keeps them and the model one definition: it builds a
database from the model's own DDL and one from the migrations, and compares
DuckDB's catalog of both, table by table.
"""

from __future__ import annotations

from pathlib import Path

import duckdb
import pyarrow as pa
import pytest

from influscope import model
from influscope.store import engine
from influscope.store.engine import Store
from influscope.store.writer import KEYS

# The migrator's own bookkeeping, created by Store.migrate itself, not by a migration.
NOT_MODEL = {"schema_migrations"}


def catalog(con: duckdb.DuckDBPyConnection) -> dict[str, dict[str, object]]:
    """Every table's columns (name, type, nullable, default's value) and primary key."""
    tables = [
        r[0]
        for r in con.execute(
            "SELECT table_name FROM information_schema.tables WHERE table_schema = 'main'"
        ).fetchall()
    ]
    out: dict[str, dict[str, object]] = {}
    for name in sorted(set(tables) - NOT_MODEL):
        columns = []
        for column, kind, nullable, default in con.execute(
            "SELECT column_name, data_type, is_nullable, column_default "
            "FROM information_schema.columns WHERE table_name = ? ORDER BY ordinal_position",
            [name],
        ).fetchall():
            value = con.execute(f"SELECT {default}").fetchone()[0] if default else None
            columns.append((column, kind, nullable == "YES", value))
        key = con.execute(
            "SELECT constraint_column_names FROM duckdb_constraints() "
            "WHERE table_name = ? AND constraint_type = 'PRIMARY KEY'",
            [name],
        ).fetchone()
        out[name] = {"columns": columns, "primary key": list(key[0]) if key else None}
    return out


def model_catalog() -> dict[str, dict[str, object]]:
    con = duckdb.connect()
    for spec in model.TABLES.values():
        con.execute(spec.create_sql())
    return catalog(con)


def assert_matches_model(con: duckdb.DuckDBPyConnection) -> None:
    expected, migrated = model_catalog(), catalog(con)
    assert sorted(migrated) == sorted(expected), "tables differ from the model's"
    for name, want in expected.items():
        assert migrated[name] == want, (
            f"table {name} differs from the model; the model says:\n{model.spec(name).create_sql()}"
        )


def test_a_new_store_has_the_model_schema() -> None:
    store = Store.open(None)
    assert_matches_model(store.con)
    store.close()


@pytest.mark.parametrize("stopped_after", [1, 6, 8, 10])
def test_an_older_store_migrates_to_the_model_schema(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, stopped_after: int
) -> None:
    real = engine.migrations()
    monkeypatch.setattr(engine, "migrations", lambda: [m for m in real if m[0] <= stopped_after])
    Store.open(tmp_path / "old.duckdb").close()
    monkeypatch.setattr(engine, "migrations", lambda: real)
    store = Store.open(tmp_path / "old.duckdb")
    assert_matches_model(store.con)
    store.close()


def test_the_comparison_sees_a_drift() -> None:
    """A column the model lacks, a type or a nullability changed: each is a difference."""
    for change in (
        "ALTER TABLE links ADD COLUMN note VARCHAR",
        "ALTER TABLE links ALTER COLUMN domain SET NOT NULL",
        "ALTER TABLE themes ALTER COLUMN score TYPE FLOAT",
        "ALTER TABLE interactions ALTER COLUMN weight SET DEFAULT 2.0",
    ):
        store = Store.open(None)
        store.con.execute(change)
        with pytest.raises(AssertionError, match="differs from the model"):
            assert_matches_model(store.con)
        store.close()


def test_arrow_schemas_land_as_the_column_types() -> None:
    """An Arrow table built with a model schema reads back in DuckDB with the declared types."""
    con = duckdb.connect()
    for spec in model.TABLES.values():
        empty = pa.Table.from_pylist([], schema=spec.arrow_schema())
        con.register("incoming", empty)
        described = [(r[0], r[1]) for r in con.execute("DESCRIBE incoming").fetchall()]
        con.unregister("incoming")
        assert described == [(c.name, c.type.sql) for c in spec.columns], spec.name


def test_the_writer_keys_come_from_the_model() -> None:
    assert KEYS == {
        name: list(spec.key) for name, spec in model.TABLES.items() if spec.keyed == "writer"
    }
    assert set(KEYS) >= {"documents", "actors", "interactions", "links", "enrichments"}


def test_rows_build_with_the_sql_defaults() -> None:
    edge = model.Interaction(src="twitter:a", dst="twitter:b", kind="mention")
    assert (edge.doc_id, edge.weight) == ("", 1.0)
    assert model.Alert(alert_id="a", rule="r", key="k", fired_at=None).state == "new"  # type: ignore[arg-type]


def test_api_models_come_from_the_table_declarations(tmp_path: Path) -> None:
    """The hook the API uses: a pydantic model per table, validating rows as the store holds them."""
    store = Store.open(tmp_path / "s.duckdb")
    store.con.execute(
        "INSERT INTO documents (doc_id, platform, native_id, likes, hashtags, published_at) "
        "VALUES ('twitter:1', 'twitter', '1', 3, ['usine'], '2026-03-01 10:00:00')"
    )
    Out = model.api_model(model.Document, exclude=["raw"])
    (row,) = store.rows(store.table("documents"))
    dumped = Out.model_validate(row).model_dump(mode="json")
    assert "raw" not in dumped and dumped["likes"] == 3 and dumped["hashtags"] == ["usine"]
    assert dumped["published_at"] == "2026-03-01T10:00:00"
    schema = Out.model_json_schema()
    assert set(schema["required"]) == {"doc_id", "platform", "native_id"}  # the NOT NULL columns
    picked = model.api_model(model.Link, include=["url", "domain"])
    assert list(picked.model_fields) == ["url", "domain"]
    store.close()
