"""Errors are read in the reader's language: the CLI's and the API's, message and hint.

Library code raises an English template and its values apart (errors.py); the
serve layer translates the template and fills it. These tests fail when an
error reaches a French reader in English, or when filling changes the English.
"""

from __future__ import annotations

import time

import pytest

from influscope.errors import N_, ConfigError, InfluscopeError, NotFound, Phrase
from influscope.serve.i18n import error_text, say
from tests.serve import webdata


def test_the_english_message_is_the_template_filled():
    error = NotFound(N_("No actor {actor} in this workspace."), "", actor=repr("twitter:x"))
    assert error.message == "No actor 'twitter:x' in this workspace."
    assert str(error) == error.message
    assert error.hint == ""
    assert error_text(error, "en") == (error.message, "")


def test_french_fills_the_translated_template_and_writes_numbers_the_french_way():
    error = InfluscopeError(
        N_("{purpose} needs the Python package '{package}', which is not installed."),
        "pip install 'influscope[{extra}]'",
        purpose="X",
        package="torch",
        extra="ml",
    )
    message, hint = error_text(error, "fr")
    assert message != error.message and "torch" in message
    assert hint == "pip install 'influscope[ml]'"


def test_a_message_built_whole_is_shown_as_written():
    # Braces in a message without values are text, not fields; an empty hint is no hint
    # (gettext's empty key would be the catalogue's header).
    error = InfluscopeError('bad value {"a": 1}')
    assert error_text(error, "fr") == ('bad value {"a": 1}', "")


def test_cli_errors_in_french_with_lang(cli, tmp_path, english):
    missing = tmp_path / "nowhere"
    code, _, err = cli("--lang", "fr", "status", workspace=missing)
    assert code == 1
    assert f"Erreur : Aucun espace de travail dans {missing}" in err
    assert f"influscope init {missing}" in err
    assert "No workspace" not in err and "Create one" not in err
    code, _, err = cli("status", workspace=missing)
    assert f"Error: No workspace at {missing} (influscope.toml not found)." in err


def test_cli_errors_follow_the_workspaces_language(cli, english):
    assert cli("init", str(cli.root), workspace=None)[0] == 0
    config = cli.root / "influscope.toml"
    text = config.read_text()
    assert '\nlanguage = "en"' in text
    config.write_text(text.replace('\nlanguage = "en"', '\nlanguage = "fr"', 1))
    code, _, err = cli("sov", "--axis", "nulle")
    assert code == 1
    assert "Erreur : Aucun axe nommé 'nulle' dans influscope.toml." in err
    assert "Conseil : " in err and "[[axes]]" in err
    assert "No axis" not in err


def test_api_errors_follow_the_readers_language(tmp_path):
    from fastapi.testclient import TestClient

    from influscope.serve.api.app import create_app

    ws = webdata.build(tmp_path / "ws", actors=6)
    token = ws.accounts.add("vic", "viewer", token=True, password="pw-long-enough-1").token
    try:
        client = TestClient(create_app(ws), raise_server_exceptions=False)
        auth = {"Authorization": f"Bearer {token}"}
        english = client.get("/api/axes/nope", headers=auth).json()
        french = client.get("/api/axes/nope", headers=auth | {"Accept-Language": "fr"}).json()
        try:
            ws.config.axis("nope")
        except ConfigError as error:
            expected = error_text(error, "fr")
            assert english["error"] == error.message
        assert (french["error"], french["hint"]) == expected
        assert french["error"].startswith("Aucun axe nommé 'nope'")
        assert french["status"] == english["status"] == 400
        page = client.get("/axes/nope", headers=auth | {"Accept-Language": "fr"})
        assert "Aucun axe nommé" in page.text
    finally:
        ws.close()


def test_a_wrapped_error_is_read_in_the_language_of_its_wrapper():
    inner = NotFound(N_("No axis named {name} in {file}."), "", name="'x'", file="influscope.toml")
    outer = ConfigError(
        N_("{where}: key '{key}': {reason}."), "", where="f.toml:3", key="axes", reason=inner
    )
    assert outer.message == "f.toml:3: key 'axes': No axis named 'x' in influscope.toml.."
    message, _ = error_text(outer, "fr")
    assert message.startswith("f.toml:3") and "Aucun axe nommé 'x' dans influscope.toml" in message
    assert "key" not in message and "No axis" not in message


