"""Evaluating the configured alert rules at one moment.

For each ``[[alerts]]`` rule the detector registered under its name runs in a
:class:`RuleContext`; each finding gets the rule's severity, its evidence over
the rule's scope and an explanation in the workspace language. Recording,
deduplication and cooldown are the store's job (``store/alerts.py``).

Rules are independent: a rule that fails is reported (in the returned
failures, which the watch loop logs, and here with its traceback when it is
a bug rather than an :class:`~influscope.errors.InfluscopeError`) and the
other rules still run. A detector is a plugin — a third party's code — and
one broken rule must not silence the alerts of the others on a live watch.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import datetime, timedelta
from typing import Any

from influscope.analyze.alerts.base import DETECTORS, Finding, RuleContext
from influscope.analyze.alerts.condition import condition_documents
from influscope.analyze.alerts.evidence import collect, explain
from influscope.errors import InfluscopeError

log = logging.getLogger(__name__)


def evaluate_rules(
    store: Any,
    config: Any,
    now: datetime,
    recent: dict[str, timedelta],
    rules: list[Any] | None = None,
    known: Callable[[list[str]], set[str]] | None = None,
) -> tuple[list[Finding], list[dict[str, str]]]:
    """Run every rule; returns the findings and the rules that failed (rule, error, hint).

    ``known`` tells which alert ids are already recorded, so evidence is only
    gathered for new findings.
    """
    lang = config.workspace.language
    findings: list[Finding] = []
    failures: list[dict[str, str]] = []
    for rule in rules if rules is not None else config.alerts:
        ctx = RuleContext(store, config, rule, now, recent.get(rule.name, timedelta(days=3)), lang)
        try:
            detector = DETECTORS.load(rule.detector)()
            found = detector.evaluate(ctx)
            if known is not None:
                seen = known([f.alert_id for f in found])
                found = [f for f in found if f.alert_id not in seen]
            for finding in found:
                finding.severity = rule.severity
                finding.evidence = collect(ctx, condition_documents(ctx, finding), finding)
                finding.explanation = explain(finding, lang)
        except InfluscopeError as exc:  # a rule that cannot run here (no map yet, bad option)
            failures.append({"rule": rule.name, "error": exc.message, "hint": exc.hint})
            continue
        # One broken rule must not stop the others (see module doc); the bug is
        # logged with its traceback and returned, never turned into "no alert".
        except Exception as exc:
            log.exception("alert rule %r failed", rule.name)
            failures.append(
                {"rule": rule.name, "error": f"{type(exc).__name__}: {exc}", "hint": ""}
            )
            continue
        findings.extend(found)
    return findings, failures
