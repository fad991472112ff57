"""The on-call rota: who gets an alert first, who next, and when.

People on shift now come first (in the order of their shifts), then the
others in the order they are listed. Level 0 goes to the first person at once;
level *n* goes to the *n*-th next person ``n × escalate_after`` later, and is
cancelled if the alert is acknowledged before. During quiet hours only
critical alerts go out at once; the others wait for the end of the quiet hours.
Without people, every channel gets level 0.
"""

from __future__ import annotations

from datetime import datetime, time, timedelta
from typing import Any

DAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")


def _clock(text: str) -> time:
    if text == "24:00":
        return time(23, 59, 59, 999999)
    hours, _, minutes = text.partition(":")
    return time(int(hours), int(minutes or 0))


def on_shift(shift: Any, at: datetime) -> bool:
    """Whether ``at`` (UTC) falls in the shift (an end before the start wraps past midnight)."""
    start, end = _clock(shift.start), _clock(shift.end)
    day = DAYS[at.weekday()]
    now = at.time()
    if start <= end:
        return day in shift.days and start <= now <= end
    previous = DAYS[(at.weekday() - 1) % 7]
    return (day in shift.days and now >= start) or (previous in shift.days and now <= end)


def order(settings: Any, at: datetime) -> list[Any]:
    """People in on-call order at ``at``."""
    people = {p.name: p for p in settings.people}
    first = [s.person for s in settings.shifts if s.person in people and on_shift(s, at)]
    ranked = list(dict.fromkeys(first + [p.name for p in settings.people]))
    return [people[name] for name in ranked]


def quiet_until(quiet: str | None, at: datetime) -> datetime | None:
    """The end of the quiet hours containing ``at``, or None when not quiet."""
    if not quiet:
        return None
    begin_text, _, end_text = quiet.partition("-")
    begin, end = _clock(begin_text.strip()), _clock(end_text.strip())
    now = at.time()
    inside = (begin <= now < end) if begin <= end else (now >= begin or now < end)
    if not inside:
        return None
    finish = datetime.combine(at.date(), end)
    return finish if finish > at else finish + timedelta(days=1)


def plan(
    settings: Any, channels: list[Any], severity: str, at: datetime, escalate: timedelta
) -> list[dict[str, Any]]:
    """The delivery rows of a new alert: channel, recipient, level and due time."""
    start = at
    if severity != "critical":
        start = quiet_until(settings.quiet_hours, at) or at
    known = {c.name: c for c in channels}
    people = order(settings, at)
    rows: list[dict[str, Any]] = []
    if not people:
        for channel in channels:
            rows.append({"level": 0, "channel": channel.name, "recipient": "", "due_at": start})
        return rows
    for level, person in enumerate(people):
        for name in person.channels:
            channel = known.get(name)
            if channel is None:
                continue
            recipient = person.email if channel.kind == "email" and person.email else person.name
            rows.append(
                {
                    "level": level,
                    "channel": name,
                    "recipient": recipient,
                    "due_at": start + escalate * level,
                }
            )
    return rows
