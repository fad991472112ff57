"""The alert engine isolates rules: a failing rule is reported, the others still fire."""

from __future__ import annotations

import logging
from datetime import datetime, timedelta
from pathlib import Path

import pytest

from influscope.analyze.alerts import engine
from influscope.analyze.alerts.base import DETECTORS, Finding, RuleContext
from influscope.errors import NotComputed
from influscope.workspace import Workspace

NOW = datetime(2026, 3, 2, 12, 0)
RULES = """
[[alerts]]
name = "buggy"
detector = "buggy"
[[alerts]]
name = "needs-map"
detector = "spread"
[[alerts]]
name = "fine"
detector = "fine"
"""


class Buggy:
    name = "buggy"

    def evaluate(self, ctx: RuleContext) -> list[Finding]:
        raise KeyError("a typo in a detector")


class Fine:
    name = "fine"

    def evaluate(self, ctx: RuleContext) -> list[Finding]:
        start = ctx.now - timedelta(hours=1)
        return [Finding(ctx.rule.name, self.name, "all", start, ctx.now, 9.0, 1.0, 1e-9, 9.0)]


def test_a_failing_rule_is_reported_and_the_others_fire(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    real = DETECTORS.load
    fakes = {"buggy": Buggy, "fine": Fine}
    monkeypatch.setattr(DETECTORS, "load", lambda name: fakes.get(name) or real(name))
    with Workspace.init(tmp_path / "ws", config_text=RULES) as ws:
        with caplog.at_level(logging.ERROR, logger=engine.__name__):
            findings, failures = engine.evaluate_rules(ws.store, ws.config, NOW, {})
    assert [f.rule for f in findings] == ["fine"]
    assert findings[0].evidence["map"]["status"] == "not computed"
    by_rule = {f["rule"]: f for f in failures}
    assert by_rule["buggy"]["error"] == "KeyError: 'a typo in a detector'"
    # A bug is logged with its traceback; a rule that cannot run yet says what to run.
    assert "KeyError" in caplog.text and "Traceback" in caplog.text
    assert "none is computed yet" in by_rule["needs-map"]["error"]
    assert "influscope map" in by_rule["needs-map"]["hint"]
    assert "needs-map" not in caplog.text


def test_the_spread_rule_without_a_map_raises_not_computed(tmp_path: Path) -> None:
    with Workspace.init(tmp_path / "ws", config_text=RULES) as ws:
        rule = next(r for r in ws.config.alerts if r.detector == "spread")
        ctx = RuleContext(ws.store, ws.config, rule, NOW, timedelta(days=1))
        with pytest.raises(NotComputed, match="needs a map"):
            DETECTORS.load("spread")().evaluate(ctx)
