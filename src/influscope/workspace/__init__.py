"""The workspace: a folder with ``influscope.toml`` and ``influscope.duckdb``, and its services.

A :class:`Workspace` is a small :class:`~influscope.workspace.context.Context`
(folder, config, store, run log) and one typed service per stage of the flow,
as attributes: ``ingest``, ``enrich``, ``sov``, ``maps``, ``journeys``,
``alerts``, ``reports``, ``crisis``, ``claims``, plus ``accounts``, ``data``, ``privacy`` and
``demo``. Each service receives the context and, explicitly, the services it
needs, so the command line, the REST API, the dashboard and Python users call
the same methods directly (``ws.sov.share_of_voice(axis="x")``) and the type
checker sees every call. A service is built, and its module imported, when it
is first read, so a command pays for the services it uses, not for all of them.
"""

from __future__ import annotations

import os
import threading
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from influscope.config import (
    CONFIG_FILE,
    DATABASE_FILE,
    ENV_VAR,
    Config,
    load_config,
    resolve_path,
)
from influscope.errors import N_, ConfigError, WorkspaceNotFound
from influscope.store.engine import Store
from influscope.workspace.context import Context, check_queries, mirror_config, template_text
from influscope.workspace.lazy import LazyService

if TYPE_CHECKING:
    from influscope.workspace.accounts import AccountService
    from influscope.workspace.alerts import AlertService
    from influscope.workspace.claims import ClaimService
    from influscope.workspace.crisis import CrisisService
    from influscope.workspace.data import DataService
    from influscope.workspace.demo import DemoService
    from influscope.workspace.enrichment import EnrichService
    from influscope.workspace.influence import InfluenceService
    from influscope.workspace.ingest import IngestService
    from influscope.workspace.journeys import JourneyService
    from influscope.workspace.maps import MapService
    from influscope.workspace.privacy import PrivacyService
    from influscope.workspace.reports import ReportService
    from influscope.workspace.schedules import ScheduleService
    from influscope.workspace.sov import SovService

__all__ = [
    "Context",
    "Workspace",
    "resolve_path",
    "template_text",
]


