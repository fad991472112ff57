"""An alert said from its facts, in the reader's language, the same in the report as on the dashboard."""

from __future__ import annotations

from datetime import datetime

from influscope.serve.explain import explanation
from influscope.serve.reports.content import _alerts, summary


def _alert(**changes):
    alert = {
        "alert_id": "a1",
        "rule": "negative-acme",
        "key": "brand:Acme",
        "detector": "negative_share",
        "severity": "warning",
        "state": "new",
        "window_start": datetime(2026, 11, 5, 5),
        "window_end": datetime(2026, 11, 5, 8),
        "fired_at": datetime(2026, 11, 5, 8),
        "observed": 0.9,
        "expected": 0.4851,
        "probability": 2e-6,
        "evidence": {"detector": "negative_share", "facts": {"series": "negative share"}},
        # what the watch stored: the scope by its key
        "explanation": "2026-11-05 05:00 – 08:00 UTC: a rise on brand:Acme (90 % negative posts).",
    }
    return alert | changes


def test_a_negative_share_is_said_as_a_share():
    """0.9 was said "0.9 negative documents, against about 0.5 expected"."""
    said = explanation(_alert(), "negative_share", "fr").replace("\xa0", " ")
    assert "sur marque Acme : 90,0 % de ses documents négatifs entre" in said
    assert "contre 48,5 % d'habitude" in said and "0,9" not in said
    english = explanation(_alert(), "negative_share", "en")
    assert "90.0% of its documents negative" in english
    # one clock in a window: it read "5:00 AM–08:00 UTC"
    assert "Nov 5, 2026, 5:00\u202fAM–8:00\u202fAM UTC" in english.replace(" AM", "\u202fAM")


def test_the_reports_alerts_are_said_in_words_not_keys():
    spike = _alert(
        alert_id="a2", rule="spike-acme", detector="spike", observed=28.0, expected=1.0,
        evidence={"detector": "spike", "facts": {}},
        explanation="2026-11-05 05:25 – 07:25 UTC: a volume spike on brand:Acme (28 posts).",
    )  # fmt: skip
    burst = _alert(
        alert_id="a3", rule="coordination", detector="coordination", key="all text:9805becdd2",
        observed=5.0, evidence={"detector": "coordination", "facts": {"content": "x", "posts": 5}},
    )  # fmt: skip
    table = _alerts([_alert(), spike, burst], "fr")
    said = [row[3] for row in table.rows]
    assert all("brand:" not in s and "all text:" not in s for s in said), said
    assert said[1].startswith("La règle « spike-acme » a détecté un pic de volume sur marque Acme")
    assert "28 documents entre 5 nov. 2026" in said[1]  # a date's "nov." ends no sentence
    assert "sur l'ensemble des documents : 5 comptes" in said[2]


def test_a_summary_is_the_first_sentence_cut_at_a_word():
    assert summary("Vu le 5 nov. 2026 à Lyon. Puis ailleurs.") == "Vu le 5 nov. 2026 à Lyon."
    assert summary("One. Two.") == "One."
    long = "mot " * 100
    cut = summary(long, 20)
    assert cut.endswith("…") and len(cut) <= 20
