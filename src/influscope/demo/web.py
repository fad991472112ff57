"""The SIMULATED web: sites and pages, what they link to, search demand and result pages.

Pages are planned before the social posts (posts link to them) and written
after (pages link to posts). The journey is planted here: about a dozen pages
from different sites — the ones search engines rank first for « usine du
futur » queries — cite the threads of one micro-influencer with few followers,
so she is central on the public's journey while low by audience. The crisis
query « ardent industrie pollution » returns NGO and press pages only: the
company is absent where it would need to answer.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

from influscope.demo.actors import slug
from influscope.demo.cast import (
    AXES,
    BAD_BUZZ,
    BURST_URL,
    COMMUNITIES,
    COMPANY,
    COMPETITORS,
    COORDINATED_SITE,
    DEFENCE,
    RUMOUR,
    SITES,
    SiteSpec,
)
from influscope.demo.posts import BAD_BUZZ_START, BURST_AT, RUMOUR_AT, T0
from influscope.demo.texts import TextWriter

ALL_SITES: tuple[SiteSpec, ...] = (*SITES, COORDINATED_SITE)
SITE_INDEX = {s.domain: i for i, s in enumerate(ALL_SITES)}
CAPTURED_AT = "2026-11-16T08:00:00Z"
PERIODS = ("2026-08", "2026-09", "2026-10", "2026-11")

# query, axis (or None), locale, monthly volume, category
QUERIES = (
    ("usine du futur", 0, "fr-FR", 5400, "axis"),
    ("industrie 4.0", 0, "fr-FR", 9900, "axis"),
    ("cobot industriel", 0, "fr-FR", 2900, "axis"),
    ("cobotique", 0, "fr-FR", 1900, "axis"),
    ("robot collaboratif prix", 0, "fr-FR", 1600, "axis"),
    ("usine du futur exemple", 0, "fr-FR", 880, "axis"),
    ("smart factory", 0, "fr-FR", 1300, "axis"),
    ("factory of the future", 0, "en-GB", 2400, "axis"),
    ("smart factory examples", 0, "en-GB", 1000, "axis"),
    ("industry 4.0 cobots", 0, "en-GB", 720, "axis"),
    ("décarbonation industrie", 1, "fr-FR", 2400, "axis"),
    ("hydrogène vert usine", 1, "fr-FR", 1300, "axis"),
    ("acier bas carbone", 1, "fr-FR", 880, "axis"),
    ("industrial decarbonisation", 1, "en-GB", 1000, "axis"),
    ("métiers de l'industrie", 2, "fr-FR", 3600, "axis"),
    ("apprentissage industrie", 2, "fr-FR", 1900, "axis"),
    ("formation cobotique", 2, "fr-FR", 590, "axis"),
    ("manufacturing skills gap", 2, "en-GB", 880, "axis"),
    ("ardent industrie", None, "fr-FR", 4400, "brand"),
    ("ardent industrie avis", None, "fr-FR", 720, "brand"),
    ("ardent industrie recrutement", None, "fr-FR", 1300, "brand"),
    ("ardent industrie vernay", None, "fr-FR", 590, "brand"),
    ("ardent industrie pollution", None, "fr-FR", 390, "crisis-pollution"),
    ("ardent vernelle", None, "fr-FR", 260, "crisis-pollution"),
    ("ardent industrie licenciement", None, "fr-FR", 480, "crisis-rumour"),
    ("valmeca", None, "fr-FR", 2900, "competitor-1"),
    ("norvolt systems", None, "en-GB", 1600, "competitor-2"),
    ("celestis automation", None, "en-GB", 880, "competitor-3"),
)


# Chance that result slot r (ranks 1-10) of an axis query is a page citing the micro-influencer.
CITING_CHANCE = {
    0: (0.95, 0.95, 0.95, 0.5, 0.5, 0.2, 0.2, 0.0, 0.0, 0.0),
    2: (0.6, 0.6, 0.3, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0),
}


@dataclass
class PagePlan:
    """Pages of the scenario's websites, as parallel arrays."""

    site: np.ndarray
    topic: np.ndarray
    tone: np.ndarray
    brand: np.ndarray
    english: np.ndarray
    t: np.ndarray
    title: list[str]
    url: list[str]
    by_community: list[np.ndarray] = field(default_factory=list)
    home_sites: list[np.ndarray] = field(default_factory=list)
    community: np.ndarray = field(default_factory=lambda: np.zeros(0, np.int64))
    company_pages: np.ndarray = field(default_factory=lambda: np.zeros(0, np.int64))
    citing: np.ndarray = field(default_factory=lambda: np.zeros(0, np.int64))
    buzz_page: int = 0
    press_buzz_page: int = 0
    denial_page: int = 0
    burst_page: int = 0

    def __len__(self) -> int:
        return len(self.url)


