"""What the API refuses at the door, and the error answers its OpenAPI document declares.

Control characters (NUL and the other C0 codes but tab, CR and LF, and DEL)
have no business in an address: a name, a search or a query holding one is
refused with 400 before any route sees it, instead of reaching DuckDB's
parser. Every route's OpenAPI entry lists the error statuses it can answer,
all with the one error body (:class:`ErrorBody`), so a client generated from
the document, or a fuzzer checking it (schemathesis, in the tests), knows
every answer it can get.
"""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel
from starlette.requests import Request

from influscope.serve.api.jobs import JobView


class ErrorBody(BaseModel):
    """The one error shape of the API."""

    ok: bool = False
    error: str
    hint: str
    status: int


class Accepted(BaseModel):
    """A 202 answer: the work runs as a job; poll ``/api/jobs/{id}``, then ask again."""

    ok: bool = True
    status: int = 202
    job: JobView


def _error(description: str) -> dict[str, Any]:
    return {"model": ErrorBody, "description": description}


# The statuses any authenticated route can answer, whatever it does.
ERRORS: dict[int | str, dict[str, Any]] = {
    400: _error("Bad request: a malformed query or value."),
    401: _error("Not authenticated (Bearer token or session cookie)."),
    403: _error("Authenticated but not allowed (role, CSRF)."),
    404: _error("No such thing (actor, axis, alert, job…)."),
    405: _error("Method not allowed (the Allow header lists the right ones)."),
    422: _error("A parameter failed validation."),
    429: _error("Too many failed attempts: locked out for a while."),
    500: _error("A bug: the server log has the details."),
    503: _error("The request ran past its time limit and was stopped."),
}
# Routes whose answer may be computed by a background job.
JOB: dict[int | str, dict[str, Any]] = {
    202: {"model": Accepted, "description": "Being computed: poll the job, then ask again."}
}


def control_character(request: Request) -> str | None:
    """The first control character in the request's path or parameters, if any."""
    for text in (request.url.path, *[v for kv in request.query_params.multi_items() for v in kv]):
        for char in text:
            code = ord(char)
            if (code < 32 and char not in "\t\n\r") or code == 127:
                return char
    return None
