"""The FastAPI application: routers, the dashboard pages, errors and security headers.

``create_app(workspace)`` builds an app around one opened workspace. Every
route but ``/api/health`` needs a user (Bearer token or session cookie);
every response carries a Content-Security-Policy that allows scripts from this
server only, so even a payload that slipped through escaping could not run.
"""

from __future__ import annotations

import logging
from typing import Any

import anyio
from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.routing import APIRoute
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
    jobs,
    journey,
    reports,
    sources,
    sov,
    status,
    users,
)
from influscope.serve.api.boundary import ERRORS, control_character
from influscope.serve.api.cache import AnswerCache
from influscope.serve.api.deps import Reader
from influscope.serve.api.jobs import JobPending, Jobs, accepted
from influscope.serve.api.responses import FastJSON, error_body, error_response
from influscope.serve.i18n import error_text
from influscope.serve.web import pages
from influscope.store.accounts import User
from influscope.workspace import Workspace

log = logging.getLogger("influscope.serve")

CSP = (
    "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; "
    "img-src 'self' data: blob:; connect-src 'self'; font-src 'self'; object-src 'none'; "
    "base-uri 'none'; frame-ancestors 'none'; form-action 'self'"
)
WRITES = frozenset({"POST", "PUT", "PATCH", "DELETE"})
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
    jobs,
)


def create_app(
    workspace: Workspace,
    *,
    secure_cookies: bool | None = None,
    job_wait: float | None = None,
) -> FastAPI:
    """The API and dashboard over an opened workspace.

    Args:
        workspace: the workspace to serve (kept open for the app's life).
        secure_cookies: force the ``Secure`` cookie flag (behind a TLS proxy);
            by default it is set when the request itself came over HTTPS.
        job_wait: how long a request waits for the job it started before
            answering 202 (default: ``[server] job_wait_seconds``).
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
    settings = workspace.config.server
    app.state.workspace = workspace
    app.state.secure_cookies = secure_cookies
    app.state.cache = AnswerCache()
    app.state.auth_cache = {}
    app.state.jobs = Jobs()
    app.state.request_seconds = settings.request_seconds
    app.state.job_wait = settings.job_wait_seconds if job_wait is None else job_wait
    for module in ROUTERS:
        app.include_router(module.router, responses=ERRORS)
    app.include_router(users.audit_router, responses=ERRORS)
    app.router.add_event_handler("startup", lambda: _prime(workspace))
    app.router.add_event_handler("shutdown", app.state.jobs.stop)
    pages.install(app)
    _install_errors(app)

    @app.get("/openapi.json", include_in_schema=False)
    def openapi(user: Reader) -> dict[str, Any]:
        """The OpenAPI document (authenticated like every route but health)."""
        return app.openapi()

    @app.middleware("http")
    async def security_headers(request: Request, call_next: Any) -> Response:
        char = control_character(request)
        if char is not None:
            body = error_body(400, f"Control character {char!r} in the request.", "Remove it.")
            response: Response = FastJSON(body, status_code=400)
        else:
            response = await call_next(request)
        response.headers["Content-Security-Policy"] = CSP
        response.headers["X-Content-Type-Options"] = "nosniff"
        response.headers["Referrer-Policy"] = "same-origin"
        response.headers["X-Frame-Options"] = "DENY"
        if request.url.path.startswith("/api/"):
            response.headers.setdefault("Cache-Control", "no-store")
        stale_job = getattr(request.state, "stale_job", None)
        if stale_job:
            response.headers["X-Influscope-Job"] = stale_job
        if request.method in WRITES:
            await _audit(request, response.status_code)
        return response

    return app


async def _audit(request: Request, status: int) -> None:
    """Log an API write by an authenticated user (off the event loop: it takes the write lock).

    A request refused before its user was known (401, a control character) changed nothing.
    """
    user: User | None = getattr(request.state, "user", None)
    if user is None:
        return
    route = request.scope.get("route")
    template = route.path if isinstance(route, APIRoute) else request.url.path
    ws: Workspace = request.app.state.workspace
    address = request.client.host if request.client else None
    action = f"{request.method} {template}"
    await anyio.to_thread.run_sync(
        lambda: ws.accounts.audit(user.name, action, request.url.path, status, address)
    )


def _prime(workspace: Workspace) -> None:
    """Before the first request: open the store's tables and check the aggregates are fresh.

    A refusal (say, a read-only store whose aggregates are stale) is logged,
    and the routes report their own errors; a bug stops the start-up.
    """
    try:
        workspace.sov.prime()
    except InfluscopeError:
        log.exception("priming the workspace failed")


def _wants_html(request: Request) -> bool:
    return not request.url.path.startswith(("/api/", "/openapi.json", "/static/"))


def _install_errors(app: FastAPI) -> None:
    @app.exception_handler(JobPending)
    async def pending(request: Request, waiting: JobPending) -> Response:
        headers = {"Location": f"/api/jobs/{waiting.job.id}", "Retry-After": "1"}
        return FastJSON(accepted(waiting.job), status_code=202, headers=headers)

    @app.exception_handler(InfluscopeError)
    async def influscope_error(request: Request, error: InfluscopeError) -> Response:
        message, hint = error_text(error, pages.lang_of(request))
        if _wants_html(request):
            return pages.error_page(request, error.status, message, hint)
        return error_response(error, message, hint)

    @app.exception_handler(HTTPException)
    async def http_error(request: Request, error: HTTPException) -> Response:
        message = str(error.detail) if error.detail else "HTTP error"
        if error.status_code == 404:
            message, hint = "Not found.", "Check the address; /openapi.json lists the routes."
        else:
            hint = ""
        if _wants_html(request):
            page = pages.error_page(request, error.status_code, message, hint)
            page.headers.update(error.headers or {})
            return page
        return FastJSON(
            error_body(error.status_code, message, hint),
            status_code=error.status_code,
            headers=error.headers,
        )

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
