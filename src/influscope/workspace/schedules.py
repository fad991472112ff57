"""Scheduled reports and alert digests (``[[reports]]``), run by the watch process.

Each due schedule (:mod:`influscope.watch.schedule` says when) writes one
file to its folder in the workspace — a management report of its axis over
the period that just ended, or a digest of the alerts fired since the
previous slot — and then sends it to its channels (the alerts' ``[[channels]]``
and notifiers: e-mail attaches the file, a webhook posts the summary through
the one outbound HTTP client, stdout prints a line).

What ran is kept in the store's cursors: ``reports.done:<name>`` is the last
slot written, ``reports.sent:<name>:<channel>`` the last slot a channel got.
A restart neither repeats a file nor a message; a channel that failed is
tried again on later cycles (waiting 2, 4, 8… seconds, five times), then
given up with a warning in the log, the file staying in the workspace.

The digest's and the notices' sentences are written by ``digest`` and
``notice`` plugins (``digest-text``, ``report-notice``, see
:mod:`influscope.plugins`), in the schedule's language: the
workspace does not hold the reports' sentences.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol

from influscope.config import CONFIG_FILE, Channel, ScheduledReport
from influscope.errors import N_, ConfigError, InfluscopeError
from influscope.plugins import Group
from influscope.workspace.context import Context

if TYPE_CHECKING:
    from influscope.watch.notifiers import Notice
    from influscope.workspace.alerts import AlertService
    from influscope.workspace.reports import ReportService

log = logging.getLogger("influscope.reports")
ATTEMPTS = 5


@dataclass(frozen=True)
class DigestData:
    """What an alert digest lists: the alerts fired from ``since`` to ``until`` (UTC)."""

    name: str
    schedule: str
    since: datetime
    until: datetime
    alerts: list[dict[str, Any]]


@dataclass(frozen=True)
class ReportNotice:
    """What the message announcing a scheduled report says."""

    name: str
    schedule: str
    axis: str | None
    period: str | None
    path: Path


@dataclass
class ScheduledRun:
    """One schedule's run: the slot, the file written (None: already written), deliveries."""

    schedule: str
    slot: datetime
    path: Path | None = None
    sent: list[str] = field(default_factory=list)
    failed: dict[str, str] = field(default_factory=dict)


class DigestWriter(Protocol):
    """A ``digest`` plugin: writes an alert digest's file, returns its title and text."""

    def __call__(self, data: DigestData, out: Path, lang: str) -> tuple[str, str]:
        """Write the digest of ``data`` to ``out`` in ``lang``; (title, text)."""
        ...


class NoticeWriter(Protocol):
    """A ``notice`` plugin: the message (title, text) announcing a scheduled report."""

    def __call__(self, notice: ReportNotice, lang: str) -> tuple[str, str]:
        """The title and text announcing the report in ``lang``."""
        ...


DIGESTS: Group[DigestWriter] = Group("digest", DigestWriter, DigestWriter)
NOTICES: Group[NoticeWriter] = Group("notice", NoticeWriter, NoticeWriter)


