"""robots.txt: may this user agent fetch this URL, and how slowly.

Read once per origin through the client itself (so the robots.txt request is
guarded, paced and capped like any other) and parsed by
:mod:`urllib.robotparser`. Following RFC 9309, a missing or 4xx robots.txt
allows everything; a 5xx one, or one that cannot be read (a redirect loop, too
large), disallows everything. Two outcomes are not robots questions and go
back to the caller as they are, for every URL of the site: a URL the client
refuses by itself (a private address, a malformed host), and a site that
cannot be reached at all (``robots.txt unreachable: timeout``) — reporting
those as "disallowed" would hide why nothing was fetched.
"""

from __future__ import annotations

from collections.abc import Callable
from urllib.robotparser import RobotFileParser

from influscope.ingest.http.errors import HttpFailed, HttpRefused, UrlRefused
from influscope.ingest.http.pacing import origin

DISALLOW_ALL = ["User-agent: *", "Disallow: /"]
Fetch = Callable[[str], tuple[int, bytes]]
"""``url -> (status, body)`` of a GET through the client, robots.txt rules not applied."""


class RobotsPolicy:
    """Cached robots.txt rules per origin for one user agent."""

    def __init__(self, fetch: Fetch, user_agent: str) -> None:
        self.fetch = fetch
        self.user_agent = user_agent
        self._rules: dict[str, RobotFileParser] = {}
        self._unreachable: dict[str, HttpFailed] = {}

    def rules(self, url: str) -> RobotFileParser:
        """The parsed robots.txt of the URL's origin (fetched on first use).

        Raises:
            UrlRefused: the site's URLs may not be fetched at all.
            HttpFailed: the site could not be reached (remembered for its next URLs).
        """
        key = origin(url)
        if key in self._unreachable:
            raise self._unreachable[key]
        if key not in self._rules:
            parser = RobotFileParser(key + "/robots.txt")
            try:
                status, body = self.fetch(key + "/robots.txt")
            except UrlRefused:
                raise
            except HttpFailed as exc:
                failure = HttpFailed(
                    exc.template, f"robots.txt unreachable: {exc.reason}", "", **exc.values
                )
                self._unreachable[key] = failure
                raise failure from exc
            except HttpRefused:
                status, body = 503, b""
            if status >= 500:
                parser.parse(DISALLOW_ALL)
            elif status >= 400:
                parser.parse([])
            else:
                parser.parse(body.decode("utf-8", "replace").splitlines())
            self._rules[key] = parser
        return self._rules[key]

    def allowed(self, url: str) -> bool:
        """Whether robots.txt lets our user agent fetch ``url``."""
        return self.rules(url).can_fetch(self.user_agent, url)

    def crawl_delay(self, url: str) -> float | None:
        """The Crawl-delay asked for our user agent, if any."""
        delay = self.rules(url).crawl_delay(self.user_agent)
        return float(delay) if delay is not None else None
