"""How fast the client may go: a fixed pace per site, and what servers say about their limits.

Two kinds of politeness, both per host:

* our own pace (:class:`HostRateLimiter`): at most one request per ``delay``
  seconds to each origin, or the site's robots.txt ``Crawl-delay`` when larger;
* the server's word (:class:`ServerLimits`): rate-limit headers
  (``x-ratelimit-*``, ``x-rate-limit-*``, ``ratelimit-*``) are recorded per host,
  shown by ``influscope sources check``, and when a window is exhausted the
  next request waits for its reset; ``Retry-After`` on a 429/503 is read by
  :func:`retry_after`.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime
from urllib.parse import urlsplit

import httpx

RATE_HEADERS = ("x-ratelimit-", "x-rate-limit-", "ratelimit-")


def origin(url: str) -> str:
    """``scheme://host[:port]`` of a URL (the unit robots.txt and our pace apply to)."""
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc.lower().rpartition('@')[2]}"


def retry_after(value: str | None, now: float | None = None) -> float | None:
    """Seconds to wait from a ``Retry-After`` header (delta seconds or an HTTP date)."""
    if not value:
        return None
    text = value.strip()
    if text.isdigit():
        return float(text)
    try:
        moment = parsedate_to_datetime(text)
    except (TypeError, ValueError):
        return None
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    current = now if now is not None else time.time()
    return max(0.0, moment.timestamp() - current)


def reset_seconds(value: str, seen: float) -> float:
    """Seconds until a rate-limit window resets, from a ``*-reset`` header seen at ``seen``.

    APIs disagree: Reddit sends seconds left, X and Bluesky an epoch, Mastodon
    an ISO 8601 time.

    >>> import time
    >>> round(reset_seconds("30", seen=time.time()))
    30
    """
    now = time.time()
    text = value.strip()
    try:
        number = float(text)
    except ValueError:
        try:
            moment = datetime.fromisoformat(text.replace("Z", "+00:00"))
        except ValueError:
            return 0.0
        if moment.tzinfo is None:
            moment = moment.replace(tzinfo=UTC)
        return max(0.0, moment.timestamp() - now)
    if number > 1e9:
        return max(0.0, number - now)
    return max(0.0, number - (now - seen))


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


class ServerLimits:
    """Rate-limit headers last seen per host, and the wait they impose."""

    def __init__(self) -> None:
        self.hosts: dict[str, dict[str, str]] = {}

    def record(self, host: str, headers: httpx.Headers) -> None:
        """Keep the rate-limit headers of a response (if it has any)."""
        found = {k.lower(): v for k, v in headers.items() if k.lower().startswith(RATE_HEADERS)}
        if found:
            found["seen_at"] = datetime.now(UTC).isoformat(timespec="seconds")
            found["_seen"] = str(time.time())
            self.hosts[host] = found

    def wait_for(self, host: str) -> float:
        """Seconds to wait before the next request to ``host`` (0 unless its window is spent).

        A spent window is waited out once: its counters read "unknown" until the
        next response tells the new ones.
        """
        limits = self.hosts.get(host)
        if not limits:
            return 0.0
        remaining = next((v for k, v in limits.items() if k.endswith("-remaining")), None)
        reset = next((v for k, v in limits.items() if k.endswith("-reset")), None)
        try:
            exhausted = remaining is not None and float(remaining) <= 0
        except ValueError:
            exhausted = False
        if not exhausted or reset is None:
            return 0.0
        wait = reset_seconds(reset, float(limits.get("_seen", time.time())))
        limits.pop("_seen", None)
        for key in [k for k in limits if k.endswith("-remaining")]:
            limits[key] = "unknown"
        return wait

    def public(self) -> dict[str, dict[str, str]]:
        """The headers per host without bookkeeping keys (for summaries and health)."""
        return {
            host: {k: v for k, v in values.items() if not k.startswith("_")}
            for host, values in self.hosts.items()
        }