def test_rejected_rows_say_why_in_the_language(cli, tmp_path, english):
    assert cli("init", str(cli.root), workspace=None)[0] == 0
    posts = tmp_path / "posts.jsonl"
    posts.write_text(
        '{"id": "1", "platform": "twitter", "author": "a", "text": "x", "published_at": "hier"}\n'
        '{"id": "2", "platform": "twitter", "author": "a", "text": "y", "likes": "beaucoup"}\n'
        '{"id": "3", "platform": "twitter", "author": "a", "text": "z"}\n'
        "{bad\n"
    )
    code, _, err = cli("--lang", "fr", "ingest", "file", str(posts))
    assert code == 1
    assert "4 enregistrements lus dans 1 fichier : 1 document ajouté" in err
    assert "3 enregistrements rejetés :" in err
    assert ":4: JSON invalide à la colonne 2 : " in err
    assert "[published_at]: date et heure attendues (ISO 8601 ou RFC 2822), reçu 'hier'" in err
    assert "[likes]: nombre entier attendu, reçu 'beaucoup'" in err
    assert "expected a date" not in err and "got " not in err  # orjson's own words stay English
    code, _, err = cli("ingest", "file", str(posts))  # the same records again, in English
    assert "4 records read from 1 file: 0 documents added" in err
    assert ":4: invalid JSON at column 2: " in err
    assert "[published_at]: expected a date and time (ISO 8601 or RFC 2822), got 'hier'" in err
    # The run's error log keeps each reason's template: the full list speaks the language too.
    code, out, _ = cli("--lang", "fr", "status", "--errors")
    assert code == 0
    assert "date et heure attendues (ISO 8601 ou RFC 2822), reçu 'hier'" in out
    assert "JSON invalide à la colonne 2" in out and "expected a date" not in out
    assert "Raison" in out and "Fichier" in out and "reason" not in out  # headers in words too
    code, out, _ = cli("status", "--errors", "--format", "csv")  # files keep the field names
    assert out.startswith("run_id,file,line,field,reason")
    code, out, _ = cli("status", "--errors", "--format", "json")  # files: the English, as stored
    assert "expected a date and time (ISO 8601 or RFC 2822), got 'hier'" in out


def test_a_phrase_survives_the_store():
    inner = Phrase(
        N_("expected {expected} fields as in the header, found {found}"), expected=3, found=4
    )
    outer = Phrase(
        N_("{reason} (a quoted field runs over lines {first}-{last})"),
        reason=inner,
        first="2",
        last="5",
    )
    again = Phrase.loads(outer.dumps())
    assert again == outer and again.template == outer.template
    assert isinstance(again.values["reason"], Phrase) and again.values["reason"].values == {
        "expected": 3,
        "found": 4,
    }
    assert say(again, "fr") == say(outer, "fr") != outer


def test_actor_tables_say_what_they_did_in_the_language(cli, tmp_path, english):
    assert cli("init", str(cli.root), workspace=None)[0] == 0
    notes = tmp_path / "notes.csv"
    notes.write_text(
        "actor_id,date,stance,note,owner\n"
        "twitter:x,2026-01-01,ally,ok,me\n"
        "twitter:y,demain,ally,no,me\n"
        "twitter:z,2026-01-02,hostile,no,me\n"
    )
    code, _, err = cli("--lang", "fr", "ingest", "notes", str(notes))
    assert code == 1
    # the words agree with "lignes" (feminine), not with the documents' counts
    assert (
        "Notes hors ligne : 3 lignes lues : 1 ajoutée, 0 mise à jour, 0 inchangée, 2 rejetées."
        in err
    )
    assert ":3 [date]: date et heure attendues (ISO 8601 ou RFC 2822), reçu 'demain'" in err
    assert ":4 [stance]: position inconnue : 'hostile' (utilisez ally, sympathiser" in err
    code, _, err = cli("ingest", "notes", str(notes))  # again: nothing new, said so
    assert "Offline notes: 3 rows read: 0 added, 0 updated, 1 unchanged, 2 rejected." in err


