"""Command and analysis options declared once: their values and what they mean.

The CLI flags (:mod:`influscope.serve.cli.params`), the API query parameters
(:mod:`influscope.serve.api.params`), the services' signatures and the docs
all read these aliases and :data:`HELP`, so a value added here is accepted,
validated and documented everywhere at once. Like ``model`` and ``config``,
this module imports nothing from the package.
"""

from __future__ import annotations

from typing import Literal, get_args

from influscope.errors import N_, UsageError

SovBy = Literal["day", "week", "month"]
SovSplit = Literal["platform", "community", "kind"]
MapLevel = Literal["coarse", "fine"]
JourneyLevel = Literal["actor", "page"]
AlertState = Literal["new", "acked", "closed"]
OutputFormat = Literal["table", "csv", "json"]
ShowFormat = Literal["text", "json"]
MapFormat = Literal["table", "csv", "json", "gexf", "graphml"]
ExportFormat = Literal["csv", "jsonl", "parquet"]
ReportFormat = Literal["html", "pdf", "pptx"]
Role = Literal["admin", "analyst", "viewer"]
Language = Literal["en", "fr"]

# One line of help per option, shown by `--help`, the OpenAPI document and docs/cli.md.
HELP: dict[str, str] = {
    "axis": "Axis name from influscope.toml (default: all documents).",
    "sov_by": "Time bucket of the series: day, week or month.",
    "sov_split": "Split each group by platform, community or kind.",
    "map_level": "coarse (camps) or fine (groups within camps).",
    "since": "Start date (UTC), e.g. 2026-01-31.",
    "period": "A year, quarter, month, ISO week or day (UTC): 2015, 2015-Q1, 2015-02, 2015-W08, 2015-02-17.",
    "until": "End date (UTC, excluded).",
    "resolution": "Coarse Leiden resolution (default: auto).",
    "journey_level": "actor (one row per actor) or page (one per page or account).",
    "alert_state": "new, acked or closed.",
    "format": "Output: table, csv or json.",
    "show_format": "Output: text (for a person) or json (every field).",
    "map_format": "Output: table, csv, json, gexf or graphml.",
    "export_format": "File format: csv, jsonl or parquet.",
    "report_format": "Report format: html, pdf or pptx.",
    "role": "admin, analyst or viewer.",
    "lang": "Language: en or fr.",
}


def check(alias: object, value: str | None, what: str) -> None:
    """Raise a :class:`UsageError` naming the accepted values when ``value`` is not one of them.

    Python callers are not held by the type checker at run time; this keeps
    their mistakes as readable as the CLI's and the API's.

    >>> check(MapLevel, "fine", "level")
    """
    allowed = get_args(alias)
    if value is not None and value not in allowed:
        raise UsageError(
            N_("Unknown {what} {value}."),
            N_("Use one of {choices}."),
            what=what,
            value=repr(value),
            choices=", ".join(allowed),
        )
