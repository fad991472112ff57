"""The workspace: a folder with ``influscope.toml`` and ``influscope.duckdb``.

Every CLI verb and API route is a method of :class:`Workspace`, so the command
line, the REST API, the dashboard and Python users share one implementation;
adapters only parse arguments and render results. The methods live in one
module per area (ingesting, axes, cartography, journeys, veille, serving,
personal data, demo), each a mixin; :class:`Workspace` puts them together.
Analytics, accounts and the query language are imported inside the methods
that use them: an import (the commonest command) should not pay for Ibis,
SciPy or Lark.
"""

from __future__ import annotations

from influscope.workspace.axes import AxesMixin
from influscope.workspace.cartography import CartographyMixin
from influscope.workspace.core import WorkspaceCore, resolve_path, template_text
from influscope.workspace.demo import DEMO_STEPS, DemoMixin
from influscope.workspace.ingesting import IngestingMixin
from influscope.workspace.journeys import JourneysMixin
from influscope.workspace.personal_data import PersonalDataMixin
from influscope.workspace.serving import ServingMixin
from influscope.workspace.veille import VeilleMixin, backtest_file

__all__ = ["DEMO_STEPS", "Workspace", "backtest_file", "resolve_path", "template_text"]


class Workspace(
    WorkspaceCore,
    IngestingMixin,
    DemoMixin,
    AxesMixin,
    CartographyMixin,
    JourneysMixin,
    VeilleMixin,
    ServingMixin,
    PersonalDataMixin,
):
    """An opened workspace: config plus store. Use :meth:`open` or :meth:`init`.

    Example:
        >>> ws = Workspace.init("demo")  # doctest: +SKIP
        >>> ws.ingest_files(["posts.jsonl"]).records  # doctest: +SKIP
    """
