"""The SIMULATED crowd: accounts with a platform, a camp, a stance, a kind and a bio.

A few named actors are planted first (the company's accounts, competitors, the
journey-central micro-influencer, the rumour's source); the crowd is drawn per
camp with numpy, so 25k actors take milliseconds. Arrays are indexed by actor
number; strings are plain lists.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from influscope import ids
from influscope.demo import names
from influscope.demo.cast import COMMUNITIES, COMPETITORS, KINDS, PLACES, PLATFORMS

KIND = {k: i for i, k in enumerate(KINDS)}
PLATFORM = {p: i for i, p in enumerate(PLATFORMS)}
STANCE = {"ally": 0, "sympathiser": 1, "neutral": 2, "detractor": 3}
FOLLOWER_MEDIAN = {
    "journalist": 6000,
    "media": 40000,
    "politician": 12000,
    "ngo": 4000,
    "company": 15000,
    "employee": 250,
    "expert": 2500,
    "institution": 8000,
    "influencer": 6000,
    "citizen": 150,
}
ACTIVITY = {
    "journalist": 1.8,
    "media": 3.0,
    "politician": 1.3,
    "ngo": 1.6,
    "company": 1.5,
    "employee": 0.8,
    "expert": 1.2,
    "institution": 1.0,
    "influencer": 2.0,
    "citizen": 0.7,
}


@dataclass
class Actors:
    """The accounts of the scenario (social platforms only; websites live in :mod:`.web`)."""

    platform: np.ndarray
    kind: np.ndarray
    community: np.ndarray
    stance: np.ndarray
    french: np.ndarray
    followers: np.ndarray
    verified: np.ndarray
    activity: np.ndarray
    popularity: np.ndarray
    second: np.ndarray
    handle: list[str]
    name: list[str]
    bio: list[str]
    special: dict[str, int] = field(default_factory=dict)
    untapped: np.ndarray = field(default_factory=lambda: np.zeros(0, np.int64))
    bridges: np.ndarray = field(default_factory=lambda: np.zeros(0, np.int64))
    burst: np.ndarray = field(default_factory=lambda: np.zeros(0, np.int64))
    department: dict[int, str] = field(default_factory=dict)

    def __len__(self) -> int:
        return len(self.handle)

    def actor_id(self, i: int) -> str:
        """The canonical actor id (``platform:handle`` lower-cased)."""
        return _named(ids.actor_id(PLATFORMS[self.platform[i]], self.handle[i]), self.handle[i])


def site_actor(domain: str) -> str:
    """The canonical actor id of a simulated site (``web:<domain>``)."""
    return _named(ids.web_actor_id(domain), domain)


def _named(actor: str | None, name: str) -> str:
    if actor is None:  # the generator never writes an empty handle or domain
        raise ValueError(f"no actor id for {name!r}")
    return actor


def slug(text: str, sep: str = "_") -> str:
    """ASCII lower-case slug: ``Léa Kerbrat`` -> ``lea_kerbrat``."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", sep, ascii_text.lower()).strip(sep)


