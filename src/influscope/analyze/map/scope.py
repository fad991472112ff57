"""What a map, a share of voice or a stored analysis covers: an axis and a time window.

Its own module, apart from the graph that uses it (NumPy, SciPy's sparse
matrices): the share of voice and the stored analyses key their rows by a
scope, and naming one must not load the graph's libraries.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from influscope.errors import N_, Phrase


@dataclass(frozen=True)
class Scope:
    """What a map covers: an axis (query) and a time window, all optional."""

    axis: str | None = None
    query: str | None = None
    since: datetime | None = None
    until: datetime | None = None

    @property
    def key(self) -> str:
        """The text key results are stored under: ``axis|since|until``."""
        parts = [
            self.axis or "",
            self.since.isoformat() if self.since else "",
            self.until.isoformat() if self.until else "",
        ]
        return "|".join(parts)

    @property
    def said(self) -> Phrase:
        """The scope as a reader names it ("axis 'x' (documents from 2026-01-01)"), not its key."""
        what = Phrase(N_("axis '{axis}'"), axis=self.axis) if self.axis else Phrase(N_("all axes"))
        since = self.since.date().isoformat() if self.since else None
        until = self.until.date().isoformat() if self.until else None
        if since and until:
            return Phrase(
                N_("{what} (documents from {since} to {until})"),
                what=what,
                since=since,
                until=until,
            )
        if since:
            return Phrase(N_("{what} (documents from {since})"), what=what, since=since)
        if until:
            return Phrase(N_("{what} (documents until {until})"), what=what, until=until)
        return what