class ScheduleService:
    """Run the due ``[[reports]]`` schedules: write their files, send them to their channels.

    Example:
        >>> ws.schedules.run_due()  # doctest: +SKIP
        [ScheduledRun(schedule='weekly-usine', slot=datetime(2026, 11, 30, 7, 0), ...)]
    """

    def __init__(self, ctx: Context, *, reports: ReportService, alerts: AlertService) -> None:
        self.ctx = ctx
        self.reports = reports
        self.alerts = alerts
        # (schedule, channel) -> (failed attempts, monotonic-free wall time of the next try)
        self._retry: dict[tuple[str, str], tuple[int, datetime]] = {}

    def run_due(self, now: datetime | None = None) -> list[ScheduledRun]:
        """Write and send every schedule whose latest slot is not done yet (``now``: UTC)."""
        from influscope.watch.schedule import latest_slot

        moment = now or datetime.now(UTC).replace(tzinfo=None)
        runs: list[ScheduledRun] = []
        for schedule in self.ctx.config.reports:
            if not schedule.enabled:
                continue
            slot = latest_slot(schedule, moment)
            run = ScheduledRun(schedule.name, slot)
            done = self.ctx.store.cursor(_done(schedule.name))
            if done is None or done < slot.isoformat():
                run.path = self._write(schedule, slot)
                with self.ctx.store.transaction() as writer:
                    writer.set_cursor(_done(schedule.name), slot.isoformat())
                    writer.set_cursor(_file(schedule.name), str(run.path))
            self._send(schedule, slot, moment, run)
            if run.path is not None or run.sent or run.failed:
                runs.append(run)
        return runs

    def _folder(self, schedule: ScheduledReport) -> Path:
        root = self.ctx.root.resolve()
        folder = (root / schedule.folder).resolve()
        if not folder.is_relative_to(root):
            raise ConfigError(
                N_("[[reports]] {report}: folder {folder} is outside the workspace."),
                N_('Give a folder inside the workspace, e.g. folder = "reports".'),
                report=repr(schedule.name),
                folder=repr(schedule.folder),
            )
        folder.mkdir(parents=True, exist_ok=True)
        return folder

    def _lang(self, schedule: ScheduledReport) -> str:
        return schedule.lang or self.ctx.config.workspace.language or "en"

    def _write(self, schedule: ScheduledReport, slot: datetime) -> Path:
        """Write the schedule's file for ``slot`` and return its path."""
        from influscope.watch.schedule import covered_period, previous_slot
        from influscope.workspace.reports import ALERTS_READ

        folder = self._folder(schedule)
        if schedule.kind == "digest":
            since = previous_slot(schedule, slot)
            found = [
                a
                for a in self.alerts.list(limit=ALERTS_READ)
                if isinstance(a.get("fired_at"), datetime) and since <= a["fired_at"] < slot
            ]
            out = folder / f"{schedule.name}-{slot:%Y-%m-%d}.txt"
            data = DigestData(self.ctx.config.workspace.name, schedule.name, since, slot, found)
            digest = DIGESTS.load("digest-text")
            digest(data, out, self._lang(schedule))
            return out
        period = covered_period(schedule, slot)
        out = folder / f"{schedule.name}-{period or 'all'}.{schedule.format}"
        return self.reports.write(
            axis=schedule.axis,
            period=period,
            fmt=schedule.format,
            out=out,
            lang=self._lang(schedule),
        )

    def _notice(self, schedule: ScheduledReport, slot: datetime, path: Path) -> Notice:
        """The message sent for a schedule's file (a digest's text, or a report's notice)."""
        from influscope.watch.notifiers import Notice
        from influscope.watch.schedule import covered_period

        lang = self._lang(schedule)
        key = f"report:{schedule.name}:{slot:%Y-%m-%dT%H:%M}"
        if schedule.kind == "digest":
            title, _, text = path.read_text(encoding="utf-8").partition("\n")
            return Notice(title, text.strip(), key)
        notice = NOTICES.load("report-notice")
        title, text = notice(
            ReportNotice(
                self.ctx.config.workspace.name,
                schedule.name,
                schedule.axis,
                covered_period(schedule, slot),
                path,
            ),
            lang,
        )
        return Notice(title, text, key, attachment=path)

    def _send(
        self, schedule: ScheduledReport, slot: datetime, now: datetime, run: ScheduledRun
    ) -> None:
        """Send the slot's file to each channel that has not had it (failed ones wait, then retry)."""
        stamp = slot.isoformat()
        for name in schedule.channels:
            sent = self.ctx.store.cursor(_sent(schedule.name, name))
            if sent is not None and sent >= stamp:
                continue
            attempts, next_try = self._retry.get((schedule.name, name), (0, now))
            if now < next_try:
                continue
            written = self.ctx.store.cursor(_file(schedule.name))
            if written is None or not Path(written).exists():
                continue
            try:
                channel = _channel(self.ctx.config.channels, schedule, name)
                from influscope.watch.plugins import NOTIFIERS

                notifier = NOTIFIERS.load(channel.kind)(channel.options)
                notifier.post(self._notice(schedule, slot, Path(written)))
            except InfluscopeError as exc:
                attempts += 1
                run.failed[name] = exc.message
                log.warning("report %s to %s failed: %s", schedule.name, name, exc.message)
                if attempts < ATTEMPTS:
                    self._retry[(schedule.name, name)] = (
                        attempts,
                        now + timedelta(seconds=2**attempts),
                    )
                    continue
                log.warning(
                    "report %s to %s: given up after %d tries", schedule.name, name, attempts
                )
            self._retry.pop((schedule.name, name), None)
            with self.ctx.store.transaction() as writer:
                writer.set_cursor(_sent(schedule.name, name), stamp)
            if name not in run.failed:
                run.sent.append(name)


def _channel(channels: list[Channel], schedule: ScheduledReport, name: str) -> Channel:
    for channel in channels:
        if channel.name == name:
            return channel
    hint = (
        N_("Known channels: {known}.")
        if channels
        else N_("None is defined yet: add a [[channels]] table to {file}.")
    )
    raise ConfigError(
        N_("[[reports]] {report} names channel {channel}, which is not in [[channels]]."),
        hint,
        report=repr(schedule.name),
        channel=repr(name),
        known=", ".join(c.name for c in channels),
        file=CONFIG_FILE,
    )


def _done(name: str) -> str:
    return f"reports.done:{name}"


def _file(name: str) -> str:
    return f"reports.file:{name}"


def _sent(name: str, channel: str) -> str:
    return f"reports.sent:{name}:{channel}"
