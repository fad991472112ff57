"""The client side of the control socket: the few service methods, answered remotely.

:class:`ControlClient` has the services a remote command uses (``alerts``,
``data``, ``ingest``) with the same methods, arguments and return values as
the workspace's, so a CLI command uses either without knowing which (see
:mod:`influscope.serve.cli.access`). An
error raised over there is raised here as the same ``InfluscopeError``
subclass, with its message and hint, so the exit status is the same too.
"""

from __future__ import annotations

import builtins
from collections.abc import Callable
from typing import Any
from urllib.parse import quote

import httpx
from pydantic import TypeAdapter

from influscope import errors
from influscope.errors import InfluscopeError, StoreError
from influscope.options import AlertState
from influscope.serve.control import wire
from influscope.workspace.data import RunError, WorkspaceStatus
from influscope.workspace.import_results import SourceHealth, SourceInfo


class ControlClient:
    """Talks to the control socket of the process holding the store.

    Example:
        >>> with ControlClient(busy.holder) as ws:  # doctest: +SKIP
        ...     ws.alerts.ack("a1b2c3", "alice")
    """

    def __init__(self, holder: dict[str, Any], timeout: float = 300.0) -> None:
        self.holder = holder
        self.socket = str(holder["socket"])
        # A long import in the watch holds the store lock: wait for it rather than fail.
        self.http = httpx.Client(
            transport=httpx.HTTPTransport(uds=self.socket),
            base_url="http://influscope",
            timeout=httpx.Timeout(timeout, connect=5.0),
        )
        self.alerts = RemoteAlerts(self._call)
        self.data = RemoteData(self._call)
        self.ingest = RemoteSources(self._call)

    def _call(self, method: str, path: str, **kwargs: Any) -> Any:
        """Send one request; the answer decoded, or the remote error raised here."""
        try:
            response = self.http.request(method, path, **kwargs)
        except httpx.TransportError as exc:
            kind, pid = self.holder.get("kind", "?"), self.holder.get("pid", "?")
            raise StoreError(
                f"'influscope {kind}' (pid {pid}) holds the store, but its control socket "
                f"{self.socket} did not answer: {exc}",
                f"Check that process; stop it (kill -TERM {pid}) to run this command directly.",
            ) from exc
        body = wire.loads(response.content)
        if response.status_code >= 400:
            raise _error(body, response.status_code)
        return body

    # -- life cycle ---------------------------------------------------------------------
    def close(self) -> None:
        """Close the connection."""
        self.http.close()

    def __enter__(self) -> ControlClient:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


Call = Callable[..., Any]


class RemoteAlerts:
    """``ws.alerts`` over the socket: list, get, ack, close."""

    def __init__(self, call: Call) -> None:
        self._call = call

    def list(
        self, state: AlertState | None = None, limit: int = 50
    ) -> builtins.list[dict[str, Any]]:
        """Alerts, newest first."""
        params: dict[str, Any] = {"limit": limit} | ({"state": state} if state else {})
        return builtins.list(self._call("GET", "/alerts", params=params))

    def get(self, alert_id: str) -> dict[str, Any]:
        """One alert with its numbers, evidence, explanation and deliveries."""
        return dict(self._call("GET", f"/alerts/{_segment(alert_id)}"))

    def ack(self, alert_id: str, by: str) -> dict[str, Any]:
        """Acknowledge an alert (stops its escalation)."""
        return dict(self._call("POST", f"/alerts/{_segment(alert_id)}/ack", json={"by": by}))

    def close(self, alert_id: str, by: str) -> dict[str, Any]:
        """Close an alert."""
        return dict(self._call("POST", f"/alerts/{_segment(alert_id)}/close", json={"by": by}))


class RemoteData:
    """``ws.data`` over the socket: status and run errors."""

    def __init__(self, call: Call) -> None:
        self._call = call

    def status(self) -> WorkspaceStatus:
        """Counts, table sizes and the last runs."""
        return TypeAdapter(WorkspaceStatus).validate_python(self._call("GET", "/status"))

    def run_errors(self, run_id: str | None = None) -> list[RunError]:
        """The error log of a run (default: the last run that had errors)."""
        found = self._call("GET", "/runs/errors", params={"run_id": run_id} if run_id else {})
        return TypeAdapter(list[RunError]).validate_python(found)


class RemoteSources:
    """``ws.ingest`` over the socket, for the live sources: list and check."""

    def __init__(self, call: Call) -> None:
        self._call = call

    def sources(self) -> list[SourceInfo]:
        """The configured sources (secrets masked)."""
        return [SourceInfo(**row) for row in self._call("GET", "/sources")]

    def check(self, name: str | None = None) -> list[SourceHealth]:
        """Health of each source."""
        found = self._call("GET", "/sources/health", params={"name": name} if name else {})
        return [SourceHealth(**row) for row in found]


def _segment(text: str) -> str:
    """An id as one URL path segment."""
    return quote(text, safe="")


def _error(body: Any, status: int) -> InfluscopeError:
    """The error the other process raised, as the same class (or the base one)."""
    if not isinstance(body, dict):
        return InfluscopeError(f"The control socket answered {status}.")
    cls = getattr(errors, str(body.get("kind", "")), None)
    if not (isinstance(cls, type) and issubclass(cls, InfluscopeError)):
        cls = InfluscopeError
    message = body.get("error") or f"The control socket answered {status}: {body}"
    error = cls.__new__(cls)
    InfluscopeError.__init__(error, str(message), str(body.get("hint") or ""))
    return error
