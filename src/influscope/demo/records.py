"""The SIMULATED scenario as canonical JSONL records (the generic importer's field names).

Social posts stream out in time order, in chunks, so a million posts need no
more memory than the texts that reposts will copy. Web pages come first: their
text carries the URLs they link to — other pages, and social profiles and
posts (``https://twitter.com/<handle>/status/<id>``) that the journey resolves
to actors. Records carry only canonical keys, so the importer's bulk path
takes the file; the SIMULATED label lives in the workspace config, the
folder's README.txt and ``ground_truth.json``.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import numpy as np
import orjson

from influscope.demo.actors import PLATFORM
from influscope.demo.cast import AXES, COMMUNITIES, PLATFORMS, RUMOUR
from influscope.demo.names import SUBREDDITS
from influscope.demo.posts import HOME_PAGE, ORIGINAL, QUOTE, REPLY, REPOST
from influscope.demo.scenario import Scenario
from influscope.demo.texts import PAID_MARKERS, TextWriter
from influscope.demo.web import ALL_SITES

CHUNK = 50_000
TONE_WORD = ("negative", "neutral", "positive")


def iso(seconds: np.ndarray) -> np.ndarray:
    """ISO 8601 UTC strings (``2026-09-01T10:00:00Z``) for epoch seconds."""
    return np.datetime_as_string(seconds.astype("datetime64[s]"), unit="s", timezone="UTC")


def profile_url(platform: str, handle: str) -> str:
    """The public profile address of an account."""
    if platform == "twitter":
        return f"https://twitter.com/{handle}"
    if platform == "mastodon":
        user, _, instance = handle.partition("@")
        return f"https://{instance}/@{user}"
    if platform == "bluesky":
        return f"https://bsky.app/profile/{handle}"
    if platform == "youtube":
        return f"https://www.youtube.com/@{handle}"
    return f"https://www.reddit.com/user/{handle}"


def post_url(scn: Scenario, i: int) -> str:
    """The public address of social post ``i``."""
    author = int(scn.posts.author[i])
    platform = PLATFORMS[scn.actors.platform[author]]
    handle = scn.actors.handle[author]
    native = scn.post_ids[i]
    target = int(scn.posts.target[i])
    if platform == "twitter":
        return f"https://twitter.com/{handle}/status/{native}"
    if platform == "mastodon":
        return f"{profile_url(platform, handle)}/{native}"
    if platform == "bluesky":
        return f"https://bsky.app/profile/{handle}/post/{native}"
    if platform == "youtube":
        if target >= 0:
            return f"https://www.youtube.com/watch?v={scn.post_ids[target]}&lc={native}"
        return f"https://www.youtube.com/watch?v={native}"
    sub = SUBREDDITS[max(int(scn.actors.community[author]), 0) % len(SUBREDDITS)]
    if target >= 0:
        return f"https://www.reddit.com/r/{sub}/comments/{scn.post_ids[target]}/comment/{native}/"
    return f"https://www.reddit.com/r/{sub}/comments/{native}/"


def _url_prefix(platform: str, handle: str) -> str:
    """What a post's address starts with, for platforms where the id ends it (else "")."""
    if platform == "twitter":
        return f"https://twitter.com/{handle}/status/"
    if platform == "mastodon":
        return profile_url(platform, handle) + "/"
    if platform == "bluesky":
        return f"https://bsky.app/profile/{handle}/post/"
    return ""


def dumps(record: dict[str, Any]) -> bytes:
    """One JSONL line."""
    return orjson.dumps(record) + b"\n"


def page_records(scn: Scenario) -> tuple[list[dict[str, Any]], list[str]]:
    """Web page records and each page's first sentence (the SERP snippet)."""
    pages, writer = scn.pages, TextWriter()
    rng = np.random.default_rng([scn.seed, 2])
    outlinks = page_outlinks(scn, rng)
    published = iso(pages.t)
    records, snippets = [], []
    for i in range(len(pages)):
        site = ALL_SITES[pages.site[i]]
        english = bool(pages.english[i])
        picks = rng.integers(0, 1 << 30, size=(4, 8))
        sentences = [
            writer.text(
                int(pages.topic[i]),
                int(pages.tone[i]),
                int(pages.brand[i]),
                english,
                tuple(int(x) for x in row),
            )
            for row in picks[:3]
        ]
        links = "\n".join(outlinks[i])
        text = f"{pages.title[i]}\n\n" + " ".join(sentences) + (f"\n\n{links}" if links else "")
        snippets.append(sentences[0][:160])
        records.append(
            {
                "id": scn.page_ids[i],
                "platform": "web",
                "author": site.domain,
                "author_name": site.name,
                "author_bio": site.bio,
                "author_verified": None,
                "author_homepage": f"https://{site.domain}/",
                "followers": None,
                "published_at": str(published[i]),
                "lang": site.lang,
                "title": pages.title[i],
                "text": text,
                "url": pages.url[i],
                "likes": None,
                "shares": None,
                "replies": None,
                "views": None,
                "reply_to": None,
                "repost_of": None,
                "quote_of": None,
            }
        )
    return records, snippets


