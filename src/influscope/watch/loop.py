"""``influscope watch``: sources on their schedule, enrichment, alert rules, delivery — one process.

Each cycle runs the sources that are due (``every``), enriches what arrived,
evaluates the alert rules and sends due notifications. A ``push`` source starts
the push endpoint in this process (the store has one writer). Everything a
cycle writes is committed in small transactions with the cursor that says how
far it got, so ``kill -9`` loses nothing and a restart resumes; alerts are
deduplicated by rule, key and window, and each notification is a row that is
sent once. ``stop`` (an Event, set by SIGTERM/Ctrl-C) ends the loop between
steps.

The loop is given the stages it drives (:class:`WatchStages`: import a file,
poll a source, enrich) and the store and config it reads, never the
workspace: this layer sits below it.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from influscope.analyze.alerts.base import parse_duration
from influscope.config import Config
from influscope.config import Source as SourceConfig
from influscope.ingest.batch import Batch
from influscope.ingest.push import PushServer, build_app, push_token
from influscope.ingest.runner import ImportSummary
from influscope.store.engine import Store
from influscope.store.runs import new_run_id
from influscope.store.sink import StoreSink
from influscope.watch import alerting

log = logging.getLogger("influscope.watch")


@dataclass(frozen=True)
class WatchStages:
    """What the watch loop drives, handed down by the workspace.

    ``ingest_file(path, fmt, platform)`` imports a file source, ``poll_source(name)``
    runs a live connector once, ``enrich()`` enriches what arrived,
    ``scheduled()`` writes and sends the due scheduled reports and digests; ``store``,
    ``config`` and ``root`` are the workspace's (the loop writes pushed batches
    and its cursors itself, and evaluates and delivers alerts).
    """

    config: Config
    store: Store
    root: Path
    ingest_file: Callable[[Path, str | None, str | None], ImportSummary]
    poll_source: Callable[[str], object]
    enrich: Callable[[], object]
    scheduled: Callable[[], object] | None = None


@dataclass(frozen=True)
class WatchSummary:
    """What a watch did: cycles run, pushed documents, and the last cycle's report."""

    cycles: int
    pushed: int
    sources: dict[str, Any]
    alerts: list[str]
    deliveries: dict[str, int]
    errors: list[str]


@dataclass
class CycleReport:
    """What one cycle did."""

    sources: dict[str, Any] = field(default_factory=dict)
    enriched: Any = None
    alerts: list[str] = field(default_factory=list)
    deliveries: dict[str, int] = field(default_factory=dict)
    scheduled: Any = None
    errors: list[str] = field(default_factory=list)