SPECIAL_PAGES = {
    ("vigilance-vernelle.org", 0): (
        BAD_BUZZ,
        0,
        0,
        BAD_BUZZ_START + 3600,
        "Rejets toxiques dans la Vernelle : nos relevés accablent Ardent Industrie",
    ),
    ("journal-du-val.fr", 0): (
        BAD_BUZZ,
        1,
        0,
        BAD_BUZZ_START + 5 * 3600,
        "Poissons morts dans la Vernelle : Ardent Industrie dément toute pollution",
    ),
    ("ardent-industrie.fr", 0): (
        DEFENCE,
        2,
        0,
        RUMOUR_AT + 14 * 3600,
        "Démenti : l'usine de Vernay ne fermera pas, elle recrute",
    ),
    ("info-verite-france.net", 0): (
        RUMOUR,
        0,
        0,
        BURST_AT - 1800,
        "Ardent Industrie : la fermeture de Vernay que l'on vous cache",
    ),
}


def plan_pages(rng: np.random.Generator) -> PagePlan:
    """Decide every page's site, subject, tone, date, title and URL."""
    writer = TextWriter()
    rows = []
    for s, site in enumerate(ALL_SITES):
        stance = COMMUNITIES[site.community].stance if site.community is not None else "detractor"
        for j in range(site.pages):
            special = SPECIAL_PAGES.get((site.domain, j))
            english = site.lang == "en"
            if special:
                topic, tone, brand, t, title = special
            else:
                topic = site.topics[j % len(site.topics)]
                tone = _page_tone(site, stance, rng)
                brand = _page_brand(site, rng)
                t = T0 + int(rng.integers(0, 88 * 86400))
                title = writer.title(topic, tone, english, int(rng.integers(0, 1 << 20)))
            rows.append((s, topic, tone, brand, english, t, title))
    plan = PagePlan(
        site=np.array([r[0] for r in rows]),
        topic=np.array([r[1] for r in rows]),
        tone=np.array([r[2] for r in rows]),
        brand=np.array([r[3] for r in rows]),
        english=np.array([r[4] for r in rows], bool),
        t=np.array([r[5] for r in rows], np.int64),
        title=[r[6] for r in rows],
        url=[],
    )
    plan.url = [_page_url(ALL_SITES[s], title, t, i) for i, (s, *_, t, title) in enumerate(rows)]
    site_comm = np.array([-1 if x.community is None else x.community for x in ALL_SITES])
    plan.community = site_comm[plan.site]
    plan.by_community = [np.flatnonzero(plan.community == c) for c in range(len(COMMUNITIES))]
    plan.home_sites = [np.flatnonzero(site_comm == c) for c in range(len(COMMUNITIES))]
    plan.company_pages = np.flatnonzero(plan.site == SITE_INDEX[COMPANY.domain])[1:]
    index = {(ALL_SITES[s].domain, j): i for i, (s, j) in enumerate(_site_page_pairs())}
    plan.buzz_page = index[("vigilance-vernelle.org", 0)]
    plan.press_buzz_page = index[("journal-du-val.fr", 0)]
    plan.denial_page = index[("ardent-industrie.fr", 0)]
    plan.burst_page = index[("info-verite-france.net", 0)]
    plan.citing = _citing_pages(plan)
    return plan


def _site_page_pairs() -> list[tuple[int, int]]:
    return [(s, j) for s, site in enumerate(ALL_SITES) for j in range(site.pages)]


def _page_tone(site: SiteSpec, stance: str, rng: np.random.Generator) -> int:
    if site.kind == "company":
        return 2
    probs = {
        "ally": (0.05, 0.45, 0.5),
        "sympathiser": (0.05, 0.55, 0.4),
        "neutral": (0.1, 0.8, 0.1),
        "detractor": (0.7, 0.3, 0.0),
    }[stance]
    return int(rng.choice(3, p=probs))


def _page_brand(site: SiteSpec, rng: np.random.Generator) -> int:
    for i, comp in enumerate(COMPETITORS):
        if site.domain == comp.domain:
            return i + 1
    if site.domain == COMPANY.domain:
        return 0
    share = {0: 0.5, 1: 0.2, 2: 0.3, 3: 0.6, 4: 0.15}.get(site.community or 0, 0.2)
    u = rng.random()
    if u < share:
        return 0
    return int(rng.integers(1, 4)) if u < share + 0.2 else -1


def _page_url(site: SiteSpec, title: str, t: int, i: int) -> str:
    if site.domain == COORDINATED_SITE.domain:
        return BURST_URL
    day = np.datetime64(int(t), "s").astype("datetime64[D]").astype(str)
    section = "news" if site.lang == "en" else "actualites"
    return (
        f"https://{site.domain}/{section}/{day[:7].replace('-', '/')}/{slug(title, '-')[:60]}-{i}"
    )


def _citing_pages(plan: PagePlan) -> np.ndarray:
    """The first « usine du futur » page of each media/blog/expert/institution site."""
    citing = []
    for s, site in enumerate(ALL_SITES):
        if site.kind == "company" or site.community in (None, 3):
            continue
        pages = np.flatnonzero((plan.site == s) & (plan.topic == 0))
        citing += [int(x) for x in pages[:2]]
    return np.array(sorted(citing), np.int64)


