"""Which hosts are link plumbing rather than someone a reader meets.

A reader who clicks ``t.co/x`` meets the page it redirects to, not Twitter's
shortener; a search result on ``bing.com/news`` is the road, not a
destination; a ``cdn.jsdelivr.net`` script is loaded, not read. Counting such
hosts as actors made ``web:t.co`` hold 99.75 % of the airline journey. So:

- **shorteners** (``t.co``, ``bit.ly``…) are never actors: a link through one
  is the link it expands to (the export's expanded URL at import, a crawled
  redirect, or unknown — then the hop leads nowhere known);
- **redirectors** that carry their target in the query string
  (``l.facebook.com/l.php?u=…``, ``google.com/url?q=…``) are unwrapped;
- **search engines**, **social platforms** (pages that are not an account or a
  post) and **CDN / web plumbing** hosts are *infrastructure*: not actors unless
  the workspace opts in (``[journey] infrastructure_actors``).

The lists are data files beside this module (``hostlists/*.txt``), compiled by
the influscope team from public knowledge of these services; their header
comments give the syntax: ``host`` (with its subdomains), ``=host`` (that host
or ``www.host`` only), ``name.*`` (``=name.<suffix>`` for every public suffix,
read with the ``tld`` package's copy of the Public Suffix List).

Example:
    >>> host_kind("https://www.google.fr/search?q=x"), host_kind("t.co")
    ('search', 'shortener')
    >>> host_kind("books.google.com") is None
    True
    >>> unwrap_redirect("https://l.facebook.com/l.php?u=https%3A%2F%2Fex.fr%2Fa&h=x")
    'https://ex.fr/a'
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache, lru_cache
from importlib import resources
from typing import Literal
from urllib.parse import parse_qsl, unquote, urlsplit

HostKind = Literal["shortener", "search", "social", "cdn"]
INFRASTRUCTURE: tuple[HostKind, ...] = ("search", "social", "cdn")
LISTS: dict[HostKind, str] = {
    "shortener": "shorteners.txt",
    "search": "search_engines.txt",
    "social": "social_platforms.txt",
    "cdn": "cdn.txt",
}
MAX_UNWRAP = 4  # redirectors wrapping redirectors: a few levels, never a loop


@dataclass(frozen=True)
class _Rules:
    subtree: dict[str, HostKind]  # host -> kind, for the host and its subdomains
    exact: dict[str, HostKind]  # host (without www.) -> kind, for that host only
    wildcard: dict[str, HostKind]  # "name" or "sub.name" -> kind, under any public suffix
    redirectors: tuple[tuple[str, str, str], ...]  # host, path, parameter


def _lines(name: str) -> list[str]:
    text = resources.files("influscope.ingest").joinpath("hostlists", name).read_text("utf-8")
    return [
        line.split("#", 1)[0].strip() for line in text.splitlines() if line.split("#", 1)[0].strip()
    ]


@cache
def _rules() -> _Rules:
    subtree: dict[str, HostKind] = {}
    exact: dict[str, HostKind] = {}
    wildcard: dict[str, HostKind] = {}
    for kind, name in LISTS.items():
        for entry in _lines(name):
            entry = entry.lower()
            if entry.endswith(".*"):
                wildcard[entry[:-2]] = kind
            elif entry.startswith("="):
                exact[entry[1:].removeprefix("www.")] = kind
            else:
                subtree[entry] = kind
    redirectors = []
    for line in _lines("redirectors.txt"):
        host, path, parameter = line.split()
        redirectors.append((host.lower(), path, parameter))
    return _Rules(subtree, exact, wildcard, tuple(redirectors))


def host_of(url_or_host: str) -> str:
    """The lower-case host of a URL (or the argument itself when it is a bare host)."""
    text = url_or_host.strip()
    if "://" not in text:
        return text.lower().split("/", 1)[0].split(":", 1)[0].rstrip(".")
    try:
        return (urlsplit(text).hostname or "").lower().rstrip(".")
    except ValueError:
        return ""


@lru_cache(maxsize=100_000)
def _kind_of_host(host: str) -> HostKind | None:
    rules = _rules()
    bare = host.removeprefix("www.")
    if bare in rules.exact:
        return rules.exact[bare]
    if rules.wildcard and "." in host:
        # Here (once per host: the result is cached): tld loads urllib.request and
        # http.client, a hundredth of a second of every command that imports files.
        from tld import parse_tld  # noqa: PLC0415 - banned at module level

        parsed = parse_tld(host, fix_protocol=True)
        domain, sub = parsed[1], parsed[2]
        if domain:
            sub = "" if sub in (None, "", "www") else str(sub).removeprefix("www.")
            key = f"{sub}.{domain}" if sub else domain
            if key in rules.wildcard:
                return rules.wildcard[key]
    labels = host.split(".")
    for start in range(len(labels)):
        kind = rules.subtree.get(".".join(labels[start:]))
        if kind is not None:
            return kind
    return None


def host_kind(url_or_host: str) -> HostKind | None:
    """``shortener``, ``search``, ``social``, ``cdn``, or None for an ordinary host.

    The most specific entry wins (``i.redd.it`` is a CDN host although
    ``redd.it`` is a shortener).
    """
    host = host_of(url_or_host)
    return _kind_of_host(host) if host else None


def is_shortener(url_or_host: str) -> bool:
    """Whether a URL (or host) is a shortener's: a hop, never an actor."""
    return host_kind(url_or_host) == "shortener"


def shortener_hosts() -> list[str]:
    """The shortener hosts (each also covers its subdomains), sorted: for SQL filters."""
    return sorted(h for h, kind in _rules().subtree.items() if kind == "shortener")


def unwrap_redirect(url: str) -> str | None:
    """The URL a query-string redirector points to (followed through nested ones), else None."""
    current, found = url, None
    for _ in range(MAX_UNWRAP):
        target = _one_redirect(current)
        if target is None or target == current:
            break
        found = current = target
    return found


def _one_redirect(url: str) -> str | None:
    try:
        parts = urlsplit(url.strip())
    except ValueError:
        return None
    host = (parts.hostname or "").lower()
    for rule_host, path, parameter in _rules().redirectors:
        if host != rule_host and not host.endswith("." + rule_host):
            continue
        if not _path_matches(parts.path or "/", path):
            continue
        if parameter == "*":
            candidate = unquote(parts.query)
        else:
            values = [
                v for k, v in parse_qsl(parts.query, keep_blank_values=True) if k == parameter
            ]
            candidate = values[0] if values else ""
        if candidate.lower().startswith(("http://", "https://")):
            return candidate
    return None


def _path_matches(path: str, rule: str) -> bool:
    if rule == "*":
        return True
    if rule.endswith("/") and rule != "/":
        return path.startswith(rule)
    return path == rule
