"""The rejected rows of an import, as every importing command prints them.

One line per reason, with the first row that failed that way and the lines
of a few others, so a file failing one way does not hide a second way: a
result-page table missing its capture times printed ten identical lines,
where ``ingest file`` printed one. Then where the full list is.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, Protocol

from influscope.serve.cli.output import err
from influscope.serve.i18n import say, t

SHOWN = 10  # reasons listed; the run's error log has every row


class Rejected(Protocol):
    """A rejected row as the imports report it (``RowError``, a poll's ``RowProblem``)."""

    @property
    def file(self) -> str | None:
        """The file the row was in (None for a live source)."""

    @property
    def line(self) -> int | None:
        """Its line or record number."""

    @property
    def field(self) -> str | None:
        """The field that was wrong, None for the row as a whole."""

    @property
    def reason(self) -> Any:
        """Why, as text or a :class:`~influscope.errors.Phrase`."""


def print_rejected(errors: Sequence[Rejected], rejected: int, lang: str) -> None:
    """Print ``errors`` (the first rows kept of ``rejected`` in all) grouped by reason."""
    if not rejected:
        return
    groups: dict[tuple[str | None, str], list[Rejected]] = {}
    for error in errors:
        groups.setdefault((error.field, str(error.reason)), []).append(error)
    for (field, _), found in list(groups.items())[:SHOWN]:
        first = found[0]
        where = f" [{field}]" if field else ""
        place = ":".join(str(part) for part in (first.file, first.line) if part is not None)
        err.print(f"  {place}{where}: {say(first.reason, lang)}", highlight=False)
        if len(found) > 1:
            lines = ", ".join(str(e.line) for e in found[1:4]) + (", …" if len(found) > 4 else "")
            if len(errors) == rejected:
                more = t(
                    "and {count} more for the same reason (lines {lines})",
                    lang,
                    count=len(found) - 1,
                    lines=lines,
                )
            else:  # the summary keeps the first rejected records only
                more = t(
                    "and {count} more for the same reason among the first {listed} "
                    "rejected (lines {lines})",
                    lang,
                    count=len(found) - 1,
                    listed=len(errors),
                    lines=lines,
                )
            err.print("    " + more, highlight=False)
    err.print(
        t("The full list is in the run's error log: influscope status --errors", lang),
        highlight=False,
    )
