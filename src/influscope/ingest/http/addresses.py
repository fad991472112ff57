"""Which addresses outgoing requests may reach, and how a host name becomes one.

Every URL influscope fetches comes from somewhere it does not control: a seed
list, a page's links, a redirect, a feed URL or webhook in a config file that
someone else may edit. Such a URL must not make influscope talk to the machine
it runs on or to its private network (the metadata endpoint of a cloud host at
169.254.169.254, an admin page on 127.0.0.1, a database on 10.x). So an address
is accepted only when it is globally routable unicast; private, loopback,
link-local, multicast, unspecified and reserved ones are refused unless the
source or channel says ``allow_private = true``.

Two tricks are handled here rather than left to chance:

* **Textual forms.** ``2130706433``, ``0x7f.1``, ``017700000001`` and ``127.1``
  all mean 127.0.0.1 to the system resolver (the old BSD ``inet_aton`` forms the
  WHATWG URL standard also parses), and ``[0:0:0:0:0:0:0:1]`` or
  ``[::ffff:127.0.0.1]`` mean ::1 and 127.0.0.1. :func:`parse_ip_literal` reads
  them all, so a literal is judged by the address it denotes, not by its
  spelling, and no resolver is asked about it.
* **Rebinding.** A name may resolve to a public address when checked and to
  127.0.0.1 a moment later. :meth:`AddressGuard.resolve` resolves once and
  checks what it got; the network layer (:mod:`.network`) then connects to
  exactly those addresses, never resolving the name a second time.
"""

from __future__ import annotations

import ipaddress
import socket
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

import httpcore

from influscope.errors import N_, Code, ConfigError
from influscope.ingest.http.errors import AddressRefused

IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address
Resolver = Callable[[str, int], list[str]]
"""``(host, port) -> addresses``: the system resolver, or a stub in tests."""

NAT64 = ipaddress.IPv6Network("64:ff9b::/96")
ALLOW_HINT = N_(
    "Set allow_private = true in the options of the source or channel (or pass "
    "--allow-private to a crawl) if this private host is really meant."
)


def _legacy_part(text: str) -> int | None:
    """One dot-separated part of an IPv4 literal: decimal, 0-prefixed octal or 0x hex."""
    if text[:2] in {"0x", "0X"}:
        digits, base = text[2:], 16
        allowed = "0123456789abcdefABCDEF"
    elif len(text) > 1 and text.startswith("0"):
        digits, base, allowed = text[1:], 8, "01234567"
    else:
        digits, base, allowed = text, 10, "0123456789"
    if not digits or any(c not in allowed for c in digits):
        return None
    return int(digits, base)


def _legacy_ipv4(host: str) -> ipaddress.IPv4Address | None:
    """The IPv4 address of a numeric host in any of the forms ``inet_aton`` accepts."""
    parts = host.split(".")
    if len(parts) > 1 and parts[-1] == "":
        parts = parts[:-1]  # a trailing dot, as in "127.0.0.1."
    if not 1 <= len(parts) <= 4:
        return None
    numbers = [_legacy_part(p) for p in parts]
    if any(n is None for n in numbers):
        return None
    values = [n for n in numbers if n is not None]
    *head, last = values
    if any(n > 255 for n in head) or last >= 256 ** (5 - len(values)):
        return None
    value = last
    for position, number in enumerate(head):
        value += number << (8 * (3 - position))
    return ipaddress.IPv4Address(value)


def parse_ip_literal(host: str) -> IPAddress | None:
    """The address a host denotes when it is an IP literal in any spelling, else None.

    Brackets and an IPv6 zone (``%eth0``) are accepted; a name returns None.

    >>> str(parse_ip_literal("0x7f.1")), str(parse_ip_literal("[0:0:0:0:0:0:0:1]"))
    ('127.0.0.1', '::1')
    >>> parse_ip_literal("example.org") is None
    True
    """
    text = host.strip()
    if text.startswith("[") and text.endswith("]"):
        text = text[1:-1]
    if ":" in text:
        try:
            return ipaddress.IPv6Address(text.split("%", 1)[0])
        except ValueError:
            return None
    return _legacy_ipv4(text)


