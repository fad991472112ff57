"""The words for values the data carries: stances, roles, kinds, sentiments, severities, states.

The store keeps stable codes (``ally``, ``risk_hotspot``, ``acked``); a person
reads a word in their language (« allié », « foyer de risque », « pris en
charge »). Each family is a gettext context, so ``neutral`` as a stance and as
a sentiment can differ in a language that needs it. The dashboard receives
these tables with the page (:func:`tables`) and the reports and CLI call
:func:`label`; a code no table knows is shown as it is (a community label, a
platform name).
"""

from __future__ import annotations

from influscope.serve.i18n import NC_, language, pt

FAMILIES: dict[str, dict[str, str]] = {
    "stance": {
        "ally": NC_("stance", "ally"),
        "sympathiser": NC_("stance", "sympathiser"),
        "neutral": NC_("stance", "neutral"),
        "detractor": NC_("stance", "detractor"),
        # A brand's own voice and its competitors' are apart from the stance scale.
        "owned": NC_("stance", "your brand's account"),
        "competitor": NC_("stance", "competitor's account"),
        "unknown": NC_("stance", "unknown"),
    },
    "stance_source": {
        "seed": NC_("stance_source", "known (labelled)"),
        "label": NC_("stance_source", "known (labelled)"),
        "owned": NC_("stance_source", "speaks for the brand"),
        "competitor": NC_("stance_source", "speaks for another brand"),
        "offline": NC_("stance_source", "offline note"),
        "text": NC_("stance_source", "what they wrote"),
        "propagated": NC_("stance_source", "spread through the network"),
    },
    "role": {
        "ally": NC_("role", "ally"),
        "sympathiser": NC_("role", "sympathiser"),
        "neutral": NC_("role", "neutral"),
        "detractor": NC_("role", "detractor"),
        "owned": NC_("role", "your brand's account"),
        "competitor": NC_("role", "competitor's account"),
        "unknown": NC_("role", "unknown"),
        "bridge": NC_("role", "bridge"),
        "untapped": NC_("role", "untapped actor"),
        "risk_hotspot": NC_("role", "risk hotspot"),
    },
    "kind": {
        "journalist": NC_("kind", "journalist"),
        "media": NC_("kind", "media"),
        "politician": NC_("kind", "politician"),
        "ngo": NC_("kind", "NGO"),
        "company": NC_("kind", "company"),
        "employee": NC_("kind", "employee"),
        "expert": NC_("kind", "expert"),
        "influencer": NC_("kind", "influencer"),
        "institution": NC_("kind", "institution"),
        "citizen": NC_("kind", "citizen"),
        "unknown": NC_("kind", "unknown"),
        # Who occupies the journey's result pages.
        "owned": NC_("kind", "the company"),
        "competitor": NC_("kind", "competitor"),
        "forum": NC_("kind", "forum"),
        "social": NC_("kind", "social network"),
        "search": NC_("kind", "search engine"),
        "infrastructure": NC_("kind", "infrastructure"),
        "site": NC_("kind", "website"),
    },
    "kind_source": {
        "manual": NC_("kind_source", "labelled by hand"),
        "roster": NC_("kind_source", "employee roster"),
        "import": NC_("kind_source", "imported file"),
        "connector": NC_("kind_source", "live source"),
        "source": NC_("kind_source", "live source"),
        "domain": NC_("kind_source", "website domain"),
        "bio": NC_("kind_source", "biography"),
        "name": NC_("kind_source", "name"),
        "verified": NC_("kind_source", "verified account"),
        "handle": NC_("kind_source", "account name"),
        "brand": NC_("kind_source", "a brand's account"),
        "behaviour": NC_("kind_source", "how it posts"),
        "default": NC_("kind_source", "default"),
    },
    "sentiment": {
        "positive": NC_("sentiment", "positive"),
        "neutral": NC_("sentiment", "neutral"),
        "negative": NC_("sentiment", "negative"),
        "mixed": NC_("sentiment", "mixed"),
    },
    "severity": {
        "info": NC_("severity", "information"),
        "warning": NC_("severity", "warning"),
        "critical": NC_("severity", "critical"),
    },
    "state": {
        "new": NC_("state", "new"),
        "acked": NC_("state", "acknowledged"),
        "closed": NC_("state", "closed"),
    },
    "incident_state": {
        "open": NC_("incident_state", "open"),
        "acknowledged": NC_("incident_state", "acknowledged"),
        "resolved": NC_("incident_state", "resolved"),
    },
    # What happened to an incident (its timeline; store/incidents.py writes the codes).
    "timeline_event": {
        "opened": NC_("timeline_event", "opened"),
        "alert": NC_("timeline_event", "alert added"),
        "merged": NC_("timeline_event", "merged with another incident"),
        "acknowledged": NC_("timeline_event", "acknowledged"),
        "resolved": NC_("timeline_event", "resolved"),
        "owner": NC_("timeline_event", "owner set"),
        "note": NC_("timeline_event", "note"),
    },
    "user_role": {
        "admin": NC_("user_role", "administrator"),
        "analyst": NC_("user_role", "analyst"),
        "viewer": NC_("user_role", "reader"),
    },
    "detector": {
        "spike": NC_("detector", "volume spike"),
        "negative_share": NC_("detector", "negative share"),
        "virality": NC_("detector", "virality"),
        "coordination": NC_("detector", "coordinated burst"),
        "new_actor": NC_("detector", "rising actor"),
        "detractor": NC_("detector", "detractor on the journey"),
        "spread": NC_("detector", "spread to new communities"),
    },
    "scope": {
        "axis": NC_("scope", "axis"),
        "brand": NC_("scope", "brand"),
        "query": NC_("scope", "query"),
        "community": NC_("scope", "community"),
        "all": NC_("scope", "all documents"),
    },
    "evidence": {
        "documents": NC_("evidence", "Top documents"),
        "actors": NC_("evidence", "Most active accounts"),
        "terms": NC_("evidence", "Distinctive terms"),
        "frequent_terms": NC_("evidence", "Frequent terms"),
        "links": NC_("evidence", "Most shared links"),
        "communities": NC_("evidence", "Communities involved"),
    },
    "interaction": {
        "repost": NC_("interaction", "repost"),
        "reply": NC_("interaction", "reply"),
        "quote": NC_("interaction", "quote"),
        "mention": NC_("interaction", "mention"),
        "link": NC_("interaction", "link"),
        "cite": NC_("interaction", "citation"),
    },
    "health": {
        "ok": NC_("health", "working"),
        "failing": NC_("health", "failing"),
        "never run": NC_("health", "never run"),
        "unknown connector": NC_("health", "unknown connector"),
        "served by watch": NC_("health", "run by the watch"),
    },
    "level": {
        "coarse": NC_("level", "overview"),
        "fine": NC_("level", "detail"),
    },
    "entry": {
        "search": NC_("entry", "search"),
        "social": NC_("entry", "social post"),
    },
    "relationship": {
        "contact": NC_("relationship", "contact"),
        "campaign": NC_("relationship", "campaign"),
        "other": NC_("relationship", "other"),
        "meeting": NC_("relationship", "meeting"),
        "call": NC_("relationship", "call"),
        "email": NC_("relationship", "e-mail"),
        "event": NC_("relationship", "event"),
        "request": NC_("relationship", "request"),
    },
    "collaboration": {
        "organic": NC_("collaboration", "organic"),
        "paid": NC_("collaboration", "paid"),
    },
    "horizon": {
        "durable": NC_("horizon", "durable"),
        "one-shot": NC_("horizon", "one-shot"),
    },
    # How a defender in an incident relates to the company (analyze/crisis/defenders.py).
    "defender": {
        "owned": NC_("defender", "your brand's account"),
        "employee": NC_("defender", "employee"),
        "ally": NC_("defender", "ally"),
        "independent": NC_("defender", "independent"),
    },
    # Tiers by position on the map (analyze/influence/tiers.py).
    "tier": {
        "mainstream": NC_("tier", "mainstream"),
        "macro": NC_("tier", "macro"),
        "affinity": NC_("tier", "affinity (micro)"),
        "micro": NC_("tier", "micro"),
        "none": NC_("tier", "none"),
    },
    # What the store writes where it cannot say (influscope status); other values stay as
    # they are ("fr", "2026-10").
    "placeholder": {
        "unknown": NC_("placeholder", "not detected"),
        "undated": NC_("placeholder", "undated"),
    },
    # Which documents a brand attribution went through (influscope brands).
    "attribution_mode": {
        "all": NC_("attribution_mode", "every document"),
        "new": NC_("attribution_mode", "new documents only"),
    },
    # How a command's run ended (influscope status).
    "run_status": {
        "ok": NC_("run_status", "ok"),
        "partial": NC_("run_status", "partial (rows rejected)"),
        "failed": NC_("run_status", "failed"),
        "running": NC_("run_status", "running"),
    },
    "platform": {
        "web": NC_("platform", "web"),
        "news": NC_("platform", "news"),
        "twitter": NC_("platform", "Twitter"),
        "bluesky": NC_("platform", "Bluesky"),
        "mastodon": NC_("platform", "Mastodon"),
        "reddit": NC_("platform", "Reddit"),
        "youtube": NC_("platform", "YouTube"),
        "rss": NC_("platform", "RSS feed"),
    },
    # Why the HTTP client refused an address (influscope.ingest.http.addresses).
    "address_kind": {
        "unspecified": NC_("address_kind", "unspecified"),
        "loopback": NC_("address_kind", "loopback"),
        "link-local": NC_("address_kind", "link-local"),
        "multicast": NC_("address_kind", "multicast"),
        "private": NC_("address_kind", "private"),
        "reserved": NC_("address_kind", "reserved"),
        "non-global": NC_("address_kind", "not public"),
        "not an IP address": NC_("address_kind", "not an IP address"),
    },
    # A claim's verdict once fact-checked (``claims debunk --verdict``).
    "verdict": {
        "false": NC_("verdict", "false"),
        "misleading": NC_("verdict", "misleading"),
        "true": NC_("verdict", "true"),
    },
}


def label(family: str, value: object, lang: str | None = None) -> str:
    """The word for ``value`` of ``family`` in the language (the value itself when unknown).

    Example:
        >>> label("role", "risk_hotspot", "fr")
        'foyer de risque'
    """
    if value is None:
        return ""
    text = FAMILIES.get(family, {}).get(str(value))
    return pt(family, text, lang) if text is not None else str(value)


def tables(lang: str | None = None) -> dict[str, dict[str, str]]:
    """Every family's words in the language, for the dashboard."""
    code = language(lang)
    return {
        family: {value: pt(family, text, code) for value, text in words.items()}
        for family, words in FAMILIES.items()
    }
