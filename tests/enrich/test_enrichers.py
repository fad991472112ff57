"""The built-in enrichers on hand-written French and English posts."""

from __future__ import annotations

import pyarrow as pa

from influscope.enrich.language import LanguageEnricher
from influscope.enrich.paid import PaidContentEnricher
from influscope.enrich.sentiment import SentimentEnricher, labels, score


def rows(texts, langs=None):
    return pa.table(
        {
            "doc_id": [f"d{i}" for i in range(len(texts))],
            "text": pa.array(texts, pa.string()),
            "title": pa.array([None] * len(texts), pa.string()),
            "lang": pa.array(langs or [None] * len(texts), pa.string()),
        }
    )


def values(result, field):
    return [r["value"] for r in result.to_pylist() if r["field"] == field]


def test_language_detects_french_english_and_european_languages():
    texts = [
        "Je suis vraiment déçu par le service client, aucune réponse depuis trois jours.",
        "The flight was delayed again and nobody told us anything at the gate.",
        "Ich habe heute den ganzen Tag im Büro gearbeitet und bin sehr müde.",
        "Hoy hace mucho calor en Madrid y vamos a la playa con los niños.",
        "Oggi sono andato al mercato a comprare frutta e verdura fresca.",
        "L'USINE DU FUTUR ARRIVE ENFIN DANS NOTRE RÉGION, C'EST UNE BONNE NOUVELLE",
        "https://example.org @someone 🙂",
    ]
    result = LanguageEnricher().run(None, rows(texts))
    assert values(result, "language") == ["fr", "en", "de", "es", "it", "fr", None]


def test_sentiment_french_and_english_with_negation_and_contrast():
    texts = [
        "Merci pour votre aide, super équipe !",
        "C'est une honte, service client nul et inadmissible.",
        "Le train part à 8h de la gare de Lyon.",
        "Thanks, great crew and a smooth flight!",
        "Flight delayed again, terrible customer service.",
        "The plane leaves at 8am from gate 12.",
        "This is not good at all.",
        "Ce n'est pas bien du tout.",
        "The food was good but the delay was horrible and the staff rude.",
    ]
    langs = ["fr", "fr", "fr", "en", "en", "en", "en", "fr", "en"]
    found = labels(score(pa.array(texts), pa.array(langs)))
    assert found == [
        "positive", "negative", "neutral",
        "positive", "negative", "neutral",
        "negative", "negative", "negative",
    ]  # fmt: skip


def test_sentiment_enricher_writes_label_and_compound_score():
    lexicon_only = SentimentEnricher(adapt=False)
    result = lexicon_only.run(None, rows(["I love it", "I hate it"], ["en", "en"]))
    by_doc = {r["subject_id"]: r for r in result.to_pylist()}
    assert by_doc["d0"]["value"] == "positive" and 0 < by_doc["d0"]["score"] <= 1
    assert by_doc["d1"]["value"] == "negative" and -1 <= by_doc["d1"]["score"] < 0
    assert SentimentEnricher(0.3).version != SentimentEnricher(0.05).version
    assert SentimentEnricher(adapt=False).version != SentimentEnricher().version


def test_negative_words_outweigh_politeness_and_hashtags_are_read():
    texts = ["Thanks, still waiting", "please help", "#fail again", "Thanks, great crew"]
    assert labels(score(pa.array(texts), pa.array(["en"] * 4))) == [
        "negative", "neutral", "negative", "positive",
    ]  # fmt: skip


def test_paid_flags_french_and_english_markers_only():
    texts = [
        "Ma routine du matin #Sponsorisé",
        "Partenariat rémunéré avec Acme",
        "Collaboration commerciale avec la marque",
        "New shoes #ad",
        "What an #adventure today",
        "Publicité : découvrez notre offre",
        "Sponsored by Acme Corp",
        "J'adore ce vélo, acheté avec mon argent",
    ]
    result = PaidContentEnricher().run(None, rows(texts))
    assert values(result, "paid") == [
        "true",
        "true",
        "true",
        "true",
        "false",
        "true",
        "true",
        "false",
    ]
    markers = values(result, "paid_marker")
    assert markers[:2] == ["#sponsorise", "partenariat remunere"]
    assert len(markers) == 6
