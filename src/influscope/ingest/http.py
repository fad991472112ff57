"""The one HTTP client of the live connectors: polite, patient and careful about where it goes.

* **Polite**: a user agent naming influscope; rate-limit headers of every
  response (``x-ratelimit-*``, ``x-rate-limit-*``, ``ratelimit-*``) are
  recorded per host so ``influscope sources check`` can show them.
* **Patient**: 429 and 5xx answers and network errors are retried with
  exponential backoff, honouring ``Retry-After`` (seconds or an HTTP date), up
  to a bounded number of attempts and a bounded wait.
* **Careful**: a source URL from a config file is untrusted input; hosts that
  resolve to private, loopback, link-local, multicast or reserved addresses
  are refused unless the source allows them explicitly (``allow_private``,
  which the tests set for their loopback servers), and redirects are followed
  by hand so every hop is checked the same way.
"""

from __future__ import annotations

import ipaddress
import random
import socket
import time
from collections.abc import Callable
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime
from typing import Any
from urllib.parse import urljoin, urlsplit

import httpx

from influscope.errors import AuthError, SourceError


def _version() -> str:
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("influscope")
    except PackageNotFoundError:  # running from a source tree without install
        return "0"


USER_AGENT = f"influscope/{_version()} (+https://github.com/influscope/influscope)"
RETRY_STATUSES = frozenset({429, 500, 502, 503, 504})
RATE_HEADERS = ("x-ratelimit-", "x-rate-limit-", "ratelimit-")
MAX_REDIRECTS = 5


def is_public_address(address: str) -> bool:
    """True for a globally routable unicast address (IPv4-mapped IPv6 looked through).

    The one address policy of every outgoing request (connectors and crawler):
    private, loopback, link-local, multicast, reserved and unspecified are refused.
    """
    ip = ipaddress.ip_address(address.split("%", 1)[0])
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped is not None:
        ip = ip.ipv4_mapped
    return not (
        ip.is_private
        or ip.is_loopback
        or ip.is_link_local
        or ip.is_multicast
        or ip.is_reserved
        or ip.is_unspecified
        or not ip.is_global
    )


def is_public_host(host: str) -> bool:
    """Whether every address ``host`` resolves to is public (see :func:`is_public_address`)."""
    try:
        infos = socket.getaddrinfo(host, None)
    except socket.gaierror as exc:
        raise SourceError(f"cannot resolve {host!r}: {exc.strerror}.") from exc
    return all(is_public_address(str(info[4][0])) for info in infos)


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


