"""The warning for brand names that are no alias, shared by ``sov`` and ``brands``."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from influscope.serve.cli.output import err
from influscope.serve.i18n import t

if TYPE_CHECKING:  # the analysis loads Ibis: only the commands that run it import it
    from influscope.analyze.sov.names import NameGap


def print_name_gaps(gaps: Sequence[NameGap], lang: str) -> None:
    """One line per brand whose name, no alias of it, is in documents not attributed to it.

    Printed by ``sov`` and ``brands`` on stderr, so a CSV or JSON output stays data.
    """
    for gap in gaps:
        err.print(
            t(
                'Warning: "{name}" is in {count} documents not attributed to {name} (which {cited} '
                "documents cite): a brand's name counts only when it is one of its aliases. Add it "
                "to the aliases if the name alone designates the brand (not if it is a common word).",
                lang,
                name=gap.brand,
                count=gap.documents,
                cited=gap.cited,
            )
        )
