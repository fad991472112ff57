"""Themes of an axis: c-TF-IDF terms for the axis and its sub-conversations."""

from __future__ import annotations

import orjson

from influscope.enrich.axis_filter import fallback_terms
from influscope.enrich.terms import Terms
from influscope.enrich.themes import analyse, ctfidf
from influscope.workspace import Workspace
from tests.enrich.helpers import ENRICH_CONFIG, corpus, write_jsonl


def test_analyse_groups_lemmas_keeps_accents_and_drops_stop_words_and_elisions():
    terms, display = analyse(["L'usine du futur et les usines d'Europe, l'hydrogène"], ["fr"])
    assert terms[0].count("usine") == 2  # "usine" and "usines" share a lemma
    assert display["usine"] == "usine"
    assert not {"l", "du", "et", "les", "d"} & set(terms[0])
    assert "usine futur" in terms[0]  # a phrase of consecutive content words
    assert display["hydrogène"] == "hydrogène"  # accents kept


def test_analyse_drops_fragments_handles_and_query_words():
    texts = ["@AmericanAir I've been on hold 2 hrs, my bags are lost! http://t.co/x #fail", "ok"]
    terms, display = analyse(texts, ["en", "en"], exclude=["AmericanAir OR hold"])
    shown = {display[t] for t in terms[0]}
    assert not any(len(w) < 3 for t in shown for w in t.split())  # no "ve", "my", "2"
    assert not any("americanair" in t or "@" in t or "http" in t for t in shown)
    assert "hold" not in shown  # a query word
    assert "bag" in terms[0] and display["bag"] in {"bag", "bags"}
    assert terms[1] == []


def test_brand_names_are_blanked_as_phrases_and_break_phrases():
    from influscope.config import Brand
    from influscope.enrich.terms import brand_names

    brands = [
        Brand(name="Le Pen", aliases=["Marine Le Pen"], handles=["@MLP_officiel"]),
        Brand(name="Air France", aliases=["AF*"]),
    ]
    assert brand_names(brands) == ["AF", "Air France", "Le Pen", "MLP_officiel", "Marine Le Pen"]
    text = "Marine Le Pen attaque Air France sur l'emploi en France #mlp_officiel"
    without, _ = analyse([text], ["fr"], names=brand_names(brands))
    plain, _ = analyse([text], ["fr"])
    assert "marine pen" in plain[0] and "pen" in plain[0]  # what the names left before
    assert not {"marine", "pen", "air", "marine pen", "mlp_officiel"} & set(without[0])
    assert "france" in without[0]  # a word of a name, alone, is still a word
    assert "attaque emploi" not in without[0]  # a blanked name ends a phrase
    assert "emploi france" in without[0]


def test_labels_do_not_repeat_a_word():
    from influscope.enrich.terms import distinct, label

    assert distinct(["usine futur", "usine", "robot"]) == ["usine futur", "robot"]
    name = label(["retard", "bagage perdu", "retard vol", "service client"])
    assert name == "retard · bagage perdu"  # "retard vol" repeats; a 5th word is too many
    assert label(["vol", "retard", "bagage", "client", "service"]) == "vol · retard · bagage"


def test_ctfidf_prefers_terms_specific_to_a_class():
    scores = ctfidf([[10, 5, 0], [0, 5, 10]])
    assert scores[0][0] > scores[0][1] and scores[1][2] > scores[1][1]


def test_fallback_terms_ignore_operators_and_fields():
    assert fallback_terms('("usine du futur" OR Industrie*) AND NOT lang:de NEAR/3 #robot') == [
        "usine du futur", "industrie*", "robot",
    ]  # fmt: skip


def test_a_wildcard_of_the_axis_leaves_out_every_word_it_matches():
    """``immigr*`` is the axis: "immigration" and "immigrés" are its words, not its themes."""
    reader = Terms(fallback_terms("immigr* OR réfugié*"))
    terms = reader.document("L'immigration et les immigrés : les réfugiés et l'accueil", "fr")
    assert "accueil" in terms
    assert not [t for t in terms if t.startswith(("immigr", "refugi", "réfugi"))], terms


def test_fillers_of_social_speech_are_not_themes():
    terms = Terms().document("Oui, non, ouais mdr… il faut dire que l'accueil est parce que", "fr")
    assert terms == ["accueil"]


def test_themes_of_an_axis_through_the_cli(cli, tmp_path):
    assert cli("init", str(cli.root), workspace=None)[0] == 0
    (cli.root / "influscope.toml").write_text(ENRICH_CONFIG, encoding="utf-8")
    assert cli("ingest", "file", str(write_jsonl(tmp_path / "p.jsonl", corpus(60))))[0] == 0
    code, out, err = cli("themes", "--axis", "usine-du-futur", "--top", "8", "--format", "json")
    assert code == 0, err
    rows = orjson.loads(out)
    axis_terms = [r["term"] for r in rows if r["cluster"] == -1]
    assert len(axis_terms) == 8
    assert {"formation", "maintenance prédictive", "opérateur"} & set(axis_terms)
    assert not any("climat" in t for t in axis_terms)
    # The query's own words say nothing about the axis: none of them is a theme.
    assert not {"usine", "robot", "industrie", "futur"} & {w for t in axis_terms for w in t.split()}
    labels = {r["cluster"]: r["label"] for r in rows}
    assert all(labels.values()) and len(set(labels.values())) >= 2
    clusters = {r["cluster"] for r in rows if r["cluster"] >= 0}
    assert len(clusters) >= 2
    sizes = {r["cluster"]: r["cluster_size"] for r in rows if r["cluster"] >= 0}
    assert sum(sizes.values()) == 45  # every axis document is in one sub-conversation
    with Workspace.open(cli.root, read_only=True) as ws:
        assert ws.store.count("themes") == len(rows)
    # The table names each conversation (the whole axis, each sub-conversation by its words).
    code, out, err = cli("--lang", "en", "themes", "--axis", "usine-du-futur", "--top", "8")
    assert code == 0, err
    assert "Whole axis" in out and "-1" not in out
    assert any(label.split(" · ")[0] in out for label in labels.values())
    code, out, err = cli("--lang", "fr", "themes", "--axis", "usine-du-futur", "--top", "8")
    assert code == 0, err
    assert "Axe entier" in out and "Terme" in out and "cluster_size" not in out
    code, out, err = cli("--lang", "fr", "brands")
    assert code == 0 and "Documents citant une marque" in out and "tous les documents" in out
    code, _, err = cli("themes", "--axis", "nope")
    assert code == 1 and "usine-du-futur" in err


def test_a_tag_every_document_carries_is_no_theme(cli, tmp_path):
    """SemEval appends #SemST to each tweet: it is the corpus's boilerplate, not a theme."""
    posts = [{**p, "text": f"{p['text']} #SemST"} for p in corpus(60)]
    assert cli("init", str(cli.root), workspace=None)[0] == 0
    (cli.root / "influscope.toml").write_text(ENRICH_CONFIG, encoding="utf-8")
    assert cli("ingest", "file", str(write_jsonl(tmp_path / "p.jsonl", posts)))[0] == 0
    code, out, err = cli("themes", "--axis", "usine-du-futur", "--top", "20", "--format", "json")
    assert code == 0, err
    rows = orjson.loads(out)
    assert rows and not [r["term"] for r in rows if "semst" in r["term"].lower()]
    axis_terms = [r["term"] for r in rows if r["cluster"] == -1]
    assert {"formation", "maintenance prédictive", "opérateur"} & set(axis_terms)