def test_a_graphs_rejected_rows_say_why_in_the_language(cli, tmp_path, english):
    assert cli("init", str(cli.root), workspace=None)[0] == 0
    nodes, edges = tmp_path / "nodes.csv", tmp_path / "edges.csv"
    nodes.write_text("id,label\n1,alice\n2,bob\n")
    edges.write_text("source,target,weight\n1,2,abc\n2,1,2\n1,3,\n")
    code, _, err = cli(
        "--lang", "fr", "ingest", "graph", "--nodes", str(nodes), "--edges", str(edges)
    )
    assert code == 1
    assert "1 rejetée." in err and "[weight]: pas un nombre : 'abc'" in err
    assert "not a number" not in err


def test_a_failed_jobs_error_is_read_in_the_language(tmp_path):
    from fastapi.testclient import TestClient

    from influscope.serve.api.app import create_app

    ws = webdata.build(tmp_path / "ws", actors=6)
    token = ws.accounts.add("vic", "viewer", token=True, password="pw-long-enough-1").token
    app = create_app(ws)
    try:

        def work(progress):
            raise NotFound(N_("No actor {actor} in this workspace."), "", actor="'twitter:x'")

        job = app.state.jobs.submit(("test", "failing"), "failing", work)
        deadline = time.monotonic() + 60
        while job.state != "failed" and time.monotonic() < deadline:
            time.sleep(0.05)
        client = TestClient(app, raise_server_exceptions=False)
        auth = {"Authorization": f"Bearer {token}"}
        french = client.get(f"/api/jobs/{job.id}", headers=auth | {"Accept-Language": "fr"})
        english = client.get(f"/api/jobs/{job.id}", headers=auth).json()
        assert french.status_code == 200 and french.json()["state"] == "failed"
        assert french.json()["error"] == "Aucun acteur 'twitter:x' dans cet espace de travail."
        assert english["error"] == "No actor 'twitter:x' in this workspace."
    finally:
        app.state.jobs.stop()
        ws.close()


def test_why_an_enricher_was_left_out_is_said_in_the_language(cli, tmp_path, english):
    assert cli("init", str(cli.root), workspace=None)[0] == 0
    posts = tmp_path / "posts.jsonl"
    posts.write_text('{"id": "1", "platform": "twitter", "author": "a", "text": "Très bien !"}\n')
    assert cli("ingest", "file", str(posts))[0] == 0
    code, _, err = cli("--lang", "fr", "enrich")
    assert code == 0, err
    assert "Non exécuté : entities : non lancé par défaut ; utilisez --only entities" in err
    assert "not run by default" not in err


def test_a_missing_spacy_is_said_in_the_language(monkeypatch):
    import importlib.util

    from influscope.enrich.entities import EntityEnricher

    found = importlib.util.find_spec
    monkeypatch.setattr(
        importlib.util, "find_spec", lambda name, *a: None if name == "spacy" else found(name, *a)
    )
    reason = EntityEnricher().available()
    assert reason is not None and reason.startswith("spaCy is not installed: pip install")
    assert say(reason, "fr").startswith(
        "spaCy n'est pas installé : pip install 'influscope[nlp]' (et"
    )


def test_a_code_in_a_message_is_its_word_in_the_language():
    from influscope.errors import Code, UsageError

    error = UsageError(
        N_("Incident {incident} is {state}; it cannot become {target}."),
        "",
        incident="i1",
        state=Code("incident_state", "resolved"),
        target=Code("incident_state", "acknowledged"),
    )
    assert error.message == "Incident i1 is resolved; it cannot become acknowledged."  # logs: codes
    french = error_text(error, "fr")[0]
    assert "« résolu »" in french and "« pris en charge »" in french
    phrase = Phrase(
        N_("Incident {incident} is {state}."), incident="i1", state=error.values["state"]
    )
    again = Phrase.loads(phrase.dumps())  # stored and read back, the code keeps its family
    assert (
        isinstance(again.values["state"], Code) and again.values["state"].family == "incident_state"
    )
    assert say(again, "fr") == say(phrase, "fr")