def serp_rows(
    plan: PagePlan, snippets: list[str], rng: np.random.Generator
) -> list[dict[str, object]]:
    """Result pages (ranks 1-10) for every query of :data:`QUERIES`."""
    rows: list[dict[str, object]] = []
    citing = set(plan.citing.tolist())
    for query, axis, locale, _volume, category in QUERIES:
        english = locale.startswith("en")
        chosen = _rank(plan, axis, category, english, citing, rng)
        for rank, page in enumerate(chosen[:10], start=1):
            rows.append(
                {
                    "query": query,
                    "captured_at": CAPTURED_AT,
                    "rank": rank,
                    "url": plan.url[page],
                    "title": plan.title[page],
                    "snippet": snippets[page],
                    "engine": "google",
                }
            )
    return rows


def _rank(
    plan: PagePlan,
    axis: int | None,
    category: str,
    english: bool,
    citing: set[int],
    rng: np.random.Generator,
) -> list[int]:
    """Ten distinct pages for one query: the planted order, padded with other pages."""
    chosen = list(dict.fromkeys(_planted_rank(plan, axis, category, english, citing, rng)))[:10]
    if len(chosen) < 10:
        normal = np.flatnonzero(plan.site != SITE_INDEX[COORDINATED_SITE.domain])
        same = normal[(plan.english[normal] == english) & ~np.isin(normal, chosen + list(citing))]
        chosen += [int(p) for p in rng.permutation(same)[: 10 - len(chosen)]]
    return chosen


def _planted_rank(
    plan: PagePlan,
    axis: int | None,
    category: str,
    english: bool,
    citing: set[int],
    rng: np.random.Generator,
) -> list[int]:
    everything = np.arange(len(plan))
    normal = everything[plan.site != SITE_INDEX[COORDINATED_SITE.domain]]

    def ordered(candidates: np.ndarray) -> list[int]:
        shuffled = rng.permutation(candidates)
        same = [int(p) for p in shuffled if plan.english[p] == english]
        return same + [int(p) for p in shuffled if plan.english[p] != english]

    if axis is not None:
        pool = normal[plan.topic[normal] == axis]
        cite = [p for p in ordered(pool) if p in citing] if axis in (0, 2) else []
        rest = [p for p in ordered(pool) if p not in citing]
        out: list[int] = []
        for rank in range(10):
            chance = CITING_CHANCE.get(axis, (0.0,) * 10)[rank]
            wants_cite = rng.random() < chance
            source = cite if wants_cite and cite else rest or cite
            if source:
                out.append(source.pop(0))
        return out
    company = [int(p) for p in np.flatnonzero(plan.site == SITE_INDEX[COMPANY.domain])]
    if category == "brand":
        press = ordered(normal[(plan.brand[normal] == 0) & (plan.site[normal] != company_site())])
        cited = [p for p in press if p in citing][:1]
        return company[1:3] + cited + [p for p in press if p not in cited][:7]
    if category == "crisis-pollution":
        buzz = [plan.buzz_page, plan.press_buzz_page]
        ngo_press = ordered(
            normal[np.isin(plan.site[normal], _sites_of(3, 2)) & (plan.brand[normal] == 0)]
        )
        return buzz + [p for p in ngo_press if p not in buzz][:8]
    if category == "crisis-rumour":
        press = ordered(normal[(plan.brand[normal] == 0) & (plan.site[normal] != company_site())])
        return [plan.burst_page, plan.denial_page] + press[:8]
    competitor = int(category.rsplit("-", 1)[1])
    own = [
        int(p) for p in np.flatnonzero(plan.site == SITE_INDEX[COMPETITORS[competitor - 1].domain])
    ]
    press = ordered(normal[plan.brand[normal] == competitor])
    return own + [p for p in press if p not in own][: 10 - len(own)]


def company_site() -> int:
    """Index of the company's own site."""
    return SITE_INDEX[COMPANY.domain]


def _sites_of(*communities: int) -> list[int]:
    return [i for i, s in enumerate(ALL_SITES) if s.community in communities]


def demand_rows(rng: np.random.Generator) -> list[dict[str, object]]:
    """Monthly search volumes; crisis queries jump in the months of the episodes."""
    rows: list[dict[str, object]] = []
    for query, _axis, locale, volume, category in QUERIES:
        for period in PERIODS:
            factor = 1.0
            if category == "crisis-pollution":
                factor = {"2026-10": 9.0, "2026-11": 3.0}.get(period, 1.0)
            elif category == "crisis-rumour":
                factor = {"2026-11": 11.0}.get(period, 1.0)
            noise = rng.uniform(0.85, 1.15)
            partial = 0.3 if period == "2026-08" else 1.0
            rows.append(
                {
                    "query": query,
                    "volume": int(round(volume * factor * noise * partial)),
                    "locale": locale,
                    "period": period,
                }
            )
    return rows


__all__ = ["AXES", "PagePlan", "demand_rows", "plan_pages", "serp_rows"]
