"""Who posts what and when in the SIMULATED demo, as numpy arrays (no text yet).

Ordinary posts are drawn for the whole window: originals at diurnal times,
then reposts, replies and quotes of originals on the same platform, mostly
inside the author's camp (bridges split between two camps), which is what makes
the camps recoverable from the interaction graph. Episodes are drawn on top:
the bad buzz (a surge of negative posts about the company over ~36 h), the false
rumour (root, spreaders, then defenders replying), and the coordinated burst
(many fresh accounts posting one link within seconds). Texts are written later
by :mod:`.texts` from the topic, tone and brand chosen here.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Protocol

import numpy as np

from influscope.demo.actors import PLATFORM, Actors
from influscope.demo.cast import (
    AXES,
    BAD_BUZZ,
    BURST,
    COMMUNITIES,
    DAYS,
    DEFENCE,
    OFF_TOPIC,
    PLATFORMS,
    RUMOUR,
    START,
)

ORIGINAL, REPOST, REPLY, QUOTE = 0, 1, 2, 3
NO_LINK = -1
HOME_PAGE = -2  # link values <= HOME_PAGE point at a site's home page: HOME_PAGE - site index
GROWING_CAMP = 3  # the detractors post more and more: a risk hotspot
KIND_PROBS = np.array(
    [
        [0.50, 0.30, 0.12, 0.08],  # twitter
        [0.82, 0.12, 0.06, 0.00],  # mastodon
        [0.82, 0.12, 0.05, 0.01],  # bluesky
        [0.75, 0.00, 0.25, 0.00],  # reddit: submissions and comments
        [0.65, 0.00, 0.35, 0.00],  # youtube: videos and comments
    ]
)
TONE_ABOUT_COMPANY = np.array(  # rows: stance (ally..detractor); cols: negative, neutral, positive
    [[0.02, 0.18, 0.80], [0.05, 0.40, 0.55], [0.15, 0.70, 0.15], [0.80, 0.18, 0.02]]
)
TONE_ON_AXIS = np.array(
    [[0.05, 0.45, 0.50], [0.05, 0.50, 0.45], [0.10, 0.75, 0.15], [0.55, 0.40, 0.05]]
)
CITES_COMPANY = np.array([0.55, 0.30, 0.22, 0.45])
HOURLY = np.array(
    [1, 1, 1, 1, 1, 2, 4, 7, 9, 9, 8, 8, 9, 8, 7, 7, 8, 9, 10, 11, 10, 8, 5, 2], float
)
T0 = int(START.timestamp())
T_END = T0 + DAYS * 86400
BAD_BUZZ_START = T0 + 58 * 86400 + 7 * 3600
BAD_BUZZ_HOURS = 36
RUMOUR_AT = T0 + 73 * 86400 + 19 * 3600 + 40 * 60
BURST_AT = T0 + 74 * 86400 + 7 * 3600 + 15 * 60
BURST_SECONDS = 40


@dataclass
class Posts:
    """Social posts as parallel arrays; ``target`` indexes another post (or -1)."""

    author: np.ndarray
    t: np.ndarray
    kind: np.ndarray
    target: np.ndarray
    topic: np.ndarray
    tone: np.ndarray
    brand: np.ndarray
    english: np.ndarray
    link: np.ndarray
    mention: np.ndarray

    def __len__(self) -> int:
        return len(self.author)

    @classmethod
    def empty(cls, n: int) -> Posts:
        """``n`` posts with every field at its neutral value."""
        minus = np.full(n, -1, np.int64)
        zeros = np.zeros(n, np.int64)
        return cls(
            zeros.copy(),
            zeros.copy(),
            zeros.copy(),
            minus.copy(),
            zeros.copy(),
            np.ones(n, np.int64),
            minus.copy(),
            np.zeros(n, bool),
            minus.copy(),
            minus.copy(),
        )

    @classmethod
    def concat(cls, blocks: list[Posts]) -> Posts:
        """Blocks one after the other; targets are shifted to stay right."""
        out, offset = [], 0
        for block in blocks:
            target = np.where(block.target >= 0, block.target + offset, -1)
            out.append((block, target))
            offset += len(block)
        fields = ("author", "t", "kind", "topic", "tone", "brand", "english", "link", "mention")
        merged = {f: np.concatenate([getattr(b, f) for b, _ in out]) for f in fields}
        return cls(target=np.concatenate([t for _, t in out]), **merged)

    def sorted_by_time(self) -> Posts:
        """Posts in time order (targets remapped); a target always comes first."""
        order = np.argsort(self.t, kind="stable")
        rank = np.empty_like(order)
        rank[order] = np.arange(len(order))
        target = self.target[order]
        target = np.where(target >= 0, rank[np.maximum(target, 0)], -1)
        fields = ("author", "t", "kind", "topic", "tone", "brand", "english", "link", "mention")
        return Posts(target=target, **{f: getattr(self, f)[order] for f in fields})


def weighted(rng: np.random.Generator, weights: np.ndarray, size: int) -> np.ndarray:
    """Indices drawn with probability proportional to ``weights`` (vectorised)."""
    cum = np.cumsum(weights, dtype=float)
    if size == 0 or cum[-1] <= 0:
        return np.zeros(size, np.int64)
    drawn: np.ndarray = np.minimum(
        np.searchsorted(cum, rng.random(size) * cum[-1], side="right"), len(cum) - 1
    )
    return drawn


def pick_by_key(
    rng: np.random.Generator,
    pool: np.ndarray,
    pool_key: np.ndarray,
    weights: np.ndarray,
    want: np.ndarray,
) -> np.ndarray:
    """For each wanted key, one pool entry with that key (weighted); -1 when none has it."""
    out = np.full(len(want), -1, np.int64)
    for key in np.unique(want):
        rows = np.flatnonzero(want == key)
        members = np.flatnonzero(pool_key == key)
        if len(members):
            out[rows] = pool[members[weighted(rng, weights[members], len(rows))]]
    return out


def draw_posts(actors: Actors, n: int, pages: PagePlanLike, rng: np.random.Generator) -> Posts:
    """All social posts: ordinary ones plus the three planted episodes, in time order."""
    n_burst = len(actors.burst)
    n_buzz = max(round(0.04 * n), 20)
    n_rumour = max(round(0.012 * n), 12)
    n_base = max(n - n_buzz - n_rumour - n_burst, 0)
    blocks = [
        _ordinary(actors, n_base, pages, rng),
        _bad_buzz(actors, n_buzz, pages, rng),
        _rumour(actors, n_rumour, rng),
        _burst(actors),
    ]
    return Posts.concat(blocks).sorted_by_time()


class PagePlanLike(Protocol):
    """What posts need of the web plan: pages each camp links to, and episode pages."""

    by_community: list[np.ndarray]
    home_sites: list[np.ndarray]
    company_pages: np.ndarray
    brand: np.ndarray
    topic: np.ndarray
    community: np.ndarray
    buzz_page: int
    burst_page: int


RISING_FROM_DAY = 62


def _times(rng: np.random.Generator, size: int, growing: np.ndarray | None = None) -> np.ndarray:
    """Post times at diurnal hours; ``growing`` rows get more frequent toward the end."""
    day = rng.integers(0, DAYS, size)
    if growing is not None:
        ramp = (DAYS * np.sqrt(rng.random(size))).astype(np.int64).clip(0, DAYS - 1)
        day = np.where(growing & (rng.random(size) < 0.6), ramp, day)
    hour = weighted(rng, HOURLY, size)
    times: np.ndarray = T0 + day * 86400 + hour * 3600 + rng.integers(0, 3600, size)
    return times


def _ordinary(actors: Actors, n: int, pages: PagePlanLike, rng: np.random.Generator) -> Posts:
    p = Posts.empty(n)
    p.author = weighted(rng, actors.activity, n)
    plat = actors.platform[p.author]
    cum = np.cumsum(KIND_PROBS, axis=1)[plat]
    p.kind = (rng.random(n)[:, None] >= cum).sum(axis=1).clip(0, 3)
    untapped = np.isin(p.author, actors.untapped)
    p.kind[untapped | (p.author == actors.special["rising"])] = ORIGINAL
    orig = np.flatnonzero(p.kind == ORIGINAL)
    community = actors.community[p.author]
    stance = actors.stance[p.author]
    p.t[orig] = _times(rng, len(orig), growing=community[orig] == GROWING_CAMP)
    rising = orig[p.author[orig] == actors.special["rising"]]
    p.t[rising] = (
        T0
        + RISING_FROM_DAY * 86400
        + rng.integers(0, (DAYS - RISING_FROM_DAY) * 86400, len(rising))
    )
    topic_p = np.array([c.topics for c in COMMUNITIES])
    topic_p = topic_p / topic_p.sum(axis=1, keepdims=True)
    cum_topic = np.cumsum(topic_p, axis=1)[community[orig]]
    p.topic[orig] = (rng.random(len(orig))[:, None] >= cum_topic).sum(axis=1).clip(0, OFF_TOPIC)
    on_axis = untapped[orig]
    p.topic[orig[on_axis]] = rng.integers(0, len(AXES), on_axis.sum())
    english = actors.french[p.author] == (rng.random(n) < 0.07)
    p.english = english
    u = rng.random(len(orig))
    own = CITES_COMPANY[stance[orig]]
    p.brand[orig] = np.where(
        u < own, 0, np.where(u < own + 0.12, rng.integers(1, 4, len(orig)), -1)
    )
    p.brand[orig[untapped[orig]]] = -1
    special = actors.special
    for key, brand in [
        ("company", 0),
        ("company_bluesky", 0),
        ("company_youtube", 0),
        ("ceo", 0),
    ] + [(f"competitor_{i}", i + 1) for i in range(3)]:
        mine = orig[p.author[orig] == special[key]]
        share = 0.9 if brand == 0 else 1.0
        p.brand[mine] = np.where(rng.random(len(mine)) < share, brand, p.brand[mine])
    p.tone[orig] = _tones(rng, stance[orig], p.brand[orig] == 0)
    competitors = np.isin(p.author[orig], [special[f"competitor_{i}"] for i in range(3)])
    p.tone[orig[competitors]] = 2
    _derive(actors, p, np.flatnonzero(p.kind != ORIGINAL), orig, rng)
    _mentions_and_links(actors, p, orig, pages, rng)
    return p


def _tones(rng: np.random.Generator, stance: np.ndarray, about_company: np.ndarray) -> np.ndarray:
    table = np.where(about_company[:, None], TONE_ABOUT_COMPANY[stance], TONE_ON_AXIS[stance])
    tones: np.ndarray = (
        (rng.random(len(stance))[:, None] >= np.cumsum(table, axis=1)).sum(axis=1).clip(0, 2)
    )
    return tones


def _derive(
    actors: Actors,
    p: Posts,
    derived: np.ndarray,
    pool: np.ndarray,
    rng: np.random.Generator,
    inside: float = 0.95,
) -> None:
    """Targets, times and content of reposts/replies/quotes, mostly inside the camp."""
    if not len(derived) or not len(pool):
        return
    k = len(COMMUNITIES)
    author = p.author[derived]
    home = actors.community[author]
    want = np.where(rng.random(len(derived)) < inside, home, rng.integers(0, k, len(derived)))
    second = actors.second[author]
    switch = (second >= 0) & (rng.random(len(derived)) < 0.35)
    want = np.where(switch, second, want)
    plat = actors.platform[author]
    pool_author = p.author[pool]
    pool_comm = actors.community[pool_author]
    pool_second = actors.second[pool_author]
    bridged = pool_second >= 0
    keys = np.concatenate(
        [
            actors.platform[pool_author] * k + pool_comm,
            actors.platform[pool_author[bridged]] * k + pool_second[bridged],
        ]
    )
    entries = np.concatenate([pool, pool[bridged]])
    weights = actors.popularity[p.author[entries]] * np.concatenate(
        [np.ones(len(pool)), np.full(int(bridged.sum()), 0.5)]
    )
    target = pick_by_key(rng, entries, keys, weights, plat * k + want)
    own = (target >= 0) & (p.author[np.maximum(target, 0)] == author)
    target[own] = pick_by_key(rng, entries, keys, weights, (plat * k + want)[own])
    missing = (target < 0) | (p.author[np.maximum(target, 0)] == author)
    target[missing] = -1
    keep = (target >= 0) & (p.author[np.maximum(target, 0)] != author)
    if not keep.all():  # nothing to answer on that platform: make them originals
        lone = derived[~keep]
        p.kind[lone] = ORIGINAL
        p.t[lone] = _times(rng, len(lone))
        p.topic[lone] = OFF_TOPIC
    derived, target = derived[keep], target[keep]
    p.target[derived] = target
    scale = np.where(p.kind[derived] == REPOST, 3 * 3600, 5 * 3600)
    p.t[derived] = np.minimum(p.t[target] + 30 + rng.exponential(scale).astype(np.int64), T_END - 1)
    p.topic[derived] = p.topic[target]
    p.brand[derived] = np.where(p.brand[target] == 0, 0, -1)
    repost = p.kind[derived] == REPOST
    p.english[derived[repost]] = p.english[target[repost]]
    p.tone[derived[repost]] = p.tone[target[repost]]
    p.brand[derived[repost]] = p.brand[target[repost]]
    talk = derived[~repost]
    p.tone[talk] = _tones(rng, actors.stance[p.author[talk]], p.brand[talk] == 0)


def _mentions_and_links(
    actors: Actors, p: Posts, orig: np.ndarray, pages: PagePlanLike, rng: np.random.Generator
) -> None:
    k = len(COMMUNITIES)
    on_twitter = actors.platform[p.author[orig]] == PLATFORM["twitter"]
    mentioning = orig[rng.random(len(orig)) < np.where(on_twitter, 0.18, 0.08)]
    mentioning = mentioning[~np.isin(p.author[mentioning], actors.untapped)]
    pool = np.flatnonzero(
        (actors.community >= 0) & (np.arange(len(actors)) != actors.special["rising"])
    )
    keys = actors.platform[pool] * k + actors.community[pool]
    author = p.author[mentioning]
    want = actors.platform[author] * k + _camp_or_second(actors, author, rng)
    mention = pick_by_key(rng, pool, keys, actors.popularity[pool], want)
    mention[mention == author] = -1
    p.mention[mentioning] = mention
    media_like = np.isin(actors.kind[p.author[orig]], [1, 0, 3])  # media, journalist, ngo
    off_twitter = actors.platform[p.author[orig]] != PLATFORM["twitter"]
    chance = np.where(media_like, 0.45, 0.2) + np.where(off_twitter, 0.5, 0.0)
    linking = orig[rng.random(len(orig)) < chance]
    camp = _camp_or_second(actors, p.author[linking], rng)
    topic = p.topic[linking]
    every_page = np.arange(len(pages.topic))
    same = np.ones(len(every_page))
    target = pick_by_key(
        rng, every_page, pages.community * 16 + pages.topic, same, camp * 16 + topic
    )
    own_site = (p.brand[linking] == 0) & (actors.stance[p.author[linking]] == 0)
    own_site &= rng.random(len(linking)) < 0.4
    company = np.isin(every_page, pages.company_pages).astype(np.int64)
    on_company = pick_by_key(rng, every_page, company * 16 + pages.topic, same, 16 + topic)
    target = np.where(own_site & (on_company >= 0), on_company, target)
    for c in range(k):  # nothing on that subject in the camp: its sites' home pages
        home = np.flatnonzero((target < 0) & (camp == c))
        sites = pages.home_sites[c]
        if len(home) and len(sites):
            target[home] = HOME_PAGE - sites[rng.integers(0, len(sites), len(home))]
    p.link[linking] = target
    untapped = np.isin(p.author, actors.untapped)
    about_company = (p.link >= 0) & (pages.brand[np.maximum(p.link, 0)] == 0)
    p.link[untapped & about_company] = NO_LINK


def _camp_or_second(actors: Actors, author: np.ndarray, rng: np.random.Generator) -> np.ndarray:
    """The author's camp, or for a bridge its second camp about a third of the time."""
    second = actors.second[author]
    switch = (second >= 0) & (rng.random(len(author)) < 0.35)
    camps: np.ndarray = np.where(switch, second, actors.community[author])
    return camps


