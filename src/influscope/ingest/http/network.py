"""The connection layer: a TCP connection goes only to an address that was checked.

Checking a host's addresses and then letting the HTTP library connect by name
leaves a gap: the library resolves the name again, and a DNS server that
answers 93.184.216.34 to the check and 127.0.0.1 to the connection (DNS
rebinding) walks through. So the check is done *by* the connection: httpcore
asks its network backend for ``connect_tcp(host, port)``; :class:`GuardedNetwork`
resolves ``host`` once with the client's :class:`~.addresses.AddressGuard`,
refuses it if any address is not allowed, and opens the socket to those very
addresses. The request still carries the original ``Host`` header and TLS
still uses the original name for SNI and certificate checks, because httpcore
takes both from the request URL, not from the socket.

Proxies from the environment are ignored (``trust_env=False``): a proxy would
resolve the name itself, out of the guard's sight.
"""

from __future__ import annotations

import ssl
from collections.abc import Iterable
from typing import Any

import httpcore
import httpx

from influscope.errors import N_
from influscope.ingest.http.addresses import AddressGuard
from influscope.ingest.http.errors import AddressRefused


class GuardedNetwork(httpcore.NetworkBackend):
    """A network backend that resolves once, checks, and connects to the checked address."""

    def __init__(self, guard: AddressGuard, inner: httpcore.NetworkBackend | None = None) -> None:
        self.guard = guard
        self.inner = inner or httpcore.SyncBackend()

    def connect_tcp(
        self,
        host: str,
        port: int,
        timeout: float | None = None,
        local_address: str | None = None,
        socket_options: Iterable[Any] | None = None,
    ) -> httpcore.NetworkStream:
        """Connect to the first reachable of ``host``'s checked addresses."""
        failure: httpcore.ConnectError | httpcore.ConnectTimeout | None = None
        for address in self.guard.resolve(host, port):
            try:
                return self.inner.connect_tcp(
                    address,
                    port,
                    timeout=timeout,
                    local_address=local_address,
                    socket_options=socket_options,
                )
            except (httpcore.ConnectError, httpcore.ConnectTimeout) as exc:
                failure = exc
        if failure is None:  # resolve() returns at least one address or raises
            raise httpcore.ConnectError(f"no address to connect to for {host}")
        raise failure

    def connect_unix_socket(
        self,
        path: str,
        timeout: float | None = None,
        socket_options: Iterable[Any] | None = None,
    ) -> httpcore.NetworkStream:
        """Never: a local socket is the very thing the guard keeps requests away from."""
        raise AddressRefused(N_("unix socket refused: {path}"), path=str(path))

    def sleep(self, seconds: float) -> None:
        """Delegate (httpcore sleeps between its own connection retries)."""
        self.inner.sleep(seconds)


class PinnedTransport(httpx.HTTPTransport):
    """httpx's transport over a :class:`GuardedNetwork` connection pool.

    httpx 0.28/0.29 do not let a caller choose the network backend, so the pool
    built by ``HTTPTransport`` is replaced by an equivalent one that uses ours;
    request and exception mapping stay httpx's own. The DNS-rebinding test
    (``tests/ingest/test_http_guard.py``) fails if this ever stops taking effect.
    """

    def __init__(
        self,
        guard: AddressGuard,
        *,
        network: httpcore.NetworkBackend | None = None,
        verify: ssl.SSLContext | bool = True,
        limits: httpx.Limits | None = None,
    ) -> None:
        limits = limits or httpx.Limits(max_connections=20, max_keepalive_connections=10)
        super().__init__(verify=verify, trust_env=False, limits=limits)
        self._pool = httpcore.ConnectionPool(
            ssl_context=httpx.create_ssl_context(verify=verify, trust_env=False),
            max_connections=limits.max_connections,
            max_keepalive_connections=limits.max_keepalive_connections,
            keepalive_expiry=limits.keepalive_expiry,
            network_backend=GuardedNetwork(guard, network),
        )
