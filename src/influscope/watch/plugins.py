"""The notifier plugin group: how an alert reaches a person (see :mod:`influscope.plugins`).

A ``[[channels]]`` entry of ``influscope.toml`` names a notifier by its
``kind``; the notifier is built with the channel's ``options`` and sends one
message per delivery. Built-ins (webhook, e-mail, stdout) live in
:mod:`influscope.watch.notifiers`.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Protocol, runtime_checkable

from influscope.plugins import Group

if TYPE_CHECKING:
    from influscope.watch.notifiers import Notice


@runtime_checkable
class Notifier(Protocol):
    """Sends alert messages on one channel."""

    def send(self, alert: dict[str, Any], level: int, recipient: str) -> None:
        """Send one notification of ``alert`` (a stored alert row) at escalation ``level``.

        Raises:
            InfluscopeError: the channel refused or could not be reached; the
                delivery stays pending and is retried.
        """
        ...

    def post(self, notice: Notice) -> None:
        """Send a message that is no alert (a scheduled report, a digest) on this channel.

        Raises:
            InfluscopeError: the channel refused or could not be reached (retried later).
        """
        ...


class NotifierFactory(Protocol):
    """A notifier class, built with its channel's ``options``."""

    def __call__(self, options: dict[str, Any]) -> Notifier:
        """The notifier of one channel (raises ConfigError on missing options)."""
        ...


NOTIFIERS: Group[NotifierFactory] = Group("notifier", Notifier, NotifierFactory)