class HttpClient:
    """GET/POST with retries, backoff, rate-limit bookkeeping and an address guard."""

    def __init__(
        self,
        *,
        timeout: float = 20.0,
        retries: int = 4,
        backoff: float = 1.0,
        max_wait: float = 120.0,
        allow_private: bool = False,
        user_agent: str = USER_AGENT,
        sleep: Callable[[float], None] = time.sleep,
        transport: httpx.BaseTransport | None = None,
    ) -> None:
        self.retries = retries
        self.backoff = backoff
        self.max_wait = max_wait
        self.allow_private = allow_private
        self.sleep = sleep
        self.rate_limits: dict[str, dict[str, str]] = {}
        self.requests = 0
        self.retried = 0
        self._client = httpx.Client(
            timeout=timeout,
            headers={"User-Agent": user_agent},
            follow_redirects=False,
            transport=transport,
        )

    def close(self) -> None:
        """Close the connection pool."""
        self._client.close()

    def __enter__(self) -> HttpClient:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def check_url(self, url: str) -> None:
        """Refuse non-HTTP schemes and (unless allowed) non-public hosts."""
        parts = urlsplit(url)
        if parts.scheme not in {"http", "https"} or not parts.hostname:
            raise SourceError(f"{url!r} is not an http(s) URL.")
        if not self.allow_private and not is_public_host(parts.hostname):
            raise SourceError(
                f"{parts.hostname} resolves to a private, loopback or link-local address; refused.",
                "Set allow_private = true in the source's options if this host is meant.",
            )

    def get(self, url: str, **kwargs: Any) -> httpx.Response:
        """GET with retries (see :meth:`request`)."""
        return self.request("GET", url, **kwargs)

    def post(self, url: str, **kwargs: Any) -> httpx.Response:
        """POST with retries (see :meth:`request`)."""
        return self.request("POST", url, **kwargs)

    def request(
        self, method: str, url: str, *, ok: tuple[int, ...] = (), **kwargs: Any
    ) -> httpx.Response:
        """Send a request; retry 429/5xx/network errors; raise SourceError/AuthError on failure.

        Args:
            method: HTTP method.
            url: absolute URL.
            ok: extra statuses returned rather than raised (e.g. ``(304,)``).
            **kwargs: passed to httpx (params, headers, data, json, auth).
        """
        attempt = 0
        while True:
            try:
                response = self._send(method, url, **kwargs)
            except httpx.TransportError as exc:
                if attempt >= self.retries:
                    raise SourceError(
                        f"{method} {_safe(url)}: {type(exc).__name__}: {exc}."
                    ) from exc
                self._wait(attempt, None)
                attempt += 1
                continue
            self._record_limits(response)
            status = response.status_code
            if status < 300 or status in ok:
                return response
            if status in RETRY_STATUSES and attempt < self.retries:
                self._wait(attempt, retry_after(response.headers.get("retry-after")))
                attempt += 1
                continue
            detail = response.text[:200].strip()
            if status in (401, 403):
                raise AuthError(
                    f"{method} {_safe(url)}: HTTP {status} {detail}",
                    "Check the source's credentials (token, client id/secret, app password).",
                )
            raise SourceError(f"{method} {_safe(url)}: HTTP {status} {detail}")

    def _throttle(self, url: str) -> None:
        """Wait for the window to reset when the host said no request is left in it."""
        limits = self.rate_limits.get(urlsplit(url).hostname or "")
        if not limits:
            return
        remaining = next((v for k, v in limits.items() if k.endswith("-remaining")), None)
        reset = next((v for k, v in limits.items() if k.endswith("-reset")), None)
        try:
            exhausted = remaining is not None and float(remaining) <= 0
        except ValueError:
            exhausted = False
        if not exhausted or reset is None:
            return
        wait = reset_seconds(reset, float(limits.get("_seen", time.time())))
        if wait:
            self.sleep(min(self.max_wait, wait))
        limits.pop("_seen", None)
        for key in [k for k in limits if k.endswith("-remaining")]:
            limits[key] = "unknown"

    def _send(self, method: str, url: str, **kwargs: Any) -> httpx.Response:
        for _ in range(MAX_REDIRECTS + 1):
            self.check_url(url)
            self._throttle(url)
            self.requests += 1
            response = self._client.request(method, url, **kwargs)
            if response.status_code in (301, 302, 303, 307, 308) and "location" in response.headers:
                url = urljoin(url, response.headers["location"])
                if response.status_code == 303:
                    method = "GET"
                    kwargs = {k: v for k, v in kwargs.items() if k in ("headers", "params")}
                continue
            return response
        raise SourceError(f"{method} {_safe(url)}: more than {MAX_REDIRECTS} redirects.")

    def _wait(self, attempt: int, suggested: float | None) -> None:
        self.retried += 1
        delay = suggested if suggested is not None else self.backoff * (2**attempt)
        delay = min(self.max_wait, delay) * (
            1.0 if suggested is not None else random.uniform(0.8, 1.2)
        )
        self.sleep(max(0.0, delay))

    def _record_limits(self, response: httpx.Response) -> None:
        found = {
            k.lower(): v for k, v in response.headers.items() if k.lower().startswith(RATE_HEADERS)
        }
        if found:
            host = response.request.url.host
            found["seen_at"] = datetime.now(UTC).isoformat(timespec="seconds")
            found["_seen"] = str(time.time())
            self.rate_limits[host] = found

    def limits(self) -> dict[str, dict[str, str]]:
        """Rate-limit headers last seen per host (for summaries and health)."""
        return {
            host: {k: v for k, v in values.items() if not k.startswith("_")}
            for host, values in self.rate_limits.items()
        }


def _safe(url: str) -> str:
    """A URL without its query string (which may carry an API key)."""
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}{parts.path}"