def _embedded_ipv4(ip: ipaddress.IPv6Address) -> ipaddress.IPv4Address | None:
    """The IPv4 address an IPv6 one carries (mapped, 6to4, Teredo client, NAT64), if any."""
    if ip.ipv4_mapped is not None:
        return ip.ipv4_mapped
    if ip.sixtofour is not None:
        return ip.sixtofour
    if ip.teredo is not None:
        return ip.teredo[1]
    if ip in NAT64:
        return ipaddress.IPv4Address(int(ip) & 0xFFFFFFFF)
    return None


def address_kind(address: str | IPAddress) -> str | None:
    """Why an address is refused (``"loopback"``, ``"private"``…), or None when it is public."""
    ip = address if not isinstance(address, str) else parse_ip_literal(address)
    if ip is None:
        return "not an IP address"
    if isinstance(ip, ipaddress.IPv6Address):
        inner = _embedded_ipv4(ip)
        if inner is not None:
            return address_kind(inner)
    checks = (
        ("unspecified", ip.is_unspecified),
        ("loopback", ip.is_loopback),
        ("link-local", ip.is_link_local),
        ("multicast", ip.is_multicast),
        ("private", ip.is_private),
        ("reserved", ip.is_reserved),
    )
    for name, hit in checks:
        if hit:
            return name
    return None if ip.is_global else "non-global"


def is_public_address(address: str | IPAddress) -> bool:
    """True for a globally routable unicast address (embedded IPv4 looked through).

    >>> is_public_address("8.8.8.8"), is_public_address("::ffff:127.0.0.1")
    (True, False)
    """
    return address_kind(address) is None


def system_resolver(host: str, port: int) -> list[str]:
    """Every address the system resolver gives for ``host``, in its order of preference."""
    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except (socket.gaierror, UnicodeError) as exc:
        raise httpcore.ConnectError(f"cannot resolve {host}: {exc}") from exc
    return list(dict.fromkeys(str(info[4][0]) for info in infos))


@dataclass(frozen=True)
class AddressGuard:
    """The address policy of one client: resolve a host once and refuse what it may not reach.

    Attributes:
        allow_private: accept every address (tests on loopback, intranets).
        resolver: turns a host name into addresses (the system's by default).
    """

    allow_private: bool = False
    resolver: Resolver = field(default=system_resolver)

    def check(self, host: str, address: str | IPAddress) -> None:
        """Raise :class:`AddressRefused` unless ``address`` (of ``host``) may be reached."""
        if self.allow_private:
            return
        kind = address_kind(address)
        if kind is not None:
            raise AddressRefused(
                N_("private address refused: {host} ({kind})")
                if str(address) == host
                else N_("private address refused: {host} is {address} ({kind})"),
                ALLOW_HINT,
                host=host,
                address=str(address),
                kind=Code("address_kind", kind),
            )

    def resolve(self, host: str, port: int) -> list[str]:
        """The addresses to connect to for ``host``, every one of them checked.

        A literal is taken as the address it denotes; a name is resolved once.
        One refused address refuses the host: a resolver answering both a public
        and a private address is as suspicious as one answering only the latter.
        """
        literal = parse_ip_literal(host)
        addresses = [str(literal)] if literal is not None else self.resolver(host, port)
        if not addresses:
            raise httpcore.ConnectError(f"cannot resolve {host}: no address")
        for address in addresses:
            self.check(host, address)
        return addresses


def allow_private_option(options: Mapping[str, Any], owner: str) -> bool:
    """The ``allow_private`` option of a source or channel: a true boolean, false by default.

    ``owner`` names the source or channel in the error (a :class:`~influscope.errors.Phrase`,
    said in the reader's language).

    A string such as ``"false"`` is refused rather than read as true.

    Raises:
        ConfigError: the option is set to something else than true or false.
    """
    value = options.get("allow_private", False)
    if not isinstance(value, bool):
        raise ConfigError(
            N_("{owner}: allow_private must be true or false, got {value}."),
            N_("Write allow_private = true (no quotes) to reach private addresses."),
            owner=owner,
            value=repr(value),
        )
    return value
