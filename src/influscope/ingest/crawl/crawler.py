"""The crawler: pages on the public's journeys and what they link to.

Breadth-first from seed URLs (given, or every result of the stored SERPs), to
a link depth and a page budget. Each URL is visited once per frontier: social
account URLs are not fetched (the journey resolves them to accounts), robots.txt
is honoured, each origin is hit at most once per ``delay`` seconds (or its
Crawl-delay), and every request goes through the safe :class:`Fetcher`.

The frontier lives in the store (the workspace wires a :class:`CrawlSink`):
each visited URL's outcome, its page document and its newly found links commit
together, so a killed crawl re-run continues with what is still queued.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, Protocol
from urllib.parse import urlsplit

import httpx
import orjson

from influscope.ingest.batch import Mapped
from influscope.ingest.crawl.extract import decode, extract, is_html
from influscope.ingest.crawl.fetch import Fetcher, FetchRefused
from influscope.ingest.crawl.robots import HostRateLimiter, RobotsPolicy, origin
from influscope.ingest.profiles import social_actor
from influscope.ingest.urls import canonical_url, web_entity
from influscope.ingest.values import to_utc

BATCH = 50


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


class Crawler:
    """Visits queued URLs politely and safely (see module doc)."""

    def __init__(
        self,
        sink: CrawlSink,
        fetcher: Fetcher,
        *,
        user_agent: str,
        delay: float = 1.0,
        limiter: HostRateLimiter | None = None,
        progress: Callable[[int, int | None], None] | None = None,
    ) -> None:
        self.sink = sink
        self.fetcher = fetcher
        self.robots = RobotsPolicy(fetcher, user_agent)
        self.limiter = limiter or HostRateLimiter(delay)
        self.progress = progress or (lambda done, total: None)
        self._robots_seen: set[str] = set()

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
            self.fetcher.check_url(url)
            if not self._robots_allow(url):
                return {"state": "skipped", "reason": "disallowed by robots.txt"}, None, []
            result = self.fetcher.get(url, before=self._before_request)
        except FetchRefused as exc:
            state = "skipped" if exc.reason.startswith("disallowed") else "failed"
            return {"state": state, "reason": exc.reason}, None, []
        except httpx.TimeoutException:
            return {"state": "failed", "reason": "timeout"}, None, []
        except httpx.HTTPError as exc:
            return {"state": "failed", "reason": f"http error: {exc}"}, None, []
        outcome: dict[str, Any] = {
            "http_status": result.status,
            "final_url": canonical_url(result.final_url),
            "content_type": result.content_type[:200],
            "bytes": len(result.body),
        }
        if result.status >= 400:
            return outcome | {"state": "failed", "reason": f"HTTP {result.status}"}, None, []
        if not is_html(result.content_type, result.body):
            return outcome | {"state": "skipped", "reason": "not HTML"}, None, []
        page = page_document(result.final_url, result.body, result.content_type, result.status)
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

    def _robots_allow(self, url: str) -> bool:
        """robots.txt verdict for a URL (its robots.txt fetched politely on first use)."""
        if origin(url) not in self._robots_seen:
            self._robots_seen.add(origin(url))
            self.limiter.wait(url)
        return self.robots.allowed(url)

    def _before_request(self, url: str) -> None:
        """Each request, redirect hops included: robots.txt of its origin, then its host's turn."""
        if not self._robots_allow(url):
            raise FetchRefused(f"disallowed by robots.txt: {url}")
        self.limiter.wait(url, self.robots.crawl_delay(url))


def page_document(final_url: str, body: bytes, content_type: str, status: int) -> Mapped:
    """A fetched page as a canonical web document with its site as author and its outlinks."""
    url = canonical_url(final_url)
    entity = web_entity(url)
    content = extract(decode(body, content_type), url)
    try:
        published = to_utc(content.published) if content.published else None
    except (ValueError, OverflowError):
        published = None
    doc_id = f"web:{url}"
    raw = orjson.dumps({"url": url, "status": status, "content_type": content_type}).decode()
    return Mapped(
        documents=[
            {
                "doc_id": doc_id,
                "platform": "web",
                "native_id": url,
                "author_id": f"web:{entity}",
                "published_at": published,
                "text": content.text,
                "title": content.title,
                "url": url,
                "lang": content.lang,
                "raw": raw,
            }
        ],
        actors=[{"actor_id": f"web:{entity}", "platform": "web", "handle": entity}],
        links=[
            {"doc_id": doc_id, "url": link, "domain": web_entity(link)} for link in content.outlinks
        ],
    )


def _host(url: str) -> str:
    return (urlsplit(url).hostname or "").lower()