CONVERSATION_ACROSS = 0.5


def converse_across_camps(actors: Actors, p: Posts, seed: int) -> None:
    """Send half the replies and mentions across camps: conversation and conflict.

    People endorse inside their camp but argue with the other one (politicians
    mention their opponents), so a map that weighs every interaction alike
    blurs the camps. Replies and mentions are redrawn here, after everything
    else, from their own generator (``[seed, 12]``), so the rest of the
    scenario (reposts, episodes, texts, times) is drawn exactly as before. A
    redrawn reply answers an earlier original of another camp on the same
    platform; the episodes' replies (rumour defenders) are left alone.
    """
    rng = np.random.default_rng([seed, 12])
    k = len(COMMUNITIES)
    camp = actors.community[p.author]
    plat = actors.platform[p.author]
    ordinary = (p.topic != RUMOUR) & (p.topic != DEFENCE) & (p.topic != BAD_BUZZ) & (camp >= 0)
    replies = np.flatnonzero((p.kind == REPLY) & ordinary & (p.target >= 0))
    moved = replies[rng.random(len(replies)) < CONVERSATION_ACROSS]
    originals = np.flatnonzero((p.kind == ORIGINAL) & ordinary)
    for i in moved.tolist():
        other = (int(camp[i]) + 1 + int(rng.integers(0, k - 1))) % k
        pool = originals[originals < i]
        pool = pool[(camp[pool] == other) & (plat[pool] == plat[i])]
        if len(pool):
            target = int(pool[rng.integers(0, len(pool))])
            p.target[i] = target
            p.topic[i] = p.topic[target]
            p.brand[i] = 0 if p.brand[target] == 0 else -1
    mentioning = np.flatnonzero((p.mention >= 0) & ordinary)
    moved = mentioning[rng.random(len(mentioning)) < CONVERSATION_ACROSS]
    if len(moved):
        pool = np.flatnonzero(actors.community >= 0)
        keys = actors.platform[pool] * k + actors.community[pool]
        other = (camp[moved] + 1 + rng.integers(0, k - 1, len(moved))) % k
        picked = pick_by_key(rng, pool, keys, actors.popularity[pool], plat[moved] * k + other)
        p.mention[moved] = np.where(picked >= 0, picked, p.mention[moved])