class WatchLoop:
    """The watch process around a workspace's stages."""

    def __init__(self, stages: WatchStages, stop: threading.Event | None = None) -> None:
        self.stages = stages
        self.store = stages.store
        self.config = stages.config
        self.stop = stop or threading.Event()
        self.wake = threading.Event()
        self.next_run: dict[str, float] = {}
        self.push: PushServer | None = None
        self.pushed = 0
        self.run_id = new_run_id()
        self.cycles = 0
        self._enriched_at = 0

    # -- push endpoint -------------------------------------------------------------
    def write_batch(self, batch: Batch) -> dict[str, Any]:
        """Write a pushed batch in one transaction and wake the loop."""
        sink = StoreSink(self.store, self.run_id)
        counts: dict[str, Any] = {}
        with sink.transaction() as tx:
            if batch.documents or batch.actors:
                counts = {
                    k: {"inserted": v.inserted, "updated": v.updated}
                    for k, v in tx.write(batch).items()
                }
            if batch.errors:
                tx.log_errors(batch.errors)
        self.pushed += len(batch.documents)
        self.wake.set()
        return counts

    def start_push(self) -> PushServer | None:
        """Serve the push endpoint if a ``push`` source is configured."""
        for source in self.config.sources:
            if source.connector == "push" and source.enabled:
                options = source.options
                app = build_app(push_token(options), self.write_batch, options.get("platform"))
                self.push = PushServer(
                    app, str(options.get("host", "127.0.0.1")), int(options.get("port", 8765))
                )
                self.push.start()
                log.info("push endpoint listening on port %s", self.push.port)
                return self.push
        return None

    # -- one cycle ------------------------------------------------------------------
    def run_sources(self, report: CycleReport, force: bool = False) -> None:
        """Run the sources that are due."""
        now = time.monotonic()
        for source in self.config.sources:
            if not source.enabled or source.connector == "push" or self.stop.is_set():
                continue
            if not force and self.next_run.get(source.name, 0.0) > now:
                continue
            self.next_run[source.name] = now + parse_duration(source.every).total_seconds()
            try:
                log.info("source %s: running", source.name)
                report.sources[source.name] = self.run_source(source)
                log.info("source %s: %s", source.name, report.sources[source.name])
            except Exception as exc:  # one failing source must not stop the watch
                log.warning("source %s failed: %s", source.name, exc)
                report.errors.append(f"{source.name}: {exc}")

    def run_source(self, source: SourceConfig) -> object:
        """Run one source once (files here; live connectors through ``poll_source``)."""
        if source.connector == "file":
            path = Path(source.options["path"])
            if not path.is_absolute():
                path = self.stages.root / path
            stamp = f"{path.stat().st_size}:{path.stat().st_mtime_ns}"
            if self.store.cursor(f"watch:file:{source.name}") == stamp:
                return {"skipped": "unchanged"}
            summary = self.stages.ingest_file(
                path, source.options.get("format"), source.options.get("platform")
            )
            with self.store.transaction() as writer:
                writer.set_cursor(f"watch:file:{source.name}", stamp)
            return {"records": summary.records, "rejected": summary.rejected}
        return self.stages.poll_source(source.name)

    def cycle(self, force_sources: bool = False) -> CycleReport:
        """One pass: sources, enrichment (when something arrived), alert rules, delivery, reports."""
        report = CycleReport()
        self.run_sources(report, force=force_sources)
        # A file source found unchanged brought nothing: enriching then would only
        # hold the store (and the on-call person's ack) for nothing.
        fetched = [r for r in report.sources.values() if not _unchanged(r)]
        arrived = bool(fetched) or self.pushed != self._enriched_at or self.cycles == 0
        self._enriched_at = self.pushed
        if arrived and not self.stop.is_set():
            try:
                report.enriched = self.stages.enrich()
            except Exception as exc:  # enrichment problems must not block alerts
                report.errors.append(f"enrich: {exc}")
        if not self.stop.is_set():
            fresh = alerting.evaluate(self.store, self.config)
            report.alerts = [a["alert_id"] for a in fresh]
            for alert_id in report.alerts:
                log.info("alert %s recorded", alert_id)
            if fresh:
                report.deliveries["fast"] = alerting.send_fresh(self.store, self.config, fresh)
        if not self.stop.is_set():
            report.deliveries.update(alerting.deliver(self.store, self.config))
            if report.deliveries.get("sent"):
                log.info("deliveries: %s", report.deliveries)
        if self.stages.scheduled is not None and not self.stop.is_set():
            try:
                report.scheduled = self.stages.scheduled()
            except Exception as exc:  # a report that fails must not stop the alerts
                log.exception("scheduled reports failed")
                report.errors.append(f"scheduled reports: {exc}")
        self.cycles += 1
        return report

    def run(self, once: bool = False) -> CycleReport:
        """Run until ``stop`` is set (or one cycle with ``once``); returns the last report."""
        if once:
            return self.cycle(force_sources=True)
        self.start_push()
        tick = float(self.config.watch.tick)
        report = CycleReport()
        try:
            first = True
            while not self.stop.is_set():
                report = self.cycle(force_sources=first)
                first = False
                self.wake.wait(timeout=tick)
                self.wake.clear()
        finally:
            if self.push is not None:
                self.push.stop()
        return report


def _unchanged(result: Any) -> bool:
    """Whether a source's report says it brought nothing new (a file seen before)."""
    return isinstance(result, dict) and result.get("skipped") == "unchanged"
