"""The fixed cast of the SIMULATED demo: company, competitors, axes, camps, websites, episodes.

Everything here is fictional. « Ardent Industrie » is an invented French
industrial group; its competitors, towns, river, websites and people do not
exist. The cast is the part of the scenario a human reads (and the config file
mirrors); the generator draws the crowd around it at any scale.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, datetime

from influscope.model import ACTOR_KINDS

SIMULATED_NOTICE = "SIMULATED DATA - influscope demo scenario, generated; not real posts or people"
START = datetime(2026, 8, 23, tzinfo=UTC)
DAYS = 90

STANCES = ("ally", "sympathiser", "neutral", "detractor")
# Every kind of the model but "unknown": the generator knows who each actor is.
KINDS = tuple(kind for kind in ACTOR_KINDS if kind != "unknown")
PLATFORMS = ("twitter", "mastodon", "bluesky", "reddit", "youtube")


@dataclass(frozen=True)
class BrandSpec:
    """A brand as the config file and the texts name it."""

    name: str
    aliases: tuple[str, ...]
    handle: str
    domain: str
    own: bool = False


COMPANY = BrandSpec(
    "Ardent Industrie",
    ("Ardent Industrie", "Groupe Ardent", "Ardent"),
    "ardent_industrie",
    "ardent-industrie.fr",
    own=True,
)
COMPETITORS = (
    BrandSpec("Valmeca", ("Valmeca", "Groupe Valmeca"), "valmeca", "valmeca.com"),
    BrandSpec("Norvolt Systems", ("Norvolt Systems", "Norvolt"), "norvolt", "norvolt.eu"),
    BrandSpec(
        "Celestis Automation",
        ("Celestis Automation", "Celestis"),
        "celestis_auto",
        "celestis-automation.com",
    ),
)


@dataclass(frozen=True)
class AxisSpec:
    """An axis: its query and the words the texts use so that the query matches them."""

    name: str
    label: str
    query: str
    keywords_fr: tuple[str, ...]
    keywords_en: tuple[str, ...]
    hashtags: tuple[str, ...]


AXES = (
    AxisSpec(
        "usine-du-futur",
        "L'usine du futur",
        '("usine du futur" OR "usines du futur" OR "industrie 4.0" OR "industry 4.0" OR "factory of the future" '
        'OR "smart factory" OR cobot* OR "robot collaboratif" OR "robots collaboratifs" '
        "OR #usinedufutur OR #industrie40 OR (numérique NEAR/3 usine)) AND NOT lang:de",
        (
            "l'usine du futur",
            "les usines du futur",
            "l'industrie 4.0",
            "la cobotique",
            "les cobots",
            "les robots collaboratifs",
            "la smart factory",
            "le numérique à l'usine",
        ),
        (
            "the factory of the future",
            "smart factory",
            "cobots",
            "Industry 4.0",
            "collaborative robots (cobots)",
        ),
        ("#UsineDuFutur", "#Industrie40", "#cobotique"),
    ),
    AxisSpec(
        "decarbonation",
        "Décarbonation de l'industrie",
        '(décarbonation OR décarboner OR decarbonisation OR decarbonization OR "hydrogène vert" '
        'OR "green hydrogen" OR "bas carbone" OR "low-carbon" OR #decarbonation OR #netzero) '
        "AND NOT lang:de",
        (
            "la décarbonation de l'industrie",
            "décarboner nos usines",
            "l'hydrogène vert",
            "l'acier bas carbone",
            "la décarbonation des sites industriels",
        ),
        ("industrial decarbonisation", "green hydrogen", "low-carbon steel", "decarbonization"),
        ("#decarbonation", "#NetZero"),
    ),
    AxisSpec(
        "emploi-competences",
        "Emploi et compétences industrielles",
        '("métiers de l\'industrie" OR apprentissage OR apprenti* OR "skills gap" OR reskilling '
        "OR (formation NEAR/5 industrie) OR (formation NEAR/5 usine) OR #MetiersIndustrie) "
        "AND NOT lang:de",
        (
            "les métiers de l'industrie",
            "l'apprentissage",
            "nos apprentis",
            "la formation en usine",
            "la formation aux métiers de l'industrie",
        ),
        ("the skills gap", "apprenticeships", "reskilling workers"),
        ("#MetiersIndustrie", "#apprentissage"),
    ),
)
OFF_TOPIC = len(AXES)
BAD_BUZZ = OFF_TOPIC + 1
RUMOUR = OFF_TOPIC + 2
DEFENCE = OFF_TOPIC + 3
BURST = OFF_TOPIC + 4
TOPIC_NAMES = tuple(a.name for a in AXES) + ("off-topic", "bad-buzz", "rumour", "defence", "burst")


@dataclass(frozen=True)
class CommunitySpec:
    """A planted camp: its stance toward the company and who lives in it."""

    key: str
    label: str
    stance: str
    share: float
    french: float
    kinds: dict[str, float]
    platforms: dict[str, float]
    topics: tuple[float, float, float, float]
    stance_mix: dict[str, float] = field(default_factory=dict)


COMMUNITIES = (
    CommunitySpec(
        "industrie-allies",
        "Industriels et salariés (alliés)",
        "ally",
        0.18,
        0.92,
        {
            "employee": 0.42,
            "company": 0.04,
            "expert": 0.12,
            "media": 0.05,
            "journalist": 0.06,
            "influencer": 0.07,
            "citizen": 0.20,
            "institution": 0.04,
        },
        {"twitter": 0.7, "mastodon": 0.06, "bluesky": 0.1, "reddit": 0.07, "youtube": 0.07},
        (0.50, 0.18, 0.20, 0.12),
        {"ally": 0.9, "sympathiser": 0.1},
    ),
    CommunitySpec(
        "tech-makers",
        "Tech, makers et cobotique (sympathisants)",
        "sympathiser",
        0.24,
        0.72,
        {
            "influencer": 0.30,
            "expert": 0.16,
            "citizen": 0.38,
            "media": 0.04,
            "journalist": 0.06,
            "company": 0.06,
        },
        {"twitter": 0.64, "mastodon": 0.1, "bluesky": 0.12, "reddit": 0.07, "youtube": 0.07},
        (0.60, 0.10, 0.15, 0.15),
        {"sympathiser": 0.75, "ally": 0.1, "neutral": 0.15},
    ),
    CommunitySpec(
        "territoires",
        "Élus, territoires et presse régionale (neutres)",
        "neutral",
        0.20,
        0.97,
        {
            "politician": 0.22,
            "institution": 0.10,
            "journalist": 0.16,
            "media": 0.08,
            "citizen": 0.40,
            "expert": 0.04,
        },
        {"twitter": 0.72, "mastodon": 0.06, "bluesky": 0.1, "reddit": 0.07, "youtube": 0.05},
        (0.25, 0.20, 0.35, 0.20),
        {"neutral": 0.8, "sympathiser": 0.1, "detractor": 0.1},
    ),
    CommunitySpec(
        "ecologie-riverains",
        "Écologistes et riverains de la Vernelle (détracteurs)",
        "detractor",
        0.20,
        0.95,
        {
            "ngo": 0.14,
            "citizen": 0.52,
            "influencer": 0.10,
            "politician": 0.08,
            "journalist": 0.06,
            "expert": 0.10,
        },
        {"twitter": 0.6, "mastodon": 0.16, "bluesky": 0.12, "reddit": 0.07, "youtube": 0.05},
        (0.12, 0.60, 0.10, 0.18),
        {"detractor": 0.85, "neutral": 0.15},
    ),
    CommunitySpec(
        "global-manufacturing",
        "Global manufacturing analysts (neutral, EN)",
        "neutral",
        0.18,
        0.08,
        {
            "expert": 0.26,
            "journalist": 0.14,
            "media": 0.08,
            "company": 0.06,
            "influencer": 0.14,
            "citizen": 0.32,
        },
        {"twitter": 0.64, "mastodon": 0.06, "bluesky": 0.14, "reddit": 0.1, "youtube": 0.06},
        (0.45, 0.30, 0.15, 0.10),
        {"neutral": 0.75, "sympathiser": 0.15, "detractor": 0.1},
    ),
)


@dataclass(frozen=True)
class SiteSpec:
    """A website: who runs it, which camp links to it, what it writes about."""

    domain: str
    name: str
    kind: str
    community: int | None
    lang: str
    bio: str
    topics: tuple[int, ...]
    pages: int = 5


SITES = (
    SiteSpec(
        "ardent-industrie.fr",
        "Ardent Industrie",
        "company",
        0,
        "fr",
        "Site officiel du groupe Ardent Industrie, équipementier industriel français.",
        (0, 1, 2),
        7,
    ),
    SiteSpec(
        "lechodesusines.fr",
        "L'Écho des Usines",
        "media",
        0,
        "fr",
        "Le média de l'industrie française : usines, innovation, emploi.",
        (0, 2, 1),
        8,
    ),
    SiteSpec(
        "industrie-hebdo.fr",
        "Industrie Hebdo",
        "media",
        0,
        "fr",
        "Hebdomadaire d'information sur l'industrie et ses dirigeants.",
        (0, 1),
        6,
    ),
    SiteSpec(
        "cobotique-pratique.fr",
        "Cobotique Pratique",
        "influencer",
        1,
        "fr",
        "Blog de passionnés : cobots, automatisme et retours d'expérience en atelier.",
        (0,),
        6,
    ),
    SiteSpec(
        "atelier-connecte.fr",
        "L'Atelier connecté",
        "influencer",
        1,
        "fr",
        "Blog tech sur l'usine numérique et les makers.",
        (0, 2),
        6,
    ),
    SiteSpec(
        "forum-automatisme.fr",
        "Forum Automatisme",
        "media",
        1,
        "fr",
        "Forum communautaire des automaticiens et roboticiens.",
        (0, 2),
        5,
    ),
    SiteSpec(
        "technews-usine.fr",
        "TechNews Usine",
        "media",
        1,
        "fr",
        "Chaîne et site de vulgarisation tech industrielle.",
        (0,),
        5,
    ),
    SiteSpec(
        "journal-du-val.fr",
        "Le Journal du Val",
        "media",
        2,
        "fr",
        "Quotidien régional d'information du Val de Vernelle.",
        (2, 1, 0),
        8,
    ),
    SiteSpec(
        "gazette-de-vernay.fr",
        "La Gazette de Vernay",
        "media",
        2,
        "fr",
        "Hebdomadaire local : Vernay et ses environs.",
        (2, 1),
        6,
    ),
    SiteSpec(
        "lequotidien-eco.fr",
        "Le Quotidien Éco",
        "media",
        2,
        "fr",
        "Quotidien national d'économie et de finance.",
        (0, 1, 2),
        8,
    ),
    SiteSpec(
        "region-valdevernelle.fr",
        "Région Val de Vernelle",
        "institution",
        2,
        "fr",
        "Site officiel du conseil régional : économie, formation, emploi.",
        (2, 0),
        5,
    ),
    SiteSpec(
        "agence-industrie-avenir.fr",
        "Agence Industrie Avenir",
        "institution",
        2,
        "fr",
        "Agence publique d'accompagnement des PME industrielles.",
        (0, 2, 1),
        5,
    ),
    SiteSpec(
        "vigilance-vernelle.org",
        "Vigilance Vernelle",
        "ngo",
        3,
        "fr",
        "Association de protection de la rivière Vernelle et de ses riverains.",
        (1,),
        7,
    ),
    SiteSpec(
        "collectif-air-pur.fr",
        "Collectif Air Pur",
        "ngo",
        3,
        "fr",
        "ONG de défense de l'environnement et de la santé des riverains industriels.",
        (1,),
        6,
    ),
    SiteSpec(
        "transition-juste.org",
        "Transition Juste",
        "ngo",
        3,
        "fr",
        "Think tank militant pour une transition écologique juste.",
        (1, 2),
        5,
    ),
    SiteSpec(
        "manufacturing-insider.com",
        "Manufacturing Insider",
        "media",
        4,
        "en",
        "News and analysis on global manufacturing.",
        (0, 1),
        8,
    ),
    SiteSpec(
        "factoryweekly.co.uk",
        "Factory Weekly",
        "media",
        4,
        "en",
        "Weekly magazine for plant managers and engineers.",
        (0, 2),
        6,
    ),
    SiteSpec(
        "industry-analyst.com",
        "Industry Analyst",
        "expert",
        4,
        "en",
        "Independent research on automation and industrial decarbonisation.",
        (0, 1),
        5,
    ),
    SiteSpec(
        "valmeca.com",
        "Valmeca",
        "company",
        4,
        "fr",
        "Valmeca, solutions d'automatisation pour l'industrie.",
        (0,),
        4,
    ),
    SiteSpec(
        "norvolt.eu",
        "Norvolt Systems",
        "company",
        4,
        "en",
        "Norvolt Systems: electrification and low-carbon industrial systems.",
        (1,),
        4,
    ),
    SiteSpec(
        "celestis-automation.com",
        "Celestis Automation",
        "company",
        4,
        "en",
        "Celestis Automation: robots and software for smart factories.",
        (0,),
        4,
    ),
)
COORDINATED_SITE = SiteSpec(
    "info-verite-france.net",
    "Info Vérité France",
    "media",
    None,
    "fr",
    "Les informations que les grands médias vous cachent.",
    (),
    1,
)

PLACES = (
    "Vernay",
    "Saint-Aubin-la-Forge",
    "Montclar",
    "Brévigny",
    "Lussac-les-Prés",
    "Val-de-Roche",
    "Castelneuf",
    "Ormeville",
    "Pont-Ardoise",
    "Villefranche-sur-Ourse",
)
RIVER = "la Vernelle"
PLANT = "Vernay"
BAD_BUZZ_TERMS = (
    "rejets toxiques",
    "Vernelle",
    "mousse suspecte",
    "poissons morts",
    "#ArdentPollution",
    "toxic discharge",
)
RUMOUR_TERMS = ("fermeture de Vernay", "800 licenciements", "plan social secret", "#ArdentFerme")
BURST_URL = "https://info-verite-france.net/ardent-vernay-fermeture-la-verite"
