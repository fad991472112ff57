"""Tables of the running service: live sources, alert deliveries, accounts, personal data."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from influscope.model.schema import Int32, table

# -- live sources (migration 0006) ------------------------------------------------------


@table("source_state", key=("name",))
@dataclass(frozen=True, slots=True, kw_only=True)
class SourceState:
    """Health of one ``[[sources]]`` entry; its resume cursor lives in ``cursors``."""

    name: str
    connector: str
    last_run_at: datetime | None = None
    last_success_at: datetime | None = None
    last_error_at: datetime | None = None
    last_error: str | None = None
    last_fetched: int | None = None
    last_rejected: int | None = None
    total_fetched: int | None = 0
    runs: int | None = 0
    failures: int | None = 0
    rate_limits: str | None = None  # JSON
    next_run_at: datetime | None = None


# -- alert deliveries (migration 0007) ----------------------------------------------------


@table("alert_deliveries", key=("alert_id", "level", "channel", "recipient"))
@dataclass(frozen=True, slots=True, kw_only=True)
class AlertDelivery:
    """One notification to send (level 0 = first on call, 1 = first escalation…)."""

    alert_id: str
    level: Int32
    channel: str
    recipient: str = ""
    due_at: datetime
    status: str = "pending"  # pending | sending | sent | failed | cancelled
    attempts: Int32 = 0
    sent_at: datetime | None = None
    error: str | None = None


# -- accounts of the API and dashboard (migration 0008); secrets only as digests ---------


@table("users", key=("name",))
@dataclass(frozen=True, slots=True, kw_only=True)
class User:
    """A user with a role (admin, analyst or viewer); the password as an argon2 hash."""

    name: str
    role: str
    password_hash: str | None = None
    created_at: datetime
    disabled: bool = False


@table("api_tokens", key=("token_hash",))
@dataclass(frozen=True, slots=True, kw_only=True)
class ApiToken:
    """An API token of a user, as its SHA-256 digest."""

    token_hash: str
    name: str
    label: str | None = None
    created_at: datetime
    last_used_at: datetime | None = None
    expires_at: datetime | None = None  # migration 0015: tokens expire…
    revoked_at: datetime | None = None  # …and can be revoked


@table("sessions", key=("session_hash",))
@dataclass(frozen=True, slots=True, kw_only=True)
class Session:
    """A browser session, as the SHA-256 digest of its id, with its CSRF token."""

    session_hash: str
    name: str
    csrf: str
    created_at: datetime
    expires_at: datetime


# -- personal data (migration 0010) --------------------------------------------------------


@table("erasures", key=("actor_hash",))
@dataclass(frozen=True, slots=True, kw_only=True)
class Erasure:
    """An erased actor, remembered by a keyed hash only (a re-import does not bring it back)."""

    actor_hash: str
    erased_at: datetime
    run_id: str | None = None
    documents: int | None = None
    rows_deleted: int | None = None


@table("secrets", key=("name",))
@dataclass(frozen=True, slots=True, kw_only=True)
class Secret:
    """A workspace-private value (the pseudonymisation salt); never exported."""

    name: str
    value: str


# -- audit of writes (migration 0015) ----------------------------------------------------


@table("audit_log", keyed="none")
@dataclass(frozen=True, slots=True, kw_only=True)
class AuditEntry:
    """Who changed what, when: an API write or an account change typed on the command line.

    Append-only (no key); never holds a secret.
    """

    logged_at: datetime
    actor: str  # a user name, or 'cli:<login>' for the command line
    action: str  # 'POST /api/alerts/{id}/ack', 'users.disable', ...
    target: str | None = None
    status: Int32 | None = None  # the HTTP status of an API write
    address: str | None = None  # the client address of an API write
