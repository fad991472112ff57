"""Accounts that can be taken back: lockout after failed logins, expiry, revocation, audit.

A live uvicorn server on loopback over a real workspace: wrong passwords end in
429, a password is checked without the store's write lock, a revoked or
expired token answers 401, a disabled or deleted user is shut out, and every
write lands in the audit log.
"""

from __future__ import annotations

import json
import re
import time
from collections.abc import Iterator
from datetime import timedelta

import httpx
import pytest

from influscope.errors import AuthError, TooManyAttempts, UsageError
from influscope.serve.api.app import create_app
from influscope.store import accounts as store_accounts
from influscope.workspace import Workspace
from influscope.workspace.accounts import LoginGuard
from tests.loopback import served
from tests.serve import webdata
from tests.serve.conftest import PASSWORD


@pytest.fixture
def live(tmp_path) -> Iterator[tuple[str, Workspace, dict[str, str]]]:
    ws = webdata.build(tmp_path / "ws", actors=12)
    tokens = {
        name: ws.accounts.add(name, role, token=True, password=PASSWORD).token or ""
        for name, role in (("ada", "admin"), ("ana", "analyst"))
    }
    with served(create_app(ws)) as base:
        yield base, ws, tokens
    ws.close()


def _login(client: httpx.Client, name: str, password: str) -> httpx.Response:
    form = client.get("/login")
    csrf = re.search(r'name="csrf" value="([^"]+)"', form.text)
    assert csrf, form.text[:500]
    data = {"name": name, "password": password, "csrf": csrf.group(1)}
    return client.post("/login", data=data, follow_redirects=False)


def test_twenty_wrong_passwords_end_in_429_even_for_the_right_one(live):
    base, ws, _tokens = live
    with httpx.Client(base_url=base, timeout=30) as client:
        codes = [_login(client, "ana", f"wrong password {i}").status_code for i in range(20)]
        attempts = ws.config.server.login_attempts
        assert codes == [401] * attempts + [429] * (20 - attempts)
        assert _login(client, "ana", PASSWORD).status_code == 429  # locked, right or wrong
        # The address is locked too: guessing another name from it is refused.
        assert _login(client, "ada", "wrong password").status_code == 429
    failed = [e for e in ws.accounts.audit_log(100) if e.action == "login failed"]
    assert len(failed) == attempts and {e.target for e in failed} == {"ana"}
    assert all(e.address == "127.0.0.1" and e.status == 401 for e in failed)


def test_the_lockout_ends_after_its_window():
    guard = LoginGuard(attempts=3, window=0.5)
    for _ in range(3):
        guard.check("ana", "10.0.0.1")
        guard.failed("ana", "10.0.0.1")
    with pytest.raises(TooManyAttempts, match="Too many failed logins"):
        guard.check("ana", "10.0.0.2")  # the name is locked from any address
    with pytest.raises(TooManyAttempts):
        guard.check("bob", "10.0.0.1")  # and the address for any name
    guard.check("bob", "10.0.0.2")
    time.sleep(0.6)
    guard.check("ana", "10.0.0.1")


def test_a_password_is_checked_without_the_write_lock(live):
    base, ws, _tokens = live
    with httpx.Client(base_url=base, timeout=30) as client:
        client.get("/login")
        with ws.store.lock:  # a long write holds the lock: a login still gets its answer
            start = time.monotonic()
            answer = _login(client, "ana", "not the password")
            took = time.monotonic() - start
        assert answer.status_code == 401 and took < 10, took
        assert _login(client, "ana", PASSWORD).status_code == 303


