"""URLs lose their secrets before they reach a message, a log, the store or the API."""

from __future__ import annotations

import socket

import pytest

from influscope.errors import SourceError
from influscope.ingest.http import HttpClient, HttpFailed, redact_text, redact_url
from influscope.ingest.platforms.sources import public_options
from tests.ingest.sources_helpers import source_workspace


@pytest.mark.parametrize(
    ("url", "shown"),
    [
        ("https://api.example.org/v1?q=usine&api_key=abc", "https://api.example.org/v1?q=usine&api_key=***"),
        ("https://bob:pw@example.org/feed", "https://***@example.org/feed"),
        ("https://example.org/cb#access_token=abc", "https://example.org/cb"),
        ("https://s3.example.org/f?X-Amz-Signature=abc&X-Amz-Credential=def",
         "https://s3.example.org/f?X-Amz-Signature=***&X-Amz-Credential=***"),
        ("https://example.org/x?0123456789abcdef0123", "https://example.org/x?***="),
        ("http://[::1]:8080/x?token=t", "http://[::1]:8080/x?token=***"),
        ("https://example.org/a?page=2", "https://example.org/a?page=2"),
        ("http://[::1/broken?token=t", "<invalid URL>"),
    ],
)  # fmt: skip
def test_redact_url(url, shown):
    assert redact_url(url) == shown


def test_whole_url_secrets_keep_only_their_site():
    slack = "https://hooks.slack.com/services/T000/B000/XXXXSECRET"
    assert redact_url(slack, keep_path=False) == "https://hooks.slack.com/***"


def test_redact_text_finds_every_url():
    text = "GET https://a.example/x?key=K1 failed, then (https://u:p@b.example/?sig=K2)."
    assert redact_text(text) == (
        "GET https://a.example/x?key=*** failed, then (https://***@b.example/?sig=***"
    )


def test_client_messages_never_carry_the_secret():
    with socket.socket() as probe:  # a port nobody listens on
        probe.bind(("127.0.0.1", 0))
        closed = probe.getsockname()[1]
    with HttpClient(retries=0, allow_private=True, timeout=0.5) as client:
        with pytest.raises(HttpFailed) as info:
            client.get(f"http://127.0.0.1:{closed}/x?api_key=S3CRET")
    assert "S3CRET" not in info.value.message and "api_key=***" in info.value.message


def test_source_listings_redact_urls_and_secret_options():
    shown = public_options(
        {"url": "https://u:pw@example.org/feed?token=S3CRET&lang=fr", "token": "T", "limit": 5}
    )
    assert shown == {
        "url": "https://***@example.org/feed?token=***&lang=fr",
        "token": "***",
        "limit": 5,
    }


def test_a_failing_source_keeps_no_secret_in_its_health(api_server, tmp_path):
    api_server.routes["/feed.xml"] = lambda r: (200, {"Content-Type": "text/plain"}, b"not a feed")
    url = api_server.url + "/feed.xml?token=S3CRET&lang=fr"
    ws = source_workspace(
        tmp_path / "ws", [{"name": "news", "connector": "rss", "options": {"url": url}}]
    )
    with pytest.raises(SourceError, match="not a readable RSS/Atom feed") as info:
        ws.ingest.poll("news")
    assert "S3CRET" not in info.value.message
    (check,) = ws.ingest.check("news")
    assert "token=***" in check.last_error and "S3CRET" not in check.last_error
    (listed,) = ws.ingest.sources()
    assert "S3CRET" not in str(listed)
    ws.close()
