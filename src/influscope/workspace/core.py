"""The workspace's life cycle: a folder with ``influscope.toml`` and ``influscope.duckdb``.

Opening (config, query check, store, config mirror), creating, closing, and
the run log every command writes around its work.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING, Any

import orjson

from influscope import model
from influscope.config import CONFIG_FILE, DATABASE_FILE, Config, load_config, locate_key
from influscope.errors import (
    ConfigError,
    ImportRejected,
    QueryError,
    WorkspaceNotFound,
)
from influscope.store.engine import Store
from influscope.store.runs import finish_run, new_run_id, start_run

if TYPE_CHECKING:
    from influscope.workspace import Workspace


ENV_VAR = "INFLUSCOPE_WORKSPACE"
MIRROR_CURSOR = "config:mirror"


def template_text() -> str:
    """The commented ``influscope.toml`` template written by ``init``."""
    return resources.files("influscope.templates").joinpath(CONFIG_FILE).read_text("utf-8")


def resolve_path(path: str | os.PathLike[str] | None) -> Path:
    """The workspace folder: the argument, else $INFLUSCOPE_WORKSPACE, else the current folder."""
    if path:
        return Path(path)
    env = os.environ.get(ENV_VAR)
    return Path(env) if env else Path.cwd()


@dataclass
class RunContext:
    """A command being run: its id and the counts it will report."""

    run_id: str
    counts: dict[str, Any]
    errors: int = 0


def check_queries(config: Config, path: Path) -> None:
    """Parse every query of the config, naming file, line, key and column of a malformed one."""
    found: list[tuple[tuple[Any, ...], str]] = []
    for number, brand in enumerate(config.brands):
        if brand.exclude:
            found.append((("brands", number, "exclude"), brand.exclude))
    for number, axis in enumerate(config.axes):
        found.append((("axes", number, "query"), axis.query))
        found.extend((("axes", number, "crisis_queries"), q) for q in axis.crisis_queries)
    for number, rule in enumerate(config.alerts):
        if rule.query:
            found.append((("alerts", number, "query"), rule.query))
    if not found:
        return
    from influscope.query.parser import parse  # Lark: loaded only when there is a query

    text: str | None = None
    for loc, query in found:
        try:
            parse(query)
        except QueryError as exc:
            text = text if text is not None else path.read_text(encoding="utf-8")
            line = locate_key(text, loc)
            where = f"{path}:{line}" if line else str(path)
            key = ".".join(str(part) for part in loc)
            raise ConfigError(f"{where}: key '{key}': {exc.message}.", exc.hint) from exc


def dumps(value: Any) -> str:
    """JSON for CLI/API output (datetimes as ISO strings)."""
    return orjson.dumps(value, default=str, option=orjson.OPT_INDENT_2).decode()


class WorkspaceCore:
    """Config plus store, opened or created; see :class:`~influscope.workspace.Workspace`."""

    def __init__(self, root: Path, config: Config, store: Store) -> None:
        self.root = root
        self.config = config
        self.store = store

    # -- life cycle -------------------------------------------------------------------
    @classmethod
    def init(cls, path: str | os.PathLike[str], config_text: str | None = None) -> Workspace:
        """Create a workspace folder with a commented config and an empty store."""
        root = Path(path)
        root.mkdir(parents=True, exist_ok=True)
        config_path = root / CONFIG_FILE
        if config_path.exists() and config_text is None:
            raise ConfigError(
                f"{config_path} already exists.",
                "Open it with -w/--workspace, or choose another folder.",
            )
        config_path.write_text(config_text or template_text(), encoding="utf-8")
        return cls.open(root)

    @classmethod
    def open(cls, path: str | os.PathLike[str] | None = None, read_only: bool = False) -> Workspace:
        """Open an existing workspace (see :func:`resolve_path` for how it is found)."""
        root = resolve_path(path)
        config_path = root / CONFIG_FILE
        if not config_path.exists():
            raise WorkspaceNotFound(
                f"No workspace at {root} ({CONFIG_FILE} not found).",
                f"Create one with 'influscope init {root}', or pass -w DIR / set {ENV_VAR}.",
            )
        config = load_config(config_path)
        check_queries(config, config_path)
        store = Store.open(root / DATABASE_FILE, read_only=read_only)
        workspace = cls(root, config, store)
        if not read_only:
            workspace.mirror_config()
        return workspace

    def close(self) -> None:
        """Close the store."""
        self.store.close()

    def __enter__(self) -> Workspace:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def mirror_config(self) -> None:
        """Copy axes and brands into the store so analytics can join on them.

        Skipped when the store already holds this configuration (a fingerprint
        in ``cursors``), so opening a workspace writes nothing in the common case.
        """
        import hashlib

        import pyarrow as pa

        brand_rows = [
            b.model_dump(exclude={"exclude"}) | {"exclude": b.exclude} for b in self.config.brands
        ]
        axis_rows = [
            {"name": a.name, "query": a.query, "label": a.label, "competitors": a.competitors}
            for a in self.config.axes
        ]
        fingerprint = hashlib.sha256(
            orjson.dumps([brand_rows, axis_rows], option=orjson.OPT_SORT_KEYS)
        ).hexdigest()[:24]
        if self.store.cursor(MIRROR_CURSOR) == fingerprint:
            return
        brands = pa.Table.from_pylist(brand_rows, schema=model.spec("brands").arrow_schema())
        axes = pa.Table.from_pylist(axis_rows, schema=model.spec("axes").arrow_schema())
        with self.store.transaction() as writer:
            writer.replace_all("brands", brands)
            writer.replace_all("axes", axes)
            writer.set_cursor(MIRROR_CURSOR, fingerprint)

    @contextmanager
    def run(self, command: str, params: dict[str, Any]) -> Iterator[RunContext]:
        """Record a command in the run log around its work."""
        context = RunContext(new_run_id(), {})
        with self.store.transaction() as writer:
            start_run(writer, context.run_id, command, params)
        status_word = "failed"
        try:
            yield context
            status_word = "ok" if not context.errors else "partial"
        except ImportRejected:
            status_word = "rejected"
            raise
        finally:
            with self.store.transaction() as writer:
                finish_run(writer, context.run_id, status_word, context.counts, context.errors)
