"""The crawler: pages on the public's journeys and what they link to.

Breadth-first from seed URLs (given, or every result of the stored SERPs), to
a link depth and a page budget. Each URL is visited once per frontier: social
account URLs are not fetched (the journey resolves them to accounts). Every
request goes through the one :class:`~influscope.ingest.http.HttpClient`, made
by :func:`crawl_client` with the crawl's settings: robots.txt honoured at every
redirect hop, each site hit at most once per ``delay`` seconds (or its
Crawl-delay), private addresses refused, bodies capped.

A URL that cannot be fetched, for whatever reason (a refused or malformed
address, a timeout, a loop), is recorded as failed with its reason and never
stops the crawl: a poisoned URL must not stay queued and break every later run.

The frontier lives in the store (the workspace wires a :class:`CrawlSink`):
each visited URL's outcome, its page document and its newly found links commit
together, so a killed crawl re-run continues with what is still queued.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, Protocol
from urllib.parse import urlsplit

import orjson

from influscope import ids
from influscope.config import CrawlSettings
from influscope.ingest.batch import Mapped
from influscope.ingest.crawl.extract import decode, extract, is_html
from influscope.ingest.http import HttpClient, HttpFailed, HttpRefused, RobotsDisallowed
from influscope.ingest.profiles import social_actor
from influscope.ingest.urls import canonical_url, web_entity
from influscope.ingest.values import to_utc

BATCH = 50
HTML_ACCEPT = "text/html,application/xhtml+xml,*/*;q=0.5"


class CrawlSink(Protocol):
    """Where the frontier and the pages live (the store, wired by the workspace)."""

    def queue(self, rows: list[dict[str, Any]]) -> int:
        """Add URLs to the frontier (known ones keep their state); returns how many were new."""
        ...

    def requeue(self, urls: list[str]) -> None:
        """Queue again URLs the user named explicitly."""
        ...

    def next_urls(self, limit: int) -> list[dict[str, Any]]:
        """Queued URLs, shallowest first."""
        ...

    def record(
        self, url: str, outcome: dict[str, Any], page: Mapped | None, found: list[dict[str, Any]]
    ) -> None:
        """Store one visit's outcome, page and new frontier rows together."""
        ...


@dataclass
class CrawlSummary:
    """What a crawl did."""

    fetched: int = 0
    skipped: int = 0
    failed: int = 0
    queued: int = 0
    links: int = 0
    reasons: dict[str, int] = field(default_factory=dict)

    def count(self, state: str, reason: str | None) -> None:
        """Tally one visit."""
        setattr(self, state, getattr(self, state) + 1)
        if reason:
            key = reason.split(":", 1)[0]
            self.reasons[key] = self.reasons.get(key, 0) + 1


def crawl_client(settings: CrawlSettings, *, allow_private: bool = False) -> HttpClient:
    """The HTTP client of a crawl: robots.txt, the per-site delay, caps and no retries.

    A crawl does not retry: a page that times out is recorded as such and the
    crawl moves on (``influscope crawl URL`` queues it again).
    """
    return HttpClient(
        user_agent=settings.user_agent,
        accept=HTML_ACCEPT,
        timeout=settings.timeout,
        retries=0,
        max_bytes=settings.max_bytes,
        max_redirects=settings.max_redirects,
        delay=settings.delay,
        robots=True,
        allow_private=allow_private,
    )


class Crawler:
    """Visits queued URLs politely and safely (see module doc)."""

    def __init__(
        self,
        sink: CrawlSink,
        client: HttpClient,
        *,
        progress: Callable[[int, int | None], None] | None = None,
    ) -> None:
        self.sink = sink
        self.client = client
        self.progress = progress or (lambda done, total: None)

    def run(self, seeds: list[str], depth: int, max_pages: int) -> CrawlSummary:
        """Queue the seeds (depth 0) and visit until the frontier is empty or the budget spent."""
        summary = CrawlSummary()
        canonical = list(dict.fromkeys(canonical_url(s) for s in seeds if s.strip()))
        rows = [{"url": u, "host": _host(u), "depth": 0} for u in canonical]
        summary.queued += self.sink.queue(rows)
        self.sink.requeue(canonical)
        while summary.fetched < max_pages:
            batch = self.sink.next_urls(BATCH)
            if not batch:
                break
            for item in batch:
                if summary.fetched >= max_pages:
                    break
                outcome, page, found = self.visit(item["url"], int(item["depth"]), depth)
                self.sink.record(item["url"], outcome, page, found)
                summary.count(outcome["state"], outcome.get("reason"))
                summary.queued += len(found)
                summary.links += len(page.links) if page else 0
                self.progress(summary.fetched, max_pages)
        return summary

    def visit(
        self, url: str, depth: int, max_depth: int
    ) -> tuple[dict[str, Any], Mapped | None, list[dict[str, Any]]]:
        """Fetch one URL; returns its outcome, its page (if any) and the URLs to queue."""
        if social_actor(url):
            return (
                {"state": "skipped", "reason": "social account (resolved, not fetched)"},
                None,
                [],
            )
        try:
            result = self.client.get(url, raise_status=False)
        except RobotsDisallowed:
            return {"state": "skipped", "reason": "disallowed by robots.txt"}, None, []
        except (HttpRefused, HttpFailed) as exc:
            return {"state": "failed", "reason": exc.reason}, None, []
        status = result.status_code
        outcome: dict[str, Any] = {
            "http_status": status,
            "final_url": canonical_url(result.final_url),
            "content_type": result.content_type[:200],
            "bytes": len(result.content),
        }
        if status >= 400:
            return outcome | {"state": "failed", "reason": f"HTTP {status}"}, None, []
        if not is_html(result.content_type, result.content):
            return outcome | {"state": "skipped", "reason": "not HTML"}, None, []
        page = page_document(result.final_url, result.content, result.content_type, status)
        found = []
        if depth < max_depth:
            found = [
                {
                    "url": link["url"],
                    "host": _host(link["url"]),
                    "depth": depth + 1,
                    "discovered_from": url,
                }
                for link in page.links
            ]
        return outcome | {"state": "fetched", "reason": None}, page, found


def page_document(final_url: str, body: bytes, content_type: str, status: int) -> Mapped:
    """A fetched page as a canonical web document with its site as author and its outlinks."""
    url = canonical_url(final_url)
    entity = web_entity(url)
    content = extract(decode(body, content_type), url)
    try:
        published = to_utc(content.published) if content.published else None
    except (ValueError, OverflowError):
        published = None
    doc_id = ids.doc_id(ids.WEB, url)
    author = ids.web_actor_id(entity)
    raw = orjson.dumps({"url": url, "status": status, "content_type": content_type}).decode()
    return Mapped(
        documents=[
            {
                "doc_id": doc_id,
                "platform": ids.WEB,
                "native_id": url,
                "author_id": author,
                "published_at": published,
                "text": content.text,
                "title": content.title,
                "url": url,
                "lang": content.lang,
                "raw": raw,
            }
        ],
        actors=[{"actor_id": author, "platform": ids.WEB, "handle": entity}] if author else [],
        links=[
            {"doc_id": doc_id, "url": link, "domain": web_entity(link)} for link in content.outlinks
        ],
    )


def _host(url: str) -> str:
    """The host of a URL for the frontier ("" for a URL too malformed to have one)."""
    try:
        return (urlsplit(url).hostname or "").lower()
    except ValueError:
        return ""