def _camp_weights(
    actors: Actors, factors: tuple[float, ...], platforms: tuple[str, ...]
) -> np.ndarray:
    factor = np.append(np.asarray(factors, float), 0.0)[actors.community]
    on = np.isin(actors.platform, [PLATFORM[x] for x in platforms])
    w: np.ndarray = actors.activity * factor * on
    w[actors.untapped] = 0.0
    w[actors.special["rising"]] = 0.0
    return w


def _bad_buzz(actors: Actors, n: int, pages: PagePlanLike, rng: np.random.Generator) -> Posts:
    p = Posts.empty(n)
    p.author = weighted(rng, _camp_weights(actors, (0.0, 0.3, 1.0, 3.0, 0.6), PLATFORMS), n)
    p.kind = np.where(rng.random(n) < 0.55, ORIGINAL, REPOST)
    plat = actors.platform[p.author]
    no_repost = np.isin(plat, [PLATFORM["reddit"], PLATFORM["youtube"]])
    p.kind[(p.kind == REPOST) & no_repost] = REPLY
    orig = np.flatnonzero(p.kind == ORIGINAL)
    span = BAD_BUZZ_HOURS * 3600
    p.t[orig] = BAD_BUZZ_START + np.minimum(rng.gamma(2.0, 4 * 3600, len(orig)), span - 1).astype(
        np.int64
    )
    p.topic[:], p.tone[:], p.brand[:] = BAD_BUZZ, 0, 0
    p.english = actors.french[p.author] == (rng.random(n) < 0.05)
    derived = np.flatnonzero(p.kind != ORIGINAL)
    _derive(actors, p, derived, orig, rng, inside=0.85)
    p.topic[derived], p.tone[derived], p.brand[derived] = BAD_BUZZ, 0, 0
    late = p.t[derived] > BAD_BUZZ_START + span - 1
    p.t[derived[late]] = BAD_BUZZ_START + span - 1 - rng.integers(0, 3600, late.sum())
    p.t[derived] = np.maximum(p.t[derived], p.t[np.maximum(p.target[derived], 0)] + 5)
    linking = orig[rng.random(len(orig)) < 0.25]
    p.link[linking] = pages.buzz_page
    return p


