"""The FastAPI application: routers, the dashboard pages, errors and security headers.

``create_app(workspace)`` builds an app around one opened workspace. Every
route but ``/api/health`` needs a user (Bearer token or session cookie);
every response carries a Content-Security-Policy that allows scripts from this
server only, so even a payload that slipped through escaping could not run.
"""

from __future__ import annotations

import logging
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from starlette.exceptions import HTTPException
from starlette.responses import Response

from influscope import __version__
from influscope.errors import InfluscopeError
from influscope.serve.api import (
    actors,
    alerts,
    axes,
    claims,
    communities,
    documents,
    incidents,
    influence,
    journey,
    reports,
    sources,
    sov,
    status,
    users,
)
from influscope.serve.api.cache import AnswerCache
from influscope.serve.api.deps import Reader
from influscope.serve.api.responses import FastJSON, error_body, error_response
from influscope.serve.web import pages
from influscope.workspace import Workspace

log = logging.getLogger("influscope.serve")

CSP = (
    "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; "
    "img-src 'self' data: blob:; connect-src 'self'; font-src 'self'; object-src 'none'; "
    "base-uri 'none'; frame-ancestors 'none'; form-action 'self'"
)
ROUTERS = (
    status,
    axes,
    sov,
    documents,
    actors,
    communities,
    journey,
    influence,
    alerts,
    incidents,
    claims,
    sources,
    reports,
    users,
)


def create_app(workspace: Workspace, *, secure_cookies: bool | None = None) -> FastAPI:
    """The API and dashboard over an opened workspace.

    Args:
        workspace: the workspace to serve (kept open for the app's life).
        secure_cookies: force the ``Secure`` cookie flag (behind a TLS proxy);
            by default it is set when the request itself came over HTTPS.
    """
    app = FastAPI(
        title="influscope",
        version=__version__,
        description="Influence intelligence API: share of voice, map, journey, alerts.",
        default_response_class=FastJSON,
        docs_url=None,
        redoc_url=None,
        openapi_url=None,
    )
    app.state.workspace = workspace
    # The store's own lock: with `serve --watch` the watch loop writes from another
    # thread on the same connection, and the control socket serves the CLI.
    app.state.lock = workspace.store.lock
    app.state.secure_cookies = secure_cookies
    app.state.cache = AnswerCache()
    app.state.auth_cache = {}
    for module in ROUTERS:
        app.include_router(module.router)
    app.router.add_event_handler("startup", lambda: _prime(workspace))
    pages.install(app)
    _install_errors(app)

    @app.get("/openapi.json", include_in_schema=False)
    def openapi(user: Reader) -> dict[str, Any]:
        """The OpenAPI document (authenticated like every route but health)."""
        return app.openapi()

    @app.middleware("http")
    async def security_headers(request: Request, call_next: Any) -> Response:
        response: Response = await call_next(request)
        response.headers["Content-Security-Policy"] = CSP
        response.headers["X-Content-Type-Options"] = "nosniff"
        response.headers["Referrer-Policy"] = "same-origin"
        response.headers["X-Frame-Options"] = "DENY"
        if request.url.path.startswith("/api/"):
            response.headers.setdefault("Cache-Control", "no-store")
        return response

    return app


def _prime(workspace: Workspace) -> None:
    """Before the first request: open the store's tables and check the aggregates are fresh.

    A refusal (say, a read-only store whose aggregates are stale) is logged,
    and the routes report their own errors; a bug stops the start-up.
    """
    try:
        with workspace.store.lock:
            workspace.sov.prime()
    except InfluscopeError:
        log.exception("priming the workspace failed")


def _wants_html(request: Request) -> bool:
    return not request.url.path.startswith(("/api/", "/openapi.json", "/static/"))


def _install_errors(app: FastAPI) -> None:
    @app.exception_handler(InfluscopeError)
    async def influscope_error(request: Request, error: InfluscopeError) -> Response:
        if _wants_html(request):
            return pages.error_page(request, error.status, error.message, error.hint)
        return error_response(error)

    @app.exception_handler(HTTPException)
    async def http_error(request: Request, error: HTTPException) -> Response:
        message = str(error.detail) if error.detail else "HTTP error"
        if error.status_code == 404:
            message, hint = "Not found.", "Check the address; /openapi.json lists the routes."
        else:
            hint = ""
        if _wants_html(request):
            return pages.error_page(request, error.status_code, message, hint)
        return FastJSON(error_body(error.status_code, message, hint), status_code=error.status_code)

    @app.exception_handler(RequestValidationError)
    async def invalid(request: Request, error: RequestValidationError) -> Response:
        first = error.errors()[0] if error.errors() else {}
        where = ".".join(str(p) for p in first.get("loc", ()))
        message = f"Invalid request: {where}: {first.get('msg', 'invalid value')}."
        return FastJSON(error_body(422, message, "See /openapi.json."), status_code=422)

    @app.exception_handler(Exception)
    async def crash(request: Request, error: Exception) -> Response:
        log.exception("unhandled error on %s", request.url.path)
        body = error_body(500, "Internal error.", "The server log has the details.")
        return FastJSON(body, status_code=500)
