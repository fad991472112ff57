"""Helpers for preset tests: run the real CLI into a real workspace and read it back."""

from __future__ import annotations

from pathlib import Path

from influscope.workspace import Workspace
from influscope.workspace.data import RunError

PRESETS = Path(__file__).resolve().parents[1] / "data" / "presets"
TABLES = ("documents", "actors", "interactions", "links")


def run_import(cli, path: Path, preset: str, *extra: str) -> tuple[int, str]:
    """``influscope ingest file PATH --preset NAME`` in the fixture's workspace (created once)."""
    if not (cli.root / "influscope.toml").exists():
        assert cli("init", str(cli.root), workspace=None)[0] == 0
    code, _, err = cli("ingest", "file", str(path), "--preset", preset, *extra)
    return code, err


def counts(root: Path) -> dict[str, int]:
    with Workspace.open(root) as ws:
        return {t: ws.store.count(t) for t in TABLES}


def rows(root: Path, table: str) -> list[dict]:
    with Workspace.open(root) as ws:
        return ws.store.to_arrow(ws.store.table(table)).to_pylist()


def docs_by_id(root: Path) -> dict[str, dict]:
    return {d["doc_id"]: d for d in rows(root, "documents")}


def edges(root: Path) -> set[tuple[str, str, str]]:
    return {(e["kind"], e["src"], e["dst"]) for e in rows(root, "interactions")}


def run_errors(root: Path) -> list[RunError]:
    with Workspace.open(root) as ws:
        return ws.data.run_errors()
