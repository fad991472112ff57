"""When a scheduled report or digest is due, and which period it covers.

A schedule (``[[reports]]`` in the config) has slots: every day at ``at``
(UTC), every week on ``weekday`` at ``at``, or every month on its first day
at ``at``. The watch process runs a schedule when its latest slot is later
than the slot it last ran (kept in the store's cursors, so a restart neither
repeats nor skips it); missed slots are not replayed one by one — the next
run covers the latest, as a person opening the report would want.

Example:
    >>> from datetime import datetime
    >>> from influscope.config import ScheduledReport
    >>> weekly = ScheduledReport(name="w", every="weekly", at="07:00")
    >>> latest_slot(weekly, datetime(2026, 12, 6, 11, 0))  # a Sunday
    datetime.datetime(2026, 11, 30, 7, 0)
    >>> covered_period(weekly, datetime(2026, 11, 30, 7, 0))
    '2026-W48'
"""

from __future__ import annotations

from datetime import date, datetime, time, timedelta

from influscope.config import ScheduledReport

WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")


def _at(schedule: ScheduledReport) -> time:
    hours, minutes = schedule.at.split(":")
    return time(int(hours), int(minutes))


def latest_slot(schedule: ScheduledReport, now: datetime) -> datetime:
    """The latest slot of the schedule at or before ``now`` (naive UTC)."""
    at = _at(schedule)
    today = datetime.combine(now.date(), at)
    if schedule.every == "daily":
        return today if today <= now else today - timedelta(days=1)
    if schedule.every == "weekly":
        back = (now.weekday() - WEEKDAYS.index(schedule.weekday)) % 7
        slot = today - timedelta(days=back)
        return slot if slot <= now else slot - timedelta(days=7)
    first = datetime.combine(now.date().replace(day=1), at)
    if first <= now:
        return first
    previous = (now.date().replace(day=1) - timedelta(days=1)).replace(day=1)
    return datetime.combine(previous, at)


def previous_slot(schedule: ScheduledReport, slot: datetime) -> datetime:
    """The slot before ``slot`` (the start of what a digest at ``slot`` lists)."""
    return latest_slot(schedule, slot - timedelta(seconds=1))


def _name(every: str, day: date) -> str:
    if every == "daily":
        return day.isoformat()
    if every == "weekly":
        year, week, _ = day.isocalendar()
        return f"{year}-W{week:02d}"
    return f"{day.year}-{day.month:02d}"


def covered_period(schedule: ScheduledReport, slot: datetime) -> str | None:
    """The period a report run at ``slot`` covers: a day, ISO week or month name, or None (all).

    ``previous`` is the day, week or month that ended before the slot's day;
    ``current`` the one the slot's day is in.
    """
    if schedule.period == "all":
        return None
    day = slot.date()
    if schedule.period == "previous":
        if schedule.every == "daily":
            day -= timedelta(days=1)
        elif schedule.every == "weekly":
            day -= timedelta(days=7)
        else:
            day = day.replace(day=1) - timedelta(days=1)
    return _name(schedule.every, day)
