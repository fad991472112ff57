"""Veille: the watch loop, alerts, delivery and on-call, backtests.

A mixin of :class:`~influscope.workspace.Workspace`: the methods read
``self.config`` and ``self.store`` and record their runs with ``self.run``.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from influscope.errors import UsageError
from influscope.store.runs import now


class VeilleMixin:
    """The :class:`~influscope.workspace.Workspace` methods of this area (module docstring)."""

    # -- veille: watch loop, alerts, delivery, on-call -----------------------------------
    def watch(self, once: bool = False, stop: Any = None) -> dict[str, Any]:
        """Run the watch loop (sources, enrichment, alert rules, delivery) until ``stop`` is set.

        With ``once``, one cycle (for cron). ``stop`` is a ``threading.Event``.
        """
        from influscope.watch.loop import WatchLoop

        loop = WatchLoop(self, stop)
        report = loop.run(once=once)
        return {
            "cycles": loop.cycles,
            "pushed": loop.pushed,
            "sources": report.sources,
            "alerts": report.alerts,
            "deliveries": report.deliveries,
            "errors": report.errors,
        }

    def evaluate_alerts(self, now: Any = None) -> list[dict[str, Any]]:
        """Evaluate the alert rules now (or at ``now``); returns the new alerts recorded."""
        from influscope.watch.alerting import evaluate

        return evaluate(self.store, self.config, now)

    def deliver_alerts(self, now: Any = None) -> dict[str, int]:
        """Send the notifications that are due (webhook, email, stdout)."""
        from influscope.watch.alerting import deliver

        return deliver(self.store, self.config, now)

    def alerts(self, state: str | None = None, limit: int = 50) -> list[dict[str, Any]]:
        """Alerts, newest first."""
        from influscope.store.alerts import list_alerts

        return list_alerts(self.store, state, limit)

    def alert(self, alert_id: str) -> dict[str, Any]:
        """One alert with its numbers, evidence, explanation and deliveries."""
        from influscope.store.alerts import get_alert

        return get_alert(self.store, alert_id)

    def ack_alert(self, alert_id: str, by: str) -> dict[str, Any]:
        """Acknowledge an alert (stops its escalation)."""
        return self._alert_state(alert_id, "acked", by)

    def close_alert(self, alert_id: str, by: str) -> dict[str, Any]:
        """Close an alert."""
        return self._alert_state(alert_id, "closed", by)

    def _alert_state(self, alert_id: str, state: str, by: str) -> dict[str, Any]:
        from influscope.store.alerts import get_alert, set_state

        with self.store.transaction() as writer:
            set_state(writer, alert_id, state, by, now())
        return get_alert(self.store, alert_id)

    def backtest(
        self,
        path: str | os.PathLike[str] | None = None,
        *,
        time_col: str = "timestamp",
        value_col: str = "value",
        rule: str = "spike",
        axis: str | None = None,
    ) -> list[dict[str, Any]]:
        """Run the spike rule over a CSV series or an axis of the store, without look-ahead."""
        from influscope.analyze.alerts.backtest import backtest_axis, backtest_csv

        if axis:
            return backtest_axis(self.store, self.config, axis, rule)
        if path is None:
            raise UsageError(
                "Give a CSV file or --axis NAME.", "influscope alerts backtest series.csv"
            )
        return backtest_csv(Path(path), time_col, value_col, self.config, rule)


def backtest_file(
    path: str | os.PathLike[str] | None, time_col: str, value_col: str, rule: str = "spike"
) -> list[dict[str, Any]]:
    """Backtest the default spike rule over a CSV without a workspace."""
    from influscope.analyze.alerts.backtest import backtest_csv

    if path is None:
        raise UsageError("Give a CSV file.", "influscope alerts backtest series.csv")
    return backtest_csv(Path(path), time_col, value_col, None, rule)
