"""What a map, a share of voice or a stored analysis covers: an axis and a time window.

Its own module, apart from the graph that uses it (NumPy, SciPy's sparse
matrices): the share of voice and the stored analyses key their rows by a
scope, and naming one must not load the graph's libraries.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime


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
