"""The one HTTP client of influscope: crawler, live connectors and webhooks all go through it.

One request, from the caller's point of view, is::

    for each attempt (429, 5xx and network errors retried with backoff, Retry-After honoured):
        for each redirect hop (followed here, one by one, up to max_redirects, no loops):
            URL checked (http/https, a valid host, an IP literal judged by its address)
            robots.txt of the hop's site consulted (when the client was made with robots=True)
            paced (per-site delay, Crawl-delay, exhausted rate-limit windows)
            connected to an address checked at connection time (see .network)
            credentials dropped when the hop leaves the site they were meant for
        body streamed, aborted past max_bytes

and its answer is an :class:`HttpResponse` with the whole (capped) body. Every
message names URLs redacted (see .redact), so an error stored or shown carries
no token.
"""

from __future__ import annotations

import json as jsonlib
import random
import re
import ssl
import time
from collections.abc import Callable, Collection, Mapping
from dataclasses import dataclass
from importlib.metadata import PackageNotFoundError, version
from typing import Any
from urllib.parse import urljoin, urlsplit

import httpcore
import httpx

from influscope.errors import N_, AuthError, SourceError
from influscope.ingest.http.addresses import AddressGuard, Resolver, parse_ip_literal
from influscope.ingest.http.errors import HttpFailed, HttpRefused, RobotsDisallowed, UrlRefused
from influscope.ingest.http.network import PinnedTransport
from influscope.ingest.http.pacing import HostRateLimiter, ServerLimits, retry_after
from influscope.ingest.http.robots import RobotsPolicy
from influscope.ingest.redact import redact_url
from influscope.ingest.urls import canonical_url

try:
    _VERSION = version("influscope")
except PackageNotFoundError:  # running from a source tree without install
    _VERSION = "0"

USER_AGENT = f"influscope/{_VERSION} (+https://github.com/influscope/influscope)"
RETRY_STATUSES = frozenset({429, 500, 502, 503, 504})
REDIRECTS = frozenset({301, 302, 303, 307, 308})
CREDENTIAL_HEADERS = frozenset({"authorization", "proxy-authorization", "cookie"})
DEFAULT_MAX_BYTES = 50_000_000
Auth = tuple[str, str] | httpx.Auth | None


@dataclass(frozen=True)
class HttpResponse:
    """A completed exchange: the final status, headers and the whole (capped) body.

    Attributes:
        url: the URL asked for (with its query parameters).
        final_url: the URL that answered, after redirects.
        redirects: how many redirect hops were followed.
    """

    url: str
    final_url: str
    status_code: int
    headers: httpx.Headers
    content: bytes
    redirects: int = 0

    @property
    def content_type(self) -> str:
        """The ``Content-Type`` header ("" when absent)."""
        return str(self.headers.get("content-type", ""))

    @property
    def text(self) -> str:
        """The body decoded with the declared charset (UTF-8 otherwise), errors replaced."""
        found = re.search(r"charset=[\"']?([\w.:-]+)", self.content_type, re.IGNORECASE)
        try:
            return self.content.decode(found.group(1) if found else "utf-8", "replace")
        except LookupError:
            return self.content.decode("utf-8", "replace")

    def json(self) -> Any:
        """The body parsed as JSON."""
        return jsonlib.loads(self.content)


def same_site(a: str, b: str) -> bool:
    """Whether credentials meant for URL ``a`` may follow a redirect to ``b``.

    Same host and port, and no downgrade from https to http; an upgrade from
    http:80 to https:443 on the same host keeps them (as browsers do).
    """
    x, y = urlsplit(a), urlsplit(b)
    if (x.hostname or "").lower() != (y.hostname or "").lower():
        return False
    if x.scheme == y.scheme:
        return x.port == y.port
    return (
        x.scheme == "http"
        and y.scheme == "https"
        and x.port in (None, 80)
        and y.port in (None, 443)
    )


