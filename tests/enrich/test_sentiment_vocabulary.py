"""What may carry sentiment: not the workspace's brand names, not an imported word alone.

A company called "Free" or "Ardent", and the imported French lists' noisy
words ("source", "consacre"), must not turn a factual post positive; the
imported words still count beside a cue of the document's own.
"""

from __future__ import annotations

import pyarrow as pa

from influscope.config import parse_config
from influscope.enrich import sentiment
from influscope.enrich.base import EnrichContext
from influscope.enrich.sentiment import SentimentEnricher, brand_phrases, labels, score
from influscope.enrich.sentiment_tokens import tokenize, without_phrases

BRANDS = """
[[brands]]
name = "Free"
aliases = ["Free Mobile"]
handles = ["@free"]
own = true

[[brands]]
name = "Best Buy"
domains = ["bestbuy.com"]
"""
NEUTRAL_EN = "Free publishes its quarterly results on Tuesday"
NEUTRAL_FR = "Le salon consacre une journée aux cobots, source : la mairie"


def docs(texts: list[str], langs: list[str]) -> pa.Table:
    return pa.table(
        {
            "doc_id": [f"d{i}" for i in range(len(texts))],
            "text": pa.array(texts, pa.string()),
            "title": pa.array([None] * len(texts), pa.string()),
            "lang": pa.array(langs, pa.string()),
        }
    )


def test_brand_vocabulary_covers_names_aliases_handles_and_domains():
    phrases = brand_phrases(parse_config(BRANDS).brands)
    assert ("free",) in phrases and ("free", "mobile") in phrases
    assert ("best", "buy") in phrases and ("bestbuy", "com") in phrases
    assert ("best",) not in phrases  # only the whole name: "the best day" keeps its valence


def test_a_brand_named_like_a_sentiment_word_does_not_move_a_neutral_document(workspace):
    plain = SentimentEnricher(adapt=False).run(None, docs([NEUTRAL_EN], ["en"]))
    assert plain.column("value").to_pylist() == ["positive"]  # VADER's "free" is positive
    config = parse_config(BRANDS + "\n[enrich]\nsentiment_adapt = false\n")
    enricher = SentimentEnricher.from_config(config)
    assert enricher.version != SentimentEnricher(adapt=False).version  # brands change labels
    result = enricher.run(None, docs([NEUTRAL_EN, "Free, the best day ever"], ["en", "en"]))
    assert result.column("value").to_pylist() == ["neutral", "positive"]
    assert result.column("score").to_pylist()[0] == 0.0

    # With the adapter on (the default), fitted on this workspace where every post naming the
    # brand complains: unblanked, the name moves the probes (its lexicon valence, the
    # complaints it learns); blanked, neither.
    texts = [f"Free network down again, awful {i}" for i in range(40)]
    texts += [f"great day at the beach {i}" for i in range(40)]
    texts += [f"the shop opens at nine {i}" for i in range(40)]
    stored = docs(texts, ["en"] * len(texts)).drop_columns(["title"])
    stored = stored.append_column("platform", pa.array(["t"] * len(texts)))
    stored = stored.append_column("native_id", pa.array([str(i) for i in range(len(texts))]))
    with workspace.store.transaction() as writer:
        writer.upsert("documents", stored)
    context = EnrichContext(parse_config(BRANDS), workspace.store, "run-1", workspace.root)
    probe = docs(["Free Mobile: the shop opens at ten", "Free shop opens"], ["en", "en"])
    unaware = SentimentEnricher().run(context, probe).column("value").to_pylist()
    aware = SentimentEnricher.from_config(parse_config(BRANDS)).run(context, probe)
    assert "neutral" not in unaware
    assert aware.column("value").to_pylist() == ["neutral", "neutral"]


def test_blanked_phrases_keep_their_place_for_negation():
    text = pa.array(["not Best Buy great", "best buy", "the best day"])
    tokens = without_phrases(tokenize(text), (("best", "buy"),))
    words = [tokens.words[i] for i in tokens.index]
    assert words == ["not", "", "", "great", "", "", "the", "best", "day"]
    compound = score(text, pa.array(["en"] * 3), tokens)
    assert compound[0] < 0 < compound[2]  # "not" still reaches "great" across the blank


def test_imported_french_words_count_only_beside_a_cue_of_the_document():
    text = pa.array([NEUTRAL_FR, "Journée géniale au salon, source d'inspiration"])
    langs = pa.array(["fr", "fr"])
    both = {"french": sentiment.FRENCH_LISTS, "consensus": False}
    ungated = score(text, langs, gate=("always",), **both)
    gated = score(text, langs, gate=("lexicon",), **both)
    core = score(text, langs, french=())
    assert ungated[0] > sentiment.THRESHOLD  # "consacre", "source" read positive
    assert labels(gated)[0] == "neutral"
    assert gated[1] > core[1] > 0  # "géniale" is a cue: the imported "source" then counts
    paired = score(text, langs, gate=("lexicon", "pair"), **both)
    assert paired[0] > sentiment.THRESHOLD  # two imported words are a cue of their own


def test_the_shipped_french_lexicon_reads_factual_news_as_neutral():
    news = [NEUTRAL_FR, "Bref, le premier train part de la gare à 8h, sur le quai blanc"]
    assert labels(score(pa.array(news), pa.array(["fr", "fr"]))) == ["neutral", "neutral"]


def test_imported_entries_folding_to_a_function_word_are_left_out():
    kept = sentiment.lexicons(sentiment.FRENCH_LISTS, False, False)["fr_imported"]
    dropped = sentiment.lexicons(sentiment.FRENCH_LISTS, True, False)["fr_imported"]
    assert "sur" in kept and "sur" not in dropped  # "sûr" folded
    assert set(dropped) < set(kept)


def test_the_lists_consensus_keeps_words_both_give_with_one_sign():
    everything = sentiment.lexicons(sentiment.FRENCH_LISTS, False, False)["fr_imported"]
    agreed = sentiment.lexicons(sentiment.FRENCH_LISTS, False, True)["fr_imported"]
    assert "source" in everything and "source" not in agreed  # vaderSentiment-fr only
    assert "pratique" in everything and "pratique" not in agreed  # textblob-fr only
    assert agreed["adorable"] > 0 and agreed["affreuses"] < 0
    assert set(agreed) < set(everything)


def test_the_french_lists_are_an_opt_in_of_the_config():
    tweet = "Journée géniale, une source d'inspiration pour la jeunesse"
    plain = SentimentEnricher.from_config(parse_config("[enrich]\nsentiment_adapt = false\n"))
    opted = SentimentEnricher.from_config(
        parse_config("[enrich]\nsentiment_adapt = false\nsentiment_french_lists = true\n")
    )
    assert plain.french == () and opted.french == sentiment.FRENCH_LISTS
    assert opted.version != plain.version
    scored = [e.run(None, docs([tweet], ["fr"])).column("score")[0].as_py() for e in (plain, opted)]
    assert scored[1] > scored[0] > 0
