"""Plugin groups: one typed declaration per group, found through Python entry points.

Presets, connectors, enrichers, detectors, notifiers, exporters, digest and
notice writers and report sections are
registered the same way inside and outside the package: an entry point in the
group ``influscope.<kind>`` (see ``pyproject.toml``), so a company adds its own
connector without forking. Each group is declared once, as a :class:`Group`
beside the Protocol its plugins follow, in the stage whose types that
protocol speaks (this module imports nothing from the stages, so every stage
may declare and load its own):

==========  ===========================================  =============================
group       declared in                                  a plugin is
==========  ===========================================  =============================
preset      :mod:`influscope.ingest.plugins`             a PresetFactory
connector   :mod:`influscope.ingest.plugins`             a ConnectorFactory
enricher    :mod:`influscope.enrich.base`                an EnricherFactory
detector    :mod:`influscope.analyze.alerts.base`        a DetectorFactory
notifier    :mod:`influscope.watch.plugins`              a NotifierFactory
exporter    :mod:`influscope.workspace.reports`          an Exporter (a report format)
digest      :mod:`influscope.workspace.schedules`        a DigestWriter
notice      :mod:`influscope.workspace.schedules`        a NoticeWriter
section     :mod:`influscope.workspace.report_sections`  a SectionBuilder
==========  ===========================================  =============================

``GROUP.load(name)`` returns the plugin typed as its group says, so callers are
type-checked; it checks on load that the object has the protocol's methods,
and ``tests/test_plugin_contract.py`` loads every registered plugin of every
group and runs it on a small real input. Lookups are lazy: a plugin is
imported only when it is used, which keeps start-up fast and lets a plugin
with a missing optional dependency fail only when someone asks for it.
"""

from __future__ import annotations

import inspect
from importlib.metadata import EntryPoint, entry_points
from typing import Any, Generic, TypeGuard, TypeVar

from influscope.errors import N_, PluginError, UsageError

F = TypeVar("F")
PREFIX = "influscope."

_DECLARED: dict[str, Group[Any]] = {}


class Group(Generic[F]):
    """One plugin group: its entry-point group, the type its plugins have, how to check one.

    Args:
        kind: the group's name; its entry points are in ``influscope.<kind>``.
        protocol: the Protocol of what the plugin builds (or is, for a function
            plugin): the methods a class plugin must define.
        factory: the type ``load`` returns (a class's constructor signature, or
            the function's); the public methods it declares (``from_config``)
            are required of a class plugin too.

    Example:
        >>> from typing import Protocol
        >>> class Greeter(Protocol):
        ...     def greet(self) -> str: ...
        >>> GREETERS = Group("greeter-example", Greeter, type[Greeter])
        >>> GREETERS.entry_point_group, GREETERS.names()
        ('influscope.greeter-example', [])
        >>> _ = _DECLARED.pop("greeter-example")
    """

    def __init__(self, kind: str, protocol: type, factory: object) -> None:
        if kind in _DECLARED:
            raise TypeError(f"plugin group {kind!r} is declared twice")
        self.kind = kind
        self.protocol = protocol
        self.factory = factory
        self.methods = tuple(
            name
            for owner in (protocol, factory)
            if isinstance(owner, type)
            for name, member in vars(owner).items()
            if not name.startswith("_")
            and (inspect.isfunction(member) or isinstance(member, classmethod | staticmethod))
        )
        _DECLARED[kind] = self

    @property
    def entry_point_group(self) -> str:
        """The entry-point group plugins register in."""
        return PREFIX + self.kind

    def _entries(self) -> dict[str, EntryPoint]:
        return {ep.name: ep for ep in entry_points(group=self.entry_point_group)}

    def names(self) -> list[str]:
        """The registered plugin names, sorted."""
        return sorted(self._entries())

    def load(self, name: str) -> F:
        """Load the plugin ``name``.

        Raises:
            UsageError: no such plugin is registered; the hint lists the known names.
            PluginError: the registered object does not have the group's shape.
        """
        entries = self._entries()
        if name not in entries:
            known = ", ".join(sorted(entries))
            hint = N_("Known {kind}s: {known}.") if known else N_("Known {kind}s: none.")
            raise UsageError(
                N_("Unknown {kind} {name}."), hint, kind=self.kind, name=repr(name), known=known
            )
        loaded = entries[name].load()
        if not self._accepts(loaded):
            raise PluginError(
                N_("The {kind} plugin {name} ({target}) is not a {protocol}."),
                N_("A {kind} plugin is callable and defines {methods}."),
                kind=self.kind,
                name=repr(name),
                target=entries[name].value,
                protocol=self.protocol.__name__,
                methods=", ".join(self.methods),
            )
        return loaded

    def _accepts(self, loaded: object) -> TypeGuard[F]:
        """Callable, and, when a class, defining every method of the protocol."""
        if not callable(loaded):
            return False
        if not isinstance(loaded, type):
            return True
        return all(callable(getattr(loaded, m, None)) for m in self.methods)


def declared() -> dict[str, Group[Any]]:
    """The groups declared so far (their modules imported), by kind."""
    return dict(_DECLARED)
