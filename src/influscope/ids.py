"""Canonical ids, written once: ``platform:native_id`` for documents, ``platform:handle`` for actors.

Every layer builds ids: mappers in Python (one record at a time), the bulk
import and the derivation of mentions and links in DuckDB SQL (millions of rows
at once). Both forms live here, side by side, and
``tests/test_ids.py`` pins that they agree on awkward input (case, white space,
``@``, Unicode), the way the query language's two compilers are pinned.

The rules:

* the platform is trimmed and lower-cased (``Twitter`` and ``twitter`` are one);
* an actor's handle is trimmed, loses its leading ``@`` and is lower-cased
  (handles are case-insensitive on every platform we read); an empty handle
  gives no id (None, NULL in SQL) rather than ``twitter:``;
* a site is the actor ``web:<web entity>`` (its host without ``www.``, see
  :func:`influscope.ingest.urls.web_entity`);
* a document id keeps its native part as given, trimmed.

Lower-casing is Unicode's per-character mapping, the one DuckDB's ``lower``
applies. Python's ``str.lower`` differs from it in two places only (``İ``
becomes ``i̇``, two characters, and a final ``Σ`` becomes ``ς``), so
:func:`lower` maps character by character: the same handle gives the same id
whether a record took the record path or the bulk path.

White space is Python's (``str.isspace``: 29 characters, no-break spaces
included); the SQL form trims exactly that set, where DuckDB's plain ``trim``
would only remove spaces.
"""

from __future__ import annotations

import re
from typing import Final

WEB: Final = "web"

# The characters str.strip() removes (str.isspace), spelt out for SQL's trim().
WHITESPACE: Final = "".join(chr(c) for c in range(0x3001) if chr(c).isspace())
# The only code point whose str.lower() is not its one-character lower case
# (Unicode SpecialCasing); DuckDB, like Unicode's simple mapping, gives "i".
_LOWER_EXCEPTIONS: Final = {"\u0130": "i"}
# A reference already written as a canonical id: lower-case ASCII letters, a colon.
_CANONICAL = re.compile(r"^[a-z]+:")


def lower(text: str) -> str:
    """Lower-case ``text`` character by character, as DuckDB's ``lower`` does.

    >>> lower("ΟΔΟΣ"), lower("İzmir")
    ('οδοσ', 'izmir')
    """
    if text.isascii():
        return text.lower()
    return "".join(_LOWER_EXCEPTIONS.get(c) or c.lower() for c in text)


def bare_handle(handle: str) -> str:
    """A handle as shown (the ``actors.handle`` column): trimmed, without leading ``@``.

    >>> bare_handle(" @United ")
    'United'
    """
    return handle.strip().lstrip("@")


def normalise_handle(handle: str) -> str:
    """A handle as ids carry it: :func:`bare_handle`, lower-cased.

    >>> normalise_handle(" @United ")
    'united'
    """
    return lower(bare_handle(handle))


def actor_id(platform: str, handle: str) -> str | None:
    """The actor id of a handle on a platform, or None when the handle is empty.

    >>> actor_id("Twitter", "@United"), actor_id("twitter", " @ ")
    ('twitter:united', None)
    >>> actor_id("mastodon", "Alice@Mastodon.Social")
    'mastodon:alice@mastodon.social'
    """
    name = normalise_handle(handle)
    return f"{lower(platform.strip())}:{name}" if name else None


def web_actor_id(entity: str) -> str | None:
    """The actor id of a site from its web entity (``lemonde.fr`` -> ``web:lemonde.fr``).

    >>> web_actor_id("lemonde.fr")
    'web:lemonde.fr'
    """
    return actor_id(WEB, entity)


def doc_id(platform: str, native_id: str) -> str:
    """The document id ``platform:native_id`` (platform lower-cased, both trimmed).

    >>> doc_id("Twitter", " 42 ")
    'twitter:42'
    """
    return f"{lower(platform.strip())}:{native_id.strip()}"


