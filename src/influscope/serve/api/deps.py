"""What every route needs: the workspace, the user, paging parameters.

A read (:func:`reading`) takes no lock: each of FastAPI's worker threads reads
on its own store handle, which sees the last committed state, so a read never
waits behind a write, a job or the watch loop; its queries are cut after
``[server] request_seconds`` (503). A write (:func:`writing`) runs under the
store's write lock, so a read-check-write (a new user's name is free, an
alert may be acknowledged) is not interleaved with another write.
"""

from __future__ import annotations

import secrets
import time
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Annotated

from fastapi import Depends, Query, Request

from influscope.errors import N_, AuthError, Forbidden
from influscope.store.accounts import User
from influscope.workspace import Workspace

SESSION_COOKIE = "influscope_session"
CSRF_HEADER = "X-CSRF-Token"
CSRF_FIELD = "csrf"


@contextmanager
def reading(request: Request) -> Iterator[Workspace]:
    """The app's workspace for reads, its queries cut after the request time limit."""
    ws: Workspace = request.app.state.workspace
    with ws.store.deadline(request.app.state.request_seconds):
        yield ws


@contextmanager
def writing(request: Request) -> Iterator[Workspace]:
    """The app's workspace under the store's write lock for the ``with`` block."""
    ws: Workspace = request.app.state.workspace
    with ws.store.lock:
        yield ws


def bearer_token(request: Request) -> str | None:
    """The token of an ``Authorization: Bearer`` header, if any."""
    header = request.headers.get("authorization", "")
    scheme, _, token = header.partition(" ")
    return token.strip() if scheme.lower() == "bearer" and token.strip() else None


def authenticate(request: Request) -> User:
    """The user of this request (Bearer token first, then the session cookie)."""
    cached: User | None = getattr(request.state, "user", None)
    if cached is not None:
        return cached
    token = bearer_token(request)
    session = None if token else request.cookies.get(SESSION_COOKIE)
    if not token and not session:
        raise AuthError(
            N_("Authentication required."), N_("Log in, or send 'Authorization: Bearer TOKEN'.")
        )
    secret = f"t:{token}" if token else f"s:{session}"
    with reading(request) as ws:
        # Credentials checked once per data version: any write (a new session,
        # a disabled user, a revoked token) bumps it and forces a fresh check.
        version = ws.store.generation
        known: tuple[int, User, float] | None = request.app.state.auth_cache.get(secret)
        if known is not None and known[0] == version and known[2] > time.monotonic():
            user = known[1]
        else:
            user = ws.accounts.authenticate(token=token, session=session)
            if len(request.app.state.auth_cache) > 1000:
                request.app.state.auth_cache.clear()
            request.app.state.auth_cache[secret] = (version, user, time.monotonic() + 60)
    request.state.user = user
    request.state.via_session = token is None
    return user


def current_user(request: Request) -> User:
    """Dependency: any authenticated user."""
    return authenticate(request)


async def writer(request: Request) -> User:
    """Dependency: a user allowed to change things, with a valid CSRF token for sessions.

    Bearer-token clients are not exposed to CSRF (browsers never add the header
    by themselves), so the check applies to cookie sessions only.
    """
    user = authenticate(request)
    if not user.can_write:
        raise Forbidden(
            N_("The {role} role cannot change anything."),
            N_("Ask an admin for the analyst role."),
            role=str(user.role),
        )
    if request.state.via_session:
        sent = request.headers.get(CSRF_HEADER)
        if sent is None and request.headers.get("content-type", "").startswith(
            ("application/x-www-form-urlencoded", "multipart/form-data")
        ):
            sent = (await request.form()).get(CSRF_FIELD)  # type: ignore[assignment]
        if not sent or not user.csrf or not secrets.compare_digest(str(sent), user.csrf):
            raise Forbidden(
                N_("Missing or wrong CSRF token."), N_("Reload the page and try again.")
            )
    request.app.state.cache.clear()
    return user


def admin(user: Annotated[User, Depends(writer)]) -> User:
    """Dependency: an admin (account management)."""
    if user.role != "admin":
        raise Forbidden(N_("Only an admin can manage accounts."))
    return user


Reader = Annotated[User, Depends(current_user)]
Writer = Annotated[User, Depends(writer)]
Admin = Annotated[User, Depends(admin)]
Limit = Annotated[int, Query(ge=1, le=1000, description="Items per page.")]
MAX_OFFSET = 10_000_000
Offset = Annotated[int, Query(ge=0, le=MAX_OFFSET, description="Items to skip.")]
