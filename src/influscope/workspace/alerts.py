"""Veille: the watch loop, alert rules, delivery and on-call, the inbox, backtests.

The watch loop (:mod:`influscope.watch.loop`) lives below the workspace: this
service hands it the stages it drives (import a file, poll a source, enrich)
as callables of the ingest and enrichment services it is given. The rules
(SciPy's statistics behind them) are imported by the methods that run them.
"""

from __future__ import annotations

import builtins
import os
import threading
from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from influscope.errors import N_, UsageError
from influscope.ingest.runner import ImportSummary
from influscope.options import AlertState, check
from influscope.store.alerts import alert_page, get_alert, list_alerts, set_state
from influscope.store.runs import now as wall_now
from influscope.workspace.context import Context
from influscope.workspace.engines import analytic_store

if TYPE_CHECKING:
    from influscope.watch.loop import WatchStages, WatchSummary
    from influscope.workspace.enrichment import EnrichService
    from influscope.workspace.ingest import IngestService


class AlertService:
    """Evaluate, deliver, list and handle alerts; run the watch loop.

    Example:
        >>> ws.alerts.ack("a1b2c3", by="alice")["state"]  # doctest: +SKIP
        'acked'
    """

    def __init__(self, ctx: Context, ingest: IngestService, enrich: EnrichService) -> None:
        self.ctx = ctx
        self.ingest = ingest
        self.enrich = enrich
        self.scheduled: Callable[[], object] | None = None

    def schedule_with(self, scheduled: Callable[[], object]) -> None:
        """Have the watch loop run ``scheduled`` each cycle (the workspace's scheduled reports).

        Set after construction: the report service that writes them reads alerts.
        """
        self.scheduled = scheduled

    def watch(self, once: bool = False, stop: threading.Event | None = None) -> WatchSummary:
        """Run the watch loop (sources, enrichment, alert rules, delivery) until ``stop`` is set.

        With ``once``, one cycle (for cron).
        """
        from influscope.watch.loop import WatchLoop, WatchSummary

        loop = WatchLoop(self.stages(), stop)
        report = loop.run(once=once)
        return WatchSummary(
            cycles=loop.cycles,
            pushed=loop.pushed,
            sources=report.sources,
            alerts=report.alerts,
            deliveries=report.deliveries,
            errors=report.errors,
        )

    def stages(self) -> WatchStages:
        """The stages the watch loop drives, bound to this workspace."""
        from influscope.watch.loop import WatchStages

        def ingest_file(path: Path, fmt: str | None, platform: str | None) -> ImportSummary:
            return self.ingest.files([path], fmt=fmt, platform=platform)

        return WatchStages(
            config=self.ctx.config,
            store=self.ctx.store,
            root=self.ctx.root,
            ingest_file=ingest_file,
            poll_source=self.ingest.poll,
            enrich=self.enrich.run,
            scheduled=self.scheduled,
        )

    def evaluate(self, now: datetime | None = None) -> builtins.list[dict[str, Any]]:
        """Evaluate the alert rules now (or at ``now``); returns the new alerts recorded."""
        from influscope.watch import alerting

        return alerting.evaluate(self.ctx.store, self.ctx.config, now)

    def deliver(self, now: datetime | None = None) -> dict[str, int]:
        """Send the notifications that are due (webhook, email, stdout)."""
        from influscope.watch import alerting

        return alerting.deliver(self.ctx.store, self.ctx.config, now)

    def list(
        self, state: AlertState | None = None, limit: int = 50
    ) -> builtins.list[dict[str, Any]]:
        """Alerts, newest event first."""
        check(AlertState, state, "state")
        return list_alerts(self.ctx.store, state, limit)

    def page(
        self, state: AlertState | None = None, limit: int = 50, offset: int = 0
    ) -> tuple[builtins.list[dict[str, Any]], int]:
        """A page of whole alerts (evidence and deliveries), newest event first, and the total."""
        check(AlertState, state, "state")
        return alert_page(self.ctx.store, state, limit, offset)

    def get(self, alert_id: str) -> dict[str, Any]:
        """One alert with its numbers, evidence, explanation and deliveries."""
        return get_alert(self.ctx.store, alert_id)

    def ack(self, alert_id: str, by: str) -> dict[str, Any]:
        """Acknowledge an alert (stops its escalation)."""
        return self._set_state(alert_id, "acked", by)

    def close(self, alert_id: str, by: str) -> dict[str, Any]:
        """Close an alert."""
        return self._set_state(alert_id, "closed", by)

    def _set_state(self, alert_id: str, state: AlertState, by: str) -> dict[str, Any]:
        with self.ctx.store.transaction() as writer:
            set_state(writer, alert_id, state, by, wall_now())
        return get_alert(self.ctx.store, alert_id)

    def backtest(
        self,
        path: str | os.PathLike[str] | None = None,
        *,
        time_col: str = "timestamp",
        value_col: str = "value",
        rule: str = "spike",
        axis: str | None = None,
    ) -> builtins.list[dict[str, Any]]:
        """Run the spike rule over a CSV series or an axis of the store, without look-ahead."""
        from influscope.analyze.alerts.backtest import backtest_axis, backtest_csv

        if axis:
            return backtest_axis(analytic_store(self.ctx), self.ctx.config, axis, rule)
        if path is None:
            raise UsageError(
                N_("Give a CSV file or --axis NAME."), "influscope alerts backtest series.csv"
            )
        return backtest_csv(Path(path), time_col, value_col, self.ctx.config, rule)


def backtest_file(
    path: str | os.PathLike[str] | None, time_col: str, value_col: str, rule: str = "spike"
) -> list[dict[str, Any]]:
    """Backtest the default spike rule over a CSV without a workspace."""
    from influscope.analyze.alerts.backtest import backtest_csv

    if path is None:
        raise UsageError(N_("Give a CSV file."), "influscope alerts backtest series.csv")
    return backtest_csv(Path(path), time_col, value_col, None, rule)