class HttpClient:
    """GET/POST with an address guard, hop-by-hop redirects, retries, pacing and size caps.

    Args:
        user_agent: sent with every request (and matched against robots.txt).
        timeout: seconds for connecting and for each read.
        retries: extra attempts after a 429/5xx answer or a network error.
        backoff: first wait of the exponential backoff (±20 %), in seconds.
        max_wait: the longest wait honoured (Retry-After, a rate-limit reset).
        allow_private: reach private/loopback/link-local addresses too.
        max_bytes: a longer body is aborted (:class:`HttpRefused`, "too large").
        max_redirects: hops followed at most; ``follow_redirects=False`` returns 3xx.
        delay: seconds between two requests to one site (0: no pacing).
        robots: obey robots.txt (its Crawl-delay too), for crawling.
        hide_paths: name URLs by their site only in messages (webhooks, whose
            whole URL is the secret).
        accept: the ``Accept`` header, when not the library's default.
        sleep, clock: injectable for tests.
        resolver: host name to addresses (the system's by default).
        network: the httpcore network backend under the guard (tests).
        verify: TLS verification: True (the system's CAs) or an SSL context
            trusting another CA (an intranet's, a test's).

    Example:
        >>> with HttpClient() as client:  # doctest: +SKIP
        ...     feed = client.get("https://example.org/feed.xml").content
    """

    def __init__(
        self,
        *,
        user_agent: str = USER_AGENT,
        timeout: float = 20.0,
        retries: int = 4,
        backoff: float = 1.0,
        max_wait: float = 120.0,
        allow_private: bool = False,
        max_bytes: int = DEFAULT_MAX_BYTES,
        max_redirects: int = 5,
        follow_redirects: bool = True,
        delay: float = 0.0,
        robots: bool = False,
        hide_paths: bool = False,
        accept: str | None = None,
        sleep: Callable[[float], None] = time.sleep,
        clock: Callable[[], float] = time.monotonic,
        resolver: Resolver | None = None,
        network: httpcore.NetworkBackend | None = None,
        verify: ssl.SSLContext | bool = True,
    ) -> None:
        self.retries = retries
        self.backoff = backoff
        self.max_wait = max_wait
        self.max_bytes = max_bytes
        self.max_redirects = max_redirects
        self.follow_redirects = follow_redirects
        self.hide_paths = hide_paths
        self.sleep = sleep
        self.guard = (
            AddressGuard(allow_private, resolver) if resolver else AddressGuard(allow_private)
        )
        self.pace = HostRateLimiter(delay, clock=clock, sleep=sleep)
        self.server_limits = ServerLimits()
        self.robots = RobotsPolicy(self._fetch_robots, user_agent) if robots else None
        self.requests = 0
        self.retried = 0
        headers = {"User-Agent": user_agent} | ({"Accept": accept} if accept else {})
        self._http = httpx.Client(
            transport=PinnedTransport(self.guard, network=network, verify=verify),
            headers=headers,
            timeout=httpx.Timeout(timeout),
            follow_redirects=False,
            trust_env=False,
        )

    def close(self) -> None:
        """Close the connection pool."""
        self._http.close()

    def __enter__(self) -> HttpClient:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @property
    def rate_limits(self) -> dict[str, dict[str, str]]:
        """Rate-limit headers last seen per host, with bookkeeping keys."""
        return self.server_limits.hosts

    def limits(self) -> dict[str, dict[str, str]]:
        """Rate-limit headers last seen per host (for summaries and health)."""
        return self.server_limits.public()

    def show(self, url: str) -> str:
        """A URL as messages name it (redacted; only its site with ``hide_paths``)."""
        return redact_url(url, keep_path=not self.hide_paths)

    def check_url(self, url: str) -> None:
        """Refuse what needs no network to refuse: other schemes, bad hosts, forbidden literals.

        Host names are judged when connecting (see .network), where they are
        resolved once; an IP literal in any spelling is judged here already.
        """
        try:
            parts = urlsplit(url)
            host, port = parts.hostname, parts.port
        except ValueError as exc:
            raise UrlRefused(N_("invalid URL: {reason}"), reason=str(exc)) from exc
        if parts.scheme not in {"http", "https"} or not host:
            raise UrlRefused(N_("not an http(s) URL: {url}"), url=self.show(url))
        literal = parse_ip_literal(host)
        if literal is not None:
            self.guard.check(host, literal)
        elif ":" in host or port == 0:
            raise UrlRefused(
                N_("invalid URL: {url} (host {host}, port {port})"),
                url=self.show(url),
                host=repr(host),
                port=str(port),
            )

    def get(self, url: str, **kwargs: Any) -> HttpResponse:
        """GET (see :meth:`request`)."""
        return self.request("GET", url, **kwargs)

    def post(self, url: str, **kwargs: Any) -> HttpResponse:
        """POST (see :meth:`request`)."""
        return self.request("POST", url, **kwargs)

    def request(
        self,
        method: str,
        url: str,
        *,
        params: Mapping[str, Any] | None = None,
        headers: Mapping[str, str] | None = None,
        json: Any = None,
        data: Mapping[str, Any] | None = None,
        content: bytes | None = None,
        auth: Auth = None,
        ok: Collection[int] = (),
        raise_status: bool = True,
    ) -> HttpResponse:
        """Send a request, retrying 429/5xx and network errors (see module doc).

        Args:
            method: HTTP method.
            url: absolute URL.
            params: added to the URL's query (of the first hop only: a redirect
                target is taken as it is, so an API key in ``params`` stays home).
            headers: extra headers; Authorization, Proxy-Authorization and Cookie
                are dropped at the first hop to another site.
            json: a body sent as JSON.
            data: a body sent as a form.
            content: a body sent as it is.
            auth: httpx auth (or a user/password pair), dropped like the headers.
            ok: statuses returned rather than raised besides 2xx (e.g. ``(304,)``).
            raise_status: False returns every final status (the crawler records them).

        Raises:
            HttpRefused: not fetched on purpose (address, robots.txt, loop, size).
            HttpFailed: network errors or timeouts beyond the retries.
            AuthError: 401/403 (not retried); SourceError: other failing statuses.
        """
        body = {"json": json, "data": data, "content": content}
        attempt = 0
        while True:
            try:
                response = self._exchange(method, url, params, headers or {}, body, auth, True)
            except httpx.HTTPError as exc:
                if attempt >= self.retries or not isinstance(exc, httpx.TransportError):
                    raise self._failure(method, url, exc) from exc
                self._wait(attempt, None)
                attempt += 1
                continue
            status = response.status_code
            if status < 300 or status in ok or not raise_status:
                return response
            if status in RETRY_STATUSES and attempt < self.retries:
                self._wait(attempt, retry_after(response.headers.get("retry-after")))
                attempt += 1
                continue
            detail = response.text[:200].strip()
            where = {
                "method": method,
                "url": self.show(response.final_url),
                "status": str(status),
                "detail": detail,
            }
            if status in (401, 403):
                raise AuthError(
                    N_("{method} {url}: HTTP {status} {detail}"),
                    N_("Check the source's credentials (token, client id/secret, app password)."),
                    **where,
                )
            raise SourceError(
                N_("{method} {url}: HTTP {status} {detail}")
                if detail
                else N_("{method} {url}: HTTP {status}"),
                **where,
            )

    def _exchange(
        self,
        method: str,
        url: str,
        params: Mapping[str, Any] | None,
        headers: Mapping[str, str],
        body: dict[str, Any],
        auth: Auth,
        robots: bool,
    ) -> HttpResponse:
        """One attempt: follow the redirect chain hop by hop and read the final body."""
        self.check_url(url)
        try:
            first = str(self._http.build_request(method, url, params=params).url)
        except httpx.InvalidURL as exc:
            raise UrlRefused(
                N_("invalid URL: {url} ({reason})"), url=self.show(url), reason=str(exc)
            ) from exc
        current, seen = first, {canonical_url(first)}
        for hop in range(self.max_redirects + 1):
            self._before(current, robots and self.robots is not None)
            try:
                request = self._http.build_request(method, current, headers=headers, **body)
            except httpx.InvalidURL as exc:
                raise UrlRefused(
                    N_("invalid URL: {url} ({reason})"), url=self.show(current), reason=str(exc)
                ) from exc
            self.requests += 1
            response = self._http.send(request, auth=auth, stream=True)
            try:
                self.server_limits.record(response.url.host, response.headers)
                location = response.headers.get("location")
                if not (self.follow_redirects and response.status_code in REDIRECTS and location):
                    content = self._read_capped(response)
                    return HttpResponse(
                        first, current, response.status_code, response.headers, content, hop
                    )
            finally:
                response.close()
            try:
                target = urljoin(current, location)
            except ValueError as exc:
                raise UrlRefused(
                    N_("invalid redirect from {url}: {reason}"),
                    url=self.show(current),
                    reason=str(exc),
                ) from exc
            self.check_url(target)
            if canonical_url(target) in seen:
                raise HttpRefused(N_("redirect loop: back to {url}"), url=self.show(target))
            seen.add(canonical_url(target))
            if response.status_code == 303 or (
                response.status_code in (301, 302) and method == "POST"
            ):
                method, body = "GET", {}
            if not same_site(current, target):
                if any(v is not None for v in body.values()):
                    raise HttpRefused(
                        N_(
                            "{method} {url} redirected to another site ({target}); "
                            "its body is not sent there"
                        ),
                        method=method,
                        url=self.show(current),
                        target=self.show(target),
                    )
                headers = {k: v for k, v in headers.items() if k.lower() not in CREDENTIAL_HEADERS}
                auth = None
            current = target
        raise HttpRefused(
            N_("too many redirects: more than {count} from {url}"),
            count=self.max_redirects,
            url=self.show(first),
        )

    def _before(self, url: str, robots: bool) -> None:
        """Each hop: robots.txt of its site (when asked), then its turn in the pace."""
        delay = None
        if robots and self.robots is not None:
            if not self.robots.allowed(url):
                raise RobotsDisallowed(N_("disallowed by robots.txt: {url}"), url=self.show(url))
            delay = self.robots.crawl_delay(url)
        if self.pace.delay or delay:
            self.pace.wait(url, delay)
        host = urlsplit(url).hostname or ""
        wait = self.server_limits.wait_for(host)
        if wait:
            self.sleep(min(self.max_wait, wait))

    def _fetch_robots(self, url: str) -> tuple[int, bytes]:
        """GET a robots.txt through the same guard, pace and caps, without robots rules."""
        try:
            response = self._exchange("GET", url, None, {}, {}, None, False)
        except httpx.HTTPError as exc:
            raise self._failure("GET", url, exc) from exc
        return response.status_code, response.content

    def _read_capped(self, response: httpx.Response) -> bytes:
        declared = response.headers.get("content-length", "")
        if declared.isdigit() and int(declared) > self.max_bytes:
            raise HttpRefused(
                N_("too large: {size} bytes declared (cap {cap})"),
                size=declared,
                cap=str(self.max_bytes),
            )
        chunks: list[bytes] = []
        size = 0
        for chunk in response.iter_bytes():
            size += len(chunk)
            if size > self.max_bytes:
                raise HttpRefused(
                    N_("too large: over {cap} bytes, download aborted"), cap=str(self.max_bytes)
                )
            chunks.append(chunk)
        return b"".join(chunks)

    def _failure(self, method: str, url: str, exc: httpx.HTTPError) -> HttpFailed:
        if isinstance(exc, httpx.TimeoutException):
            return HttpFailed(
                N_("{method} {url}: timeout."), "timeout", method=method, url=self.show(url)
            )
        reason = f"{type(exc).__name__}: {exc}"
        return HttpFailed(
            N_("{method} {url}: {reason}."),
            reason,
            method=method,
            url=self.show(url),
            reason=reason,
        )

    def _wait(self, attempt: int, suggested: float | None) -> None:
        self.retried += 1
        if suggested is not None:
            delay = min(self.max_wait, suggested)
        else:
            delay = min(self.max_wait, self.backoff * (2**attempt)) * random.uniform(0.8, 1.2)
        self.sleep(max(0.0, delay))