def test_revoked_and_expired_tokens_answer_401(live):
    base, ws, tokens = live
    ana = {"Authorization": f"Bearer {tokens['ana']}"}
    ada = {"Authorization": f"Bearer {tokens['ada']}"}
    with httpx.Client(base_url=base, timeout=30) as client:
        assert client.get("/api/alerts", headers=ana).status_code == 200
        revoked = client.delete("/api/users/ana/tokens", headers=ada)
        assert revoked.status_code == 200 and revoked.json()["revoked"] == 1
        refused = client.get("/api/alerts", headers=ana)
        assert refused.status_code == 401 and "revoked" in refused.json()["error"]
        fresh = ws.accounts.issue_token("ana")
        assert client.get("/api/alerts", headers={"Authorization": f"Bearer {fresh}"}).is_success
        expired = store_accounts.issue_token(ws.store, "ana", ttl=timedelta(0))
        gone = client.get("/api/alerts", headers={"Authorization": f"Bearer {expired}"})
        assert gone.status_code == 401
        audit = client.get("/api/audit", headers=ada).json()
        assert (
            audit[0]["actor"] == "ada" and audit[0]["action"] == "DELETE /api/users/{name}/tokens"
        )
        assert audit[0]["target"] == "/api/users/ana/tokens" and audit[0]["status"] == 200
        assert (
            client.get("/api/audit", headers={"Authorization": f"Bearer {fresh}"}).status_code
            == 403
        )


def test_disabled_or_deleted_users_are_shut_out(live):
    base, ws, tokens = live
    ana = {"Authorization": f"Bearer {tokens['ana']}"}
    ada = {"Authorization": f"Bearer {tokens['ada']}"}
    with (
        httpx.Client(base_url=base, timeout=30) as client,
        httpx.Client(base_url=base, timeout=30) as browser,
    ):
        assert _login(browser, "ana", PASSWORD).status_code == 303
        assert browser.get("/api/alerts").status_code == 200
        assert client.post("/api/users/ana/disable", headers=ada).status_code == 200
        assert client.get("/api/alerts", headers=ana).status_code == 401
        assert browser.get("/api/alerts").status_code == 401  # the session was closed
        assert client.post("/api/users/ana/enable", headers=ada).status_code == 200
        assert client.get("/api/alerts", headers=ana).status_code == 200
        last = client.post("/api/users/ada/disable", headers=ada)
        assert last.status_code == 400 and "last active admin" in last.json()["error"]
        assert client.delete("/api/users/ana", headers=ada).status_code == 200
        assert client.get("/api/alerts", headers=ana).status_code == 401
        assert [u.name for u in ws.accounts.users()] == ["ada"]


def test_users_passwd_disable_delete_on_the_command_line(cli):
    Workspace.init(cli.root).close()
    assert cli("users", "add", "root", "--role", "admin", "--password", PASSWORD)[0] == 0
    assert cli("users", "add", "bob", "--role", "viewer", "--token")[0] == 0
    code, _out, err = cli("users", "passwd", "bob", "--password", "short")
    assert code == 2 and "at least 12 characters" in err
    code, out, err = cli("users", "passwd", "bob", "--generate")
    assert code == 0 and "bob" in err
    generated = out.split()[-1]
    with Workspace.open(cli.root) as ws:
        assert ws.accounts.login("bob", generated)[1].name == "bob"
    code, _out, err = cli("users", "disable", "root")
    assert code == 2 and "last active admin" in err
    assert cli("users", "disable", "bob")[0] == 0
    with Workspace.open(cli.root) as ws, pytest.raises(AuthError, match="Wrong user name"):
        ws.accounts.login("bob", generated)
    assert cli("users", "revoke", "bob")[0] == 0
    assert cli("users", "delete", "bob", "--yes")[0] == 0
    code, out, _err = cli("users", "audit", "--format", "json")
    assert code == 0
    actions = [(e["action"], e["target"]) for e in json.loads(out)]
    assert actions[:4] == [
        ("users.delete", "bob"),
        ("users.revoke", "bob"),
        ("users.disable", "bob"),
        ("users.passwd", "bob"),
    ]
    with Workspace.open(cli.root) as ws:
        assert [u.name for u in ws.accounts.users()] == ["root"]
        with pytest.raises(UsageError, match="at least 12"):
            ws.accounts.add("eve", "viewer", password="tiny")
