"""Accounts of the API and dashboard: users, roles, tokens, browser sessions and the audit log.

Logins are rate limited here, in the process that serves them: after
``[server] login_attempts`` failures for one user name, or from one client
address, within ``lockout_minutes``, every login for that name or from that
address is refused with :class:`~influscope.errors.TooManyAttempts` (429)
until the oldest failure of the window ages out. The refusal comes before the
password is checked, so a flood of guesses costs no Argon2 time. Counting per
name as well as per address stops guessing spread over many addresses, at the
price that a flood can lock a known name out for a while (which the lockout's
length bounds).
"""

from __future__ import annotations

import math
import threading
import time
from collections import deque
from dataclasses import dataclass
from datetime import datetime, timedelta

from influscope.errors import N_, AuthError, TooManyAttempts
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


@dataclass(frozen=True)
class AuditEntry:
    """One write: who, what, on what, its outcome (an API write's status and client address)."""

    logged_at: datetime
    actor: str
    action: str
    target: str | None
    status: int | None
    address: str | None


class LoginGuard:
    """Failed logins per user name and per client address, in a sliding window."""

    def __init__(self, attempts: int, window: float) -> None:
        self.attempts, self.window = attempts, window
        self._failures: dict[str, deque[float]] = {}
        self._lock = threading.Lock()

    def _keys(self, name: str, address: str | None) -> list[str]:
        return [f"name:{name.strip().casefold()}"] + ([f"addr:{address}"] if address else [])

    def check(self, name: str, address: str | None) -> None:
        """Raise TooManyAttempts while the name or the address is locked out."""
        now = time.monotonic()
        with self._lock:
            for key in self._keys(name, address):
                failures = self._failures.get(key)
                while failures and failures[0] <= now - self.window:
                    failures.popleft()
                if failures is not None and len(failures) >= self.attempts:
                    wait = math.ceil(failures[0] + self.window - now)
                    minutes = max(1, math.ceil(wait / 60))
                    raise TooManyAttempts(
                        N_("Too many failed logins: try again in {minutes} min."),
                        N_(
                            "Check the user name and password; an admin can set a new one "
                            "('influscope users passwd NAME')."
                        ),
                        minutes=minutes,
                    )

    def failed(self, name: str, address: str | None) -> None:
        """Count a failure against the name and the address."""
        now = time.monotonic()
        with self._lock:
            if len(self._failures) > 100_000:  # a flood of distinct keys: forget the old ones
                self._failures.clear()
            for key in self._keys(name, address):
                self._failures.setdefault(key, deque()).append(now)

    def succeeded(self, name: str) -> None:
        """A right password: the name's failures are forgotten (the address keeps its own)."""
        with self._lock:
            self._failures.pop(self._keys(name, None)[0], None)


class AccountService:
    """Create users and tokens, check credentials, open and close sessions, revoke them.

    Example:
        >>> ws.accounts.add("alice", role="analyst", token=True).token  # doctest: +SKIP
    """

    def __init__(self, ctx: Context) -> None:
        self.ctx = ctx
        settings = ctx.config.server
        self.guard = LoginGuard(settings.login_attempts, settings.lockout_minutes * 60.0)

    @property
    def _token_ttl(self) -> timedelta:
        return timedelta(days=self.ctx.config.server.token_days)

    def add(
        self, name: str, role: Role = "analyst", token: bool = False, password: str | None = None
    ) -> NewAccount:
        """Create a user of the API/dashboard (the first one is an admin); ``token`` issues one."""
        created = accounts.add_user(
            self.ctx.store, name, role, password=password, token=token, token_ttl=self._token_ttl
        )
        return NewAccount(**created)

    def set_password(self, name: str, password: str) -> None:
        """Replace a user's password (at least 12 characters) and close its sessions."""
        accounts.set_password(self.ctx.store, name, password)

    def users(self) -> list[Account]:
        """The API/dashboard users and their roles."""
        return [Account(**row) for row in accounts.list_users(self.ctx.store)]

    def issue_token(self, name: str, label: str | None = None) -> str:
        """Issue a new API token for an existing user (returned in clear once)."""
        return accounts.issue_token(self.ctx.store, name, label, ttl=self._token_ttl)

    def revoke_tokens(self, name: str) -> int:
        """Revoke every API token of a user (401 from now on); how many were live."""
        return accounts.revoke_tokens(self.ctx.store, name)

    def disable(self, name: str) -> None:
        """Disable a user: their sessions are closed and their tokens refused."""
        accounts.set_disabled(self.ctx.store, name, True)

    def enable(self, name: str) -> None:
        """Enable a disabled user again."""
        accounts.set_disabled(self.ctx.store, name, False)

    def delete(self, name: str) -> None:
        """Delete a user with their tokens and sessions."""
        accounts.delete_user(self.ctx.store, name)

    def authenticate(self, *, token: str | None = None, session: str | None = None) -> User:
        """The user behind an API token or a browser session id (AuthError otherwise)."""
        if token:
            return accounts.user_for_token(self.ctx.store, token)
        if session:
            return accounts.user_for_session(self.ctx.store, session)
        raise AuthError(
            N_("Authentication required."), N_("Log in, or send 'Authorization: Bearer TOKEN'.")
        )

    def login(self, name: str, password: str, address: str | None = None) -> tuple[str, User]:
        """Open a browser session: (session id, user).

        Raises:
            TooManyAttempts: the name or the address is locked out (checked first).
            AuthError: a wrong name or password (counted towards the lockout).
        """
        self.guard.check(name, address)
        hours = timedelta(hours=self.ctx.config.server.session_hours)
        try:
            opened = accounts.login(self.ctx.store, name, password, ttl=hours)
        except AuthError:
            self.guard.failed(name, address)
            raise
        self.guard.succeeded(name)
        return opened

    def logout(self, session: str) -> None:
        """Close a browser session."""
        accounts.logout(self.ctx.store, session)

    def audit(
        self,
        actor: str,
        action: str,
        target: str | None = None,
        status: int | None = None,
        address: str | None = None,
    ) -> None:
        """Log a write in the audit log."""
        accounts.audit(self.ctx.store, actor, action, target, status, address)

    def audit_log(self, limit: int = 100) -> list[AuditEntry]:
        """The latest writes, newest first."""
        return [AuditEntry(**row) for row in accounts.audit_entries(self.ctx.store, limit)]