# (platform, handle, name, bio, kind, community, stance, followers, verified, french)
PLANTED = {
    "company": (
        "twitter",
        "ardent_industrie",
        "Ardent Industrie",
        "Compte officiel du groupe Ardent Industrie : équipements pour l'usine du futur.",
        "company",
        0,
        "ally",
        48_000,
        True,
        True,
    ),
    "company_bluesky": (
        "bluesky",
        "ardent-industrie.bsky.social",
        "Ardent Industrie",
        "Compte officiel d'Ardent Industrie.",
        "company",
        0,
        "ally",
        6_000,
        True,
        True,
    ),
    "company_youtube": (
        "youtube",
        "ArdentIndustrie",
        "Ardent Industrie",
        "Chaîne officielle du groupe Ardent Industrie.",
        "company",
        0,
        "ally",
        21_000,
        True,
        True,
    ),
    "ceo": (
        "twitter",
        "sophie_marchal_ceo",
        "Sophie Marchal",
        "Présidente d'Ardent Industrie. L'industrie, c'est l'avenir.",
        "employee",
        0,
        "ally",
        15_000,
        True,
        True,
    ),
    "journey_central": (
        "twitter",
        "maelle_cobot",
        "Maëlle Kerbrat",
        "Créatrice de contenu, ingénieure automaticienne : je vulgarise la cobotique "
        "et l'usine du futur en threads 🤖 (FR/EN)",
        "influencer",
        1,
        "sympathiser",
        900,
        False,
        True,
    ),
    "mainstream": (
        "youtube",
        "TechExplique",
        "TechExplique",
        "Vidéaste tech — 850k abonnés — partenariats : contact@exemple.fr",
        "influencer",
        1,
        "sympathiser",
        850_000,
        True,
        True,
    ),
    "rising": (
        "twitter",
        "lucie_robotique",
        "Lucie Benali",
        "Étudiante ingé robotique et créatrice de contenu : je teste les cobots des PME 🤖",
        "influencer",
        1,
        "sympathiser",
        650,
        False,
        True,
    ),
    "rumour_root": (
        "twitter",
        "vernay_insider",
        "Vernay Insider",
        "Intérimaire sur le site de Vernay. Je dis ce que je vois.",
        "citizen",
        3,
        "detractor",
        310,
        False,
        True,
    ),
    "ngo_lead": (
        "twitter",
        "vigilance_vernelle",
        "Vigilance Vernelle",
        "Association de protection de la Vernelle et de ses riverains. ONG agréée.",
        "ngo",
        3,
        "detractor",
        9_000,
        True,
        True,
    ),
}
for _i, _c in enumerate(COMPETITORS):
    PLANTED[f"competitor_{_i}"] = (
        "twitter",
        _c.handle,
        _c.name,
        f"Compte officiel de {_c.name}.",
        "company",
        4,
        "neutral",
        20_000 + 7_000 * _i,
        True,
        _i == 0,
    )


def draw_actors(n: int, n_burst: int, rng: np.random.Generator) -> Actors:
    """Draw ``n`` actors in the planted camps plus ``n_burst`` coordinated accounts."""
    rows: list[tuple[Any, ...]] = list(PLANTED.values())
    special = {key: i for i, key in enumerate(PLANTED)}
    crowd = max(n - len(rows), 0)
    shares = np.array([c.share for c in COMMUNITIES])
    community = rng.choice(len(COMMUNITIES), size=crowd, p=shares / shares.sum())
    kind = np.empty(crowd, np.int64)
    platform = np.empty(crowd, np.int64)
    stance = np.empty(crowd, np.int64)
    for c, spec in enumerate(COMMUNITIES):
        members = np.flatnonzero(community == c)
        kinds, kp = zip(*spec.kinds.items(), strict=True)
        kind[members] = [KIND[k] for k in rng.choice(kinds, size=len(members), p=_norm(kp))]
        plats, pp = zip(*spec.platforms.items(), strict=True)
        platform[members] = [PLATFORM[p] for p in rng.choice(plats, size=len(members), p=_norm(pp))]
        stances, sp = zip(*spec.stance_mix.items(), strict=True)
        stance[members] = [STANCE[s] for s in rng.choice(stances, size=len(members), p=_norm(sp))]
    is_influencer = kind == KIND["influencer"]
    platform[is_influencer & (rng.random(crowd) < 0.3)] = PLATFORM["youtube"]
    french = rng.random(crowd) < np.array([c.french for c in COMMUNITIES])[community]
    median = np.array([FOLLOWER_MEDIAN[k] for k in KINDS])[kind]
    mainstream = is_influencer & (rng.random(crowd) < 0.15)
    median = np.where(mainstream, 300_000, median)
    followers = np.round(median * rng.lognormal(0, 0.9, crowd)).astype(np.int64)
    official = np.isin(kind, [KIND[k] for k in ("media", "institution", "politician")])
    verified = (official | mainstream) & (rng.random(crowd) < 0.6)
    handle, name, bio, department = _identities(kind, platform, french, followers, rng, len(rows))

    planted_kind = np.array([KIND[r[4]] for r in rows])
    actors = Actors(
        platform=np.concatenate([[PLATFORM[r[0]] for r in rows], platform]).astype(np.int64),
        kind=np.concatenate([planted_kind, kind]),
        community=np.concatenate([[r[5] for r in rows], community]).astype(np.int64),
        stance=np.concatenate([[STANCE[r[6]] for r in rows], stance]).astype(np.int64),
        french=np.concatenate([[r[9] for r in rows], french]).astype(bool),
        followers=np.concatenate([[r[7] for r in rows], followers]).astype(np.int64),
        verified=np.concatenate([[r[8] for r in rows], verified]).astype(bool),
        activity=np.zeros(0),
        popularity=np.zeros(0),
        second=np.full(len(rows) + crowd, -1, np.int64),
        handle=[r[1] for r in rows] + handle,
        name=[r[2] for r in rows] + name,
        bio=[r[3] for r in rows] + bio,
        special=special,
        department={special["ceo"]: "Direction"} | department,
    )
    _plant_roles(actors, len(rows), rng)
    _add_burst_accounts(actors, n_burst, rng)
    return actors


