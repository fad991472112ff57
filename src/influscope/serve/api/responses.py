"""JSON rendering and the one error shape of the API.

Every error, whether raised by influscope, by request validation (422), by a
missing route (404) or by a bug (500), leaves as
``{"ok": false, "error": ..., "hint": ..., "status": ...}`` so a client needs
one code path for failures.
"""

from __future__ import annotations

from typing import Any, Generic, TypeVar

import orjson
from fastapi.responses import JSONResponse
from pydantic import BaseModel

from influscope.errors import InfluscopeError

T = TypeVar("T")


class FastJSON(JSONResponse):
    """JSON through orjson (datetimes as ISO strings): large map graphs serialise in ms."""

    def render(self, content: Any) -> bytes:
        """Serialise ``content``."""
        return orjson.dumps(content, default=str, option=orjson.OPT_NON_STR_KEYS)


def error_body(status: int, error: str, hint: str = "") -> dict[str, Any]:
    """The one error shape."""
    return {"ok": False, "error": error, "hint": hint, "status": status}


def error_response(error: InfluscopeError, message: str, hint: str) -> FastJSON:
    """An influscope error as an API response, its message and hint in the reader's language."""
    headers = {"WWW-Authenticate": "Bearer"} if error.status == 401 else None
    body = error_body(error.status, message, hint)
    return FastJSON(body, status_code=error.status, headers=headers)


class Page(BaseModel, Generic[T]):
    """A page of a list: ``items`` with the ``total`` they were sliced from."""

    items: list[T]
    total: int
    limit: int
    offset: int


def paged(items: list[T], limit: int, offset: int) -> Page[T]:
    """A page of a list of a service's dataclasses (its schema in the OpenAPI document)."""
    return Page[T](
        items=items[offset : offset + limit], total=len(items), limit=limit, offset=offset
    )


def page(items: list[Any], limit: int, offset: int, total: int | None = None) -> dict[str, Any]:
    """A page of a list computed whole: ``items`` sliced, with ``total``, ``limit``, ``offset``."""
    return {
        "items": items[offset : offset + limit],
        "total": len(items) if total is None else total,
        "limit": limit,
        "offset": offset,
    }