def test_a_refused_address_and_its_option_are_said_in_the_language():
    from influscope.errors import ConfigError
    from influscope.ingest.http.addresses import AddressGuard, allow_private_option
    from influscope.ingest.http.errors import AddressRefused

    with pytest.raises(AddressRefused) as refused:
        AddressGuard().check("127.0.0.1", "127.0.0.1")
    assert refused.value.message == "private address refused: 127.0.0.1 (loopback)"
    assert (
        error_text(refused.value, "fr")[0] == "adresse privée refusée : 127.0.0.1 (boucle locale)"
    )
    owner = Phrase(N_("A webhook channel"))
    with pytest.raises(ConfigError) as wrong:
        allow_private_option({"allow_private": "yes"}, owner)
    assert wrong.value.message.startswith("A webhook channel: allow_private must be")
    assert error_text(wrong.value, "fr")[0].startswith("Un canal webhook : allow_private doit")


def test_search_imports_say_why_rows_were_rejected_in_the_language(cli, tmp_path, english):
    assert cli("init", str(cli.root), workspace=None)[0] == 0
    serp = tmp_path / "serp.csv"
    serp.write_text(
        "query,captured_at,rank,url,title\n"
        "usine,2026-10-01T10:00:00Z,1,https://a.fr/x,A\n"
        "usine,2026-10-01T10:00:00Z,zéro,https://b.fr/y,B\n"
        "usine,2026-10-01T10:00:00Z,2,ftp://c.fr/z,C\n",
        encoding="utf-8",
    )
    code, _, err = cli("--lang", "fr", "ingest", "serp", str(serp))
    assert code == 1
    assert "serp.csv:3 [rank]: rang attendu (1, 2, …), reçu 'zéro'" in err
    assert "serp.csv:4 [url]: URL http(s) attendue, reçu 'ftp://c.fr/z'" in err
    assert "La liste complète est dans le journal d'erreurs" in err
    assert "expected" not in err and "full list" not in err
    clicks = tmp_path / "clickstream-enwiki-2024-10.tsv"
    clicks.write_text(
        "prev\tcurr\ttype\tn\nother-search\tA\texternal\t10\nother-weird\tB\tlink\t5\n"
    )
    code, _, err = cli(
        "--lang", "fr", "ingest", "transitions", str(clicks), "--preset", "clickstream"
    )
    assert "[prev]: classe de provenance inconnue 'other-weird'" in err
    code, _, err = cli("ingest", "serp", str(serp))  # English as before
    assert "[rank]: expected a rank (1, 2, …), got 'zéro'" in err


def test_search_imports_say_their_counts_in_number_and_gender(cli, tmp_path, english):
    """ "1 requête (1 nouvelle…)", "2 résultats (2 nouveaux…)": not "1 résultats (1 nouveaux…)"."""
    assert cli("init", str(cli.root), workspace=None)[0] == 0
    demand = tmp_path / "demand.csv"
    demand.write_text("query,volume\nrobot soudure,40\n", encoding="utf-8")
    code, _, err = cli("--lang", "fr", "ingest", "demand", str(demand), "--preset", "generic")
    assert code == 0, err
    assert "1 enregistrement lu (generic) : 1 requête (1 nouvelle, 0 mise à jour), 0 rejeté." in err
    serp = tmp_path / "serp.csv"
    serp.write_text(
        "query,rank,url,captured_at\n"
        "robot soudure,1,https://a.example/x,2026-10-01T08:00:00Z\n"
        "robot soudure,2,https://b.example/y,2026-10-01T08:00:00Z\n",
        encoding="utf-8",
    )
    code, _, err = cli("--lang", "fr", "ingest", "serp", str(serp), "--preset", "generic")
    assert code == 0, err
    assert "2 résultats (2 nouveaux, 0 mis à jour)" in err
    code, _, err = cli("ingest", "serp", str(serp), "--preset", "generic")
    assert "2 records read (generic): 2 result slots (0 new, 0 updated), 0 rejected." in err
    clicks = tmp_path / "clickstream.tsv"
    clicks.write_text("A\tB\tlink\t20\n", encoding="utf-8")
    code, _, err = cli("--lang", "fr", "ingest", "transitions", str(clicks))
    assert code == 0, err
    assert "1 transition observée (1 nouvelle, 0 mise à jour)" in err
