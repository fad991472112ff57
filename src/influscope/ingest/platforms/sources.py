"""Turning a ``[[sources]]`` entry of influscope.toml into a ready connector.

Kept apart from the workspace so it stays thin: looks the connector up in the
``influscope.connector`` plugin group, gives it the shared HTTP client (with
the source's ``allow_private``, ``timeout``, ``retries``, ``backoff`` and
``max_bytes`` options), and parses the ``every`` schedule.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from datetime import timedelta
from typing import Any

from influscope.errors import N_, ConfigError, Phrase
from influscope.ingest.http import HttpClient, allow_private_option, redact_url
from influscope.ingest.http.client import DEFAULT_MAX_BYTES
from influscope.ingest.plugins import CONNECTORS, Connector

_UNITS = {"s": 1, "m": 60, "h": 3600, "d": 86400}
SECRET_WORDS = ("token", "secret", "password", "key")


def parse_every(text: str) -> timedelta:
    """``"90s"``, ``"10m"``, ``"1h30m"``, ``"1d"`` as a duration.

    >>> parse_every("1h30m")
    datetime.timedelta(seconds=5400)
    """
    parts = re.findall(r"(\d+(?:\.\d+)?)\s*([smhd])", text.strip().lower())
    if not parts or re.sub(r"[\d.\s smhd]", "", text.lower()):
        raise ConfigError(
            N_("every = {value} is not a duration."),
            N_('Write it like "30s", "10m", "2h" or "1d".'),
            value=repr(text),
        )
    return timedelta(seconds=sum(float(n) * _UNITS[u] for n, u in parts))


def build_connector(
    name: str,
    connector: str,
    options: Mapping[str, Any],
    *,
    env: Mapping[str, str] | None = None,
    http: HttpClient | None = None,
) -> Connector:
    """An instance of the registered connector for a source, with its HTTP client."""
    cls = CONNECTORS.load(connector)
    client = http or HttpClient(
        allow_private=allow_private_option(options, Phrase(N_("Source {name}"), name=repr(name))),
        timeout=float(options.get("timeout", 20)),
        retries=int(options.get("retries", 4)),
        backoff=float(options.get("backoff", 1.0)),
        max_bytes=int(options.get("max_bytes", DEFAULT_MAX_BYTES)),
    )
    instance: Connector = cls(options, client, source=name, env=env)
    return instance


def public_options(options: Mapping[str, Any]) -> dict[str, Any]:
    """Options with secrets masked, for listings (URLs lose their userinfo and secret parameters)."""
    return {k: _public(k, v) for k, v in options.items()}


def _public(key: str, value: Any) -> Any:
    if any(w in key.lower() for w in SECRET_WORDS) and value:
        return "***"
    if isinstance(value, str) and "://" in value:
        return redact_url(value)
    return value
