"""The error tree: every failure a user can cause or meet is one of these.

Library code raises them and never prints or exits; the CLI and the API render
them once (``Error:``/``Hint:`` on stderr, or ``{"ok": false, ...}``), so the
message and the hint are written for a person, and carry the place (file,
line, field) when there is one.

They are rendered in the reader's language, which library code does not know:
a message is an English template marked with :func:`N_` and its values are
given apart (``NotFound(N_("No axis named {name}."), name=axis)``), so the
serve layer looks the template up in the catalogue and fills it there
(:func:`influscope.serve.i18n.error_text`). A value may be another error, which
wraps it (``reason=error``: its message, in the same language). A message built
whole (an f-string) still works; it is shown as written.
"""

from __future__ import annotations

import json
from typing import Any, Self


def N_(message: str) -> str:  # noqa: N802 - the gettext convention for "mark, translate later"
    """Mark ``message`` for the catalogue without translating it.

    Defined here, the bottom of the package, so library code can mark an error's
    message without importing the serve layer; :mod:`influscope.serve.i18n`
    re-exports it. Babel extracts every call of a function named ``N_``.
    """
    return message


class Code(str):
    """A code of the data inside a message (an alert's state, a kind): as it is in English.

    ``Alert a1 is acked`` names the state as the store and the command line
    write it; in another language the serve layer says the word for it, the
    label of its ``family`` (:mod:`influscope.serve.labels`: "pris en charge").
    """

    family: str

    def __new__(cls, family: str, code: str) -> Code:
        """``code`` of the labels' ``family`` (``Code("state", "acked")``)."""
        text = super().__new__(cls, code)
        text.family = family
        return text


class Phrase(str):
    """A sentence for a person that is no exception: English, kept with its template and values.

    A rejected row's reason is text everywhere (stored in the run's error log,
    grouped, compared), so it is a ``str``, the English filled in; the serve
    layer says it in the reader's language from ``template`` and ``values``
    (:func:`influscope.serve.i18n.say`), as it does an error's message.
    """

    template: str
    values: dict[str, object]

    def __new__(cls, template: str, /, **values: object) -> Phrase:
        """``template`` (marked with :func:`N_`) filled with ``values``, in English."""
        text = super().__new__(cls, template.format(**values) if values else template)
        text.template = template
        text.values = values
        return text

    def dumps(self) -> str:
        """The template and values as JSON, to be stored beside the English (see :meth:`loads`)."""
        return json.dumps(self._plain(), ensure_ascii=False, sort_keys=True)

    def _plain(self) -> dict[str, object]:
        values = {k: _plain(v) for k, v in self.values.items()}
        return {"template": self.template, "values": values}

    @classmethod
    def loads(cls, text: str) -> Phrase:
        """The phrase :meth:`dumps` stored (a value that is a phrase is one again)."""
        return cls._of(json.loads(text))

    @classmethod
    def _of(cls, plain: dict[str, Any]) -> Phrase:
        def value(v: object) -> object:
            if isinstance(v, dict) and "template" in v:
                return cls._of(v)
            if isinstance(v, dict) and "family" in v:
                return Code(v["family"], v["code"])
            return v

        return cls(plain["template"], **{k: value(v) for k, v in plain["values"].items()})


def _plain(value: object) -> object:
    """A phrase's value as JSON keeps it: a phrase or a code with what it needs to be said again."""
    if isinstance(value, Phrase):
        return value._plain()
    if isinstance(value, Code):
        return {"family": value.family, "code": str(value)}
    return value


class InfluscopeError(Exception):
    """Base of every error influscope raises on purpose.

    Attributes:
        message: what went wrong, in one sentence (English, values filled).
        hint: what to do about it (may be empty).
        template: ``message`` before its values were filled: the catalogue's key.
        hint_template: the same for ``hint``.
        values: the values of both templates' ``{fields}``.
        status: the HTTP status the API answers with.
    """

    status: int = 500
    exit_code: int = 1

    def __init__(self, message: str, hint: str = "", /, **values: object) -> None:
        self.template = message
        self.hint_template = hint
        self.values = values
        self.message = message.format(**values) if values else message
        self.hint = hint.format(**values) if values and hint else hint
        super().__init__(self.message)

    @classmethod
    def around(cls, inner: InfluscopeError, message: str, /, **values: object) -> Self:
        """An error of this class wrapping ``inner``, held by ``message`` as ``{reason}``.

        The inner error is a value, so it is translated with its wrapper; the hint
        is the inner error's, filled with its own values.
        """
        return cls(message, inner.hint_template, **{**inner.values, **values, "reason": inner})


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

    def __init__(
        self,
        message: str,
        hint: str = "",
        /,
        holder: dict[str, object] | None = None,
        **values: object,
    ) -> None:
        super().__init__(message, hint, **values)
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
            N_("{purpose} needs the Python package '{package}', which is not installed."),
            "pip install 'influscope[{extra}]'",
            purpose=purpose,
            package=package,
            extra=extra,
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
