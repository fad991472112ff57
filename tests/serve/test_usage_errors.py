"""The parser's usage errors (unknown option, bad value, missing argument) in the command's language."""

from __future__ import annotations

import pytest

from influscope.serve.cli.usage import said

CASES = [
    # (arguments, the French the error reads, the English it reads)
    (
        ["sov", "--by", "century"],
        "Erreur : Valeur invalide pour '--by' : 'century' ne fait pas partie des valeurs "
        "possibles : 'day', 'week', 'month'.",
        "Error: Invalid value for '--by': 'century' is not one of 'day', 'week', 'month'.",
    ),
    (
        ["themes", "--top", "x"],
        "Erreur : Valeur invalide pour '--top' : un nombre entier est attendu.",
        "Error: Invalid value for '--top': expected a whole number.",
    ),
    (["nosuch"], "Erreur : Commande inconnue : 'nosuch'.", "Error: No such command: 'nosuch'."),
    (["export"], "Erreur : Argument manquant : 'table'.", "Error: Missing argument 'table'."),
    (
        ["sov", "--axis"],
        "Erreur : L'option '--axis' attend une valeur.",
        "Error: Option '--axis' needs a value.",
    ),
    (
        ["status", "extra"],
        "Erreur : Arguments en trop : extra.",
        "Error: Unexpected extra arguments: extra.",
    ),
]


@pytest.mark.parametrize(("args", "french", "english"), CASES, ids=lambda c: str(c)[:20])
def test_a_usage_error_reads_in_the_commands_language(cli, args, french, english):
    code, out, err = cli("--lang", "fr", *args)
    assert code == 2 and out == ""
    assert french in err.splitlines(), err
    assert "Usage:" not in err and "Try '" not in err, err
    code, _, err = cli("--lang", "en", *args)
    assert code == 2 and english in err.splitlines(), err


def test_the_usage_line_and_the_help_hint_are_in_the_language(cli):
    code, _, err = cli("--lang", "fr", "themes", "--limit", "3")
    assert code == 2
    lines = err.splitlines()
    assert lines[0] == "Utilisation : influscope themes [OPTIONS]"
    assert lines[1] == "Pour l'aide : « influscope themes -h »."
    assert lines[-1].startswith("Erreur : Option inconnue : --limit"), lines


def test_the_workspaces_language_speaks_when_no_lang_is_given(cli):
    cli("--lang", "fr", "init", str(cli.root), workspace=None)
    code, _, err = cli("sov", "--by", "century")
    assert code == 2 and "Valeur invalide pour '--by'" in err, err


def test_a_message_of_an_unknown_shape_is_kept_as_written():
    assert said("Something Typer says one day.", "fr") == "Something Typer says one day."
    # pydantic's own prefix is not shown to a person
    assert said("Invalid value for '-x': Value error, odd.", "en") == "Invalid value for '-x': odd."
