from __future__ import annotations

import pytest

from influscope.errors import AuthError, SourceError
from influscope.ingest.http import HttpClient, retry_after
from tests.ingest.apiserver import as_json


def _client(**kw):
    sleeps: list[float] = []
    client = HttpClient(allow_private=True, backoff=1.0, sleep=sleeps.append, **kw)
    return client, sleeps


def test_429_then_success_honours_retry_after_and_records_rate_limits(api_server):
    answers = iter([
        as_json({"error": "slow down"}, 429, {"Retry-After": "3", "X-RateLimit-Remaining": "0"}),
        as_json({"ok": True}, 200, {"X-RateLimit-Remaining": "299", "X-RateLimit-Limit": "300"}),
    ])  # fmt: skip
    api_server.routes["/api"] = lambda r: next(answers)
    client, sleeps = _client()
    assert client.get(api_server.url + "/api").json() == {"ok": True}
    assert sleeps == [3.0]
    assert client.retried == 1 and client.requests == 2
    limits = client.rate_limits["127.0.0.1"]
    assert limits["x-ratelimit-remaining"] == "299" and limits["x-ratelimit-limit"] == "300"


def test_5xx_retried_with_exponential_backoff_then_gives_up(api_server):
    api_server.routes["/down"] = lambda r: (503, {}, b"unavailable")
    client, sleeps = _client(retries=3)
    with pytest.raises(SourceError, match="HTTP 503"):
        client.get(api_server.url + "/down")
    assert len(api_server.requests("/down")) == 4
    assert len(sleeps) == 3
    assert 0.8 <= sleeps[0] <= 1.2 and 1.6 <= sleeps[1] <= 2.4 and 3.2 <= sleeps[2] <= 4.8


def test_401_is_an_auth_error_without_retry(api_server):
    api_server.routes["/auth"] = lambda r: (401, {}, b"bad token")
    client, sleeps = _client()
    with pytest.raises(AuthError):
        client.get(api_server.url + "/auth")
    assert sleeps == [] and len(api_server.requests("/auth")) == 1


def test_loopback_and_private_addresses_are_refused_unless_allowed(api_server):
    api_server.routes["/x"] = lambda r: as_json({})
    client = HttpClient()
    with pytest.raises(SourceError, match="loopback"):
        client.get(api_server.url + "/x")
    with pytest.raises(SourceError, match="private"):
        client.get("http://10.1.2.3/x")
    with pytest.raises(SourceError, match="http"):
        client.get("file:///etc/passwd")
    assert api_server.requests("/x") == []


def test_redirects_are_checked_hop_by_hop(api_server):
    api_server.routes["/go"] = lambda r: (302, {"Location": "/there"}, b"")
    api_server.routes["/there"] = lambda r: as_json({"here": 1})
    client, _ = _client()
    assert client.get(api_server.url + "/go").json() == {"here": 1}
    api_server.routes["/evil"] = lambda r: (302, {"Location": "http://169.254.169.254/latest"}, b"")
    guarded = HttpClient(allow_private=False)
    with pytest.raises(SourceError):
        # the first hop (loopback) is refused already; the metadata address would be too
        guarded.get(api_server.url + "/evil")


def test_user_agent_is_sent(api_server):
    api_server.routes["/ua"] = lambda r: as_json({})
    client, _ = _client()
    client.get(api_server.url + "/ua")
    assert api_server.requests("/ua")[0].headers["user-agent"].startswith("influscope/")


def test_retry_after_parses_seconds_and_dates():
    assert retry_after("7") == 7.0
    assert retry_after("Wed, 21 Oct 2015 07:28:10 GMT", now=1445412480.0) == 10.0
    assert retry_after("soon") is None


def test_an_exhausted_window_is_waited_out_before_the_next_request(api_server):
    answers = iter([
        as_json({"n": 1}, 200, {"X-RateLimit-Remaining": "0", "X-RateLimit-Reset": "30"}),
        as_json({"n": 2}, 200, {"X-RateLimit-Remaining": "59", "X-RateLimit-Reset": "60"}),
        as_json({"n": 3}, 200, {}),
    ])  # fmt: skip
    api_server.routes["/limited"] = lambda r: next(answers)
    client, sleeps = _client()
    assert client.get(api_server.url + "/limited").json() == {"n": 1}
    assert sleeps == []
    assert client.get(api_server.url + "/limited").json() == {"n": 2}
    assert len(sleeps) == 1 and 25 <= sleeps[0] <= 30
    client.get(api_server.url + "/limited")
    assert len(sleeps) == 1  # window not exhausted any more
    assert "_seen" not in client.limits()["127.0.0.1"]
