"""CLI flags built from the options declared once in :mod:`influscope.options`.

A verb annotates its parameters with these aliases, so the values a flag
accepts (shown by ``--help``, checked by the parser) and its help text are
the ones the API and the services use.
"""

from __future__ import annotations

from typing import Annotated

import typer

from influscope.options import (
    HELP,
    AlertState,
    ExportFormat,
    JourneyLevel,
    MapFormat,
    MapLevel,
    OutputFormat,
    ReportFormat,
    Role,
    ShowFormat,
    SovBy,
    SovSplit,
)

Axis = Annotated[str | None, typer.Option("--axis", help=HELP["axis"])]
By = Annotated[SovBy | None, typer.Option("--by", help=HELP["sov_by"])]
Split = Annotated[SovSplit | None, typer.Option("--split", help=HELP["sov_split"])]
Level = Annotated[MapLevel, typer.Option("--level", help=HELP["map_level"])]
Since = Annotated[str | None, typer.Option("--since", help=HELP["since"])]
Until = Annotated[str | None, typer.Option("--until", help=HELP["until"])]
Resolution = Annotated[float | None, typer.Option("--resolution", help=HELP["resolution"])]
JourneyLevelOption = Annotated[JourneyLevel, typer.Option("--level", help=HELP["journey_level"])]
State = Annotated[AlertState | None, typer.Option("--state", help=HELP["alert_state"])]
Format = Annotated[OutputFormat, typer.Option("--format", help=HELP["format"])]
Limit = Annotated[int, typer.Option("--limit", min=1, help="Rows to show.")]
ShowFormatOption = Annotated[ShowFormat, typer.Option("--format", help=HELP["show_format"])]
MapFormatOption = Annotated[MapFormat, typer.Option("--format", help=HELP["map_format"])]
ExportFormatOption = Annotated[ExportFormat, typer.Option("--format", help=HELP["export_format"])]
ReportFormatOption = Annotated[ReportFormat, typer.Option("--format", help=HELP["report_format"])]
RoleOption = Annotated[Role, typer.Option("--role", help=HELP["role"])]
Period = Annotated[str | None, typer.Option("--period", help=HELP["period"])]
