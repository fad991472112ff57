"""What the HTTP client raises besides the HTTP statuses it was told to return.

Two families, because callers treat them differently: a *refusal* is a
decision (this URL is not fetched, and fetching it again will not change
that: a private address, a redirect loop, a body over the cap, robots.txt
says no), a *failure* is the network's doing (timeout, connection reset) and
may pass. Both are :class:`~influscope.errors.SourceError`, so a connector or a
notifier that does not care about the difference reports them like any source
problem; the crawler records ``reason`` as the URL's outcome.
"""

from __future__ import annotations

from influscope.errors import SourceError


class HttpRefused(SourceError):
    """A URL was not fetched on purpose; ``reason`` says why (it names no secret)."""

    def __init__(self, reason: str, hint: str = "") -> None:
        super().__init__(reason, hint)
        self.reason = reason


class UrlRefused(HttpRefused):
    """The URL itself may not be fetched: another scheme, malformed, or a forbidden address."""


class AddressRefused(UrlRefused):
    """The host is, or resolves to, an address the client may not reach."""


class RobotsDisallowed(HttpRefused):
    """robots.txt of the URL's site does not let our user agent fetch it."""


class HttpFailed(SourceError):
    """The request did not complete (timeout, network error) after the allowed retries.

    ``message`` names the request (URL redacted); ``reason`` is the short cause
    alone (``"timeout"``, ``"connection failed: …"``) for per-URL outcomes.
    """

    def __init__(self, message: str, reason: str, hint: str = "") -> None:
        super().__init__(message, hint)
        self.reason = reason
