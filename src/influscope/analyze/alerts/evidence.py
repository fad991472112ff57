"""Evidence and explanation: the facts behind an alert, and one paragraph built from them.

Evidence is the same for every detector: the top documents of the window (by
engagement), the accounts that posted most, the terms that distinguish the
window from the days before (smoothed log-odds of word and word-pair
frequencies), the most shared links and the communities the most active
accounts belong to in the rule's stored map (:mod:`~influscope.analyze.alerts.maps`;
``map`` says which one, or that none is computed yet). The explanation is
written from those facts only, in the workspace language, so a reader can
check every number it states.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from datetime import datetime, timedelta
from typing import Any

import ibis
from ibis.expr.types import Table

from influscope.analyze.alerts import wording
from influscope.analyze.alerts.base import Finding, RuleContext
from influscope.analyze.alerts.maps import communities_of, find_map
from influscope.ingest.hosts import is_shortener

TOKEN = re.compile(r"[#@]?[^\W\d_][\w'’-]*", re.UNICODE)
STOP = frozenset(
    """a an and are as at be but by for from has have i i'm in is it it's its me my of on or our
    so that the this to was we were what with you your not no just get got can will all do amp rt
    been now out up one dont don't im they them there their been how why when who would could
    http https co via le la les de des du un une et est en que qui pour pas sur au aux ce il je
    on ne se sa son ses vous nous avec dans plus par""".split()
)
MAX_DOCS = 5000
# The evidence's "map" when no map is stored: said, not left empty ("status"
# is a code, like an alert's state; the hint is for people).
NOT_COMPUTED = {
    "en": {"status": "not computed", "hint": "Run 'influscope map' to see the communities."},
    "fr": {
        "status": "not computed",
        "hint": "Lancez 'influscope map' pour voir les communautés.",
    },
}


def tokens(text: str | None) -> list[str]:
    """Lower-cased word tokens without stop words, handles or links (for term evidence)."""
    if not text:
        return []
    text = re.sub(r"https?://\S+", " ", text.lower())
    words = [w.strip("'’-") for w in TOKEN.findall(text)]
    return [w for w in words if len(w) > 1 and w not in STOP and not w.startswith("@")]


def _grams(text: str | None) -> set[str]:
    words = tokens(text)
    return set(words) | {f"{a} {b}" for a, b in zip(words, words[1:], strict=False)}


def distinctive_terms(
    window: list[str | None], baseline: list[str | None], top: int = 8
) -> list[dict[str, Any]]:
    """Terms (words and word pairs) over-represented in ``window`` against ``baseline``.

    Example:
        >>> distinctive_terms(["flight cancelled"] * 5, ["nice flight"] * 5, top=1)[0]["term"]
        'cancelled'
    """
    inside: Counter[str] = Counter()
    for text in window:
        inside.update(_grams(text))
    outside: Counter[str] = Counter()
    for text in baseline:
        outside.update(_grams(text))
    n_in, n_out = max(len(window), 1), max(len(baseline), 1)
    scored = []
    for term, count in inside.items():
        if count < 3 and len(window) >= 10:
            continue
        rate_in = (count + 0.5) / (n_in + 1)
        rate_out = (outside.get(term, 0) + 0.5) / (n_out + 1)
        lift = math.log(rate_in / rate_out)
        if lift <= 0:
            continue
        scored.append((lift * count, term, count))
    scored.sort(reverse=True)
    chosen: list[dict[str, Any]] = []
    for _, term, count in scored:
        if any(term in c["term"].split(" ") or c["term"] in term.split(" ") for c in chosen):
            continue
        chosen.append({"term": term, "count": count})
        if len(chosen) >= top:
            break
    return chosen


def frequent_terms(window: list[str | None], top: int = 8) -> list[dict[str, Any]]:
    """The most frequent words and word pairs of the window (what people talk about).

    A pair replaces its words when it carries most of their uses, so
    "cancelled flightled" shows rather than "cancelled" and "flightled".

    Example:
        >>> frequent_terms(["flight cancelled again", "flight cancelled"], top=1)[0]["term"]
        'flight cancelled'
    """
    counts: Counter[str] = Counter()
    for text in window:
        counts.update(_grams(text))
    pairs = {t: c for t, c in counts.items() if " " in t and c >= 2}
    chosen: list[dict[str, Any]] = []
    covered: set[str] = set()
    for term, count in counts.most_common():
        if term in covered or (" " in term and term not in pairs):
            continue
        if " " not in term:
            best = max(
                ((p, c) for p, c in pairs.items() if term in p.split(" ")),
                key=lambda pc: pc[1],
                default=None,
            )
            if best and best[1] >= 0.6 * count and best[0] not in covered:
                term, count = best
        covered.add(term)
        covered.update(term.split(" "))
        chosen.append({"term": term, "count": count})
        if len(chosen) >= top:
            break
    return chosen


def collect(ctx: RuleContext, docs: Table, finding: Finding, top: int = 5) -> dict[str, Any]:
    """The evidence of a finding over ``docs`` (the rule's scope) in its window."""
    store = ctx.store
    start, end = finding.window_start, finding.window_end
    in_window = docs.filter((docs.published_at >= start) & (docs.published_at <= end))
    engagement = (
        in_window.shares.fill_null(0)
        + in_window.likes.fill_null(0)
        + in_window.replies.fill_null(0)
    )
    window_docs = store.to_arrow(
        in_window.mutate(engagement=engagement)
        .order_by([engagement.desc(), in_window.published_at, in_window.doc_id])
        .select("doc_id", "author_id", "published_at", "text", "url", "engagement")
        .limit(MAX_DOCS)
    ).to_pylist()
    span = max(end - start, timedelta(hours=1))
    before = docs.filter(
        (docs.published_at >= start - span * 7) & (docs.published_at < start)
    ).select("text")
    baseline = [r["text"] for r in store.to_arrow(before.limit(MAX_DOCS * 4)).to_pylist()]
    authors: Counter[str] = Counter(r["author_id"] for r in window_docs if r["author_id"])
    stored_map = find_map(store, ctx.rule.axis)
    active = [a for a, _ in authors.most_common(50)]
    links = store.table("links")
    link_rows = store.to_arrow(
        links.filter(links.doc_id.isin(in_window.doc_id))
        .group_by(["url", "domain"])
        .aggregate(n=ibis._.count())
        .order_by([ibis.desc("n"), "url"])
        .limit(top * 4)
    ).to_pylist()
    # A shortener is the road, not where readers land (ingest/hosts.py): never evidence.
    link_rows = [r for r in link_rows if not is_shortener(r["domain"] or r["url"])][:top]
    return {
        "documents": [
            {
                "doc_id": r["doc_id"],
                "author_id": r["author_id"],
                "published_at": _iso(r["published_at"]),
                "text": (r["text"] or "")[:280],
                "url": r["url"],
            }
            for r in window_docs[:top]
        ],
        "actors": [{"actor_id": a, "documents": n} for a, n in authors.most_common(top)],
        "terms": distinctive_terms([r["text"] for r in window_docs], baseline, top=8),
        "frequent_terms": frequent_terms([r["text"] for r in window_docs], top=8),
        "links": [{"url": r["url"], "domain": r["domain"], "documents": r["n"]} for r in link_rows],
        "map": (
            {"scope": stored_map.scope, "run_id": stored_map.run_id}
            if stored_map
            else NOT_COMPUTED["fr" if ctx.lang == "fr" else "en"]
        ),
        "communities": communities_of(store, stored_map, active, top) if stored_map else [],
        "documents_in_window": len(window_docs),
    }


def _iso(value: Any) -> str | None:
    return value.isoformat() if isinstance(value, datetime) else None


DETECTOR_TEXT = {
    "spike": {
        "en": "a volume spike",
        "fr": "un pic de volume",
    },
    "negative_share": {
        "en": "a surge in the share of negative posts",
        "fr": "une hausse de la part de messages négatifs",
    },
    "virality": {
        "en": "a post spreading far faster than its author's usual",
        "fr": "un message qui se propage bien plus vite que d'habitude pour son auteur",
    },
    "coordination": {
        "en": "a coordinated burst (the same content from many accounts within seconds)",
        "fr": "une rafale coordonnée (le même contenu publié par de nombreux comptes en quelques secondes)",
    },
    "new_actor": {"en": "a new actor rising fast", "fr": "un nouvel acteur en forte progression"},
    "detractor": {
        "en": "a detractor who weighs on the public's journey speaking about the brand",
        "fr": "un détracteur important dans le parcours d'influence qui parle de la marque",
    },
    "spread": {
        "en": "a narrative reaching communities where it was absent",
        "fr": "un récit qui atteint des communautés où il était absent",
    },
}


def explain(finding: Finding, lang: str = "en") -> str:
    """One paragraph stating what happened (event window first) and why it fired, in words."""
    fr = lang == "fr"
    what = DETECTOR_TEXT.get(finding.detector, {}).get("fr" if fr else "en", finding.detector)
    scope = finding.key
    when = wording.window(finding.window_start, finding.window_end, lang)
    series = finding.facts.get("series")
    evidence = finding.evidence
    terms = ", ".join(
        f"« {t['term']} »" if fr else f'"{t["term"]}"' for t in evidence.get("terms", [])[:6]
    )
    frequent = ", ".join(
        f"« {t['term']} » ({t['count']})" if fr else f'"{t["term"]}" ({t["count"]})'
        for t in evidence.get("frequent_terms", [])[:5]
    )
    actors = ", ".join(a["actor_id"] for a in evidence.get("actors", [])[:3])
    links = ", ".join(link["domain"] or link["url"] for link in evidence.get("links", [])[:2])
    communities = ", ".join(
        f"{c['name']} ({c['actors']})" for c in evidence.get("communities", [])[:3]
    )
    content = finding.facts.get("content")
    if finding.detector == "coordination" and content:
        posts = finding.facts.get("posts")
        if fr:
            return (
                f"{when} : {what} sur {scope}. {wording.count(finding.observed, lang)} comptes ont "
                f"publié {posts} fois le même contenu (« {content[:160]} »). Comptes : {actors}."
            )
        return (
            f"{when}: {what} on {scope}. {wording.count(finding.observed, lang)} accounts posted "
            f'the same content {posts} times ("{content[:160]}"). Accounts: {actors}.'
        )
    if series == "negative share":
        amount = (
            f"{wording.percent(finding.observed, lang)} de messages négatifs, contre "
            f"{wording.percent(finding.expected, lang)} d'habitude"
            if fr
            else f"{wording.percent(finding.observed, lang)} negative posts against "
            f"{wording.percent(finding.expected, lang)} usually"
        )
    else:
        noun = (
            ("messages négatifs" if fr else "negative posts")
            if series == "negative"
            else ("messages" if fr else "posts")
        )
        amount = (
            f"{wording.count(finding.observed, lang)} {noun}, "
            f"{wording.times_usual(finding.observed, finding.expected, lang)}"
        )
    chance = wording.odds(finding.probability, lang)
    if fr:
        text = (
            f"{when} : {what} sur {scope} ({amount} ; {chance} selon le modèle de référence ; "
            f"règle « {finding.rule} »)."
        )
        if frequent:
            text += f" Termes les plus fréquents : {frequent}."
        if terms:
            text += f" Termes distinctifs : {terms}."
        if actors:
            text += f" Comptes les plus actifs : {actors}."
        if links:
            text += f" Liens les plus partagés : {links}."
        if communities:
            text += f" Communautés concernées (comptes actifs) : {communities}."
    else:
        text = (
            f"{when}: {what} on {scope} ({amount}; {chance} under the baseline model; "
            f"rule '{finding.rule}')."
        )
        if frequent:
            text += f" Most frequent terms: {frequent}."
        if terms:
            text += f" Distinctive terms: {terms}."
        if actors:
            text += f" Most active accounts: {actors}."
        if links:
            text += f" Most shared links: {links}."
        if communities:
            text += f" Communities involved (active accounts): {communities}."
    started = finding.facts.get("series_start")
    if started:
        text += (
            f" Attention : la série ne commence que le {started[:16].replace('T', ' ')} UTC ; "
            "le niveau habituel repose sur peu d'historique (début de collecte, pas forcément un pic)."
            if fr
            else f" Note: the series only starts on {started[:16].replace('T', ' ')} UTC; the usual "
            "level rests on little history (the start of collection is not necessarily a spike)."
        )
    return text
