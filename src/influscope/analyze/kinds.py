"""Actor kinds from what an actor says about itself, where it lives, and what we know.

Evidence, strongest first, each recorded as ``kind_source``:

1. ``manual`` — a ``kind`` label (``influscope label actors``) always wins;
2. ``roster`` — the actor is on the employee roster (``influscope ingest roster``);
3. ``import`` — a kind given by the source itself (a graph file, a connector);
4. ``domain`` — the actor's web entity or homepage is on a media, NGO,
   institution or company list (built-in lists, extended in ``[actors]``);
5. ``bio`` / ``name`` — French and English patterns in the bio, then the name;
6. ``verified`` — a verified account with no other clue is an influencer;
7. ``default`` — ``citizen`` when there is a profile to read, else ``unknown``.

Patterns are deliberately conservative (a word boundary on both sides, and
the most specific kinds tested first), because a wrong kind in a report costs
more than an ``unknown``.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from influscope import ids

MEDIA_DOMAINS = (
    "lemonde.fr",
    "lefigaro.fr",
    "liberation.fr",
    "lesechos.fr",
    "latribune.fr",
    "bfmtv.com",
    "francetvinfo.fr",
    "radiofrance.fr",
    "franceinter.fr",
    "20minutes.fr",
    "leparisien.fr",
    "ouest-france.fr",
    "lexpress.fr",
    "lepoint.fr",
    "nouvelobs.com",
    "mediapart.fr",
    "humanite.fr",
    "la-croix.com",
    "usinenouvelle.com",
    "challenges.fr",
    "tf1info.fr",
    "nytimes.com",
    "washingtonpost.com",
    "theguardian.com",
    "bbc.co.uk",
    "bbc.com",
    "reuters.com",
    "apnews.com",
    "bloomberg.com",
    "ft.com",
    "wsj.com",
    "cnn.com",
    "afp.com",
    "politico.eu",
    "euronews.com",
    "forbes.com",
    "techcrunch.com",
)
NGO_DOMAINS = (
    "greenpeace.org",
    "greenpeace.fr",
    "amnesty.org",
    "amnesty.fr",
    "wwf.fr",
    "wwf.org",
    "msf.fr",
    "msf.org",
    "oxfam.org",
    "oxfamfrance.org",
    "attac.org",
    "foe.org",
    "reseauactionclimat.org",
    "hrw.org",
    "transparency.org",
)
INSTITUTION_SUFFIXES = (".gouv.fr", ".gov", ".gov.uk", ".europa.eu", ".int", ".edu")
INSTITUTION_DOMAINS = ("insee.fr", "ademe.fr", "bpifrance.fr", "who.int", "un.org", "oecd.org")

PATTERNS: dict[str, tuple[str, ...]] = {
    "journalist": (
        r"journaliste",
        r"journalist",
        r"reporter",
        r"rédact(?:eur|rice)",
        r"correspondant(?:e)?",
        r"correspondent",
        r"chroniqueu(?:r|se)",
        r"columnist",
        r"editor",
        r"éditorialiste",
        r"pigiste",
        r"grand reporter",
    ),
    "politician": (
        r"député(?:e)?",
        r"sénat(?:eur|rice)",
        r"maire",
        r"ministre",
        r"conseill(?:er|ère) (?:municipal|régional|départemental)e?",
        r"eurodéputé(?:e)?",
        r"mep",
        r"senator",
        r"congress(?:man|woman)",
        r"mayor",
        r"minister",
        r"member of parliament",
        r"mp for",
        r"candidat(?:e)? (?:à|aux)",
        r"élu(?:e)?",
    ),
    "institution": (
        r"compte officiel d[eu']",
        r"ministère",
        r"ministry",
        r"préfecture",
        r"agence nationale",
        r"government",
        r"gouvernement",
        r"université",
        r"university",
        r"official account of the",
        r"collectivité",
        r"région [A-ZÉ]\w+",
    ),
    "ngo": (
        r"ong",
        r"ngo",
        r"association",
        r"non-?profit",
        r"charity",
        r"fondation",
        r"foundation",
        r"collectif",
        r"militant(?:e)?s?",
        r"activist",
        r"campaign(?:ing)? for",
    ),
    "media": (
        r"média",
        r"media",
        r"journal",
        r"magazine",
        r"newspaper",
        r"quotidien",
        r"hebdo(?:madaire)?",
        r"radio",
        r"télévision",
        r"tv",
        r"news",
        r"actualités?",
        r"rédaction",
        r"newsroom",
    ),
    "expert": (
        r"chercheu(?:r|se)",
        r"researcher",
        r"professeur",
        r"professor",
        r"phd",
        r"docteur",
        r"économiste",
        r"economist",
        r"ingénieur",
        r"engineer",
        r"analyste",
        r"analyst",
        r"scientifique",
        r"scientist",
        r"expert(?:e)?",
        r"consultant(?:e)?",
        r"maître de conférences",
    ),
    "company": (
        r"entreprise",
        r"company",
        r"groupe industriel",
        r"leader (?:mondial|européen|français)",
        r"world leader",
        r"inc\.?",
        r"ltd",
        r"s\.a\.s?",
        r"official account",
        r"compte officiel",
        r"startup",
        r"start-up",
        r"pme",
    ),
    "influencer": (
        r"influenceu(?:r|se)",
        r"influencer",
        r"créat(?:eur|rice) de contenus?",
        r"content creator",
        r"youtubeu(?:r|se)",
        r"youtuber",
        r"blogueu(?:r|se)",
        r"blogger",
        r"podcasteu(?:r|se)",
        r"podcaster",
        r"streamer",
        r"tiktoker",
    ),
}
# Tested in this order: specific roles before the organisation kinds they mention.
ORDER = (
    "journalist",
    "politician",
    "institution",
    "ngo",
    "media",
    "expert",
    "influencer",
    "company",
)


@dataclass
class KindRules:
    """Compiled patterns and domain lists (built-ins plus the workspace's own)."""

    patterns: dict[str, re.Pattern[str]] = field(default_factory=dict)
    domains: dict[str, set[str]] = field(default_factory=dict)

    @classmethod
    def build(
        cls,
        media: Iterable[str] = (),
        ngo: Iterable[str] = (),
        institution: Iterable[str] = (),
        company: Iterable[str] = (),
        extra_patterns: dict[str, list[str]] | None = None,
    ) -> KindRules:
        """Rules from the built-in lists extended with the workspace's ``[actors]`` settings."""
        extra = extra_patterns or {}
        compiled = {}
        for kind in dict.fromkeys([*ORDER, *extra]):
            words = [*PATTERNS.get(kind, ()), *extra.get(kind, [])]
            if words:
                compiled[kind] = re.compile(
                    r"(?<![\w@#])(?:" + "|".join(words) + r")(?!\w)", re.IGNORECASE
                )
        domains = {
            "media": {*MEDIA_DOMAINS, *(d.lower() for d in media)},
            "ngo": {*NGO_DOMAINS, *(d.lower() for d in ngo)},
            "institution": {*INSTITUTION_DOMAINS, *(d.lower() for d in institution)},
            "company": {d.lower() for d in company},
        }
        return cls(compiled, domains)


def domain_of(actor: dict[str, Any]) -> str | None:
    """The web entity an actor lives at: its id for ``web:`` actors, else its homepage host."""
    actor_id = str(actor.get("actor_id") or "")
    if ids.is_web(actor_id):
        host = ids.native_of(actor_id)
    else:
        homepage = str(actor.get("homepage") or "")
        match = re.match(r"^(?:https?://)?([^/?#]+)", homepage.strip().lower())
        host = match.group(1) if match and "." in match.group(1) else ""
    host = host.split("/", 1)[0].removeprefix("www.")
    return host or None


def kind_by_domain(domain: str, rules: KindRules) -> str | None:
    """A kind from a domain list (a listed domain or any of its subdomains)."""
    parts = domain.split(".")
    candidates = {".".join(parts[i:]) for i in range(len(parts) - 1)}
    for kind in ("institution", "ngo", "media", "company"):
        if candidates & rules.domains.get(kind, set()):
            return kind
    if domain.endswith(INSTITUTION_SUFFIXES):
        return "institution"
    return None


def classify(
    actor: dict[str, Any],
    rules: KindRules,
    manual: str | None = None,
    on_roster: bool = False,
) -> tuple[str, str]:
    """The (kind, kind_source) of one actor (see module doc for the order)."""
    if manual:
        return manual, "manual"
    if on_roster:
        return "employee", "roster"
    if actor.get("kind") and actor.get("kind_source") in ("import", "connector", "source"):
        return str(actor["kind"]), str(actor["kind_source"])
    domain = domain_of(actor)
    if domain:
        found = kind_by_domain(domain, rules)
        if found:
            return found, "domain"
    for source in ("bio", "name"):
        text = str(actor.get(source) or "")
        if text:
            for kind, pattern in rules.patterns.items():
                if pattern.search(text):
                    return kind, source
    if actor.get("verified"):
        return "influencer", "verified"
    if actor.get("bio") or (actor.get("name") and not ids.is_web(str(actor.get("actor_id", "")))):
        return "citizen", "default"
    return "unknown", "default"
