"""The whole SIMULATED scenario for one (scale, seed): actors, pages, posts and their ids.

``scale`` is the number of documents (social posts plus web pages); actors grow
with it (one per ~40 documents, at least 300), the planted cast stays the same.
Everything derives from ``numpy.random.default_rng(seed)``, so a seed gives the
same files on any machine.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

from influscope.demo.actors import KIND, PLATFORM, Actors, draw_actors
from influscope.demo.cast import PLATFORMS
from influscope.demo.plants import Plants, plant
from influscope.demo.posts import ORIGINAL, REPOST, Posts, converse_across_camps, draw_posts
from influscope.demo.web import PagePlan, plan_pages
from influscope.errors import N_, UsageError

MIN_SCALE = 1_000
TWITTER_BASE = 1_830_000_000_000_000_000
MASTODON_BASE = 113_000_000_000_000_000


@dataclass
class Scenario:
    """Everything generated, before it is written to files."""

    scale: int
    seed: int
    actors: Actors
    pages: PagePlan
    posts: Posts
    post_ids: list[str]
    page_ids: list[str]
    plants: Plants = field(default_factory=Plants)

    def post_doc_id(self, i: int) -> str:
        """Canonical ``platform:id`` of social post ``i``."""
        return f"{PLATFORMS[self.actors.platform[self.posts.author[i]]]}:{self.post_ids[i]}"

    def paid(self) -> np.ndarray:
        """Which posts are paid partnerships: half the praise of the company by mainstream influencers."""
        a, p = self.actors, self.posts
        mainstream = (a.kind == KIND["influencer"]) & (a.followers >= 100_000)
        rng = np.random.default_rng([self.seed, 8])
        lucky = rng.random(len(p)) < 0.5
        paid: np.ndarray = (
            mainstream[p.author] & (p.brand == 0) & (p.tone == 2) & (p.kind != REPOST) & lucky
        )
        return paid

    def originals_of(self, actor: int, topic: int | None = None) -> np.ndarray:
        """Indices of an actor's original posts (optionally on one topic)."""
        mask = (self.posts.author == actor) & (self.posts.kind == ORIGINAL)
        if topic is not None:
            mask &= self.posts.topic == topic
        return np.flatnonzero(mask)


def build_scenario(scale: int, seed: int = 7) -> Scenario:
    """Draw the scenario; raises :class:`UsageError` below :data:`MIN_SCALE` documents."""
    if scale < MIN_SCALE:
        raise UsageError(
            N_("--scale {scale} is too small for the demo scenario."),
            N_("Use at least {minimum} documents (the default is 20000)."),
            scale=str(scale),
            minimum=str(MIN_SCALE),
        )
    rng = np.random.default_rng(seed)
    pages = plan_pages(rng)
    n_actors = int(np.clip(scale // 40, 300, 60_000))
    n_burst = int(np.clip(scale // 8_000, 25, 150))
    actors = draw_actors(n_actors, n_burst, rng)
    posts = draw_posts(actors, scale - len(pages), pages, rng)
    converse_across_camps(actors, posts, seed)
    # Planted after the conversation is redrawn, so a reply never inherits the
    # campaign's brand from the post it answers: the planted effect stays the
    # number of documents the campaign turned.
    planted = plant(actors, posts, seed)
    return Scenario(
        scale, seed, actors, pages, posts, _post_ids(actors, posts), _page_ids(pages), planted
    )


def _post_ids(actors: Actors, posts: Posts) -> list[str]:
    """Native ids in each platform's style, increasing with time."""
    platform = actors.platform[posts.author]
    index = np.arange(len(posts), dtype=np.int64)
    ids = np.empty(len(posts), dtype=object)
    twitter = platform == PLATFORM["twitter"]
    ids[twitter] = (TWITTER_BASE + index[twitter] * 1_000).astype(str)
    mastodon = platform == PLATFORM["mastodon"]
    ids[mastodon] = (MASTODON_BASE + index[mastodon] * 100).astype(str)
    for name, fmt in (("bluesky", "3l{:011x}"), ("youtube", "v{:010x}"), ("reddit", None)):
        rows = np.flatnonzero(platform == PLATFORM[name])
        if fmt:
            ids[rows] = [fmt.format(i) for i in rows]
        else:
            ids[rows] = [_base36(1_000_000_000 + int(i)) for i in rows]
    return ids.tolist()


def _base36(number: int) -> str:
    digits = "0123456789abcdefghijklmnopqrstuvwxyz"
    out = ""
    while number:
        number, rest = divmod(number, 36)
        out = digits[rest] + out
    return out or "0"


def _page_ids(pages: PagePlan) -> list[str]:
    return [f"p{i:05d}" for i in range(len(pages))]
