"""``users passwd`` and the password policy (issue 13, item 7).

The demo's password is printed once; ``users passwd`` resets it (or any user's),
signs the user's browser sessions out, and every password set through the CLI
or the service has at least 12 characters unless influscope generates it.
"""

from __future__ import annotations

import re

import pytest

from influscope.errors import AuthError
from influscope.workspace import Workspace

GOOD = "a-long-enough-passphrase"


@pytest.fixture
def ws_cli(cli):
    assert cli("init", str(cli.root), workspace=None)[0] == 0
    return cli


def _login(root, name, password):
    with Workspace.open(root) as ws:
        return ws.accounts.login(name, password)


def test_a_short_password_is_refused_with_a_hint(ws_cli):
    code, _, err = ws_cli("users", "add", "ana", "--password", "x")
    assert code != 0
    assert "Error: The password has 1 characters; it needs at least 12 characters." in err
    assert "Hint: " in err and "--generate-password" in err
    with Workspace.open(ws_cli.root, read_only=True) as ws:
        assert ws.accounts.users() == []  # nothing half-created


def test_a_generated_password_is_printed_once_and_works(ws_cli):
    code, out, err = ws_cli("users", "add", "ana", "--generate-password")
    assert code == 0, err
    found = re.fullmatch(r"Password \(shown once\): (\S+)\n", out)
    assert found, out
    assert len(found.group(1)) >= 12
    _, user = _login(ws_cli.root, "ana", found.group(1))
    assert user.name == "ana"


def test_passwd_replaces_the_password_and_closes_sessions(ws_cli):
    assert ws_cli("users", "add", "ana", "--password", GOOD)[0] == 0
    session, _ = _login(ws_cli.root, "ana", GOOD)
    code, out, err = ws_cli("users", "passwd", "ana", "--password", "another-long-passphrase")
    assert code == 0, err
    assert "Password of ana changed; its sessions are closed." in err and out == ""
    with Workspace.open(ws_cli.root) as ws:
        with pytest.raises(AuthError):
            ws.accounts.authenticate(session=session)
        with pytest.raises(AuthError):
            ws.accounts.login("ana", GOOD)
        assert ws.accounts.login("ana", "another-long-passphrase")[1].name == "ana"


def test_passwd_generates_and_speaks_french(ws_cli):
    assert ws_cli("users", "add", "demo", "--password", GOOD)[0] == 0
    code, out, err = ws_cli("--lang", "fr", "users", "passwd", "demo", "--generate-password")
    assert code == 0, err
    assert "Mot de passe de demo changé ; ses sessions sont fermées." in err
    found = re.fullmatch(r"Mot de passe \(affiché une seule fois\) : (\S+)\n", out)
    assert found, out
    assert _login(ws_cli.root, "demo", found.group(1))[1].name == "demo"


def test_passwd_errors_name_the_cause_and_the_way_out(ws_cli):
    code, _, err = ws_cli("users", "passwd", "nobody", "--password", GOOD)
    assert code != 0 and "No user 'nobody'." in err and "Hint: " in err
    assert ws_cli("users", "add", "ana", "--password", GOOD)[0] == 0
    code, _, err = ws_cli("users", "passwd", "ana", "--password", "short")
    assert code != 0 and "at least 12" in err
    code, _, err = ws_cli("users", "passwd", "ana", "--password", GOOD, "--generate-password")
    assert code != 0 and "not both" in err and "Hint: " in err
    assert _login(ws_cli.root, "ana", GOOD)[1].name == "ana"  # unchanged by the refusals