def doc_ref(platform: str, value: str) -> str | None:
    """A reference to a document (``reply_to``, ``repost_of``…) as a canonical id.

    A value already written ``platform:id`` (lower-case letters, a colon) is
    kept; a bare native id gets the platform. Empty gives None.

    >>> doc_ref("twitter", "42"), doc_ref("twitter", "mastodon:7")
    ('twitter:42', 'mastodon:7')
    """
    text = value.strip()
    if not text:
        return None
    return text if _CANONICAL.match(text) else doc_id(platform, text)


def split_id(canonical_id: str) -> tuple[str, str]:
    """Split ``platform:native`` into its two parts (the native part may hold colons).

    >>> split_id("web:example.org:8080")
    ('web', 'example.org:8080')
    """
    platform, _, native = canonical_id.partition(":")
    return platform, native


def native_of(canonical_id: str) -> str:
    """The native part of a canonical id (everything after the first colon; "" without one).

    >>> native_of("web:https://example.org/a")
    'https://example.org/a'
    """
    return canonical_id.partition(":")[2]


def platform_of(canonical_id: str) -> str:
    """The platform of a canonical id.

    >>> platform_of("twitter:united")
    'twitter'
    """
    return canonical_id.partition(":")[0]


def is_web(canonical_id: str) -> bool:
    """Whether an id designates a site (``web:…``) rather than an account or a post."""
    return platform_of(canonical_id) == WEB


# -- the same rules as DuckDB SQL expressions ----------------------------------------
# Each builder takes SQL expressions (column names, or literals from sql_string)
# and returns one SQL expression; NULL in gives NULL out.


def sql_string(value: str) -> str:
    """A SQL string literal (quotes doubled)."""
    return "'" + value.replace("'", "''") + "'"


_TRIM_SET = sql_string(WHITESPACE)


def trim_sql(expr: str) -> str:
    """``expr`` without leading or trailing white space (:data:`WHITESPACE`).

    DuckDB's ``trim`` with a set of characters costs ten times a plain one
    (measured: 1.2 s of CPU per million values), so a value whose first and
    last characters are visible ASCII (all white space is below ``!`` or beyond
    ASCII), which is almost every id, is kept as it is without calling it.
    """
    ends = f"ord(left({expr}, 1)) BETWEEN 33 AND 126 AND ord(right({expr}, 1)) BETWEEN 33 AND 126"
    return f"(CASE WHEN {ends} THEN {expr} ELSE trim({expr}, {_TRIM_SET}) END)"


def bare_handle_sql(handle: str) -> str:
    """SQL form of :func:`bare_handle`."""
    return f"ltrim({trim_sql(handle)}, '@')"


def normalise_handle_sql(handle: str) -> str:
    """SQL form of :func:`normalise_handle`."""
    return f"lower({bare_handle_sql(handle)})"


def actor_id_sql(platform: str, handle: str) -> str:
    """SQL form of :func:`actor_id` (NULL for an empty handle)."""
    return f"(lower({trim_sql(platform)}) || ':' || nullif({normalise_handle_sql(handle)}, ''))"


def web_actor_id_sql(entity: str) -> str:
    """SQL form of :func:`web_actor_id`."""
    return actor_id_sql(sql_string(WEB), entity)


def doc_id_sql(platform: str, native_id: str) -> str:
    """SQL form of :func:`doc_id`."""
    return f"(lower({trim_sql(platform)}) || ':' || {trim_sql(native_id)})"


def doc_ref_sql(platform: str, value: str) -> str:
    """SQL form of :func:`doc_ref`."""
    text = trim_sql(value)
    return (
        f"(CASE WHEN {text} = '' THEN NULL WHEN regexp_matches({text}, '^[a-z]+:') "
        f"THEN {text} ELSE {doc_id_sql(platform, text)} END)"
    )


def platform_of_sql(canonical_id: str) -> str:
    """SQL form of :func:`platform_of`."""
    return f"split_part({canonical_id}, ':', 1)"


def native_of_sql(canonical_id: str) -> str:
    """SQL form of :func:`native_of`."""
    colon = f"strpos({canonical_id}, ':')"
    return f"(CASE WHEN {colon} > 0 THEN substr({canonical_id}, {colon} + 1) ELSE '' END)"
