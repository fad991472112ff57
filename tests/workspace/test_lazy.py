"""The workspace's services are built on first use, once per workspace, and typed as before."""

from __future__ import annotations

import threading
import time

from influscope.workspace import Workspace
from influscope.workspace.lazy import LazyService
from influscope.workspace.sov import SovService


class Owner:
    """A stand-in owner whose service takes a while to build, so threads race for it."""

    def __init__(self) -> None:
        self.services_lock = threading.RLock()
        self.builds = 0

    @LazyService
    def slow(self) -> object:
        self.builds += 1
        time.sleep(0.05)  # long enough for every thread below to ask before it is stored
        return object()


def test_a_service_is_built_once_when_threads_race_for_it():
    owner = Owner()
    start = threading.Barrier(8)
    seen: list[object] = []

    def read() -> None:
        start.wait()
        seen.append(owner.slow)

    threads = [threading.Thread(target=read) for _ in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert owner.builds == 1
    assert len(seen) == 8 and all(found is seen[0] for found in seen)


def test_services_are_built_when_first_read_and_shared(workspace: Workspace):
    assert "sov" not in vars(workspace) and "ingest" not in vars(workspace)
    ingest = workspace.ingest
    assert isinstance(workspace.sov, SovService)
    # the service a service was given is the workspace's own, not a second one
    assert ingest.sov is workspace.sov and workspace.enrich.sov is workspace.sov
    assert workspace.ingest is ingest
    assert workspace.alerts.ingest is ingest and workspace.reports.alerts is workspace.alerts
    assert workspace.influence.crisis is workspace.crisis


def test_a_lent_workspace_has_its_own_services_on_the_same_store(workspace: Workspace):
    lent = workspace.lend()
    assert lent.ctx is workspace.ctx
    assert lent.sov is not workspace.sov and lent.sov.ctx is workspace.sov.ctx


def test_the_watch_runs_the_schedules_of_its_workspace(workspace: Workspace):
    # The alerts service is built before the schedules (which need it): the
    # watch's hook reaches them when it runs, and runs the workspace's own.
    scheduled = workspace.alerts.scheduled
    assert scheduled is not None and "schedules" not in vars(workspace)
    assert scheduled() == []  # no [[reports]] configured: nothing due
    assert "schedules" in vars(workspace)