class Workspace:
    """An opened workspace: its context and services (see the module docstring).

    Get one with :meth:`open`, :meth:`init` or :meth:`build_demo`. Each service
    is built, and its module imported, the first time it is read (see
    :mod:`influscope.workspace.lazy`): ``influscope ingest file`` imports
    neither the query compiler nor the map, only what an import needs.

    Example:
        >>> ws = Workspace.init("demo")  # doctest: +SKIP
        >>> ws.ingest.files(["posts.jsonl"]).records  # doctest: +SKIP
    """

    def __init__(self, ctx: Context, *, owns_store: bool = True) -> None:
        self.ctx = ctx
        self.owns_store = owns_store
        self.services_lock = threading.RLock()

    # -- services, built on first use -------------------------------------------------
    @LazyService
    def sov(self) -> SovService:
        """Share of voice and the counts behind it."""
        from influscope.workspace.sov import SovService

        return SovService(self.ctx)

    @LazyService
    def ingest(self) -> IngestService:
        """Imports: files, sources, side tables."""
        from influscope.workspace.ingest import IngestService

        return IngestService(self.ctx, self.sov)

    @LazyService
    def enrich(self) -> EnrichService:
        """The enrichment pipeline."""
        from influscope.workspace.enrichment import EnrichService

        return EnrichService(self.ctx, self.sov)

    @LazyService
    def maps(self) -> MapService:
        """The axis maps (graph, communities, roles)."""
        from influscope.workspace.maps import MapService

        return MapService(self.ctx)

    @LazyService
    def journeys(self) -> JourneyService:
        """The search journeys."""
        from influscope.workspace.journeys import JourneyService

        return JourneyService(self.ctx)

    @LazyService
    def alerts(self) -> AlertService:
        """Alert rules, their backtests and the watch loop.

        The watch runs the scheduled reports each cycle; the schedules service
        is looked up when it does, not now (it needs the alerts itself).
        """
        from influscope.workspace.alerts import AlertService

        alerts = AlertService(self.ctx, self.ingest, self.enrich)
        alerts.schedule_with(lambda: self.schedules.run_due())
        return alerts

    @LazyService
    def accounts(self) -> AccountService:
        """Users, sessions, tokens and the audit log."""
        from influscope.workspace.accounts import AccountService

        return AccountService(self.ctx)

    @LazyService
    def data(self) -> DataService:
        """Status, browsing and exports."""
        from influscope.workspace.data import DataService

        return DataService(self.ctx, self.sov)

    @LazyService
    def privacy(self) -> PrivacyService:
        """Erasure of an actor's data."""
        from influscope.workspace.privacy import PrivacyService

        return PrivacyService(self.ctx, self.sov)

    @LazyService
    def influence(self) -> InfluenceService:
        """Profiles, tiers, relationships, advocacy and return on influence."""
        from influscope.workspace.influence import InfluenceService

        return InfluenceService(self.ctx, self.crisis)

    @LazyService
    def reports(self) -> ReportService:
        """Reports and their sections."""
        from influscope.workspace.reports import ReportService

        return ReportService(
            self.ctx,
            sov=self.sov,
            maps=self.maps,
            journeys=self.journeys,
            alerts=self.alerts,
            influence=self.influence,
        )

    @LazyService
    def schedules(self) -> ScheduleService:
        """Scheduled reports and digests."""
        from influscope.workspace.schedules import ScheduleService

        return ScheduleService(self.ctx, reports=self.reports, alerts=self.alerts)

    @LazyService
    def crisis(self) -> CrisisService:
        """Incidents and crisis analyses."""
        from influscope.workspace.crisis import CrisisService

        return CrisisService(self.ctx)

    @LazyService
    def claims(self) -> ClaimService:
        """Claims and their spread."""
        from influscope.workspace.claims import ClaimService

        return ClaimService(self.ctx)

    @LazyService
    def demo(self) -> DemoService:
        """The simulated demo scenario's pipeline."""
        from influscope.workspace.demo import DemoService

        return DemoService(
            self.ctx,
            ingest=self.ingest,
            sov=self.sov,
            enrich=self.enrich,
            maps=self.maps,
            journeys=self.journeys,
            alerts=self.alerts,
            influence=self.influence,
        )

    @property
    def root(self) -> Path:
        """The workspace folder."""
        return self.ctx.root

    @property
    def config(self) -> Config:
        """The parsed ``influscope.toml``."""
        return self.ctx.config

    @property
    def store(self) -> Store:
        """The store (DuckDB by default)."""
        return self.ctx.store

    # -- life cycle -------------------------------------------------------------------
    @classmethod
    def init(
        cls,
        path: str | os.PathLike[str],
        config_text: str | None = None,
        language: str = "en",
    ) -> Workspace:
        """Create a workspace folder with a commented config and an empty store.

        ``language`` (``en`` or ``fr``) is the one the template's config sets,
        unless ``config_text`` is given.
        """
        root = Path(path)
        root.mkdir(parents=True, exist_ok=True)
        config_path = root / CONFIG_FILE
        if config_path.exists() and config_text is None:
            raise ConfigError(
                N_("{path} already exists."),
                N_("Open it with -w/--workspace, or choose another folder."),
                path=str(config_path),
            )
        config_path.write_text(config_text or template_text(language), encoding="utf-8")
        return cls.open(root)

    @classmethod
    def open(
        cls,
        path: str | os.PathLike[str] | None = None,
        read_only: bool = False,
        engine: str | None = None,
    ) -> Workspace:
        """Open an existing workspace (see :func:`resolve_path` for how it is found).

        ``engine`` overrides ``[store] engine`` for the heavy analyses (see
        :mod:`influscope.workspace.engines`).
        """
        root = resolve_path(path)
        config_path = root / CONFIG_FILE
        if not config_path.exists():
            raise WorkspaceNotFound(
                N_("No workspace at {root} ({file} not found)."),
                N_("Create one with 'influscope init {root}', or pass -w DIR / set {variable}."),
                root=str(root),
                file=CONFIG_FILE,
                variable=ENV_VAR,
            )
        config = load_config(config_path)
        check_queries(config, config_path)
        store = Store.open(
            root / DATABASE_FILE, read_only=read_only, memory_limit=config.store.memory_limit
        )
        if not read_only:
            mirror_config(config, store)
        return cls(Context(root, config, store, engine=engine))

    @classmethod
    def build_demo(
        cls,
        path: str | os.PathLike[str],
        scale: int = 20_000,
        seed: int = 7,
        progress: Callable[[int, int | None], None] | None = None,
    ) -> Workspace:
        """Build a workspace from the SIMULATED demo scenario.

        Writes the demo ``influscope.toml`` (``simulated = true``) and the input
        files under ``<path>/demo-input/``, then imports the posts and the side
        files. A simulated workspace already there is rebuilt; a real one is
        refused. Run the analyses with ``ws.demo.pipeline()``.

        Example:
            >>> ws = Workspace.build_demo("demo-workspace", scale=20_000)  # doctest: +SKIP
        """
        from influscope.workspace.demo import demo_folder

        files, config_text = demo_folder(Path(path), scale, seed)
        workspace = cls.init(path, config_text=config_text)
        workspace.demo.import_inputs(files, scale, seed, progress)
        return workspace

    def lend(self) -> Workspace:
        """The same workspace (same store) with fresh services, whose :meth:`close` keeps it open.

        The process holding the store lends it to a command it runs for another
        process (see :mod:`influscope.serve.cli.access`).
        """
        return Workspace(self.ctx, owns_store=False)

    def close(self) -> None:
        """Close the store (unless this workspace was lent, see :meth:`lend`)."""
        if self.owns_store:
            self.ctx.store.close()

    def __enter__(self) -> Workspace:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
