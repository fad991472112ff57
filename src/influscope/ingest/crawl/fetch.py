"""Fetching one URL safely: address checks, manual redirects, timeouts, a size cap.

Redirects are followed by hand so that every hop is checked like the first:
its host is resolved and **every** address it resolves to must be public
(private, loopback, link-local, multicast, reserved and unspecified addresses
are refused unless ``allow_private``), the chain may not revisit a URL (loop)
nor exceed ``max_redirects``. Bodies are streamed and the download is aborted
as soon as it passes ``max_bytes``, so a huge or endless response costs at most
that much memory.
"""

from __future__ import annotations

import socket
from collections.abc import Callable
from dataclasses import dataclass
from urllib.parse import urljoin, urlsplit

import httpx

from influscope.ingest.http import is_public_address
from influscope.ingest.urls import canonical_url

Resolver = Callable[[str, int], list[str]]
REDIRECTS = {301, 302, 303, 307, 308}


class FetchRefused(Exception):
    """A URL was not fetched on purpose (private address, redirect loop, too large…)."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


@dataclass
class FetchResult:
    """What a fetch got: the final URL after redirects, status, type and body."""

    url: str
    final_url: str
    status: int
    content_type: str
    body: bytes
    redirects: int = 0


def system_resolver(host: str, port: int) -> list[str]:
    """Every address the system resolver gives for ``host``."""
    try:
        infos = socket.getaddrinfo(host, port, proto=socket.IPPROTO_TCP)
    except socket.gaierror as exc:
        raise FetchRefused(f"cannot resolve {host}: {exc}") from exc
    return sorted({str(info[4][0]) for info in infos})


class Fetcher:
    """GETs URLs with the crawler's safety rules (see module doc).

    Example:
        >>> with Fetcher(user_agent="bot") as fetcher:  # doctest: +SKIP
        ...     page = fetcher.get("https://example.org/")
    """

    def __init__(
        self,
        *,
        user_agent: str,
        timeout: float = 15.0,
        max_bytes: int = 5_000_000,
        max_redirects: int = 5,
        allow_private: bool = False,
        resolver: Resolver | None = None,
        transport: httpx.BaseTransport | None = None,
    ) -> None:
        self.max_bytes = max_bytes
        self.max_redirects = max_redirects
        self.allow_private = allow_private
        self.resolver = resolver or system_resolver
        self.client = httpx.Client(
            headers={
                "User-Agent": user_agent,
                "Accept": "text/html,application/xhtml+xml,*/*;q=0.5",
            },
            timeout=httpx.Timeout(timeout),
            follow_redirects=False,
            transport=transport,
            trust_env=False,
        )

    def close(self) -> None:
        """Close the connection pool."""
        self.client.close()

    def __enter__(self) -> Fetcher:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def check_url(self, url: str) -> None:
        """Refuse non-HTTP URLs and hosts resolving to a non-public address."""
        parts = urlsplit(url)
        if parts.scheme not in {"http", "https"} or not parts.hostname:
            raise FetchRefused(f"not an http(s) URL: {url}")
        if self.allow_private:
            return
        port = parts.port or (443 if parts.scheme == "https" else 80)
        addresses = self.resolver(parts.hostname, port)
        if not addresses:
            raise FetchRefused(f"cannot resolve {parts.hostname}")
        for address in addresses:
            if not is_public_address(address):
                raise FetchRefused(
                    f"private address refused: {parts.hostname} is {address} (use --allow-private)"
                )

    def get(self, url: str, before: Callable[[str], None] | None = None) -> FetchResult:
        """Fetch ``url`` following redirects safely; raises FetchRefused or httpx errors.

        ``before(url)`` runs before every request, redirects included (the
        crawler's robots.txt check and per-host wait), and may raise FetchRefused.
        """
        seen = {canonical_url(url)}
        current = url
        for hop in range(self.max_redirects + 1):
            self.check_url(current)
            if before is not None:
                before(current)
            with self.client.stream("GET", current) as response:
                if response.status_code in REDIRECTS and "location" in response.headers:
                    target = urljoin(current, response.headers["location"])
                    key = canonical_url(target)
                    if key in seen:
                        raise FetchRefused(f"redirect loop at {target}")
                    seen.add(key)
                    current = target
                    continue
                body = self._read_capped(response)
                return FetchResult(
                    url=url,
                    final_url=current,
                    status=response.status_code,
                    content_type=response.headers.get("content-type", ""),
                    body=body,
                    redirects=hop,
                )
        raise FetchRefused(f"more than {self.max_redirects} redirects")

    def _read_capped(self, response: httpx.Response) -> bytes:
        declared = response.headers.get("content-length")
        if declared and declared.isdigit() and int(declared) > self.max_bytes:
            raise FetchRefused(f"too large: {declared} bytes declared (cap {self.max_bytes})")
        chunks: list[bytes] = []
        size = 0
        for chunk in response.iter_bytes():
            size += len(chunk)
            if size > self.max_bytes:
                raise FetchRefused(f"too large: over {self.max_bytes} bytes, download aborted")
            chunks.append(chunk)
        return b"".join(chunks)
