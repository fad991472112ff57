"""users/report/serve speak French or English: --lang, else the workspace's file, else the locale."""

from __future__ import annotations

import pytest

from tests.serve import webdata


@pytest.fixture
def locale(monkeypatch, english):
    """Set the locale of the test process (and only that)."""

    def use(value: str) -> None:
        monkeypatch.setenv("LANG", value)

    return use


@pytest.fixture
def site_cli(cli):
    webdata.build(cli.root, actors=12).close()
    return cli


def _set_language(root, value: str) -> None:
    config = root / "influscope.toml"
    text = config.read_text()
    config.write_text(text.replace("[workspace]\n", f'[workspace]\nlanguage = "{value}"\n', 1))


def test_users_add_follows_lang_and_keeps_the_token_last(site_cli, locale):
    locale("en_US.UTF-8")
    code, out, err = site_cli(
        "--lang",
        "fr",
        "users",
        "add",
        "root",
        "--role",
        "admin",
        "--token",
        "--password",
        "pw-long-enough-1",
    )
    assert code == 0, err
    assert "Utilisateur root créé avec le rôle admin." in err
    assert out.startswith("Jeton d'API") and out.split()[-1].startswith("isc_")
    code, out, err = site_cli("users", "add", "bob", "--role", "viewer", "--token")
    assert code == 0, err
    assert "User bob created with role viewer." in err  # the locale: English
    assert out.startswith("API token") and out.split()[-1].startswith("isc_")


def test_locale_then_workspace_file_then_lang(site_cli, locale):
    locale("fr_FR.UTF-8")
    code, _, err = site_cli("users", "add", "ann", "--role", "viewer")
    assert code == 0, err
    assert "Utilisateur ann créé" in err and "ni mot de passe ni jeton" in err
    _set_language(site_cli.root, "en")  # the workspace's file beats the locale
    code, _, err = site_cli("users", "add", "ben", "--role", "viewer")
    assert "User ben created" in err and "neither a password nor a token" in err
    code, _, err = site_cli("--lang", "fr", "users", "add", "cat", "--role", "viewer")
    assert "Utilisateur cat créé" in err  # --lang beats both


def test_report_messages_in_both_languages(site_cli, locale, tmp_path):
    locale("C.UTF-8")  # no choice: English
    code, _, err = site_cli("report", "--format", "html", "-o", str(tmp_path / "en.html"))
    assert code == 0, err
    assert f"Report written to {tmp_path / 'en.html'}." in err
    code, _, err = site_cli(
        "--lang", "fr", "report", "--format", "html", "-o", str(tmp_path / "fr.html")
    )
    assert code == 0, err
    assert f"Rapport écrit dans {tmp_path / 'fr.html'}." in err
    code, _, err = site_cli("--lang", "fr", "report", "--format", "docx", "-o", "x.docx")
    assert code == 2 and "Format de rapport inconnu : « docx »." in err
    assert "Utilisez html, pdf ou pptx." in err


def test_serve_messages_in_both_languages(site_cli, locale, monkeypatch):
    from influscope.serve.api import cache, server

    served = []
    monkeypatch.setattr(
        server.ApiProcess, "run", lambda self: served.append(self.server.config.port)
    )
    monkeypatch.setattr(cache, "warm", lambda app: None)
    locale("fr_FR.UTF-8")
    code, _, err = site_cli("serve", "--port", "8765", "--no-watch")
    assert code == 0, err
    assert "influscope sert" in err and "sur http://127.0.0.1:8765/" in err
    assert "Aucun utilisateur" in err
    code, _, err = site_cli("serve", "--port", "8767", "--watch")
    assert "(et surveille les sources)" in err
    code, _, err = site_cli("--lang", "en", "serve", "--port", "8766", "--no-watch")
    assert "influscope serving" in err and "No users yet" in err
    assert served == [8765, 8767, 8766]


def test_status_and_actor_tables_are_titled_in_the_language(site_cli, locale):
    locale("en_US.UTF-8")
    code, out, err = site_cli("--lang", "fr", "status")
    assert code == 0, err
    for title in ("Documents par plateforme", "Documents par langue", "Dernières exécutions"):
        assert title in out
    for header in ("Plateforme", "Langue", "Mois", "Commande", "État", "Lignes"):
        assert f" {header} " in out, header  # the columns too, not the field names
    assert " rows " not in out and " platform " not in out
    assert "DONNÉES SIMULÉES" in err  # the fixture's workspace is simulated
    code, out, err = site_cli("status")
    assert code == 0 and "Documents by platform" in out and "SIMULATED DATA" in err
    code, out, err = site_cli("--lang", "fr", "actor", "twitter:user1")
    assert code == 0, err
    assert "Communautés" in out and "Documents" in out