def page_outlinks(scn: Scenario, rng: np.random.Generator) -> list[list[str]]:
    """Sentences with the URLs each page links to (pages, profiles, posts)."""
    pages, actors = scn.pages, scn.actors
    central = actors.special["journey_central"]
    threads = scn.originals_of(central, topic=0)
    if not len(threads):
        threads = scn.originals_of(central)
    popular = _popular_tweets(scn)
    citing = set(pages.citing.tolist())
    out: list[list[str]] = []
    for i in range(len(pages)):
        site = ALL_SITES[pages.site[i]]
        english = bool(pages.english[i])
        lines: list[str] = []
        same = (
            pages.by_community[site.community]
            if site.community is not None
            else np.zeros(0, np.int64)
        )
        others = same[same != i]
        if i in citing:
            handle = actors.handle[central]
            if len(threads):
                before = threads[scn.posts.t[threads] <= pages.t[i]]
                thread = int(before[-1] if len(before) else threads[0])
                url = f"https://twitter.com/{handle}/status/{scn.post_ids[thread]}"
                lines.append(
                    f"As Maëlle Kerbrat (@{handle}) explains in her thread: {url}"
                    if english
                    else f"Comme l'explique Maëlle Kerbrat (@{handle}) dans son fil : {url}"
                )
            lines.append(
                ("Follow her: " if english else "À suivre : ") + profile_url("twitter", handle)
            )
        elif site.community is not None and len(popular[site.community]):
            tweet = int(popular[site.community][rng.integers(0, len(popular[site.community]))])
            lines.append(
                ("On social media: " if english else "Sur les réseaux : ") + post_url(scn, tweet)
            )
        if i == pages.burst_page:
            roots = scn.originals_of(actors.special["rumour_root"], topic=RUMOUR)
            if len(roots):
                lines.append(f"La vidéo : {post_url(scn, int(roots[0]))}")
        if site.kind == "company":
            company = actors.special["company"]
            lines.append("Suivez-nous : " + profile_url("twitter", actors.handle[company]))
        for other in rng.permutation(others)[: 0 if i in citing else int(rng.integers(1, 3))]:
            lines.append(("Read also: " if english else "Lire aussi : ") + pages.url[int(other)])
        out.append(lines)
    return out


def _popular_tweets(scn: Scenario) -> list[np.ndarray]:
    """Per camp, the on-axis tweets of its most popular accounts (for pages to embed)."""
    actors, posts = scn.actors, scn.posts
    on_twitter = actors.platform[posts.author] == PLATFORM["twitter"]
    result = []
    for c in range(len(COMMUNITIES)):
        members = np.flatnonzero((actors.community == c) & (actors.platform == PLATFORM["twitter"]))
        members = members[~np.isin(members, [*actors.untapped, actors.special["rising"]])]
        top = members[np.argsort(-actors.popularity[members])[:8]]
        mask = (
            on_twitter
            & np.isin(posts.author, top)
            & (posts.kind == ORIGINAL)
            & (posts.topic < len(AXES))
        )
        result.append(np.flatnonzero(mask)[:200])
    return result


def _thread_shares(scn: Scenario, rng: np.random.Generator) -> tuple[np.ndarray, list[str]]:
    """Which posts share a thread of the journey-central micro-influencer (its index, or -1).

    A few on-axis posts of the industry and tech camps pass her threads around
    (« à lire ce fil »): social exposure that adds to her search presence.
    """
    posts, actors = scn.posts, scn.actors
    threads = scn.originals_of(actors.special["journey_central"], topic=0)
    share = np.full(len(posts), -1, np.int64)
    if not len(threads):
        return share, []
    eligible = (
        (posts.kind != REPOST)
        & (posts.topic == 0)
        & np.isin(actors.community[posts.author], [0, 1])
        & (posts.author != actors.special["journey_central"])
        & (posts.t > posts.t[threads[0]])
        & (rng.random(len(posts)) < 0.06)
    )
    rows = np.flatnonzero(eligible)
    share[rows] = np.searchsorted(posts.t[threads], posts.t[rows], side="right") - 1
    return share, [post_url(scn, int(i)) for i in threads]


