"""What every workspace service shares: the folder, its config, its store and the run log.

A :class:`Context` is built once when a workspace is opened and handed to
each service (see :mod:`influscope.workspace`). It holds no behaviour of its
own beyond recording commands in the run log, so a service depends on exactly
what it uses: the context, and the other services it is given explicitly.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import Any

import orjson
import pyarrow as pa

from influscope import model
from influscope.config import CONFIG_FILE, Config, locate_key
from influscope.errors import N_, ConfigError, ImportRejected, QueryError
from influscope.store.engine import Store
from influscope.store.runs import finish_run, new_run_id, start_run

MIRROR_CURSOR = "config:mirror"
# How long work tells how far it got: ``progress(done, total)`` (total None when
# unknown). The CLI draws it as a bar, a job of the API shows it to the page.
Progress = Callable[[int, int | None], None]

BRANDS_SCHEMA = model.spec("brands").arrow_schema()
AXES_SCHEMA = model.spec("axes").arrow_schema()


def template_text(language: str = "en") -> str:
    """The commented ``influscope.toml`` template written by ``init``, speaking ``language``.

    The template sets ``language`` explicitly (so a workspace keeps its language
    whatever the locale of whoever opens it later); ``init`` passes the language
    it was run in, so a French user's new workspace is French from the start.
    """
    text = resources.files("influscope.templates").joinpath(CONFIG_FILE).read_text("utf-8")
    return text.replace('\nlanguage = "en" ', f'\nlanguage = "{language}" ', 1)


@dataclass
class RunContext:
    """A command being run: its id and the counts it will report (filled in as it goes)."""

    run_id: str
    counts: dict[str, Any] = field(default_factory=dict)
    errors: int = 0


@dataclass(frozen=True)
class Context:
    """An opened workspace's folder, configuration and store, and its run log.

    Example:
        >>> with ctx.run("ingest file", {"paths": ["a.csv"]}) as run:  # doctest: +SKIP
        ...     run.counts["records"] = 10
    """

    root: Path
    config: Config
    store: Store
    # ``influscope --engine``: overrides ``[store] engine`` for this opening.
    engine: str | None = None
    # Lake stores opened by :func:`influscope.workspace.engines.analytic_store`, by engine.
    engines: dict[str, Any] = field(default_factory=dict, compare=False)

    @contextmanager
    def run(self, command: str, params: dict[str, Any]) -> Iterator[RunContext]:
        """Record a command in the run log around its work (ok, partial, rejected or failed)."""
        context = RunContext(new_run_id())
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
    # Here, not at the top: the parser and Lark are a few hundredths of a second of
    # every command, and a workspace without brands or axes has nothing to parse.
    from influscope.query.parser import parse  # noqa: PLC0415 - banned at module level

    text: str | None = None
    for loc, query in found:
        try:
            parse(query)
        except QueryError as exc:
            text = text if text is not None else path.read_text(encoding="utf-8")
            line = locate_key(text, loc)
            where = f"{path}:{line}" if line else str(path)
            key = ".".join(str(part) for part in loc)
            message = N_("{where}: key '{key}': {reason}.")
            raise ConfigError.around(exc, message, where=where, key=key) from exc


def mirror_config(config: Config, store: Store) -> None:
    """Copy axes and brands into the store so analytics can join on them.

    Skipped when the store already holds this configuration (a fingerprint in
    ``cursors``), so opening a workspace writes nothing in the common case.
    """
    brand_rows = [b.model_dump(exclude={"exclude"}) | {"exclude": b.exclude} for b in config.brands]
    axis_rows = [
        {"name": a.name, "query": a.query, "label": a.label, "competitors": a.competitors}
        for a in config.axes
    ]
    fingerprint = hashlib.sha256(
        orjson.dumps([brand_rows, axis_rows], option=orjson.OPT_SORT_KEYS)
    ).hexdigest()[:24]
    if store.cursor(MIRROR_CURSOR) == fingerprint:
        return
    with store.transaction() as writer:
        writer.replace_all("brands", pa.Table.from_pylist(brand_rows, schema=BRANDS_SCHEMA))
        writer.replace_all("axes", pa.Table.from_pylist(axis_rows, schema=AXES_SCHEMA))
        writer.set_cursor(MIRROR_CURSOR, fingerprint)
