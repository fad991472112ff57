"""Writing the SIMULATED posts' words from their topic, tone, brand and language.

:class:`TextWriter` turns one post's choices into a sentence in French or
English: an opener and a closer that carry the tone, a core that carries the
axis keyword (so the axis queries match), the brand alias, a place, a number.
Random picks come from a pre-drawn integer row per post, so the text of post
*i* depends only on the seed, never on the order of calls.
"""

from __future__ import annotations

from influscope.demo import vocabulary as voc
from influscope.demo.cast import (
    AXES,
    BAD_BUZZ,
    BURST,
    BURST_URL,
    COMPANY,
    COMPETITORS,
    DEFENCE,
    OFF_TOPIC,
    PLACES,
    RIVER,
    RUMOUR,
)

BRANDS = (COMPANY, *COMPETITORS)
EPISODES = {BAD_BUZZ: "bad-buzz", RUMOUR: "rumour", DEFENCE: "defence"}
BURST_TEXT = (
    f"Ardent Industrie ment ! La vérité sur la fermeture de Vernay : {BURST_URL} #ArdentFerme"
)


# Most coordinated accounts paste the same text; a few add a flourish (near-duplicates).
BURST_VARIANTS = ("",) * 7 + (" !!", " Partagez !", " 😡")
PAID_MARKERS = {
    "fr": (" #sponsorisé", " (partenariat rémunéré avec Ardent Industrie)", " #publicité"),
    "en": (" #ad", " #sponsored", " (paid partnership with Ardent Industrie)"),
}
FRENCH_CONTRACTIONS = (
    (" à les ", " aux "),
    (" à le ", " au "),
    (" de les ", " des "),
    (" de le ", " du "),
    (" de Ardent", " d'Ardent"),
    (" à Ardent", " chez Ardent"),
)


def _cap(text: str) -> str:
    return text[:1].upper() + text[1:]


class TextWriter:
    """Composes post texts (and titles) for the scenario."""

    def core(self, topic: int, tone: int, brand: int, english: bool, r: tuple[int, ...]) -> str:
        """The subject sentence, without opener or closer."""
        lang = "en" if english else "fr"
        alias = ""
        if brand >= 0:
            aliases = BRANDS[brand].aliases
            alias = aliases[r[3] % (len(aliases) if brand else 2)]
        place = PLACES[r[4] % len(PLACES)]
        number = (r[5] % 40) + 5
        if topic < len(AXES):
            axis = AXES[topic]
            words = axis.keywords_en if english else axis.keywords_fr
            cores = voc.AXIS_CORES[lang][1 if brand >= 0 else 0][tone]
            template = cores[r[1] % len(cores)]
            return template.format(K=words[r[2] % len(words)], B=alias, P=place, N=number)
        if topic == OFF_TOPIC:
            cores = voc.OFF_TOPIC_CORES[lang][1 if brand >= 0 else 0][tone]
            return cores[r[1] % len(cores)].format(B=alias, P=place, N=number)
        if topic == BURST:
            return BURST_TEXT
        cores_e = voc.EPISODE_CORES[lang][EPISODES[topic]]
        return cores_e[r[1] % len(cores_e)].format(
            B=alias or COMPANY.name,
            P=place,
            N=number + 80,
            R=RIVER if not english else "the Vernelle",
        )

    def text(self, topic: int, tone: int, brand: int, english: bool, r: tuple[int, ...]) -> str:
        """A whole post: opener, core, closer and maybe a hashtag."""
        core = self.core(topic, tone, brand, english, r)
        if topic == BURST:
            return core + BURST_VARIANTS[r[7] % len(BURST_VARIANTS)]
        lang = "en" if english else "fr"
        if topic == DEFENCE:
            openers, closers = voc.DEFENCE_OPENERS[lang], voc.DEFENCE_CLOSERS[lang]
        else:
            openers, closers = voc.OPENERS[lang][tone], voc.CLOSERS[lang][tone]
        opener = openers[r[0] % len(openers)]
        closer = closers[r[6] % len(closers)]
        body = core if opener.endswith(":") else _cap(core)
        text = f"{opener} {body}." if opener else f"{body}."
        if closer:
            text = f"{text} {closer}"
        if not english:
            for wrong, right in FRENCH_CONTRACTIONS:
                text = text.replace(wrong, right)
        tag = self.hashtag(topic, r[7])
        return f"{text} {tag}" if tag else text

    def hashtag(self, topic: int, pick: int) -> str:
        """A hashtag for the topic (about a third of axis posts, most episode posts)."""
        if topic < len(AXES):
            tags = AXES[topic].hashtags
            return tags[pick % len(tags)] if pick % 3 == 0 else ""
        if topic in EPISODES:
            tags = voc.EPISODE_HASHTAGS[EPISODES[topic]]
            return tags[pick % len(tags)] if pick % 4 else ""
        return ""

    def title(self, topic: int, tone: int, english: bool, pick: int) -> str:
        """A headline for a web page, a video or a forum thread."""
        lang = "en" if english else "fr"
        if topic >= len(AXES):
            return _cap(self.core(topic, tone, 0, english, (pick,) * 8))
        axis = AXES[topic]
        words = axis.keywords_en if english else axis.keywords_fr
        keyword = words[pick % len(words)]
        for article in ("l'", "les ", "la ", "le ", "the "):
            if keyword.startswith(article):
                keyword = keyword[len(article) :]
                break
        options = voc.TITLES[lang][tone]
        return _cap(options[(pick >> 3) % len(options)].format(K=keyword))
