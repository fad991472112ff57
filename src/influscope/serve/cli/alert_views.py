"""Readable views of one alert and one incident: what ``alerts show`` and ``incidents show`` print.

A duty officer reads an alert from the top: what happened and when (the
event's window first, when it was raised second), the explanation in words,
then the evidence (the posts, the most active accounts, the links). The JSON
the API serves stays one ``--format json`` away; these views only choose and
order what a person reads. Every value from the data is printed as plain text
(:mod:`influscope.serve.cli.output`).
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import Any, TypeVar

from influscope.serve.cli.output import headed, out, render, render_json
from influscope.serve.explain import explanation, incident_title, scope_words
from influscope.serve.formats import moment
from influscope.serve.i18n import N_, t
from influscope.serve.labels import label
from influscope.workspace.crisis_results import Incident

Shown = TypeVar("Shown")

# Rows of each evidence table: enough to act on, the rest is in --format json.
SHOWN = 10
DOCUMENT_COLUMNS = ["published_at", "author_id", "text", "url"]


def _window(start: datetime | str | None, end: datetime | str | None, lang: str | None) -> str:
    """The event's window, first thing read (when it was raised comes after)."""
    return t("Event: {start} to {end} UTC", lang, start=moment(start, lang), end=moment(end, lang))


def _heading(text: str) -> None:
    out.print("")
    out.print(text, style="bold")


def _documents(documents: list[dict[str, Any]], lang: str | None) -> None:
    if documents:
        _heading(t("Evidence posts ({count})", lang, count=len(documents)))
        render(documents[:SHOWN], "table", DOCUMENT_COLUMNS)


def print_alert(alert: dict[str, Any], lang: str | None) -> None:
    """An alert for a person: the event, the explanation, the evidence, the deliveries."""
    out.print(
        " · ".join(
            [
                str(alert["alert_id"]),
                label("severity", alert.get("severity"), lang),
                str(alert.get("rule")),
                scope_words(alert.get("key"), lang or "en"),
                label("state", alert.get("state"), lang),
            ]
        ),
        style="bold",
    )
    out.print(_window(alert.get("window_start"), alert.get("window_end"), lang))
    out.print(t("Raised: {when} UTC", lang, when=moment(alert.get("fired_at"), lang)))
    # Said from its facts, as the dashboard and the report say it (the stored
    # paragraph named its scope by key: "brand:Ardent Industrie").
    said = explanation(alert, alert.get("detector"), lang)
    if said:
        out.print("")
        out.print(said)
    evidence = alert.get("evidence") or {}
    _documents(list(evidence.get("documents") or []), lang)
    actors = list(evidence.get("actors") or [])
    if actors:
        _heading(t("Most active accounts", lang))
        render(actors[:SHOWN], "table", ["actor_id", "documents"])
    links = list(evidence.get("links") or [])
    if links:
        _heading(t("Most shared links", lang))
        render(links[:SHOWN], "table", ["domain", "url", "documents"])
    deliveries = list(alert.get("deliveries") or [])
    if deliveries:
        _heading(t("Notifications", lang))
        render(deliveries, "table", ["level", "channel", "recipient", "status", "attempts"])


def print_incident(incident: Incident, lang: str | None) -> None:
    """An incident for a person: the event, its alerts, its timeline, the evidence posts."""
    out.print(
        " · ".join(
            [
                incident.incident_id,
                label("severity", incident.severity, lang),
                label("incident_state", incident.state, lang),
                incident_title(incident.title, lang or "en"),
            ]
        ),
        style="bold",
    )
    out.print(_window(incident.window_start, incident.window_end, lang))
    out.print(t("Opened: {when} UTC", lang, when=moment(incident.opened_at, lang)))
    if incident.owner:
        out.print(t("Owner: {owner}", lang, owner=incident.owner))
    _heading(t("Alerts ({count})", lang, count=len(incident.alerts)))
    render(
        incident.alerts,
        "table",
        [
            "alert_id",
            "rule",
            "severity",
            "state",
            "window_start",
            "window_end",
            "observed",
            "expected",
        ],
    )
    if incident.timeline:
        _heading(t("Timeline", lang))
        timeline = {
            "seq": "#",
            "at": N_("When"),
            "kind": N_("Event"),
            "by_user": N_("By"),
            "detail": N_("Detail"),
        }
        words = {"kind": "timeline_event"}
        render(headed(incident.timeline, timeline, lang, words=words, moments=["at"]), "table")
    _documents(list(incident.documents), lang)


def show(
    found: Shown, fmt: str, view: Callable[[Shown, str | None], None], lang: str | None
) -> None:
    """``--format json``: every field, as the API serves it; else ``view``, for a person."""
    if fmt == "json":
        render_json(found)
    else:
        view(found, lang)
