"""``influscope influence``: the verbs print what the service answers (issue 15).

One small SIMULATED demo (its pipeline profiles the actors, computes the tiers
and imports the team's relationship log with the planted campaign), then each
verb in JSON against the service's own answer, and a relationship-log import
with bad rows reported by line and field.
"""

from __future__ import annotations

import json
from pathlib import Path

from influscope.serve.formats import percent
from influscope.workspace import Workspace


def test_influence_verbs_print_the_services_answers(cli, tmp_path: Path) -> None:
    code, _, err = cli("demo", "--scale", "1500", "--seed", "3", "--no-serve")
    assert code == 0, err

    code, out, err = cli("influence", "roi", "--axis", "emploi-competences", "--format", "json")
    assert code == 0, err
    roi = json.loads(out)[0]
    assert roi["brand"] == "Ardent Industrie"
    assert [c["name"] for c in roi["campaigns"]] == ["Apprentissage 2026"]
    estimate = roi["campaigns"][0]["estimate"]
    assert estimate["low"] <= estimate["effect"] <= estimate["high"]
    with Workspace.open(cli.root, read_only=True) as ws:
        again = ws.influence.roi("emploi-competences")
        tiers = ws.influence.stored_tiers(tier="affinity")
    assert again.acceptability.index == roi["acceptability"]["index"]
    assert estimate["effect"] == again.campaigns[0].estimate.effect
    assert again.defenders is not None
    assert roi["defenders"]["incidents"] == again.defenders.incidents
    code, out, err = cli("influence", "roi", "--period", "2026-10", "--format", "json")
    assert code == 0, err
    october = json.loads(out)[0]
    assert october["within"] == "2026-10" and october["stance_trend"]
    assert {r["period"] for r in october["share_of_voice"]} == {"2026-10-01"}
    code, out, err = cli("influence", "roi", "--axis", "emploi-competences")
    assert code == 0, err
    # titled in the workspace's language (French here)
    assert "Tendance des positions" in out and "Défenseurs dans les incidents" in out
    # and said in it: headers in words, shares as French percentages, no field names
    assert "Indice d'acceptabilité" in out and "favourable_weight" not in out
    assert percent(roi["acceptability"]["index"], "fr") in out
    assert "salarié" in out  # the defenders by relation, in words
    code, out, err = cli("influence", "worth", "--limit", "3")
    assert code == 0, err
    assert "Poids dans le parcours" in out and "journey_weight" not in out and "%" in out
    code, out, err = cli("influence", "profile", "--limit", "3")
    assert code == 0, err
    assert "Mentionné dans" in out and "mentioned_in" not in out

    code, out, err = cli("influence", "tiers", "--tier", "affinity", "--format", "json")
    assert code == 0, err
    shown = json.loads(out)
    assert shown and {r["tier"] for r in shown} == {"affinity"}
    assert [r["actor_id"] for r in shown] == [r.actor_id for r in tiers][: len(shown)]
    assert all(r["reasons"] for r in shown)
    code, out, err = cli("influence", "tiers", "--tier", "affinity")  # the table, for a person
    assert code == 0, err
    text = " ".join(out.split())
    assert "affinitaire" in text and "de tête de la carte" in text  # the workspace speaks French
    assert "position_pct" not in text and '"code"' not in text
    code, out, err = cli("influence", "tiers", "--tier", "affinity", "--format", "csv")
    assert code == 0 and out.startswith("actor_id,name,tier,community,community_rank")

    code, out, err = cli("influence", "advocacy", "--period", "quarter", "--format", "json")
    assert code == 0, err
    advocacy = json.loads(out)[0]
    assert advocacy["pseudonymised"] and advocacy["roster"] > 0
    assert all(r["actor_id"] is None and r["pseudonym"] for r in advocacy["leaderboard"])
    assert all("-Q" in r["period"] for r in advocacy["participation"])
    code, out, err = cli("influence", "advocacy", "--period", "quarter")
    assert code == 0, err
    # The programme's figures as a table in the workspace's language, not a Python dict.
    assert "Programme des salariés" in out and "originality" in out
    # Each figure named in words, shares as percentages (not 'roster', 'sov_contribution').
    assert "Salariés sur la liste" in out and "Originalité" in out and "sov_contribution" not in out
    assert "{'" not in out + err
    code, _, err = cli("influence", "advocacy", "--period", "fortnight")
    assert code != 0 and "fortnight" in err

    code, out, err = cli("influence", "worth", "--limit", "5", "--format", "json")
    assert code == 0, err
    worth = json.loads(out)
    assert len(worth) == 5
    first = worth[0]["actor_id"]
    log = tmp_path / "log.csv"
    log.write_text(
        "actor_id,date,kind,owner\n"
        f"{first},2026-10-20,réunion,alice\n"
        f"{first},someday,meeting,alice\n",
        encoding="utf-8",
    )
    code, _, err = cli("--lang", "en", "influence", "relations", str(log), "--by", "alice")
    assert code == 1  # a bad row is reported, the good one still lands
    assert "Relationship log: 2 rows read: 1 added, 0 updated, 0 unchanged, 1 rejected." in err
    assert ":3 [date]" in err
    code, out, err = cli("influence", "relations", "--actor", first, "--format", "json")
    assert code == 0, err
    assert [(r["kind"], r["updated_by"]) for r in json.loads(out)] == [("meeting", "alice")]
    code, out, err = cli("influence", "worth", "--limit", "5", "--format", "json")
    assert code == 0, err
    after = [w["actor_id"] for w in json.loads(out)]
    assert first not in after and after[:4] == [w["actor_id"] for w in worth[1:]]
