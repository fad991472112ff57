"""Evaluating the configured alert rules at one moment.

For each ``[[alerts]]`` rule the detector registered under its name runs in a
:class:`RuleContext`; each finding gets the rule's severity, its evidence over
the rule's scope and an explanation in the workspace language. Recording,
deduplication and cooldown are the store's job (``store/alerts.py``).
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime, timedelta
from typing import Any

from influscope import plugins
from influscope.analyze.alerts.base import Finding, RuleContext
from influscope.analyze.alerts.condition import condition_documents
from influscope.analyze.alerts.evidence import collect, explain


def evaluate_rules(
    store: Any,
    config: Any,
    now: datetime,
    recent: dict[str, timedelta],
    rules: list[Any] | None = None,
    known: Callable[[list[str]], set[str]] | None = None,
) -> tuple[list[Finding], list[dict[str, str]]]:
    """Run every rule; returns the findings and the rules that failed (name, error).

    ``known`` tells which alert ids are already recorded, so evidence is only
    gathered for new findings.
    """
    lang = config.workspace.language
    findings: list[Finding] = []
    failures: list[dict[str, str]] = []
    for rule in rules if rules is not None else config.alerts:
        ctx = RuleContext(store, config, rule, now, recent.get(rule.name, timedelta(days=3)), lang)
        try:
            detector = plugins.load("detector", rule.detector)()
            found = detector.evaluate(ctx)
            if known is not None:
                seen = known([f.alert_id for f in found])
                found = [f for f in found if f.alert_id not in seen]
            for finding in found:
                finding.severity = rule.severity
                finding.evidence = collect(ctx, condition_documents(ctx, finding), finding)
                finding.explanation = explain(finding, lang)
        except Exception as exc:  # one broken rule must not stop the others
            failures.append({"rule": rule.name, "error": f"{type(exc).__name__}: {exc}"})
            continue
        findings.extend(found)
    return findings, failures