def _rumour(actors: Actors, n: int, rng: np.random.Generator) -> Posts:
    """Root post, spreaders (reposts and quotes), then defenders replying to them."""
    p = Posts.empty(n)
    n_spread = int(round(0.6 * (n - 1)))
    n_defend = n - 1 - n_spread
    p.author[0] = actors.special["rumour_root"]
    p.t[0] = RUMOUR_AT
    p.topic[0], p.tone[0], p.brand[0] = RUMOUR, 0, 0
    spread = np.arange(1, 1 + n_spread)
    p.author[spread] = weighted(
        rng, _camp_weights(actors, (0, 0.05, 0.5, 3.0, 0.2), ("twitter",)), n_spread
    )
    p.kind[spread] = np.where(rng.random(n_spread) < 0.6, REPOST, QUOTE)
    p.target[spread] = 0
    p.t[spread] = RUMOUR_AT + 60 + rng.exponential(2.5 * 3600, n_spread).astype(np.int64)
    p.topic[spread], p.tone[spread], p.brand[spread] = RUMOUR, 0, 0
    defend = np.arange(1 + n_spread, n)
    p.author[defend] = weighted(
        rng, _camp_weights(actors, (3.0, 1.0, 0.1, 0, 0.1), ("twitter",)), n_defend
    )
    quotes = spread[p.kind[spread] == QUOTE]
    if len(quotes):
        to_quote = rng.random(n_defend) < 0.15
        p.target[defend] = np.where(to_quote, quotes[rng.integers(0, len(quotes), n_defend)], 0)
    else:
        p.target[defend] = 0
    p.kind[defend] = REPLY
    earliest = p.t[p.target[defend]] + 600
    p.t[defend] = np.maximum(
        RUMOUR_AT + 6 * 3600 + rng.exponential(8 * 3600, n_defend).astype(np.int64), earliest
    )
    p.topic[defend], p.tone[defend], p.brand[defend] = DEFENCE, 2, 0
    return p


def _burst(actors: Actors) -> Posts:
    n = len(actors.burst)
    p = Posts.empty(n)
    p.author = actors.burst.copy()
    p.t = BURST_AT + np.linspace(0, BURST_SECONDS - 1, n).astype(np.int64) if n else p.t
    p.topic[:], p.tone[:], p.brand[:] = BURST, 0, 0
    return p
