"""Things planted in the SIMULATED posts after they are drawn, for issue 15's checks.

Each plant rewrites a few posts' subject, brand or words and nothing else: no
post is added, removed or moved, and every random choice comes from its own
stream (``default_rng([seed, 9..11])``), so the rest of the scenario (who
posts, when, whom they repost) is exactly what it was without them.

- **affinity influencers** — the journey-central and the rising creators, and
  in each camp its most reposted influencer under 20k followers, post only on
  their camp's main axis (a camp's pick must have been reposted at least three
  times): a community that listens to them on one subject;
- **employee copies** — about a third of the employees' ordinary original
  posts are the company's own earlier post pasted back (with a short
  personal lead-in at most); the rest stay in their own words;
- **a campaign** — between :data:`CAMPAIGN_DAYS` on the *emploi-compétences*
  axis, half of the original posts on that axis that cite no brand now cite
  Ardent Industrie (as an apprenticeship campaign would make people do), with
  their reposts; the planted effect is the number of documents turned, per
  campaign day.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

from influscope.demo.actors import KIND, PLATFORM, Actors
from influscope.demo.cast import AXES, COMMUNITIES, OFF_TOPIC
from influscope.demo.posts import ORIGINAL, REPOST, T0, Posts

CAMPAIGN_AXIS = 2  # emploi-competences
CAMPAIGN_DAYS = (30, 50)
CAMPAIGN_SHARE = 0.5
COPY_SHARE = 0.35
COPY_LEADS = ("", "", "", "Fier de partager : ", "À lire 👇 ", "Proud of this: ")


@dataclass
class Plants:
    """What was planted: affinity influencers, copies (post -> source post), the campaign."""

    affinity: list[int] = field(default_factory=list)
    copies: dict[int, tuple[int, str]] = field(default_factory=dict)
    own_words: list[int] = field(default_factory=list)
    campaign_posts: list[int] = field(default_factory=list)


def plant(actors: Actors, posts: Posts, seed: int) -> Plants:
    """Apply every plant to ``posts`` (in place); returns what was planted."""
    found = Plants()
    found.affinity = _focus(actors, posts)
    found.copies, found.own_words = _copies(actors, posts, np.random.default_rng([seed, 10]))
    found.campaign_posts = _campaign(
        actors, posts, np.random.default_rng([seed, 11]), set(found.copies)
    )
    return found


def _main_axis(community: int) -> int:
    return int(np.argmax(COMMUNITIES[community].topics[: len(AXES)]))


def _focus(actors: Actors, posts: Posts) -> list[int]:
    """Affinity influencers: their originals (and the posts answering them) on one axis."""
    chosen = [actors.special["journey_central"], actors.special["rising"]]
    reposted = np.bincount(posts.author[posts.target[posts.kind == REPOST]], minlength=len(actors))
    for c in range(len(COMMUNITIES)):
        pool = np.flatnonzero(
            (actors.community == c)
            & (actors.kind == KIND["influencer"])
            & (actors.followers < 20_000)
            & (actors.platform == PLATFORM["twitter"])
        )
        pool = np.setdiff1d(pool, [*chosen, *actors.untapped.tolist()])
        if len(pool) and reposted[pool].max() >= 3:  # an influencer someone listens to
            chosen.append(int(pool[np.argmax(reposted[pool])]))
    for actor in chosen:
        axis = _main_axis(int(actors.community[actor]))
        mine = (posts.author == actor) & (posts.kind == ORIGINAL) & (posts.topic <= OFF_TOPIC)
        posts.topic[mine] = axis
        echoes = np.isin(posts.target, np.flatnonzero(mine))
        posts.topic[echoes] = axis
    return sorted(set(chosen))


def _copies(
    actors: Actors, posts: Posts, rng: np.random.Generator
) -> tuple[dict[int, tuple[int, str]], list[int]]:
    """Employee originals pasted from the company's earlier posts; the others stay theirs."""
    s = actors.special
    corporate_authors = [s["company"], s["company_bluesky"], s["company_youtube"]]
    corporate = np.flatnonzero(
        np.isin(posts.author, corporate_authors)
        & (posts.kind == ORIGINAL)
        & (posts.topic <= OFF_TOPIC)
    )
    corporate = corporate[np.argsort(posts.t[corporate], kind="stable")]
    employees = np.flatnonzero(actors.kind == KIND["employee"])
    theirs = np.flatnonzero(
        np.isin(posts.author, employees) & (posts.kind == ORIGINAL) & (posts.topic <= OFF_TOPIC)
    )
    copies: dict[int, tuple[int, str]] = {}
    own: list[int] = []
    draws = rng.random(len(theirs))
    picks = rng.integers(0, 1 << 30, size=(len(theirs), 2))
    for i, u, (pick, lead) in zip(theirs.tolist(), draws, picks.tolist(), strict=True):
        earlier = corporate[posts.t[corporate] < posts.t[i]]
        if u < COPY_SHARE and len(earlier):
            source = int(earlier[-1 - pick % min(len(earlier), 8)])
            copies[i] = (source, COPY_LEADS[lead % len(COPY_LEADS)])
            for name in ("topic", "tone", "brand", "english"):
                getattr(posts, name)[i] = getattr(posts, name)[source]
            posts.link[i] = -1
            posts.mention[i] = -1
        else:
            own.append(i)
    return copies, own


def _campaign(
    actors: Actors, posts: Posts, rng: np.random.Generator, copies: set[int]
) -> list[int]:
    """Turn half the brand-less originals of the campaign window into citations of Ardent."""
    start, end = (T0 + d * 86400 for d in CAMPAIGN_DAYS)
    window = (posts.t >= start) & (posts.t < end)
    candidates = np.flatnonzero(
        window
        & (posts.kind == ORIGINAL)
        & (posts.topic == CAMPAIGN_AXIS)
        & (posts.brand == -1)
        & ~np.isin(posts.author, actors.untapped)
        & (actors.community[posts.author] >= 0)
        & ~np.isin(np.arange(len(posts)), sorted(copies))
    )
    turned = candidates[rng.random(len(candidates)) < CAMPAIGN_SHARE]
    posts.brand[turned] = 0
    echoes = np.flatnonzero((posts.kind == REPOST) & np.isin(posts.target, turned))
    posts.brand[echoes] = 0
    return sorted([*turned.tolist(), *echoes.tolist()])
