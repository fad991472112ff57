"""Language identification weighed by the workspace's languages (short posts read alone mislead)."""

from __future__ import annotations

import csv

import pyarrow as pa
import pytest

from influscope.enrich.language import (
    LanguageEnricher,
    candidates,
    choose,
    detect,
    model,
    prepare,
    workspace_prior,
)
from tests.conftest import shared_path
from tests.enrich.test_enrichers import rows, values

# Short French posts the model alone reads as another language (each checked below).
SHORT_FRENCH = ["quel attardé", "dois mongol", "ben exactement"]
FRENCH = [
    "Je suis vraiment déçu par le service client, aucune réponse depuis trois jours.",
    "La réunion publique sur l'usine aura lieu jeudi soir à la mairie.",
    "Merci à toute l'équipe pour cette belle journée portes ouvertes.",
] * 10


def test_short_french_posts_alone_read_as_other_languages():
    found, _ = detect(prepare(pa.array(SHORT_FRENCH)), weight=0.0)
    assert "fr" not in found


def test_a_french_workspace_reads_its_short_posts_as_french():
    codes, scores = detect(prepare(pa.array(SHORT_FRENCH + FRENCH)))
    assert codes[: len(SHORT_FRENCH)] == ["fr"] * len(SHORT_FRENCH)
    assert all(score is not None and 0.2 <= score <= 1 for score in scores)


def test_the_stored_languages_carry_a_small_batch():
    """A watch batch of a few posts leans on the documents already stored."""
    assert detect(prepare(pa.array(SHORT_FRENCH)), {"fr": 5_000, "en": 1_000})[0] == ["fr"] * 3
    assert detect(prepare(pa.array(SHORT_FRENCH)), {"it": 5_000})[0][0] == "it"


def test_a_confident_post_of_another_language_keeps_its_language():
    english = "The flight was delayed again and nobody told us anything at the gate."
    codes, _ = detect(prepare(pa.array([english, *FRENCH])), {"fr": 100_000})
    assert codes[0] == "en"


def test_weight_zero_is_the_model_alone():
    texts = prepare(pa.array(SHORT_FRENCH + FRENCH))
    found = candidates(texts)
    codes, scores = choose(found, workspace_prior(found), 0.0)
    labels, probs = model().predict(texts[0], k=1)
    assert codes[0] == labels[0].replace("__label__", "")
    assert scores[0] == pytest.approx(min(float(probs[0]), 1.0))


def test_the_prior_is_a_distribution_and_repeatable():
    found = candidates(prepare(pa.array(SHORT_FRENCH + FRENCH + ["🙂", "12 34"])))
    first = workspace_prior(found)
    assert sum(first.values()) == pytest.approx(1.0)
    assert max(first, key=first.__getitem__) == "fr"
    assert workspace_prior(found) == first
    assert workspace_prior(candidates([]), {}) == {}


def test_the_enricher_reads_its_batch_together():
    result = LanguageEnricher().run(None, rows(SHORT_FRENCH + FRENCH))
    assert values(result, "language")[: len(SHORT_FRENCH)] == ["fr"] * len(SHORT_FRENCH)


@pytest.mark.realdata
def test_french_hate_speech_tweets_read_as_french(cli, tmp_path, capsys):
    """MLMA's French tweets (short, lower-cased, unaccented): the workspace reads more as French.

    The model alone reads 5.6 % of them as another language or none (3,790 of 4,014 French).
    """
    path = shared_path("datasets", "fr_mlma_hate_speech_tweets", "fr_dataset.csv")
    with path.open(encoding="utf-8", newline="") as handle:
        total = sum(1 for _ in csv.DictReader(handle))
    assert cli("init", str(cli.root), workspace=None)[0] == 0
    args = ["--platform", "twitter", "--map", "id=HITId", "--map", "text=tweet"]
    assert cli("ingest", "file", str(path), *args)[0] == 0
    code, _, err = cli("enrich", "--only", "language")
    assert code == 0, err
    code, out, err = cli("export", "documents", "--fields", "doc_id,lang")
    assert code == 0, err
    langs = [r["lang"] for r in csv.DictReader(out.splitlines())]
    assert len(langs) == total
    french = langs.count("fr") / total
    with capsys.disabled():
        print(f"\nMLMA French tweets read as French: {french:.3f} (model alone 0.944)")
    assert french >= 0.955
