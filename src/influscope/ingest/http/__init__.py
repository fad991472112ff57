"""The one outbound HTTP client: crawler, live connectors and webhook notifiers use it.

* :mod:`.client` — :class:`HttpClient`: retries with backoff (Retry-After
  honoured), redirects followed hop by hop (max hops, loops, credentials
  dropped when leaving a site), per-site pace and robots.txt (opt-in, for
  crawling), bodies streamed under a size cap.
* :mod:`.addresses` — which addresses may be reached (public unicast only
  unless ``allow_private``), IP literals in every spelling.
* :mod:`.network` — the connection goes to the address that was checked
  (resolved once; no DNS rebinding).
* :mod:`.pacing`, :mod:`.robots` — politeness; :mod:`influscope.ingest.redact`
  — URLs without their secrets for messages, logs, the store and the API
  (outside this package: the store uses it, and importing this package loads httpx).
"""

from influscope.ingest.http.addresses import (
    AddressGuard,
    Resolver,
    allow_private_option,
    is_public_address,
    parse_ip_literal,
    system_resolver,
)
from influscope.ingest.http.client import USER_AGENT, HttpClient, HttpResponse
from influscope.ingest.http.errors import (
    AddressRefused,
    HttpFailed,
    HttpRefused,
    RobotsDisallowed,
    UrlRefused,
)
from influscope.ingest.http.pacing import HostRateLimiter, origin, reset_seconds, retry_after
from influscope.ingest.redact import redact_text, redact_url

__all__ = [
    "USER_AGENT",
    "AddressGuard",
    "AddressRefused",
    "HostRateLimiter",
    "HttpClient",
    "HttpFailed",
    "HttpRefused",
    "HttpResponse",
    "Resolver",
    "RobotsDisallowed",
    "UrlRefused",
    "allow_private_option",
    "is_public_address",
    "origin",
    "parse_ip_literal",
    "redact_text",
    "redact_url",
    "reset_seconds",
    "retry_after",
    "system_resolver",
]
