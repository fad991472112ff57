"""Actor kinds from what an actor says about itself, where it lives, and what we know.

Every clue is an :class:`Evidence` (kind, source, weight, detail); the call is
the kind whose clues weigh most, with a confidence and the clues kept as its
provenance. Sources, strongest first (their weight in brackets):

1. ``manual`` (1.0) — a ``kind`` label (``influscope label actors``) always wins;
2. ``brand`` (0.98) — one of the company's or competitors' own accounts, as
   the brand configuration declares them (:class:`~influscope.organisations.Organisations`),
   of the brand's ``kind`` (a company unless declared a politician, a media…);
3. ``roster`` (0.97) — the actor is on the employee roster;
4. ``import`` (0.9) — a kind given by the source itself (a graph file, a connector);
5. ``domain`` (0.9) — its web entity or homepage is on a media, NGO,
   institution or company list (built-in lists, extended in ``[actors]``);
   ``handle`` (0.85) — a known media account (``wsj``, ``lemondefr``);
6. ``bio`` (0.8) / ``name`` (0.7) — French and English patterns;
7. ``handle`` (0.55) — words inside the handle (``JetBlueNews``, ``fortunemagazine``);
8. ``behaviour`` (0.4–0.7) — what its own posts look like (:mod:`influscope.analyze.profiles.behaviour`);
9. ``verified`` (0.35) — a verified account with no other clue is an influencer.

No clue, no kind: ``unknown``. A private person is ``citizen`` only on
evidence (a personal bio, first-person posts about one's own life as a
customer or resident), never by default: a wrong kind in a report costs more
than an ``unknown``. Patterns are conservative (a word boundary on both sides,
the most specific kinds tested first).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from influscope import ids
from influscope.analyze.kind_lexicon import (
    HANDLE_WORDS,
    INSTITUTION_DOMAINS,
    INSTITUTION_SUFFIXES,
    MEDIA_DOMAINS,
    MEDIA_HANDLES,
    NAME_PATTERNS,
    NGO_DOMAINS,
    ORDER,
    PATTERNS,
    PERSONAL_PHRASES,
    WEAK_PATTERNS,
)
from influscope.errors import N_, Phrase

KINDS = (
    "journalist",
    "media",
    "politician",
    "institution",
    "ngo",
    "company",
    "employee",
    "expert",
    "influencer",
    "citizen",
)
WEIGHTS = {
    "manual": 1.0,
    "brand": 0.98,
    "roster": 0.97,
    "import": 0.9,
    "domain": 0.9,
    "known_handle": 0.85,
    "bio": 0.8,
    "name": 0.7,
    "handle": 0.55,
    "personal": 0.6,
    "weak": 0.45,
    "verified": 0.35,
}
# Sources the map cannot recompute from the actor row alone: a stored kind from
# them is kept as it is (the profiler read the actor's posts; the source said so).
KEPT_SOURCES = ("import", "connector", "source", "platform", "behaviour")


@dataclass(frozen=True)
class Evidence:
    """One clue toward a kind: where it comes from, how much it weighs, what it saw.

    ``detail`` is the words seen (a bio's "journaliste", quoted as they are)
    or a :class:`~influscope.errors.Phrase` saying where the clue comes from
    ("on the employee roster"), which the serve layer says in the reader's
    language.
    """

    kind: str
    source: str
    weight: float
    detail: str


@dataclass(frozen=True)
class KindCall:
    """The kind of an actor, the source of its strongest clue, a confidence and every clue."""

    kind: str
    source: str
    confidence: float
    evidence: tuple[Evidence, ...] = ()


UNKNOWN = KindCall("unknown", "default", 0.0)


@dataclass
class KindRules:
    """Compiled patterns and domain lists (built-ins plus the workspace's own)."""

    patterns: dict[str, re.Pattern[str]] = field(default_factory=dict)
    domains: dict[str, set[str]] = field(default_factory=dict)
    names: dict[str, re.Pattern[str]] = field(default_factory=dict)
    weak: dict[str, re.Pattern[str]] = field(default_factory=dict)
    personal: re.Pattern[str] = field(default_factory=lambda: _words(PERSONAL_PHRASES))

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
                compiled[kind] = _words(words)
        names = {kind: _words(words) for kind, words in NAME_PATTERNS.items()}
        weak = {kind: _words(words) for kind, words in WEAK_PATTERNS.items()}
        domains = {
            "media": {*MEDIA_DOMAINS, *(d.lower() for d in media)},
            "ngo": {*NGO_DOMAINS, *(d.lower() for d in ngo)},
            "institution": {*INSTITUTION_DOMAINS, *(d.lower() for d in institution)},
            "company": {d.lower() for d in company},
        }
        return cls(compiled, domains, names, weak)


def _words(words: Sequence[str]) -> re.Pattern[str]:
    return re.compile(r"(?<![\w@#])(?:" + "|".join(words) + r")(?!\w)", re.IGNORECASE)


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


def handle_of(actor: dict[str, Any]) -> str:
    """The account name an actor id or row carries (no platform, no instance, no ``@``)."""
    handle = str(actor.get("handle") or "")
    if not handle:
        actor_id = str(actor.get("actor_id") or "")
        platform, rest = ids.split_id(actor_id)
        handle = rest if platform != ids.WEB else ""
    handle = handle.lstrip("@").split("@", 1)[0]
    return handle.removesuffix(".bsky.social")


def handle_tokens(handle: str) -> list[str]:
    """Words of a handle: camel case, underscores, dots and digits split (``JetBlueNews``)."""
    spaced = re.sub(r"(?<=[a-z])(?=[A-Z])|(?<=[A-Z])(?=[A-Z][a-z])", " ", handle)
    return [t.lower() for t in re.split(r"[\s_.\-\d]+", spaced) if t]


def handle_evidence(handle: str) -> list[Evidence]:
    """Clues in a handle: a known media account, a kind word as a token or glued at its end."""
    if not handle:
        return []
    low = handle.lower()
    if low in MEDIA_HANDLES:
        return [
            Evidence(
                "media",
                "handle",
                WEIGHTS["known_handle"],
                Phrase(N_("known media account @{handle}"), handle=low),
            )
        ]
    tokens = handle_tokens(handle)
    found: list[Evidence] = []
    for kind, words in HANDLE_WORDS.items():
        for word in words:
            as_token = word in tokens and len(tokens) > 1
            # Lower-case run-together handles: only long words, at the end (a name may
            # start like one: Newsome, Dailey).
            glued = len(word) >= 4 and low.endswith(word) and low != word
            if as_token or glued:
                found.append(
                    Evidence(
                        kind,
                        "handle",
                        WEIGHTS["handle"],
                        Phrase(N_("'{word}' in @{handle}"), word=word, handle=handle),
                    )
                )
                break
    return found


def profile_evidence(
    actor: dict[str, Any],
    rules: KindRules,
    manual: str | None = None,
    on_roster: bool = False,
    brand: str | None = None,
    brand_kind: str = "company",
) -> list[Evidence]:
    """Every clue the actor row (and labels, roster, brand config) gives, strongest first.

    ``brand`` is the brand whose own account the actor is, ``brand_kind`` what
    that brand is (its ``kind`` in the config: a candidate's account is a
    politician's, not a company's).
    """
    found: list[Evidence] = []
    if manual:
        found.append(Evidence(manual, "manual", WEIGHTS["manual"], Phrase(N_("kind label"))))
    if brand:
        detail = Phrase(N_("account of brand {brand}"), brand=brand)
        found.append(Evidence(brand_kind, "brand", WEIGHTS["brand"], detail))
    if on_roster:
        detail = Phrase(N_("on the employee roster"))
        found.append(Evidence("employee", "roster", WEIGHTS["roster"], detail))
    source = str(actor.get("kind_source") or "")
    if actor.get("kind") and source in KEPT_SOURCES and actor.get("kind") != "unknown":
        weight = WEIGHTS["import"] if source != "behaviour" else 0.6
        detail = Phrase(N_("stated by the source"))
        found.append(Evidence(str(actor["kind"]), source, weight, detail))
    domain = domain_of(actor)
    if domain:
        by_domain = kind_by_domain(domain, rules)
        if by_domain:
            found.append(Evidence(by_domain, "domain", WEIGHTS["domain"], domain))
    for where in ("bio", "name"):
        text = str(actor.get(where) or "")
        if not text:
            continue
        found += _text_evidence(text, where, rules)
        if where == "name":
            for kind, pattern in rules.names.items():
                match = pattern.search(text)
                if match:
                    found.append(Evidence(kind, "name", WEIGHTS["name"], match.group(0)))
                    break
    found += handle_evidence(handle_of(actor))
    if actor.get("verified"):
        detail = Phrase(N_("the platform shows it as verified"))
        found.append(Evidence("influencer", "verified", WEIGHTS["verified"], detail))
    return found


def _text_evidence(text: str, where: str, rules: KindRules) -> list[Evidence]:
    """Clues of a bio or name: personal phrases masked first, then the first kind in order."""
    found: list[Evidence] = []
    personal = rules.personal.search(text)
    if personal and where == "bio":
        found.append(Evidence("citizen", where, WEIGHTS["personal"], personal.group(0)))
        text = rules.personal.sub(" ", text)
    for kind, pattern in rules.patterns.items():
        match = pattern.search(text)
        if match:
            weight = WEIGHTS[where] if kind != "citizen" else WEIGHTS["personal"]
            found.append(Evidence(kind, where, weight, match.group(0)))
            break
    for kind, pattern in rules.weak.items():
        match = pattern.search(text)
        if match:
            found.append(Evidence(kind, where, WEIGHTS["weak"], match.group(0)))
    if where == "bio" and not found:
        voice = FIRST_PERSON_BIO.search(text)
        if voice:  # « Je dis la vérité. »: a person speaking for themselves, no role named
            found.append(
                Evidence(
                    "citizen",
                    where,
                    WEIGHTS["weak"],
                    Phrase(N_("first person: {words}"), words=voice.group(0)),
                )
            )
    return found


FIRST_PERSON_BIO = re.compile(r"(?<![\w'])(?:je|j'|i|i'm|my|mon|ma|mes)(?!\w)", re.IGNORECASE)


def decide(evidence: Sequence[Evidence]) -> KindCall:
    """The kind with the most weight behind it.

    Each kind's support is a noisy-or of its clues' weights (two independent
    0.5 clues make 0.75); the confidence is that support discounted by the
    strongest rival's (``s1 * (1 - s2)``), so conflicting clues lower it. A
    manual label decides alone. Ties go to the earlier kind of :data:`KINDS`.
    """
    if not evidence:
        return UNKNOWN
    manual = next((e for e in evidence if e.source == "manual"), None)
    if manual is not None:
        return KindCall(manual.kind, "manual", 1.0, tuple(evidence))
    support: dict[str, float] = {}
    for item in evidence:
        support[item.kind] = 1.0 - (1.0 - support.get(item.kind, 0.0)) * (1.0 - item.weight)
    order = {k: i for i, k in enumerate(KINDS)}
    ranked = sorted(support.items(), key=lambda kv: (-kv[1], order.get(kv[0], len(order))))
    kind, best = ranked[0]
    rival = ranked[1][1] if len(ranked) > 1 else 0.0
    strongest = max((e for e in evidence if e.kind == kind), key=lambda e: e.weight)
    return KindCall(kind, strongest.source, round(best * (1.0 - rival), 4), tuple(evidence))


def classify(
    actor: dict[str, Any],
    rules: KindRules,
    manual: str | None = None,
    on_roster: bool = False,
    brand: str | None = None,
    brand_kind: str = "company",
) -> tuple[str, str]:
    """The (kind, kind_source) of one actor from its row alone (see module doc)."""
    call = decide(profile_evidence(actor, rules, manual, on_roster, brand, brand_kind))
    return call.kind, call.source
