"""What every detector shares: the context it runs in and the finding it returns.

A detector (registered under the ``influscope.detector`` entry-point group) is
a class with a ``name`` and ``evaluate(ctx) -> list[Finding]``. It reads the
store through Ibis, scores with numpy/scipy, and returns findings with their
numbers; evidence and the plain-language explanation are added afterwards by
:mod:`influscope.analyze.alerts.evidence`, the same way for every detector.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any, Protocol, runtime_checkable

from influscope.config import AlertRule, Config
from influscope.errors import N_, ConfigError
from influscope.plugins import Group

_DURATION = re.compile(r"^\s*(\d+(?:\.\d+)?)\s*(s|m|h|d|w)\s*$")
_UNITS = {"s": 1, "m": 60, "h": 3600, "d": 86400, "w": 604800}


def parse_duration(text: str) -> timedelta:
    """Parse "30s", "5m", "1h", "2d", "1w".

    >>> parse_duration("90m")
    datetime.timedelta(seconds=5400)
    """
    match = _DURATION.match(text)
    if not match:
        raise ConfigError(
            N_("Invalid duration {duration}."),
            N_('Write a number and a unit: "30s", "5m", "1h", "2d".'),
            duration=repr(text),
        )
    return timedelta(seconds=float(match.group(1)) * _UNITS[match.group(2)])


@dataclass
class RuleContext:
    """One rule being evaluated: the store, the workspace config, the rule and the clock.

    Attributes:
        now: the evaluation time (naive UTC); in a replay it is the data's time.
        recent: how far back a firing still counts as new (since the last evaluation).
        lang: the workspace language for explanations ("en" or "fr").
    """

    store: Any  # the Store, or the watch loop's read view of it
    config: Config
    rule: AlertRule
    now: datetime
    recent: timedelta
    lang: str = "en"

    @property
    def scope_key(self) -> str:
        """A readable key of the rule's scope: ``brand:X``, ``axis:Y``, ``query:...`` or ``all``."""
        rule = self.rule
        parts = []
        for name in ("axis", "brand", "query"):
            value = getattr(rule, name, None)
            if value:
                parts.append(f"{name}:{value}")
        community = rule.options.get("community") if rule.options else None
        if community:
            parts.append(f"community:{community}")
        return " ".join(parts) or "all"


@dataclass
class Finding:
    """One thing a detector found: the numbers, then evidence and explanation."""

    rule: str
    detector: str
    key: str
    window_start: datetime
    window_end: datetime
    observed: float
    expected: float
    probability: float
    score: float
    facts: dict[str, Any] = field(default_factory=dict)
    evidence: dict[str, Any] = field(default_factory=dict)
    explanation: str = ""
    severity: str = "warning"
    dedupe_start: datetime | None = None

    @property
    def alert_id(self) -> str:
        """Stable id from rule, key and window: the same occurrence is never recorded twice."""
        anchor = (self.dedupe_start or self.window_start).isoformat()
        digest = hashlib.sha256(f"{self.rule}|{self.key}|{anchor}".encode()).hexdigest()
        return "a" + digest[:15]


@runtime_checkable
class Detector(Protocol):
    """The protocol of an alert detector."""

    @property
    def name(self) -> str:
        """The detector's name (an ``[[alerts]]`` rule's ``detector``)."""
        ...

    def evaluate(self, ctx: RuleContext) -> list[Finding]:
        """Findings for the rule in ``ctx`` at ``ctx.now``."""
        ...


class DetectorFactory(Protocol):
    """A registered detector: a class built without arguments (options come with the rule)."""

    def __call__(self) -> Detector:
        """A detector ready to evaluate rules."""
        ...


DETECTORS: Group[DetectorFactory] = Group("detector", Detector, DetectorFactory)
