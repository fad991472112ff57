"""Dashboard pages: authenticated shells rendered by Jinja2 (autoescaped), filled by ES modules.

A page carries no data but the names in its address (axis, actor id), which
Jinja escapes; its module fetches everything from the JSON API. The login
form is the answer to any unauthenticated page (status 401), protected by a
double-submit CSRF token; logout is a form POST with the session's token.
"""

from __future__ import annotations

import secrets
from pathlib import Path
from typing import Any

from fastapi import APIRouter, FastAPI, Form, Request
from fastapi.responses import RedirectResponse, Response
from fastapi.staticfiles import StaticFiles
from jinja2 import Environment, FileSystemLoader, select_autoescape
from starlette.background import BackgroundTask

from influscope.errors import N_, AuthError, Forbidden, TooManyAttempts
from influscope.serve import i18n
from influscope.serve.api.deps import SESSION_COOKIE, Reader, authenticate
from influscope.serve.labels import label
from influscope.serve.web import words

HERE = Path(__file__).parent
STATIC = HERE / "static"
LANG_COOKIE = "influscope_lang"
LOGIN_CSRF_COOKIE = "influscope_login_csrf"

env = Environment(
    loader=FileSystemLoader(HERE / "templates"),
    autoescape=select_autoescape(default=True, default_for_string=True),
)
router = APIRouter(tags=["pages"], include_in_schema=False)
PAGES = {
    "/": "overview",
    "/map": "map",
    "/journey": "journey",
    "/influence": "influence",
    "/alerts": "alerts",
    "/crisis": "crisis",
    "/sources": "sources",
    "/documents": "documents",
}


def lang_of(request: Request) -> str:
    """?lang= (remembered in a cookie), else the cookie, else Accept-Language."""
    for value in (request.query_params.get("lang"), request.cookies.get(LANG_COOKIE)):
        if value in ("en", "fr"):
            return value
    default = request.app.state.workspace.config.workspace.language
    return i18n.negotiate(request.headers.get("accept-language"), default)


def _secure(request: Request) -> bool:
    forced = request.app.state.secure_cookies
    return bool(forced) if forced is not None else request.url.scheme == "https"


def render(request: Request, template: str, status: int = 200, **values: Any) -> Response:
    """Render a template with the language, labels and user of the request."""
    lang = lang_of(request)
    user = getattr(request.state, "user", None)
    built = (STATIC / "dist" / "main.js").exists()
    body = env.get_template(template).render(
        lang=lang,
        _=lambda message, **fields: i18n.t(message, lang, **fields),
        label=lambda family, value: label(family, value, lang),
        words=words.for_page(lang),
        user=user,
        csrf=user.csrf if user is not None and user.csrf else "",
        built=built,
        path=request.url.path,
        axes=request.app.state.workspace.config.axes,
        axis_labels={a.name: a.label or a.name for a in request.app.state.workspace.config.axes},
        simulated=request.app.state.workspace.config.workspace.simulated,
        **values,
    )
    response = Response(body, status_code=status, media_type="text/html; charset=utf-8")
    if request.query_params.get("lang") in ("en", "fr"):
        response.set_cookie(
            LANG_COOKIE, lang, samesite="lax", httponly=True, secure=_secure(request)
        )
    return response


def login_page(request: Request, status: int = 401, message: str = "") -> Response:
    """The login form (a fresh double-submit CSRF token in a cookie and a hidden field)."""
    token = secrets.token_urlsafe(24)
    response = render(request, "login.html", status, login_csrf=token, message=message)
    response.set_cookie(
        LOGIN_CSRF_COOKIE, token, httponly=True, samesite="strict", secure=_secure(request)
    )
    response.headers["Cache-Control"] = "no-store"
    return response


def error_page(request: Request, status: int, message: str, hint: str = "") -> Response:
    """An error as a page (the login form for 401)."""
    if status == 401:
        return login_page(request, 401, message if request.cookies.get(SESSION_COOKIE) else "")
    return render(request, "error.html", status, code=status, message=message, hint=hint)


def _shell(page: str) -> Any:
    def view(request: Request, user: Reader) -> Response:
        return render(request, f"{page}.html", page=page)

    view.__name__ = f"page_{page}"
    return view


for _path, _page in PAGES.items():
    router.add_api_route(_path, _shell(_page), methods=["GET"])


@router.get("/axes/{name}")
def axis_page(request: Request, name: str, user: Reader) -> Response:
    """One axis: share of voice over time, themes, journey vs audience."""
    axis = request.app.state.workspace.config.axis(name)
    return render(request, "axis.html", page="axis", axis=name, axis_label=axis.label or name)


@router.get("/actors/{actor_id:path}")
def actor_page(request: Request, actor_id: str, user: Reader) -> Response:
    """One actor's card."""
    return render(request, "actor.html", page="actor", actor_id=actor_id)


@router.get("/login")
def login_form(request: Request) -> Response:
    """The login form (401 until authenticated), or the overview when already logged in."""
    try:
        authenticate(request)
    except AuthError:
        return login_page(request)
    return RedirectResponse("/", status_code=303)


@router.post("/login")
def login(
    request: Request,
    name: str = Form(..., max_length=100),
    password: str = Form(..., max_length=200),
    csrf: str = Form(..., max_length=200),
) -> Response:
    """Check the password and set an HttpOnly, SameSite=Strict session cookie."""
    expected = request.cookies.get(LOGIN_CSRF_COOKIE, "")
    if not expected or not secrets.compare_digest(csrf, expected):
        raise Forbidden(N_("The login form expired."), N_("Reload the page and try again."))
    service = request.app.state.workspace.accounts
    address = request.client.host if request.client else None
    try:
        session, _user = service.login(name, password, address)
    except TooManyAttempts as locked:
        return login_page(request, 429, i18n.error_text(locked, lang_of(request))[0])
    except AuthError as failed:
        refused = login_page(request, 401, i18n.error_text(failed, lang_of(request))[0])
        # Logged after the answer is sent: a failed login never waits for the write lock.
        refused.background = BackgroundTask(service.audit, name, "login failed", name, 401, address)
        return refused
    response = RedirectResponse("/", status_code=303)
    response.background = BackgroundTask(service.audit, name, "login", name, 303, address)
    response.set_cookie(
        SESSION_COOKIE,
        session,
        httponly=True,
        samesite="strict",
        secure=_secure(request),
        max_age=request.app.state.workspace.config.server.session_hours * 3600,
    )
    response.delete_cookie(LOGIN_CSRF_COOKIE)
    return response


@router.post("/logout")
def logout(request: Request, user: Reader, csrf: str = Form("", max_length=200)) -> Response:
    """Close the session (CSRF-checked so another site cannot log a user out)."""
    if not user.csrf or not secrets.compare_digest(csrf, user.csrf):
        raise Forbidden(N_("Missing or wrong CSRF token."), N_("Reload the page and try again."))
    request.app.state.workspace.accounts.logout(request.cookies.get(SESSION_COOKIE, ""))
    response = RedirectResponse("/login", status_code=303)
    response.delete_cookie(SESSION_COOKIE)
    return response


def install(app: FastAPI) -> None:
    """Add the pages, the static assets and the authenticated OpenAPI document."""
    app.include_router(router)
    app.mount("/static", StaticFiles(directory=STATIC, check_dir=False), name="static")
