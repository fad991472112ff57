"""The ``influscope alerts`` verbs and ``watch --once`` through the CLI."""

from __future__ import annotations

import json
import re

from influscope.serve.formats import moment
from tests.watch.helpers import write_burst


def test_backtest_csv_without_workspace(tmp_path, cli):
    lines = ["timestamp,value"]
    for i in range(24 * 15):
        hour = i % 24
        value = 20 + (10 if 8 <= hour <= 20 else 0) + (300 if i == 300 else 0)
        lines.append(f"2026-01-{1 + i // 24:02d} {hour:02d}:00:00,{value}")
    path = tmp_path / "series.csv"
    path.write_text("\n".join(lines) + "\n")
    code, out, err = cli(
        "alerts", "backtest", str(path), "--format", "csv", workspace=tmp_path / "none"
    )
    assert code == 0, err
    header, *rows = out.strip().splitlines()
    assert header.startswith("timestamp,score,rule")
    assert any(row.startswith("2026-01-13 12:00:00") for row in rows), rows


def test_watch_once_then_list_show_ack_close(tmp_path, cli):
    root = cli.root
    code, _, err = cli("init", str(root), workspace=None)
    assert code == 0, err
    code, _, err = cli("--lang", "en", "alerts", "list")  # an empty list says why
    assert code == 0 and "No alert rule in influscope.toml" in err
    code, out, err = cli("--lang", "fr", "incidents", "list")
    assert code == 0 and "Aucun incident : les incidents regroupent" in err
    config = root / "influscope.toml"
    config.write_text(
        config.read_text()
        + """
[[sources]]
name = "drop"
connector = "file"
options = { path = "drop.jsonl" }

[[alerts]]
name = "copypaste"
detector = "coordination"
options = { min_accounts = 4 }

[[channels]]
name = "log"
kind = "stdout"
"""
    )
    write_burst(root)  # the burst, then a later post: the episode is closed
    code, out, err = cli("watch", "--once", "--format", "json")
    assert code == 0, err
    report = json.loads(out[out.index("{\n") :])
    assert len(report["alerts"]) == 1
    alert_id = report["alerts"][0]
    code, out, _ = cli("alerts", "list", "--format", "json")
    assert json.loads(out)[0]["alert_id"] == alert_id
    listed = json.loads(out)[0]
    code, table, _ = cli("--lang", "fr", "alerts", "list")  # for a person: words, no 1e-9
    assert code == 0 and alert_id in table and "Habituel" in table and "nouvelle" in table
    assert "probability" not in table and not re.search(r"\de-\d", table)
    assert moment(listed["window_start"], "fr") in table
    # the scope in words, not its key ("all text:9805becdd2")
    assert "l'ensemble des documents" in table and listed["key"] not in table
    code, out, _ = cli("alerts", "show", alert_id, "--format", "json")
    shown = json.loads(out)
    assert shown["evidence"]["actors"] and "5 accounts" in shown["explanation"]
    code, out, _ = cli("--lang", "en", "alerts", "show", alert_id)  # for a person
    assert code == 0 and out.startswith(alert_id) and "5 accounts" in " ".join(out.split())
    said = " ".join(out.split())
    assert "on all documents: 5 accounts posted the same content" in said, said
    assert listed["key"] not in said
    assert cli("alerts", "ack", alert_id, "--by", "alice")[0] == 0
    code, _, err = cli("alerts", "ack", alert_id)
    assert code == 2 and "is acknowledged; it cannot become acknowledged" in err
    assert "new → acknowledged → closed" in err  # the states in words, as the list shows them
    code, _, err = cli("--lang", "fr", "alerts", "ack", alert_id)
    assert (
        "est dans l'état « pris en charge » ; elle ne peut pas passer à « pris en charge »" in err
    )
    assert "acked" not in err
    assert cli("alerts", "close", alert_id)[0] == 0
    code, out, _ = cli("alerts", "list", "--state", "closed", "--format", "json")
    assert [a["alert_id"] for a in json.loads(out)] == [alert_id]
    code, _, err = cli("--lang", "en", "alerts", "list", "--state", "new")
    assert code == 0 and "No alert in this state." in err
    code, _, err = cli("alerts", "show", "nope")
    assert code == 1 and "No alert" in err
    # For a person (the default): what the cycle did, in the language; nothing new this time.
    (root / "drop.jsonl").touch()
    code, out, err = cli("--lang", "fr", "watch", "--once")
    assert code == 0, err
    assert out.startswith("1 cycle exécuté ; dans le dernier :")
    assert "drop : " in out and "0 nouvelle alerte" in out and "{" not in out
