"""What a live connector is, and how one poll of it becomes a committed batch.

A connector does two things, kept apart so each can be tested alone:
``fetch(cursor)`` does all the I/O and yields raw records exactly as the API
returned them, and ``map_record(raw)`` is the pure platform mapper shared with
the file presets. While fetching, the connector advances ``self.cursor`` (an
opaque string: since-id, ETag, timestamp…) to the point it has fully read.

:func:`poll` maps everything one poll fetched, and writes the rows, the
rejected items and the new cursor in **one** transaction: a kill mid-poll
leaves the old cursor, so the next poll fetches the same items again and the
upserts absorb them — nothing lost, nothing doubled. A malformed item is a
row error (with its position in the poll and the field), never fatal.
"""

from __future__ import annotations

import os
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from typing import Any

from influscope.errors import N_, ConfigError, Phrase
from influscope.ingest import plugins
from influscope.ingest.batch import Batch, FieldError, Mapped
from influscope.ingest.checks import check_mapped
from influscope.ingest.http import HttpClient
from influscope.ingest.platforms.common import dumps
from influscope.ingest.runner import Sink
from influscope.model import RowError


class Connector:
    """Base of live connectors: options, credentials, and the cursor being advanced."""

    name = "connector"

    def __init__(
        self,
        options: Mapping[str, Any],
        http: HttpClient,
        *,
        source: str = "",
        env: Mapping[str, str] | None = None,
    ) -> None:
        self.options = dict(options)
        self.http = http
        self.source = source or self.name
        self.env = os.environ if env is None else env
        self.cursor: str | None = None

    def option(
        self, key: str, default: Any = None, *, env: str | None = None, required: bool = False
    ) -> Any:
        """An option of the source, else an environment variable, else ``default``.

        Raises:
            ConfigError: when ``required`` and neither is set; the message names
                the exact option and environment variable to set.
        """
        value = self.options.get(key)
        if (value is None or value == "") and env:
            value = self.env.get(env)
        if value is None or value == "":
            if required:
                raise ConfigError(
                    N_("Source {source} ({connector}) needs {key}."),
                    N_(
                        "Set options.{option} of [[sources]] {source} in influscope.toml "
                        "or the environment variable {variable}."
                    )
                    if env
                    else N_("Set options.{option} of [[sources]] {source} in influscope.toml."),
                    source=repr(self.source),
                    connector=self.name,
                    key=repr(key),
                    option=key,
                    variable=env or "",
                )
            return default
        return value

    def int_option(self, key: str, default: int) -> int:
        """An integer option (page sizes, page counts)."""
        value = self.option(key, default)
        try:
            return int(value)
        except (TypeError, ValueError) as exc:
            raise ConfigError(
                N_("Source {source}: options.{option} must be a whole number, got {value}."),
                source=repr(self.source),
                option=key,
                value=repr(value),
            ) from exc

    def fetch(self, cursor: str | None) -> Iterator[dict[str, Any]]:  # pragma: no cover - abstract
        """Yield raw records newer than ``cursor``, advancing ``self.cursor``."""
        raise NotImplementedError

    def map_record(self, raw: dict[str, Any]) -> Mapped:  # pragma: no cover - abstract
        """Map one raw record (pure)."""
        raise NotImplementedError


@dataclass
class PollSummary:
    """What one poll of a source did."""

    source: str
    connector: str
    fetched: int = 0
    rejected: int = 0
    cursor_before: str | None = None
    cursor: str | None = None
    counts: dict[str, dict[str, int]] = field(default_factory=dict)
    errors: list[RowError] = field(default_factory=list)
    requests: int = 0
    retries: int = 0
    rate_limits: dict[str, dict[str, str]] = field(default_factory=dict)

    def as_dict(self) -> dict[str, Any]:
        """A JSON-friendly view (for the CLI, the API and the run log)."""
        return {
            "source": self.source,
            "connector": self.connector,
            "fetched": self.fetched,
            "rejected": self.rejected,
            "cursor_before": self.cursor_before,
            "cursor": self.cursor,
            "documents": self.counts.get("documents", {"inserted": 0, "updated": 0}),
            "requests": self.requests,
            "retries": self.retries,
            "rate_limits": self.rate_limits,
            "errors": [
                {"line": e.line, "field": e.field, "reason": e.reason} for e in self.errors[:20]
            ],
        }


def cursor_name(source: str) -> str:
    """The ``cursors`` row of a source."""
    return f"source:{source}"


def poll(connector: plugins.Connector, sink: Sink) -> PollSummary:
    """Fetch once, map, and commit rows + errors + cursor together."""
    name = cursor_name(connector.source)
    before = sink.cursor(name)
    connector.cursor = before
    summary = PollSummary(connector.source, connector.name, cursor_before=before)
    batch = Batch()
    label = f"source {connector.source}"
    for number, raw in enumerate(connector.fetch(before), start=1):
        batch.items += 1
        try:
            if not isinstance(raw, dict):
                raise FieldError(None, Phrase(N_("expected a JSON object")))
            mapped = check_mapped(connector.map_record(raw))
        except FieldError as exc:
            batch.errors.append(RowError(label, number, exc.field, exc.reason, dumps(raw)))
            continue
        batch.documents.extend(mapped.documents)
        batch.actors.extend(mapped.actors)
        batch.interactions.extend(mapped.interactions)
        batch.links.extend(mapped.links)
    with sink.transaction() as tx:
        if batch.documents or batch.actors or batch.interactions:
            for table, count in tx.write(batch).items():
                summary.counts[table] = {"inserted": count.inserted, "updated": count.updated}
        if batch.errors:
            tx.log_errors(batch.errors)
        if connector.cursor is not None and connector.cursor != before:
            tx.set_cursor(name, connector.cursor)
    summary.fetched = batch.items
    summary.rejected = len(batch.errors)
    summary.errors = batch.errors
    summary.cursor = connector.cursor
    summary.requests = connector.http.requests
    summary.retries = connector.http.retried
    summary.rate_limits = connector.http.limits()
    return summary
