"""What the API, dashboard and reports ask of a workspace, and the accounts they check.

A mixin of :class:`~influscope.workspace.Workspace`: the methods read
``self.config`` and ``self.store`` and record their runs with ``self.run``.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from datetime import timedelta
from pathlib import Path
from typing import TYPE_CHECKING, Any

from influscope.errors import (
    AuthError,
    NotAvailable,
    NotFound,
)
from influscope.store import browse
from influscope.workspace.exporters import EXPORTERS

if TYPE_CHECKING:
    from influscope.store.accounts import User


class ServingMixin:
    """The :class:`~influscope.workspace.Workspace` methods of this area (module docstring)."""

    # -- accounts, API and reports -------------------------------------------------------
    def users_add(
        self, name: str, role: str = "analyst", token: bool = False, password: str | None = None
    ) -> dict[str, Any]:
        """Create a user of the API/dashboard (the first one is an admin); ``token`` issues one."""
        from influscope.store import accounts

        return accounts.add_user(self.store, name, role, password=password, token=token)

    def users_list(self) -> list[dict[str, Any]]:
        """The API/dashboard users and their roles."""
        from influscope.store import accounts

        return accounts.list_users(self.store)

    def users_token(self, name: str, label: str | None = None) -> str:
        """Issue a new API token for an existing user (returned in clear once)."""
        from influscope.store import accounts

        return accounts.issue_token(self.store, name, label)

    def authenticate(self, *, token: str | None = None, session: str | None = None) -> User:
        """The user behind an API token or a browser session id (AuthError otherwise)."""
        from influscope.store import accounts

        if token:
            return accounts.user_for_token(self.store, token)
        if session:
            return accounts.user_for_session(self.store, session)
        raise AuthError(
            "Authentication required.", "Log in, or send 'Authorization: Bearer TOKEN'."
        )

    def login(self, name: str, password: str) -> tuple[str, User]:
        """Open a browser session: (session id, user); AuthError on a wrong password."""
        from influscope.store import accounts

        hours = timedelta(hours=self.config.server.session_hours)
        return accounts.login(self.store, name, password, ttl=hours)

    def logout(self, session: str) -> None:
        """Close a browser session."""
        from influscope.store import accounts

        accounts.logout(self.store, session)

    def documents(
        self,
        q: str | None = None,
        *,
        author: str | None = None,
        limit: int = 50,
        offset: int = 0,
    ) -> dict[str, Any]:
        """A page of documents (``items``, ``total``), matching query ``q`` when given."""
        if not q:
            return browse.documents(self.store, author=author, limit=limit, offset=offset)
        search = self._feature("query", "Document search with the query language")
        total = int(search(q, count=True))
        rows = list(search(q, limit=offset + limit))[offset:]
        ids = [r["doc_id"] for r in rows if isinstance(r, dict) and "doc_id" in r]
        page = browse.documents(self.store, ids=ids, limit=limit) if ids else {"items": rows}
        return {"items": page["items"], "total": total, "limit": limit, "offset": offset}

    def actors(
        self,
        search: str | None = None,
        *,
        kind: str | None = None,
        limit: int = 50,
        offset: int = 0,
    ) -> dict[str, Any]:
        """A page of actors by audience, filtered by a name/handle substring or a kind."""
        return browse.actors(self.store, search=search, kind=kind, limit=limit, offset=offset)

    def actor(self, actor_id: str, *, limit: int = 20, offset: int = 0) -> dict[str, Any]:
        """An actor's profile, a page of their documents and the offline notes about them."""
        profile = browse.actor(self.store, actor_id)
        if profile is None:
            raise NotFound(f"No actor {actor_id!r}.", "Actor ids look like 'twitter:handle'.")
        docs = browse.documents(self.store, author=actor_id, limit=limit, offset=offset)
        return {"actor": profile, "documents": docs, "notes": browse.notes(self.store, actor_id)}

    def report(
        self,
        axis: str | None = None,
        period: str | None = None,
        fmt: str = "html",
        out: str | os.PathLike[str] | None = None,
        lang: str | None = None,
    ) -> Path:
        """Write a management report (KPIs, share of voice, map, journey, alerts) to ``out``.

        The formats are ``exporter`` plugins named ``report-<fmt>`` (html, pdf, pptx).
        """
        if axis is not None:
            self.config.axis(axis)
        target = Path(out) if out else self.root / f"report.{fmt}"
        build = EXPORTERS.load(f"report-{fmt}")
        build(self, target, axis=axis, period=period, lang=lang or self.config.workspace.language)
        return target

    def overview(self) -> dict[str, Any]:
        """Per-axis KPIs for the dashboard's first page and the reports.

        Each axis gets its share of voice by brand, its volume series, open
        alerts and the sentiment mix; a part whose analysis is missing from this
        build is reported as ``{"available": false, "error": ...}`` instead.
        """
        from influscope.analyze.sov import counts as sov_counts
        from influscope.analyze.sov import share as share_of_voice

        alerts = self._optional(lambda: self._feature("alerts", "Alerts")(state="new", limit=1000))
        batch = share_of_voice.share_of_voice_by_axis(self.store, self.config, self.config.axes)
        axes = []
        for axis in self.config.axes:
            sov = self._optional(
                lambda name=axis.name: (
                    self._feature("share_of_voice", "Share of voice")(axis=name)
                    if batch is None
                    else batch[name]
                )
            )
            axes.append(
                {
                    "name": axis.name,
                    "label": axis.label or axis.name,
                    "competitors": axis.competitors,
                    "share_of_voice": sov,
                    "open_alerts": _count_open(alerts, axis.name),
                }
            )
        return {
            "name": self.config.workspace.name,
            "simulated": self.config.workspace.simulated,
            "axes": axes,
            "documents": self.store.count("documents"),
            "actors": self.store.count("actors"),
            "volume": sov_counts.volume_by_month(self.store, self.config),
            "sentiment": sov_counts.sentiment_mix(self.store, self.config),
            "open_alerts": _count_open(alerts, None),
        }

    def prime(self) -> None:
        """Get ready to serve: warm the store connection, bring the aggregates up to date.

        The API calls it at start-up, so the first page view reads small
        aggregate tables instead of paying for the engine's first queries.
        """
        from influscope.analyze.sov import counts as sov_counts

        self.store.count("documents")
        sov_counts.ensure_fresh(self.store, self.config)

    @staticmethod
    def _optional(fetch: Callable[[], Any]) -> Any:
        try:
            return fetch()
        except NotAvailable as missing:
            return {"available": False, "error": missing.message}

    def data_version(self) -> int:
        """Changes whenever the store's content may have changed (for the API's answer cache)."""
        return self.store.generation

    def _feature(self, name: str, purpose: str) -> Callable[..., Any]:
        """A method another part of influscope adds, or NotAvailable when this build lacks it."""
        method = getattr(self, name, None)
        if not callable(method):
            raise NotAvailable(
                f"{purpose} is not available in this build.",
                f"This influscope has no Workspace.{name}(); install a version that includes it.",
            )
        return method


def _count_open(alerts: Any, axis: str | None) -> int | None:
    """Open alerts (of one axis when given); None when alerts are not available."""
    if not isinstance(alerts, list):
        return None
    rows = [a if isinstance(a, dict) else getattr(a, "__dict__", {}) for a in alerts]
    if axis is None:
        return len(rows)
    return sum(1 for a in rows if axis in str(a.get("key", "")) or a.get("axis") == axis)
