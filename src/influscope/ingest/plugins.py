"""The ingest plugin groups: file presets and live connectors (see :mod:`influscope.plugins`).

A **preset** reads one kind of file (a platform's archive, a listening tool's
export) into canonical rows; a **connector** polls a live source. Both map a
record with the same pure ``map_record``, so a post read from an archive and
the same post polled live land as the same rows. Built-ins subclass
:class:`~influscope.ingest.platforms.common.Preset` and
:class:`~influscope.ingest.platforms.connector.Connector`; a third-party
plugin may too, or implement the protocols below from scratch.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol, runtime_checkable

from influscope.ingest.batch import Mapped
from influscope.plugins import Group

if TYPE_CHECKING:
    # Only the connectors use it (httpx, ~0.15 s): an import of files never loads it.
    from influscope.ingest.http import HttpClient


@runtime_checkable
class Preset(Protocol):
    """Reads one file kind: ``influscope ingest file --preset NAME``."""

    name: str
    formats: tuple[str, ...]

    def detect_format(self, path: Path) -> str:
        """The file's format (``jsonl``, ``csv``…) when ``--format`` is not given."""
        ...

    def records(
        self, path: Path, fmt: str, encoding: str | None = None
    ) -> Iterator[tuple[int, dict[str, Any]]]:
        """``(line, record)`` pairs read from the file (``encoding``: ``--encoding``, if given)."""
        ...

    def map_record(self, record: dict[str, Any]) -> Mapped:
        """Canonical rows of one record; raises ``FieldError`` naming a bad field."""
        ...


class PresetFactory(Protocol):
    """A preset class: built with the command's ``--platform`` and ``--map`` options."""

    def __call__(
        self, platform: str | None = None, mapping: dict[str, str] | None = None
    ) -> Preset:
        """The preset for one command (the platform and column mapping it was given)."""
        ...


@runtime_checkable
class Connector(Protocol):
    """Polls one live source: ``[[sources]]`` in ``influscope.toml``.

    ``fetch`` does all the I/O through ``http`` and advances ``cursor`` to
    the point it has fully read; ``map_record`` is pure.
    """

    name: str
    source: str
    cursor: str | None
    http: HttpClient

    def fetch(self, cursor: str | None) -> Iterator[dict[str, Any]]:
        """Raw records newer than ``cursor``, exactly as the API returned them."""
        ...

    def map_record(self, raw: dict[str, Any]) -> Mapped:
        """Canonical rows of one raw record."""
        ...


class ConnectorFactory(Protocol):
    """A connector class: built with the source's options, the HTTP client and its name."""

    def __call__(
        self,
        options: Mapping[str, Any],
        http: HttpClient,
        *,
        source: str = "",
        env: Mapping[str, str] | None = None,
    ) -> Connector:
        """The connector of one source (``env`` stands in for the environment in tests)."""
        ...


PRESETS: Group[PresetFactory] = Group("preset", Preset, PresetFactory)
CONNECTORS: Group[ConnectorFactory] = Group("connector", Connector, ConnectorFactory)
