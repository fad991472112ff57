"""One registry for everything swappable: presets, connectors, enrichers, detectors, notifiers.

Built-ins and third-party plugins register the same way, through Python entry
points in groups named ``influscope.<kind>`` (see ``pyproject.toml``), so a
company can add its own connector without forking. Lookups are lazy: a plugin
is imported only when it is used, which keeps start-up fast and lets a plugin
with a missing optional dependency fail only when someone asks for it.
"""

from __future__ import annotations

from functools import cache
from importlib.metadata import entry_points
from typing import Any

from influscope.errors import UsageError

KINDS = ("preset", "connector", "enricher", "detector", "notifier", "exporter", "section")


@cache
def _entries(kind: str) -> dict[str, Any]:
    if kind not in KINDS:
        raise ValueError(f"unknown plugin kind {kind!r}")
    return {ep.name: ep for ep in entry_points(group=f"influscope.{kind}")}


def names(kind: str) -> list[str]:
    """The registered plugin names of a kind, sorted."""
    return sorted(_entries(kind))


def load(kind: str, name: str) -> Any:
    """Load the plugin ``name`` of ``kind`` (a class or a callable).

    Raises:
        UsageError: when no such plugin is registered; the hint lists the known names.
    """
    entries = _entries(kind)
    if name not in entries:
        known = ", ".join(sorted(entries)) or "none"
        raise UsageError(f"Unknown {kind} {name!r}.", f"Known {kind}s: {known}.")
    return entries[name].load()
