"""An incident's stored title (scopes and detectors, as codes) said in the reader's language."""

from __future__ import annotations

from datetime import datetime

from influscope.analyze.crisis.assign import title_of
from influscope.analyze.crisis.incidents import Incident
from influscope.serve.explain import incident_title


def test_a_stored_title_is_said_in_words_in_either_language():
    at = datetime(2026, 10, 20, 7, 45)
    incident = Incident(
        "i1", ["a1", "a2"], {"brand:Ardent Industrie"}, at, at, "critical",
        detectors={"spike", "negative_share"},
    )  # fmt: skip
    stored = title_of(incident)
    assert stored == "brand:Ardent Industrie — negative_share, spike"  # codes, for programs
    assert incident_title(stored, "fr") == "marque Ardent Industrie — part négative, pic de volume"
    assert incident_title(stored, "en").startswith("brand Ardent Industrie — negative share, ")
    whole = title_of(Incident("i2", ["a3"], {"all"}, at, at, "high", detectors={"coordination"}))
    assert incident_title(whole, "fr") == "l'ensemble des documents — rafale coordonnée"
    assert incident_title("a title typed by hand", "fr") == "a title typed by hand"