def _norm(weights: tuple[float, ...]) -> np.ndarray:
    w = np.asarray(weights, float)
    normed: np.ndarray = w / w.sum()
    return normed


def _identities(
    kind: np.ndarray,
    platform: np.ndarray,
    french: np.ndarray,
    followers: np.ndarray,
    rng: np.random.Generator,
    offset: int,
) -> tuple[list[str], list[str], list[str], dict[int, str]]:
    """Handles, display names and bios (a Python loop: a few µs per actor)."""
    taken = {h.lower() for h in (r[1] for r in PLANTED.values())}
    handles, display, bios = [], [], []
    department: dict[int, str] = {}
    picks = rng.integers(0, 1 << 30, size=(len(kind), 6))
    for i in range(len(kind)):
        k = KINDS[kind[i]]
        fr = bool(french[i])
        r = picks[i]
        place = PLACES[r[0] % len(PLACES)]
        if fr:
            first, last = names.FIRST_FR[r[1] % 50], names.LAST_FR[r[2] % 50]
        else:
            first, last = names.FIRST_EN[r[1] % 30], names.LAST_EN[r[2] % 30]
        if k in ("media", "ngo", "institution", "company"):
            table = names.ORG_NAMES if fr else names.ORG_NAMES_EN
            options = table[k]
            person = options[r[3] % len(options)].format(P=place, L=last)
            base = slug(person, "")[:14]
        else:
            person = f"{first} {last}"
            style = r[3] % 4
            base = (
                slug(first, "") + slug(last, "")[:8],
                slug(first, "")[0] + slug(last, ""),
                slug(first, "") + "_" + slug(last, ""),
                slug(last, "") + "_" + slug(first, "")[:3],
            )[style]
        base = base[:11] or "user"
        handle = _platform_handle(base, PLATFORMS[platform[i]], r[4])
        attempt = 0
        while handle.lower() in taken:
            attempt += 1
            suffix = (r[5] + 7 * attempt) % 997 if attempt < 4 else offset + i
            handle = _platform_handle(f"{base}{suffix}", PLATFORMS[platform[i]], r[4])
        taken.add(handle.lower())
        options = names.BIOS[k][0 if fr else 1]
        bio = options[r[5] % len(options)].format(
            M=("Journal du Val" if fr else "Manufacturing Insider"),
            P=place,
            N=r[0] % 9 + 1,
            O=person,
            K=max(int(followers[i]) // 1000, 1),
        )
        if k == "employee":
            department[offset + i] = names.DEPARTMENTS[r[2] % len(names.DEPARTMENTS)]
        handles.append(handle)
        display.append(person)
        bios.append(bio)
    return handles, display, bios, department


def _platform_handle(base: str, platform: str, pick: int) -> str:
    if platform == "mastodon":
        return f"{base}@{names.MASTODON_INSTANCES[pick % len(names.MASTODON_INSTANCES)]}"
    if platform == "bluesky":
        return f"{base.replace('_', '-')}.bsky.social"
    if platform == "youtube":
        return base.title().replace("_", "")
    if platform == "reddit":
        return f"{base}_{pick % 90 + 10}"
    return base


def _plant_roles(actors: Actors, first_crowd: int, rng: np.random.Generator) -> None:
    """Untapped and bridge actors, activity and popularity (who gets reposted)."""
    n = len(actors)
    crowd = np.arange(first_crowd, n)
    eligible = crowd[
        np.isin(actors.community[crowd], [1, 2, 4])
        & np.isin(actors.kind[crowd], [KIND[k] for k in ("expert", "influencer", "journalist")])
        & (actors.platform[crowd] == PLATFORM["twitter"])
    ]
    n_untapped = int(np.clip(n // 400, 4, 40))
    untapped = np.sort(rng.choice(eligible, size=min(n_untapped, len(eligible)), replace=False))
    modest = np.isin(actors.kind, [KIND[k] for k in ("journalist", "expert", "citizen")])
    modest &= actors.followers < 20_000
    on_twitter = actors.platform == PLATFORM["twitter"]
    rest = np.setdiff1d(crowd[on_twitter[crowd] & modest[crowd]], untapped)
    n_bridges = int(np.clip(n // 150, 4, 200))
    k = len(COMMUNITIES)
    pairs = [(a, b) for a in range(k) for b in range(k) if a != b]
    order = rng.permutation(len(pairs))
    chosen: list[int] = []
    for j in range(n_bridges):  # spread over distinct pairs of camps
        home, second = pairs[order[j % len(pairs)]]
        options = np.setdiff1d(rest[actors.community[rest] == home], chosen)
        if len(options):
            pick = int(rng.choice(options))
            chosen.append(pick)
            actors.second[pick] = second
    bridges = np.array(sorted(chosen), np.int64)
    actors.stance[untapped] = np.where(actors.community[untapped] == 1, 1, 2)
    actors.untapped, actors.bridges = untapped, bridges

    kind_activity = np.array([ACTIVITY[k] for k in KINDS])[actors.kind]
    activity = kind_activity * rng.lognormal(0, 0.8, n)
    activity[untapped] = np.maximum(activity[untapped], 8 * np.median(activity))
    activity[bridges] = np.maximum(activity[bridges], 3 * np.median(activity))
    popularity = np.power(actors.followers.astype(float) + 10, 0.3) * rng.lognormal(0, 0.5, n)
    popularity[untapped] = np.maximum(8 * popularity[untapped], 2 * np.quantile(popularity, 0.99))
    s = actors.special
    activity[[s["company"], s["journey_central"]]] *= 3.0
    activity[s["rumour_root"]] = 0.05
    popularity[s["company"]] *= 3.0
    popularity[s["journey_central"]] *= 5.0
    activity[s["rising"]] = 4 * np.median(activity)
    popularity[s["rising"]] = 10 * np.median(popularity)
    actors.activity, actors.popularity = activity, popularity


def _add_burst_accounts(actors: Actors, n_burst: int, rng: np.random.Generator) -> None:
    """Thin, freshly made accounts that post the same link within seconds."""
    start = len(actors)
    words = ("verite", "reveil", "libre", "citoyen", "patriote", "info")
    bios = ("Libre penseur.", "Je dis la vérité.", "Réveillez-vous.", "", "Citoyen en colère.")
    for j in range(n_burst):
        actors.handle.append(f"{words[j % len(words)]}_{slug(names.LAST_FR[j % 50], '')}{100 + j}")
        actors.name.append(f"{names.FIRST_FR[(j * 7) % 50]} {names.LAST_FR[(j * 3) % 50][0]}.")
        actors.bio.append(bios[j % len(bios)])
    extra = {
        "platform": np.full(n_burst, PLATFORM["twitter"]),
        "kind": np.full(n_burst, KIND["citizen"]),
        "community": np.full(n_burst, -1),
        "stance": np.full(n_burst, STANCE["detractor"]),
        "french": np.ones(n_burst, bool),
        "followers": rng.integers(0, 40, n_burst),
        "verified": np.zeros(n_burst, bool),
        "activity": np.zeros(n_burst),
        "popularity": np.full(n_burst, 0.1),
        "second": np.full(n_burst, -1),
    }
    for key, values in extra.items():
        setattr(
            actors,
            key,
            np.concatenate([getattr(actors, key), values]).astype(getattr(actors, key).dtype),
        )
    actors.burst = np.arange(start, start + n_burst)
