"""The error tree: every failure a user can cause or meet is one of these.

Library code raises them and never prints or exits; the CLI and the API render
them once (``Error:``/``Hint:`` on stderr, or ``{"ok": false, ...}``), so the
message and the hint are written for a person, and carry the place (file,
line, field) when there is one.
"""

from __future__ import annotations


class InfluscopeError(Exception):
    """Base of every error influscope raises on purpose.

    Attributes:
        message: what went wrong, in one sentence.
        hint: what to do about it (may be empty).
        status: the HTTP status the API answers with.
    """

    status: int = 500
    exit_code: int = 1

    def __init__(self, message: str, hint: str = "") -> None:
        super().__init__(message)
        self.message = message
        self.hint = hint

    def to_dict(self) -> dict[str, object]:
        """The one error shape of the API."""
        return {"ok": False, "error": self.message, "hint": self.hint, "status": self.status}


class UsageError(InfluscopeError):
    """The command line or request itself is wrong (bad option, missing argument)."""

    status = 400
    exit_code = 2


class ConfigError(InfluscopeError):
    """``influscope.toml`` is missing, unreadable or invalid."""

    status = 400


class WorkspaceNotFound(ConfigError):
    """No workspace where one was expected."""

    status = 404


class InputError(InfluscopeError):
    """An input file or record cannot be understood (names the place)."""

    status = 422


class ImportRejected(InputError):
    """Rows were rejected during an import; the summary says how many and where."""


class QueryError(InfluscopeError):
    """A boolean query is malformed; the message points at the column."""

    status = 400


class PluginError(InfluscopeError):
    """A registered plugin cannot be used: it does not have its group's shape."""


class NotComputed(InfluscopeError):
    """An analysis needs the result of another that has not been run yet (e.g. no map)."""

    status = 409


class StoreError(InfluscopeError):
    """The store cannot be opened, migrated or written."""


class StoreBusy(StoreError):
    """Another process holds the store open for writing (DuckDB allows one such process).

    Attributes:
        holder: what that process recorded about itself (``pid``, ``kind`` —
            ``watch`` or ``serve`` —, ``socket`` of its control endpoint), or
            None when it recorded nothing (a short command such as an import).
    """

    status = 409
    holder: dict[str, object] | None = None

    def __init__(self, message: str, hint: str = "", holder: dict[str, object] | None = None):
        super().__init__(message, hint)
        self.holder = holder


class TooLong(InfluscopeError):
    """A request's work ran past its time limit and was cut (the query interrupted)."""

    status = 503


class TooManyAttempts(InfluscopeError):
    """Too many failed attempts (logins): refused for a while."""

    status = 429


class NotFound(InfluscopeError):
    """A named thing (actor, axis, alert, run…) does not exist."""

    status = 404


class MissingExtra(InfluscopeError):
    """An optional dependency is not installed; the hint names the pip command."""

    def __init__(self, package: str, extra: str, purpose: str) -> None:
        super().__init__(
            f"{purpose} needs the Python package '{package}', which is not installed.",
            f"pip install 'influscope[{extra}]'",
        )


class SourceError(InfluscopeError):
    """A live source failed (network, credentials, API error)."""

    status = 502


class AuthError(InfluscopeError):
    """The request is not authenticated."""

    status = 401


class Forbidden(InfluscopeError):
    """The user is authenticated but not allowed to do this."""

    status = 403
