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
    """A URL was not fetched on purpose; ``reason`` says why (it names no secret).

    ``reason`` is the message, a template whose ``values`` are given apart as
    for any :class:`~influscope.errors.InfluscopeError`; the attribute holds it
    filled (English), the URL's recorded outcome.
    """

    def __init__(self, reason: str, hint: str = "", /, **values: object) -> None:
        super().__init__(reason, hint, **values)
        self.reason = self.message


class UrlRefused(HttpRefused):
    """The URL itself may not be fetched: another scheme, malformed, or a forbidden address."""


class AddressRefused(UrlRefused):
    """The host is, or resolves to, an address the client may not reach."""


class RobotsDisallowed(HttpRefused):
    """robots.txt of the URL's site does not let our user agent fetch it."""


class HttpFailed(SourceError):
    """The request did not complete (timeout, network error) after the allowed retries.

    ``message`` names the request (URL redacted), a template whose ``values``
    are given apart; ``reason`` is the short cause alone (``"timeout"``,
    ``"connection failed: …"``) for per-URL outcomes, as it is.
    """

    def __init__(self, message: str, reason: str, hint: str = "", /, **values: object) -> None:
        super().__init__(message, hint, **values)
        self.reason = reason
