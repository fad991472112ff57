"""The address guard of the one HTTP client, against real servers on loopback.

A stubbed resolver plays the DNS, and a routed network backend plays the
internet: it records every address a connection is opened to, and delivers
connections to the test's public address at the loopback server. So the tests
see exactly where the client connects, not just what it checked.
"""

from __future__ import annotations

import ipaddress
import ssl
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

import httpcore
import pytest

from influscope.errors import ConfigError
from influscope.ingest.http import (
    AddressRefused,
    HttpClient,
    HttpFailed,
    HttpRefused,
    allow_private_option,
    parse_ip_literal,
)
from tests.conftest import DATA
from tests.ingest.site_server import Site

PUBLIC = "93.184.216.34"  # a global unicast address; nothing in the tests reaches it
TLS = DATA / "tls"  # a self-signed certificate for the made-up name pinned.test


class RoutedNetwork(httpcore.NetworkBackend):
    """Records each connection's address; routes ``routes`` keys to loopback, refuses the rest."""

    def __init__(self, routes: dict[str, str]) -> None:
        self.routes = routes
        self.connected: list[tuple[str, int]] = []
        self.real = httpcore.SyncBackend()

    def connect_tcp(
        self,
        host: str,
        port: int,
        timeout: float | None = None,
        local_address: str | None = None,
        socket_options: Any = None,
    ) -> httpcore.NetworkStream:
        self.connected.append((host, port))
        if host not in self.routes:
            raise httpcore.ConnectError(f"no route to {host} in this test")
        return self.real.connect_tcp(
            self.routes[host], port, timeout=timeout, socket_options=socket_options
        )

    def connect_unix_socket(
        self, path: str, timeout: float | None = None, socket_options: Any = None
    ):
        raise httpcore.ConnectError("no unix sockets in this test")

    def sleep(self, seconds: float) -> None:
        self.real.sleep(seconds)


IPV4_FORMS = [
    "127.0.0.1", "localhost", "2130706433", "0x7f.1", "017700000001", "127.1", "0x7f000001",
    "127.0.0.1.", "0.0.0.0", "[::ffff:127.0.0.1]", "[::ffff:7f00:1]", "[0:0:0:0:0:ffff:7f00:1]",
]  # fmt: skip
IPV6_FORMS = ["[::1]", "[0:0:0:0:0:0:0:1]", "[0000::0001]", "[::0:1]"]


@pytest.fixture(scope="module")
def loopback() -> Iterator[dict[str, Site]]:
    """One site on 127.0.0.1 and one on ::1, shared by the textual-form tests."""
    with Site() as v4, Site(host="::1") as v6:
        yield {"v4": v4, "v6": v6}


def _site_for(form: str, sites: dict[str, Site]) -> Site:
    site = sites["v6" if form in IPV6_FORMS else "v4"]
    site.requests.clear()
    return site


@pytest.mark.parametrize("form", IPV4_FORMS + IPV6_FORMS + ["0177.0.0.1"])
def test_every_textual_form_of_loopback_is_refused(form, loopback):
    site = _site_for(form, loopback)
    port = site.server.server_address[1]
    with HttpClient(retries=0) as client, pytest.raises(AddressRefused, match="loopback|unspec"):
        client.get(f"http://{form}:{port}/a.html")
    assert site.requests == []


@pytest.mark.parametrize("form", IPV4_FORMS + IPV6_FORMS)
def test_each_refused_form_does_reach_the_loopback_server_when_allowed(form, loopback):
    # Proves the refusals above are about the machine itself, not unreachable hosts.
    site = _site_for(form, loopback)
    port = site.server.server_address[1]
    with HttpClient(retries=0, allow_private=True) as client:
        assert client.get(f"http://{form}:{port}/a.html").status_code == 200
    assert site.paths() == ["/a.html"]


def test_literals_are_read_as_the_resolver_would():
    assert parse_ip_literal("0x7f.1") == ipaddress.ip_address("127.0.0.1")
    assert parse_ip_literal("017700000001") == ipaddress.ip_address("127.0.0.1")
    assert parse_ip_literal("10.1") == ipaddress.ip_address("10.0.0.1")
    assert parse_ip_literal("[fe80::1%eth0]") == ipaddress.ip_address("fe80::1")
    assert parse_ip_literal("256.1.1.1") is None  # out of range: a name, which won't resolve
    assert parse_ip_literal("08.1.1.1") is None  # 8 is not an octal digit
    assert parse_ip_literal("1.example.org") is None


