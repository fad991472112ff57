"""Accounts of the API and dashboard: users, roles, tokens and browser sessions."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from influscope.errors import AuthError
from influscope.options import Role
from influscope.store import accounts
from influscope.store.accounts import User
from influscope.workspace.context import Context


@dataclass(frozen=True)
class Account:
    """A user of the API and dashboard, without secrets."""

    name: str
    role: str
    created_at: datetime
    disabled: bool


@dataclass(frozen=True)
class NewAccount:
    """A user just created; ``token`` is the API token in clear, shown only this once."""

    name: str
    role: str
    token: str | None


class AccountService:
    """Create users and tokens, check credentials, open and close sessions.

    Example:
        >>> ws.accounts.add("alice", role="analyst", token=True).token  # doctest: +SKIP
    """

    def __init__(self, ctx: Context) -> None:
        self.ctx = ctx

    def add(
        self, name: str, role: Role = "analyst", token: bool = False, password: str | None = None
    ) -> NewAccount:
        """Create a user of the API/dashboard (the first one is an admin); ``token`` issues one."""
        return NewAccount(
            **accounts.add_user(self.ctx.store, name, role, password=password, token=token)
        )

    def users(self) -> list[Account]:
        """The API/dashboard users and their roles."""
        return [Account(**row) for row in accounts.list_users(self.ctx.store)]

    def issue_token(self, name: str, label: str | None = None) -> str:
        """Issue a new API token for an existing user (returned in clear once)."""
        return accounts.issue_token(self.ctx.store, name, label)

    def authenticate(self, *, token: str | None = None, session: str | None = None) -> User:
        """The user behind an API token or a browser session id (AuthError otherwise)."""
        if token:
            return accounts.user_for_token(self.ctx.store, token)
        if session:
            return accounts.user_for_session(self.ctx.store, session)
        raise AuthError(
            "Authentication required.", "Log in, or send 'Authorization: Bearer TOKEN'."
        )

    def login(self, name: str, password: str) -> tuple[str, User]:
        """Open a browser session: (session id, user); AuthError on a wrong password."""
        hours = timedelta(hours=self.ctx.config.server.session_hours)
        return accounts.login(self.ctx.store, name, password, ttl=hours)

    def logout(self, session: str) -> None:
        """Close a browser session."""
        accounts.logout(self.ctx.store, session)
