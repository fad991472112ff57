"""Query parameters of the API, built from the options declared once in :mod:`influscope.options`.

A route annotates its parameters with these aliases, so the values it
accepts, its validation errors (422) and the OpenAPI document all come from
the same declaration as the CLI's flags.
"""

from __future__ import annotations

from typing import Annotated

from fastapi import Query

from influscope.options import HELP, AlertState, JourneyLevel, Language, MapLevel, SovBy, SovSplit

Axis = Annotated[str | None, Query(description=HELP["axis"])]
By = Annotated[SovBy | None, Query(description=HELP["sov_by"])]
Split = Annotated[SovSplit | None, Query(description=HELP["sov_split"])]
Level = Annotated[MapLevel, Query(description=HELP["map_level"])]
JourneyLevelParam = Annotated[JourneyLevel, Query(description=HELP["journey_level"])]
State = Annotated[AlertState | None, Query(description=HELP["alert_state"])]
Lang = Annotated[Language, Query(description=HELP["lang"])]
OptionalLang = Annotated[Language | None, Query(description=HELP["lang"])]
Period = Annotated[
    str | None,
    Query(description=HELP["period"], pattern=r"^\d{4}(-\d{2}(-\d{2})?|-W\d{2}|-Q[1-4])?$"),
]
