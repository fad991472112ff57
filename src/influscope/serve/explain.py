"""An alert's explanation in the reader's language, written from its stored numbers and evidence.

The watch stores each alert with the paragraph it wrote in the workspace
language. A reader of the other language must not get that paragraph: the
dashboard, the API (``?lang=``), the reports and ``alerts show`` write it again
here, from the same facts (rule, scope, window, observed and expected counts,
probability, evidence), through the message catalogue.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

import orjson

from influscope.serve.formats import clock, moment, number, percent, scientific
from influscope.serve.i18n import NC_, language, pt, t
from influscope.serve.labels import label
from influscope.workspace.reports import scope_of

WHAT = {
    "spike": NC_("alert", "a volume spike"),
    "negative_share": NC_("alert", "a surge in the share of negative posts"),
    "virality": NC_("alert", "a post spreading far faster than its author's usual"),
    "coordination": NC_(
        "alert", "a coordinated burst (the same content from many accounts within seconds)"
    ),
    "new_actor": NC_("alert", "a new actor rising fast"),
    "detractor": NC_(
        "alert", "a detractor who weighs on the public's journey speaking about the brand"
    ),
    "spread": NC_("alert", "a narrative reaching communities where it was absent"),
}


def scope_words(key: object, lang: str) -> str:
    """An alert key (``axis:usine brand:Acme``) in words: « axe usine, marque Acme »."""
    parts = scope_of(key)
    if not parts:
        return label("scope", "all", lang)
    return ", ".join(f"{label('scope', name, lang)} {value}" for name, value in parts.items())


def incident_title(title: object, lang: str) -> str:
    """An incident's stored title (``brand:Acme — negative_share, spike``) in words.

    The watch stores a neutral title, the scopes and detectors of its alerts
    (:func:`influscope.analyze.crisis.assign.title_of`); a reader gets « marque
    Acme — part négative, pic ». A title in another shape is shown as it is.
    """
    text = str(title or "")
    scopes, sep, detectors = text.partition(" — ")
    if not sep:
        return text
    where = "; ".join(scope_words(key, lang) for key in scopes.split(", "))
    what = ", ".join(label("detector", code, lang) for code in detectors.split(", "))
    return f"{where} — {what}"


def evidence_of(alert: dict[str, Any]) -> dict[str, Any]:
    """The alert's evidence as a dict (the store keeps JSON text)."""
    found = alert.get("evidence")
    if isinstance(found, str):
        try:
            found = orjson.loads(found) if found else {}
        except orjson.JSONDecodeError:
            return {}
    return found if isinstance(found, dict) else {}


def handle(actor_id: object) -> str:
    """An actor id as a reader knows it: ``@name`` on a network, the domain on the web."""
    platform, _, rest = str(actor_id).partition(":")
    if not rest:
        return platform
    return rest if platform == "web" or "." in rest else f"@{rest}"


def _moment(value: object) -> datetime | None:
    if isinstance(value, datetime):
        return value
    try:
        return datetime.fromisoformat(str(value).replace("Z", "+00:00")) if value else None
    except ValueError:
        return None


def _when(alert: dict[str, Any], lang: str) -> str:
    start, end = _moment(alert.get("window_start")), _moment(alert.get("window_end"))
    if start is None or end is None:
        return moment(start or _moment(alert.get("fired_at")), lang)
    if start.date() == end.date():
        return f"{moment(start, lang)}–{clock(end, lang)} UTC"  # one clock: 5:00 AM–8:00 AM
    return f"{moment(start, lang)} – {moment(end, lang)} UTC"


def _quoted(items: list[str], lang: str) -> str:
    if lang == "fr":
        return ", ".join(f"« {item} »" for item in items)
    return ", ".join(f'"{item}"' for item in items)


def explanation(alert: dict[str, Any], detector: str | None, lang: str | None = None) -> str:
    """The alert's explanation in ``lang``, from its stored facts.

    ``detector`` is the rule's detector (from the workspace's rules); without it
    (a rule since removed) the stored paragraph is returned as it was written.
    """
    code = language(lang)
    evidence = evidence_of(alert)
    detector = detector or evidence.get("detector")
    if detector not in WHAT:
        return str(alert.get("explanation") or "")
    facts = evidence.get("facts") or {}
    what = pt("alert", WHAT[detector], code)
    rule, scope, when = (
        str(alert.get("rule")),
        scope_words(alert.get("key"), code),
        _when(alert, code),
    )
    observed = float(alert.get("observed") or 0)
    actors = ", ".join(handle(a.get("actor_id")) for a in evidence.get("actors", [])[:3])
    if detector == "coordination" and facts.get("content"):
        return t(
            "Rule '{rule}' detected {what} on {scope}: {accounts} accounts posted the same "
            "content {posts} times between {when} ({content}). Accounts: {actors}.",
            code,
            rule=rule,
            what=what,
            scope=scope,
            accounts=number(observed, code),
            posts=number(int(facts.get("posts") or 0), code),
            when=when,
            content=_quoted([str(facts["content"])[:160]], code),
            actors=actors,
        )
    probability = float(alert.get("probability") or 0)
    shown = scientific(probability, lang) if probability > 0 else "< " + scientific(1e-300, lang)
    if detector == "negative_share":
        # Its numbers are shares: 0.9 was said "0.9 negative documents, about 0.5 expected".
        first = t(
            "Rule '{rule}' detected {what} on {scope}: {share} of its documents negative "
            "between {when}, against {usual} usually (probability {probability} under the "
            "baseline model).",
            code,
            rule=rule,
            what=what,
            scope=scope,
            share=percent(observed, code),
            when=when,
            usual=percent(float(alert.get("expected") or 0), code),
            probability=shown,
        )
    else:
        if facts.get("series") == "negative":
            count = t("{count} negative documents", code, count=number(observed, code))
        else:
            count = t("{count} documents", code, count=number(observed, code))
        first = t(
            "Rule '{rule}' detected {what} on {scope}: {count} between {when}, against about "
            "{expected} expected (probability {probability} under the baseline model).",
            code,
            rule=rule,
            what=what,
            scope=scope,
            count=count,
            when=when,
            expected=number(float(alert.get("expected") or 0), code, 1),
            probability=shown,
        )
    parts = [first]
    frequent = [
        f"{_quoted([str(x['term'])], code)} ({number(int(x.get('count') or 0), code)})"
        for x in evidence.get("frequent_terms", [])[:5]
    ]
    if frequent:
        parts.append(t("Most frequent terms: {terms}.", code, terms=", ".join(frequent)))
    terms = [x["term"] for x in evidence.get("terms", [])[:6]]
    if terms:
        parts.append(t("Distinctive terms: {terms}.", code, terms=_quoted(terms, code)))
    if actors:
        parts.append(t("Most active accounts: {actors}.", code, actors=actors))
    links = [str(x.get("domain") or x.get("url")) for x in evidence.get("links", [])[:2]]
    if links:
        parts.append(t("Most shared links: {links}.", code, links=", ".join(links)))
    communities = [
        f"{x.get('name')} ({number(int(x.get('actors') or 0), code)})"
        for x in evidence.get("communities", [])[:3]
    ]
    if communities:
        parts.append(
            t(
                "Communities concerned (active accounts): {communities}.",
                code,
                communities=", ".join(communities),
            )
        )
    return " ".join(parts)
