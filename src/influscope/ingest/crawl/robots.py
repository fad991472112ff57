"""robots.txt and per-host politeness: may we fetch this URL, and when.

robots.txt is read once per origin with the crawler's own safe fetcher and
parsed by :mod:`urllib.robotparser`. Following RFC 9309, a missing or 4xx
robots.txt allows everything, a 5xx or unreachable one disallows everything
(the site may be down: come back later). A ``Crawl-delay`` larger than the
configured delay is honoured.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from urllib.parse import urlsplit
from urllib.robotparser import RobotFileParser

import httpx

from influscope.ingest.crawl.fetch import Fetcher, FetchRefused


def origin(url: str) -> str:
    """``scheme://host[:port]`` of a URL (the unit robots.txt and rate limits apply to)."""
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc.lower()}"


class RobotsPolicy:
    """Cached robots.txt rules per origin."""

    def __init__(self, fetcher: Fetcher, user_agent: str) -> None:
        self.fetcher = fetcher
        self.user_agent = user_agent
        self._rules: dict[str, RobotFileParser] = {}

    def rules(self, url: str) -> RobotFileParser:
        """The parsed robots.txt of the URL's origin (fetched on first use)."""
        key = origin(url)
        if key not in self._rules:
            parser = RobotFileParser(key + "/robots.txt")
            try:
                result = self.fetcher.get(key + "/robots.txt")
            except (FetchRefused, httpx.HTTPError):
                parser.disallow_all = True
            else:
                if result.status >= 500:
                    parser.disallow_all = True
                elif result.status >= 400:
                    parser.allow_all = True
                else:
                    parser.parse(result.body.decode("utf-8", "replace").splitlines())
            self._rules[key] = parser
        return self._rules[key]

    def allowed(self, url: str) -> bool:
        """Whether robots.txt lets our user agent fetch ``url``."""
        return self.rules(url).can_fetch(self.user_agent, url)

    def crawl_delay(self, url: str) -> float | None:
        """The Crawl-delay asked for our user agent, if any."""
        delay = self.rules(url).crawl_delay(self.user_agent)
        return float(delay) if delay is not None else None


class HostRateLimiter:
    """At most one request per ``delay`` seconds to each origin."""

    def __init__(
        self,
        delay: float,
        clock: Callable[[], float] = time.monotonic,
        sleep: Callable[[float], None] = time.sleep,
    ) -> None:
        self.delay = delay
        self.clock = clock
        self.sleep = sleep
        self._next: dict[str, float] = {}

    def wait(self, url: str, delay: float | None = None) -> float:
        """Block until the URL's origin may be hit again; returns the seconds waited."""
        key = origin(url)
        gap = max(self.delay, delay or 0.0)
        now = self.clock()
        ready = self._next.get(key, now)
        waited = max(ready - now, 0.0)
        if waited > 0:
            self.sleep(waited)
        self._next[key] = max(now, ready) + gap
        return waited
