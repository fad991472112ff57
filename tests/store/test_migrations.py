"""Numbered migrations: all applied once, including one numbered below those already applied."""

from __future__ import annotations

from influscope.store import engine
from influscope.store.engine import Store


def test_every_migration_applied_once(tmp_path):
    store = Store.open(tmp_path / "a.duckdb")
    numbers = [n for n, _, _ in engine.migrations()]
    assert store.schema_version() == max(numbers)
    assert store.migrate() == []  # nothing left to do
    store.close()


def test_a_lower_numbered_migration_landing_later_is_applied(tmp_path, monkeypatch):
    real = engine.migrations()
    # A migration no later one builds on (0011 rebuilds 0002's document_brands),
    # as a parallel branch's would be.
    late = next(m for m in real if m[1] == "0010_privacy.sql")
    monkeypatch.setattr(engine, "migrations", lambda: [m for m in real if m[0] != late[0]])
    Store.open(tmp_path / "b.duckdb").close()
    monkeypatch.setattr(engine, "migrations", lambda: real)
    store = Store.open(tmp_path / "b.duckdb")
    applied = {r[0] for r in store.con.execute("SELECT number FROM schema_migrations").fetchall()}
    assert applied == {n for n, _, _ in real}
    store.close()
