"""Accounts of the REST API and dashboard: users, roles, API tokens and sessions.

Three roles, from most to least powerful: ``admin`` (everything, including
accounts), ``analyst`` (reads and changes: acknowledge alerts, build reports)
and ``viewer`` (reads only). The first user of a workspace is always an admin,
so a fresh install cannot lock itself out.

Secrets never reach the store in clear: passwords are hashed with Argon2id
(argon2-cffi), and API tokens and session ids — long random strings, so a fast
hash is enough — are kept as SHA-256 digests. A stolen database file therefore
gives no working credential.

Credentials can be taken back: an API token expires (``[server] token_days``)
and can be revoked; a user can be disabled (their sessions closed at once),
deleted, or given a new password (their sessions closed too). The last active
admin can be neither disabled nor deleted, so accounts stay manageable. Every
account change and every API write is kept in ``audit_log``.
"""

from __future__ import annotations

import hashlib
import secrets
import string
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from functools import cache
from typing import Any

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError

from influscope.errors import N_, AuthError, NotFound, UsageError
from influscope.store.engine import Store

ROLES = ("admin", "analyst", "viewer")
SESSION_TTL = timedelta(hours=12)
TOKEN_TTL = timedelta(days=90)
# A dashboard password guards the whole workspace: at least 12 characters
# (NIST SP 800-63B allows 8; 12 keeps a guessable word or date out), or a
# generated one (``generate_password``: 16 random letters and digits).
MIN_PASSWORD = 12
_hasher = PasswordHasher()


@cache
def _dummy_hash() -> str:
    """A hash to verify against when the user does not exist.

    A login then costs the same time whether or not the name is known, so
    timing does not reveal user names.
    """
    return _hasher.hash("influscope-no-such-user")


@dataclass(frozen=True)
class User:
    """An authenticated user as the API sees it."""

    name: str
    role: str
    csrf: str | None = None

    @property
    def can_write(self) -> bool:
        """Whether this user may change anything (viewers may not)."""
        return self.role in ("admin", "analyst")

    def to_dict(self) -> dict[str, Any]:
        """JSON form (never includes secrets)."""
        return {"name": self.name, "role": self.role}


def _now() -> datetime:
    return datetime.now(UTC).replace(tzinfo=None)


def _digest(secret: str) -> str:
    return hashlib.sha256(secret.encode("utf-8")).hexdigest()


def _rows(store: Store, expr: Any) -> list[dict[str, Any]]:
    return store.rows(expr)


def check_password(password: str) -> None:
    """Refuse a password shorter than :data:`MIN_PASSWORD` characters (UsageError)."""
    if len(password) < MIN_PASSWORD:
        raise UsageError(
            N_("The password has {count} characters; it needs at least {minimum} characters."),
            N_("Choose a longer one, or let influscope generate one with --generate-password."),
            count=len(password),
            minimum=MIN_PASSWORD,
        )


def generate_password() -> str:
    """A random password of 16 letters and digits (95 bits).

    No sign to quote in a shell, and never a leading ``-`` that a command line
    would read as an option.
    """
    return "".join(secrets.choice(string.ascii_letters + string.digits) for _ in range(16))


def add_user(
    store: Store,
    name: str,
    role: str,
    password: str | None = None,
    token: bool = False,
    token_ttl: timedelta = TOKEN_TTL,
) -> dict[str, Any]:
    """Create a user (the first one is made an admin); optionally issue an API token.

    Returns:
        ``{"name", "role", "token"}`` — the token in clear, shown only this once.
    """
    if password is not None:
        check_password(password)
    name = name.strip()
    if not name:
        raise UsageError(N_("A user needs a name."))
    if role not in ROLES:
        raise UsageError(
            N_("Unknown role {role}."),
            N_("Roles: {roles}."),
            role=repr(role),
            roles=", ".join(ROLES),
        )
    users = store.table("users")
    if _rows(store, users.filter(users.name == name).select("name")):
        raise UsageError(
            N_("User {name} already exists."), N_("Choose another name."), name=repr(name)
        )
    if store.count("users") == 0:
        role = "admin"
    row = {
        "name": name,
        "role": role,
        "password_hash": _hasher.hash(password) if password else None,
        "created_at": _now(),
        "disabled": False,
    }
    with store.transaction() as writer:
        writer.insert("users", [row])
    issued = issue_token(store, name, ttl=token_ttl) if token else None
    return {"name": name, "role": role, "token": issued}


def list_users(store: Store) -> list[dict[str, Any]]:
    """Users with their role (no secrets)."""
    users = store.table("users")
    return _rows(store, users.select("name", "role", "created_at", "disabled").order_by("name"))


def _known(store: Store, name: str) -> dict[str, Any]:
    """A user's row, or NotFound."""
    users = store.table("users")
    found = _rows(store, users.filter(users.name == name))
    if not found:
        raise NotFound(N_("No user {name}."), N_("See 'influscope users list'."), name=repr(name))
    return found[0]


def issue_token(
    store: Store, name: str, label: str | None = None, ttl: timedelta = TOKEN_TTL
) -> str:
    """A new API token for ``name``, valid for ``ttl``; only its digest is stored."""
    _known(store, name)
    token = "isc_" + secrets.token_urlsafe(32)
    now = _now()
    row = {
        "token_hash": _digest(token),
        "name": name,
        "label": label,
        "created_at": now,
        "expires_at": now + ttl,
    }
    with store.transaction() as writer:
        writer.insert("api_tokens", [row])
    return token


