"""``influscope demo`` and the workspace methods behind it."""

from __future__ import annotations

import json

from influscope.workspace import Workspace
from influscope.workspace.demo import DEMO_STEPS


def test_demo_no_serve_builds_runs_and_exits(cli) -> None:
    code, out, err = cli("demo", "--scale", "1500", "--seed", "3", "--no-serve")
    assert code == 0, err
    assert "SIMULATED" in err
    said = " ".join(err.split())
    assert "@maelle_cobot central on the journey (900 followers)" in said
    assert "bad buzz from 2026-10-20" in said and "documents: 1,500" in said
    for step in DEMO_STEPS:
        assert step in err
    code, out, _ = cli("status", "--format", "json")
    report = json.loads(out)
    assert code == 0 and report["simulated"] is True
    assert report["tables"]["documents"] == 1500
    truth = json.loads((cli.root / "demo-input" / "ground_truth.json").read_text())
    assert truth["scale"] == 1500 and truth["seed"] == 3


def test_demo_rebuilds_a_simulated_workspace(cli) -> None:
    assert cli("demo", "--scale", "1200", "--no-serve")[0] == 0
    code, _, err = cli("--lang", "fr", "demo", "--scale", "1000", "--no-serve")
    assert code == 0, err
    with Workspace.open(cli.root, read_only=True) as ws:
        assert ws.store.count("documents") == 1000
    # the closing summary in the language asked for, numbers the French way
    said = " ".join(err.split())
    assert "documents : 1 000" in said.replace("\u202f", " ").replace("\xa0", " ")
    assert "@maelle_cobot au centre du parcours (900 abonnés)" in said
    assert "fausse rumeur à partir du" in said and "planted" not in said


def test_demo_refuses_a_real_workspace(cli) -> None:
    assert cli("init", str(cli.root), workspace=None)[0] == 0
    code, _, err = cli("demo", "--scale", "1000", "--no-serve")
    assert code == 1
    assert "not a simulated demo" in err
    with Workspace.open(cli.root, read_only=True) as ws:
        assert ws.config.workspace.simulated is False
        assert ws.store.count("documents") == 0


def test_demo_serving_creates_a_demo_admin(cli, monkeypatch) -> None:
    import re

    from influscope.serve.cli import demo

    served = []
    monkeypatch.setattr(demo, "_serve", served.append)  # no server in tests
    code, _, err = cli("demo", "--scale", "1000")
    assert code == 0, err
    assert served == [cli.root]
    found = re.search(r"Demo credentials .*user demo, password (\S+) ", err)
    assert found, err
    with Workspace.open(cli.root) as ws:
        assert [(u.name, u.role) for u in ws.accounts.users()] == [("demo", "admin")]
        _, user = ws.accounts.login("demo", found.group(1))
        assert user.role == "admin"
        assert demo.demo_account(ws) is None  # not created twice
        assert len(ws.accounts.users()) == 1


def test_demo_without_serving_creates_no_account(cli) -> None:
    assert cli("demo", "--scale", "1000", "--no-serve")[0] == 0
    with Workspace.open(cli.root, read_only=True) as ws:
        assert ws.accounts.users() == []


def test_demo_pipeline_records_each_step(tmp_path) -> None:
    with Workspace.build_demo(tmp_path / "ws", scale=1000, seed=5) as ws:
        steps = ws.demo.pipeline()
        assert [s.step for s in steps] == list(DEMO_STEPS)
        for step in steps:
            assert step.status == "ok", step
        runs = ws.store.to_arrow(ws.store.table("runs").select("command", "counts")).to_pylist()
        logged = [r for r in runs if r["command"] == "demo pipeline"]
        assert len(logged) == 1
        assert [s["step"] for s in json.loads(logged[0]["counts"])["steps"]] == list(DEMO_STEPS)
        build = [r for r in runs if r["command"] == "demo build"]
        assert json.loads(build[0]["counts"])["posts"] == 1000


def test_demo_alerts_catch_the_planted_episodes(tmp_path) -> None:
    with Workspace.build_demo(tmp_path / "ws", scale=20_000, seed=2) as ws:  # the default scale
        truth = json.loads((ws.root / "demo-input" / "ground_truth.json").read_text())
        step = next(s for s in ws.demo.pipeline() if s.step == "evaluate_alerts")
        assert step.status == "ok", step
        alerts = ws.alerts.list(limit=200)
        found = [(a["rule"], str(a["window_start"])) for a in alerts]
    # No alert reports what was published after it fired: replayed on 21 October, the
    # coordination rule reported the burst of 5 November.
    early = [a for a in alerts if str(a["window_end"])[:19] > str(a["fired_at"])[:19]]
    assert early == [], early
    buzz_day = truth["bad_buzz"]["start"][:10]
    burst_day = truth["coordinated_burst"]["start"][:10]
    assert any(rule == "spike-ardent" and start.startswith(buzz_day) for rule, start in found), (
        found
    )
    assert any(rule == "coordination" and start.startswith(burst_day) for rule, start in found), (
        found
    )