def social_records(scn: Scenario) -> Iterator[bytes]:
    """JSONL lines of every social post, in time order."""
    actors, posts, writer = scn.actors, scn.posts, TextWriter()
    n = len(posts)
    rng = np.random.default_rng([scn.seed, 3])
    keep = np.zeros(n, bool)
    keep[posts.target[posts.kind == REPOST]] = True
    copies = scn.plants.copies
    keep[[source for source, _ in copies.values()]] = True
    stored: dict[int, str] = {}
    reposted = np.bincount(posts.target[posts.kind == REPOST], minlength=n)
    platform_names = [PLATFORMS[p] for p in actors.platform]
    ids, handles, page_urls = scn.post_ids, actors.handle, scn.pages.url
    share_thread, thread_urls = _thread_shares(scn, rng)
    prefixes = [_url_prefix(platform_names[a], handles[a]) for a in range(len(actors))]
    paid = scn.paid()
    for start in range(0, n, CHUNK):
        stop = min(start + CHUNK, n)
        picks = rng.integers(0, 1 << 30, size=(stop - start, 8)).tolist()
        published = iso(posts.t[start:stop]).tolist()
        author = posts.author[start:stop]
        followers = actors.followers[author]
        reach = np.sqrt(followers + 1.0)
        original = posts.kind[start:stop] != REPOST
        likes = np.where(original, rng.poisson(reach * 0.4), 0)
        shares = np.maximum(np.where(original, rng.poisson(reach * 0.08), 0), reposted[start:stop])
        replies = np.where(original, rng.poisson(reach * 0.05), 0)
        views = (followers * rng.lognormal(-1.5, 1.0, stop - start)).astype(np.int64)
        cols = [
            a.tolist()
            for a in (
                author,
                posts.kind[start:stop],
                posts.target[start:stop],
                posts.topic[start:stop],
                posts.tone[start:stop],
                posts.brand[start:stop],
                posts.english[start:stop],
                posts.link[start:stop],
                posts.mention[start:stop],
                likes,
                shares,
                replies,
                views,
                followers,
            )
        ]
        lines = []
        for j, (
            a,
            kind,
            target,
            topic,
            tone,
            brand,
            english,
            link,
            mention,
            lk,
            sh,
            rp,
            vw,
            fo,
        ) in enumerate(zip(*cols, strict=True)):
            i = start + j
            platform = platform_names[a]
            title = None
            reply_to = repost_of = quote_of = None
            if kind == REPOST:
                base = stored[target] if target in stored else ""
                ta = int(posts.author[target])
                text = f"RT @{handles[ta]}: {base}" if platform == "twitter" else base
                repost_of = ids[target]
            elif i in copies:  # an employee pasting the company's post
                source, lead = copies[i]
                text = lead + stored[source]
                if keep[i]:
                    stored[i] = text
            else:
                text = writer.text(topic, tone, brand, english, picks[j])
                if mention >= 0:
                    prefix = "u/" if platform == "reddit" else "@"
                    text = f"{text} {prefix}{handles[mention]}"
                if link >= 0:
                    text = f"{text} {page_urls[link]}"
                elif link <= HOME_PAGE:
                    text = f"{text} https://{ALL_SITES[HOME_PAGE - link].domain}/"
                elif share_thread[i] >= 0:
                    text = f"{text} {thread_urls[share_thread[i]]}"
                if paid[i]:
                    text += PAID_MARKERS["en" if english else "fr"][picks[j][4] % 3]
                if kind == REPLY:
                    reply_to = ids[target]
                    if platform in ("twitter", "mastodon", "bluesky"):
                        text = f"@{handles[int(posts.author[target])]} {text}"
                elif kind == QUOTE:
                    quote_of = ids[target]
                elif platform in ("reddit", "youtube"):
                    title = (
                        writer.title(topic, tone, english, picks[j][2])
                        if topic < len(AXES)
                        else writer.core(topic, tone, brand, english, picks[j])[:90]
                    )
                if keep[i]:
                    stored[i] = text
            lines.append(
                dumps(
                    {
                        "id": ids[i],
                        "platform": platform,
                        "author": handles[a],
                        "author_name": actors.name[a],
                        "author_bio": actors.bio[a],
                        "author_verified": bool(actors.verified[a]),
                        "author_homepage": None,
                        "followers": fo,
                        "published_at": published[j],
                        "lang": "en" if english else "fr",
                        "title": title,
                        "text": text,
                        "url": prefixes[a] + ids[i] if prefixes[a] else post_url(scn, i),
                        "likes": lk,
                        "shares": sh,
                        "replies": rp,
                        "views": vw if platform == "youtube" else None,
                        "reply_to": reply_to,
                        "repost_of": repost_of,
                        "quote_of": quote_of,
                    }
                )
            )
        yield b"".join(lines)


__all__ = ["ORIGINAL", "QUOTE", "REPLY", "REPOST", "TONE_WORD", "page_records", "social_records"]