def revoke_tokens(store: Store, name: str) -> int:
    """Revoke every live API token of ``name`` (they answer 401 from now on); how many."""
    _known(store, name)
    with store.transaction() as writer:
        row = writer.con.execute(
            "UPDATE api_tokens SET revoked_at = ? WHERE name = ? AND revoked_at IS NULL",
            [_now(), name],
        ).fetchone()
    return int(row[0]) if row else 0


def _other_active_admins(store: Store, name: str) -> int:
    users = store.table("users")
    others = users.filter((users.role == "admin") & ~users.disabled & (users.name != name))
    return len(_rows(store, others.select("name")))


def _keep_an_admin(store: Store, user: dict[str, Any], doing: str) -> None:
    if (
        user["role"] == "admin"
        and not user["disabled"]
        and not _other_active_admins(store, user["name"])
    ):
        message = (
            N_("Cannot disable {name}: the workspace's last active admin.")
            if doing == "disable"
            else N_("Cannot delete {name}: the workspace's last active admin.")
        )
        raise UsageError(
            message,
            N_("Make another user an admin first ('influscope users add NAME --role admin')."),
            name=repr(user["name"]),
        )


def set_disabled(store: Store, name: str, disabled: bool) -> None:
    """Disable a user (their sessions closed, tokens refused) or enable them again."""
    user = _known(store, name)
    if disabled:
        _keep_an_admin(store, user, "disable")
    with store.transaction() as writer:
        writer.update("users", {"name": name}, {"disabled": disabled})
        if disabled:
            writer.delete("sessions", "name", [name])


def delete_user(store: Store, name: str) -> None:
    """Delete a user with their tokens and sessions."""
    _keep_an_admin(store, _known(store, name), "delete")
    with store.transaction() as writer:
        for table in ("api_tokens", "sessions", "users"):
            writer.delete(table, "name", [name])


def set_password(store: Store, name: str, password: str) -> None:
    """Give a user a new password (policy checked); their open sessions are closed."""
    check_password(password)
    _known(store, name)
    with store.transaction() as writer:
        writer.update("users", {"name": name}, {"password_hash": _hasher.hash(password)})
        writer.delete("sessions", "name", [name])


def audit(
    store: Store,
    actor: str,
    action: str,
    target: str | None = None,
    status: int | None = None,
    address: str | None = None,
) -> None:
    """Log a write: who (a user, or ``cli:<login>``), what, on what, with what outcome."""
    row = {
        "logged_at": _now(),
        "actor": actor,
        "action": action,
        "target": target,
        "status": status,
        "address": address,
    }
    with store.transaction() as writer:
        writer.insert("audit_log", [row])


def audit_entries(store: Store, limit: int = 100) -> list[dict[str, Any]]:
    """The latest entries of the audit log, newest first."""
    log = store.table("audit_log")
    return _rows(store, log.order_by([log.logged_at.desc(), log.action]).limit(limit))


def _active_user(store: Store, name: str) -> dict[str, Any] | None:
    users = store.table("users")
    found = _rows(store, users.filter((users.name == name) & ~users.disabled))
    return found[0] if found else None


def user_for_token(store: Store, token: str) -> User:
    """The user an API token belongs to, or AuthError."""
    tokens = store.table("api_tokens")
    live = (
        (tokens.token_hash == _digest(token))
        & tokens.revoked_at.isnull()
        & (tokens.expires_at.isnull() | (tokens.expires_at > _now()))
    )
    found = _rows(store, tokens.filter(live).select("name"))
    user = _active_user(store, found[0]["name"]) if found else None
    if user is None:
        raise AuthError(
            N_("Invalid, expired or revoked API token."),
            N_("Ask an admin for a new one ('influscope users token NAME')."),
        )
    return User(user["name"], user["role"])


def login(store: Store, name: str, password: str, ttl: timedelta = SESSION_TTL) -> tuple[str, User]:
    """Check a password and open a session; returns (session id in clear, user)."""
    user = _active_user(store, name)
    stored = (user or {}).get("password_hash") or _dummy_hash()
    try:
        ok = _hasher.verify(stored, password) and user is not None and bool(user["password_hash"])
    except (VerificationError, InvalidHashError):
        ok = False
    if not ok or user is None:
        raise AuthError(N_("Wrong user name or password."))
    session = secrets.token_urlsafe(32)
    csrf = secrets.token_urlsafe(24)
    now = _now()
    with store.transaction() as writer:
        writer.insert(
            "sessions",
            [
                {
                    "session_hash": _digest(session),
                    "name": name,
                    "csrf": csrf,
                    "created_at": now,
                    "expires_at": now + ttl,
                }
            ],
        )
    return session, User(name, user["role"], csrf)


def user_for_session(store: Store, session: str) -> User:
    """The user of a live browser session (with its CSRF token), or AuthError."""
    sessions = store.table("sessions")
    found = _rows(
        store,
        sessions.filter(
            (sessions.session_hash == _digest(session)) & (sessions.expires_at > _now())
        ),
    )
    user = _active_user(store, found[0]["name"]) if found else None
    if user is None:
        raise AuthError(N_("Your session has expired."), N_("Log in again."))
    return User(user["name"], user["role"], found[0]["csrf"])


def logout(store: Store, session: str) -> None:
    """Close a browser session."""
    with store.transaction() as writer:
        writer.delete("sessions", "session_hash", [_digest(session)])
