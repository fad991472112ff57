"""The exporter plugin group: report formats (see :mod:`influscope.plugins`).

``influscope report --format FMT`` runs the exporter registered as
``report-FMT``: a function that writes the workspace's report for an axis and
a period to a file, in the workspace language. The group is declared here, at
the workspace's layer, because an exporter is handed the workspace; the
built-ins live in :mod:`influscope.serve.reports`.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Protocol

from influscope.plugins import Group

if TYPE_CHECKING:
    from influscope.workspace import Workspace


class Exporter(Protocol):
    """Writes one report file."""

    def __call__(
        self, ws: Workspace, out: Path, *, axis: str | None, period: str | None, lang: str
    ) -> None:
        """Write the report of ``ws`` to ``out``."""
        ...


EXPORTERS: Group[Exporter] = Group("exporter", Exporter, Exporter)