def test_dns_rebinding_cannot_reach_loopback():
    asked: list[str] = []

    def rebinding(host: str, port: int) -> list[str]:
        asked.append(host)
        return [PUBLIC] if len(asked) == 1 else ["127.0.0.1"]

    network = RoutedNetwork({PUBLIC: "127.0.0.1"})
    with Site() as site:
        port = site.server.server_address[1]
        url = f"http://rebind.test:{port}"
        with HttpClient(retries=0, resolver=rebinding, network=network) as client:
            assert client.get(url + "/a.html").status_code == 200
        # Resolved once, checked, and connected to that very address with the original Host.
        assert asked == ["rebind.test"]
        assert network.connected == [(PUBLIC, port)]
        assert site.headers[0]["host"] == f"rebind.test:{port}"
        # Now the name answers loopback: refused before any socket is opened.
        with HttpClient(retries=0, resolver=rebinding, network=network) as client:
            with pytest.raises(AddressRefused, match="rebind.test is 127.0.0.1 \\(loopback\\)"):
                client.get(url + "/b.html")
        assert network.connected == [(PUBLIC, port)]
        assert site.paths() == ["/a.html"]


def test_a_name_with_one_private_address_among_public_ones_is_refused():
    network = RoutedNetwork({PUBLIC: "127.0.0.1"})
    with (
        Site() as site,
        HttpClient(
            retries=0, resolver=lambda host, port: [PUBLIC, "10.0.0.7"], network=network
        ) as client,
    ):
        with pytest.raises(AddressRefused, match="10.0.0.7"):
            client.get(f"http://mixed.test:{site.server.server_address[1]}/a.html")
        assert network.connected == [] and site.requests == []


@pytest.mark.parametrize(
    ("target", "address"),
    [("http://10.1.2.3/x", "10.1.2.3"), ("http://169.254.169.254/latest", "169.254.169.254"),
     ("http://internal.test/x", "192.168.0.10")],
)  # fmt: skip
def test_every_redirect_hop_is_checked(target, address):
    names = {"public.test": [PUBLIC], "internal.test": ["192.168.0.10"]}
    network = RoutedNetwork({PUBLIC: "127.0.0.1"})
    with (
        Site(redirect_target=target) as site,
        HttpClient(retries=0, resolver=lambda host, port: names[host], network=network) as client,
    ):
        with pytest.raises(AddressRefused, match=f"private address refused: .*{address}"):
            client.get(f"http://public.test:{site.server.server_address[1]}/to-private")
        assert site.paths() == ["/to-private"]
        assert [host for host, _ in network.connected] == [PUBLIC]


def test_other_schemes_and_malformed_hosts_are_refused():
    with HttpClient(retries=0, allow_private=True) as client:
        for url in ("file:///etc/passwd", "gopher://x/", "http:///nohost", "http://[::1/x"):
            with pytest.raises(HttpRefused):
                client.get(url)


def test_allow_private_must_be_a_real_boolean():
    assert allow_private_option({}, "Source 'x'") is False
    assert allow_private_option({"allow_private": True}, "Source 'x'") is True
    with pytest.raises(ConfigError, match="allow_private must be true or false"):
        allow_private_option({"allow_private": "false"}, "Source 'x'")


class TlsSite:
    """An HTTPS server on 127.0.0.1 with the pinned.test certificate; records SNI and Host."""

    def __init__(self) -> None:
        self.sni: list[str | None] = []
        self.hosts: list[str] = []
        context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
        context.load_cert_chain(TLS / "pinned.test.crt", TLS / "pinned.test.key")
        context.sni_callback = lambda sock, name, ctx: self.sni.append(name)
        site = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self) -> None:  # noqa: N802
                site.hosts.append(self.headers["Host"])
                self.send_response(200)
                self.send_header("Content-Length", "2")
                self.end_headers()
                self.wfile.write(b"ok")

            def log_message(self, *args: object) -> None:
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.server.socket = context.wrap_socket(self.server.socket, server_side=True)
        self.port = self.server.server_address[1]
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    def __enter__(self) -> TlsSite:
        self.thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.server.shutdown()
        self.server.server_close()


def test_a_pinned_tls_connection_presents_and_verifies_the_original_name():
    trust = ssl.create_default_context(cafile=str(TLS / "pinned.test.crt"))
    names = {"pinned.test": [PUBLIC], "other.test": [PUBLIC]}
    network = RoutedNetwork({PUBLIC: "127.0.0.1"})
    with (
        TlsSite() as site,
        HttpClient(
            retries=0, resolver=lambda host, port: names[host], network=network, verify=trust
        ) as client,
    ):
        assert client.get(f"https://pinned.test:{site.port}/").content == b"ok"
        # The same address under a name the certificate does not carry: verification fails.
        with pytest.raises(HttpFailed, match="CERTIFICATE_VERIFY_FAILED"):
            client.get(f"https://other.test:{site.port}/")
    assert network.connected == [(PUBLIC, site.port), (PUBLIC, site.port)]
    assert site.sni == ["pinned.test", "other.test"]
    assert site.hosts == [f"pinned.test:{site.port}"]
